/** @type {import('jest').Config} */
// The real-engine suite (npm run test:engine): the pinned Pulumi CLI against the
// stand-in cloud. Slow (real previews of whole stacks), so it is kept out of
// `npm test`; .ci/run runs both.
module.exports = {
    preset: "ts-jest",
    testEnvironment: "node",
    roots: ["<rootDir>/tests/engine"],
    transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: { isolatedModules: true } }] },
    testTimeout: 20 * 60_000,
    maxWorkers: 2,
    reporters: ["default", "<rootDir>/tests/engine/agreement-reporter.js", "<rootDir>/tests/helpers/summary-reporter.js"],
};
