/** @type {import('jest').Config} */
module.exports = {
    preset: "ts-jest",
    testEnvironment: "node",
    roots: ["<rootDir>/tests"],
    // The real-engine suite (jest.engine.config.js, npm run test:engine) and the roster-edit
    // suite (jest.roster-edit.config.js, npm run test:roster-edit) have their own configs.
    testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/engine/", "<rootDir>/tests/roster-edit/"],
    // Transpile only: type errors are caught by `npm run typecheck` (tsc --noEmit).
    transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: { isolatedModules: true } }] },
    testTimeout: 60000,
    // The heavy suites spend their time in child processes (the CLI, the policy pack):
    // two workers keep both cores busy (jest defaults to cores - 1).
    maxWorkers: 2,
    reporters: ["default", "<rootDir>/tests/helpers/summary-reporter.js"],
};
