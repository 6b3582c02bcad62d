// The policy pack's process, started as the CLI's Node.js language host starts it
// (run-policy-pack with the pack's folder, the stack's config in the environment), and
// the port it prints; the Analyzer calls that follow are run-policy-pack.ts's. The check
// starts it before the program runs, as the engine loads its analyzers first.

import { ChildProcess, spawn } from "child_process";
import { trackChild } from "../cli-kit/children";
import { launchProblems, packConfigEnv } from "../stack-config/launch-env";
import { InputError } from "../../model/errors";

const RUN_POLICY_PACK = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");

/**
 * The CLI passes its engine's gRPC address first, but run-policy-pack drops that argument
 * (`argv._.shift()`), and the pack logs through the Engine service only when
 * PULUMI_NODEJS_ENGINE is set, which the CLI does not do for packs: uncaught errors go to
 * stderr. So no Engine service is needed, and this address is never dialled.
 */
export const ENGINE_ADDRESS = "127.0.0.1:0";
const PORT_TIMEOUT_MS = 60_000;

/** What starting the pack needs (the analysis adds the resources and the policy config). */
export interface PackStartOptions {
    packDir: string;
    project: string;
    stack: string;
    dryRun: boolean;
    /** The stack's config, sent with ConfigureStack and as PULUMI_CONFIG (as the CLI does). */
    stackConfig?: Record<string, string>;
    secretKeys?: string[];
    organization?: string;
}

/**
 * Starts the pack ahead of the analysis, as the engine loads its analyzers before it runs
 * the program: the check starts it, runs the program while the pack loads, then passes it
 * to analyzeWithPolicyPack (run-policy-pack.ts). Call stop() if it is not going to be used.
 */
export function startPolicyPack(opts: PackStartOptions): StartedPack {
    const pack = startPack(opts);
    pack.catch(() => { /* reported by analyzeWithPolicyPack, or dropped with stop() */ });
    return { pack, stop: () => { pack.then(p => p.child.kill(), () => undefined); } };
}

export interface StartedPack {
    pack: Promise<Pack>;
    stop(): void;
}

export interface Pack {
    child: ChildProcess;
    port: number;
    output(): string;
    /** The pack's output, formatted to end an error message. */
    tail(): string;
}

/** Starts the pack as the CLI's Node.js language host does, and waits for the port it prints. */
export function startPack(opts: PackStartOptions): Promise<Pack> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of ["PULUMI_CONFIG", "PULUMI_CONFIG_SECRET_KEYS", "PULUMI_NODEJS_ENGINE", "PULUMI_NODEJS_MONITOR"]) delete env[k];
    const set = (k: string, v: string | undefined) => { if (v) env[k] = v; };
    for (const prefix of ["PULUMI_NODEJS_", "PULUMI_"]) {
        set(`${prefix}ORGANIZATION`, opts.organization);
        set(`${prefix}PROJECT`, opts.project);
        set(`${prefix}STACK`, opts.stack);
        set(`${prefix}DRY_RUN`, String(opts.dryRun));
    }
    // As the engine's constructEnv: the whole config in PULUMI_CONFIG, which Linux caps (launch-env.ts).
    const stackConfig = opts.stackConfig ?? {};
    const tooLarge = launchProblems(stackConfig, [], `Pulumi.${opts.stack}.yaml`, ["policy pack"]);
    if (tooLarge.length > 0) return Promise.reject(new InputError(`stack configuration of ${opts.stack}`, tooLarge));
    Object.assign(env, packConfigEnv(stackConfig));

    const child = trackChild(spawn(process.execPath, [RUN_POLICY_PACK, ENGINE_ADDRESS, opts.packDir],
        { cwd: opts.packDir, env, stdio: ["ignore", "pipe", "pipe"] }));
    let output = "";
    let stdout = "";
    let port: number | undefined;
    const tail = () => (output.trim() ? `\n--- policy pack output ---\n${output.trimEnd()}` : "");
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => { output += chunk; });

    return new Promise<Pack>((resolve, reject) => {
        const fail = (message: string) => {
            clearTimeout(timer);
            child.kill();
            // Let the last of stderr arrive before reporting it.
            setImmediate(() => reject(new Error(`policy pack ${opts.packDir}: ${message}${tail()}`)));
        };
        const timer = setTimeout(() => fail(`did not print its port within ${PORT_TIMEOUT_MS / 1000} s`), PORT_TIMEOUT_MS);
        child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
            if (port !== undefined) { output += chunk; return; }
            stdout += chunk;
            const nl = stdout.indexOf("\n");
            if (nl < 0) return;
            const line = stdout.substring(0, nl).trim();
            output += stdout.substring(nl + 1);
            if (!/^\d+$/.test(line)) return fail(`printed ${JSON.stringify(line)} where its port was expected`);
            port = Number(line);
            clearTimeout(timer);
            resolve({ child, port, output: () => output, tail });
        });
        child.on("error", e => fail(`could not be started: ${e.message}`));
        child.on("exit", (code, signal) => {
            if (port === undefined) fail(`exited (${signal ?? `code ${code}`}) before printing its port`);
        });
    });
}
