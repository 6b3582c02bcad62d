// Runs `npm run risk` (tools/risk/cli.ts) in a child process, as a user would, and
// returns its exit code, output and (with --format json) document.

import { spawnSync } from "child_process";
import * as path from "path";
import type { RiskDocument } from "../../tools/risk/report";

export const ROOT = path.resolve(__dirname, "../..");
export const EVENT_LOGS = path.join(ROOT, "tests/fixtures/event-logs");

export interface RiskRun {
    code: number | null;
    stdout: string;
    stderr: string;
    json?: RiskDocument;
}

export function runRisk(args: string[]): RiskRun {
    const res = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "tools/risk/cli.ts", ...args], {
        cwd: ROOT, encoding: "utf8", timeout: 300_000, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") },
    });
    const run: RiskRun = { code: res.status, stdout: res.stdout, stderr: res.stderr };
    if (res.status === 0 && args.join(" ").includes("--format json")) run.json = JSON.parse(res.stdout) as RiskDocument;
    return run;
}
