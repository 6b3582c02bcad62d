/** @type {import('jest').Config} */
// `npm run test:roster-edit`: a roster edit the check accepts, then the whole unit
// suite in a clone (tests/roster-edit/). Slow, so it is kept out of `npm test`;
// .ci/run runs it.
module.exports = {
    preset: "ts-jest",
    testEnvironment: "node",
    roots: ["<rootDir>/tests/roster-edit"],
    transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: { isolatedModules: true } }] },
    testTimeout: 40 * 60_000,
    // One suite at a time: each runs the check (and one the whole unit suite) in a clone.
    maxWorkers: 1,
    reporters: ["default", "<rootDir>/tests/helpers/summary-reporter.js"],
};
