// Runs this project's command-line tools (`npm run check`, `report`, `risk`) in a
// child process, as a user would, and returns exit code, output and, with
// --format json, the parsed document.

import { spawnSync } from "child_process";
import * as path from "path";
import type { CheckDocument } from "../../tools/report/json";
import { REGISTER } from "../../tools/ts-cache";

export const ROOT = path.resolve(__dirname, "../..");

export interface ToolRun<Doc = unknown> {
    code: number | null;
    stdout: string;
    stderr: string;
    json?: Doc;
}

/** Runs tools/<tool>/cli.ts with `args` from the project root. */
export function runTool<Doc = unknown>(tool: "check" | "report" | "risk", args: string[], timeoutMs = 120_000, env: Record<string, string> = {}): ToolRun<Doc> {
    const res = spawnSync(process.execPath, ["-r", REGISTER, `tools/${tool}/cli.ts`, ...args], {
        cwd: ROOT, encoding: "utf8", timeout: timeoutMs, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json"), ...env },
        // A prod check's JSON document passes spawnSync's 1 MiB default (thousands of resources).
        maxBuffer: 256 * 1024 * 1024,
    });
    const run: ToolRun<Doc> = { code: res.status, stdout: res.stdout, stderr: res.stderr };
    const i = args.indexOf("--format");
    if (i >= 0 && args[i + 1] === "json" && res.stdout.trim().startsWith("{")) run.json = JSON.parse(res.stdout) as Doc;
    return run;
}

export type CliRun = ToolRun<CheckDocument>;

export function runCheck(args: string[]): CliRun {
    return runTool<CheckDocument>("check", args);
}
