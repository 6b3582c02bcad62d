// One real `pulumi preview --policy-pack policy-pack --event-log FILE` of a stack,
// in a throwaway workspace, against the stand-in cloud. What it returns is what the
// report is made from: the event log, the CLI's exit code and output, and the
// problems the program wrote when its input was bad (K8S_INFRA_PROBLEMS_FILE).

import { spawn } from "child_process";
import { trackChild } from "../cli-kit/children";
import * as fs from "fs";
import * as path from "path";
import type { Problem } from "../../model/errors";
import type { PinnedCli } from "../pulumi-cli/pinned";
import type { Workspace } from "./workspace";

export interface PreviewOptions {
    cli: PinnedCli;
    workspace: Workspace;
    projectDir: string;
    stack: string;
    /** The stand-in cloud's PULUMI_DEBUG_PROVIDERS and the like. */
    cloudEnv: Record<string, string>;
    /** A JSON file for --policy-pack-config, when there is one. */
    policyPackConfig?: string;
    /** Extra CLI arguments (e.g. --save-plan FILE, --expect-no-changes). */
    extraArgs?: string[];
    /** The engine's own time limit for the run; the CLI is stopped after it. */
    timeoutMs?: number;
}

export interface PreviewRun {
    stack: string;
    exitCode: number | null;
    eventLog: string;
    /** The CLI's stdout and stderr, interleaved as written. */
    output: string;
    /** Bad input the program reported (its InputError), as data. */
    problems?: { subject: string; problems: Problem[] };
    seconds: number;
    timedOut: boolean;
}

const DEFAULT_TIMEOUT_MS = 15 * 60_000;

export function runPreview(opts: PreviewOptions): Promise<PreviewRun> {
    const eventLog = path.join(opts.workspace.dir, `events-${opts.stack}.jsonl`);
    const problemsFile = path.join(opts.workspace.dir, `problems-${opts.stack}.json`);
    const args = ["preview", "--stack", opts.stack, "--cwd", opts.projectDir, "--config-file", opts.workspace.configFile,
        "--policy-pack", path.join(opts.projectDir, "policy-pack"), "--event-log", eventLog,
        "--non-interactive", "--color", "never", "--suppress-progress", "--skip-plugin-pre-install",
        ...(opts.policyPackConfig ? ["--policy-pack-config", opts.policyPackConfig] : []), ...(opts.extraArgs ?? [])];
    const env = { ...opts.workspace.env, ...opts.cloudEnv, K8S_INFRA_PROBLEMS_FILE: problemsFile };
    const started = Date.now();
    return new Promise((resolve, reject) => {
        const child = trackChild(spawn(opts.cli.pulumi, args, { cwd: opts.projectDir, env, stdio: ["ignore", "pipe", "pipe"] }));
        let output = "";
        child.stdout.on("data", d => { output += d; });
        child.stderr.on("data", d => { output += d; });
        let timedOut = false;
        const timer = setTimeout(() => { timedOut = true; child.kill("SIGTERM"); }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
        const stop = () => child.kill("SIGTERM");
        process.once("exit", stop);
        child.on("error", err => { clearTimeout(timer); reject(err); });
        child.on("close", code => {
            clearTimeout(timer);
            process.removeListener("exit", stop);
            const problems = fs.existsSync(problemsFile) ? JSON.parse(fs.readFileSync(problemsFile, "utf8")) : undefined;
            resolve({ stack: opts.stack, exitCode: code, eventLog, output, problems, seconds: (Date.now() - started) / 1000, timedOut });
        });
    });
}
