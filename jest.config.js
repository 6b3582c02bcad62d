/** @type {import('jest').Config} */
module.exports = {
    preset: "ts-jest",
    testEnvironment: "node",
    roots: ["<rootDir>/tests"],
    // Transpile only: type errors are caught by `npm run typecheck` (tsc --noEmit).
    transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: { isolatedModules: true } }] },
    testTimeout: 60000,
    reporters: ["default", "<rootDir>/tests/helpers/summary-reporter.js"],
};
