// Runs `npm run check` (the offline check's CLI) in a child process, as a user
// would, and returns its exit code, output and (with --format json) document.

import { spawnSync } from "child_process";
import * as path from "path";
import type { CheckDocument } from "../../tools/report/json";

export const ROOT = path.resolve(__dirname, "../..");

export interface CliRun {
    code: number | null;
    stdout: string;
    stderr: string;
    json?: CheckDocument;
}

export function runCheck(args: string[]): CliRun {
    const res = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "tools/check/cli.ts", ...args], {
        cwd: ROOT, encoding: "utf8", timeout: 120_000, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") },
    });
    const run: CliRun = { code: res.status, stdout: res.stdout, stderr: res.stderr };
    if (args.includes("json")) run.json = JSON.parse(res.stdout) as CheckDocument;
    return run;
}
