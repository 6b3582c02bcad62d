/** @type {import('jest').Config} */
module.exports = {
    preset: "ts-jest",
    testEnvironment: "node",
    roots: ["<rootDir>/tests"],
    // The real-engine suite has its own config (jest.engine.config.js, npm run test:engine).
    testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/engine/"],
    // Transpile only: type errors are caught by `npm run typecheck` (tsc --noEmit).
    transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: { isolatedModules: true } }] },
    testTimeout: 60000,
    // The heavy suites spend their time in child processes (the CLI, the policy pack):
    // two workers keep both cores busy (jest defaults to cores - 1).
    maxWorkers: 2,
    reporters: ["default", "<rootDir>/tests/helpers/summary-reporter.js"],
};
