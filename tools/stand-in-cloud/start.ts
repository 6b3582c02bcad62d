// Starts the stand-in cloud: one serve.ts process per package, each with its
// state file (<stateDir>/<package>.json) and log (<stateDir>/<package>.log),
// waits for their ports and returns the PULUMI_DEBUG_PROVIDERS value that points
// the engine at them. The processes are stopped by stop(), and also when this
// process exits or is sent SIGINT, SIGTERM or SIGHUP; should it die some other
// way (SIGKILL), each provider exits when its stdin, a pipe from here, closes.

import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PackageName } from "./package-info";
import { track, untrack } from "./reaper";
import { REGISTER } from "../ts-cache";

export interface StandInCloudOptions {
    /** Where the state files (<package>.json) and logs (<package>.log) go; created if missing. */
    stateDir: string;
    /** An inventory file (see README.md) every package reads its own types from. */
    inventory?: string;
    packages: PackageName[];
    /** How long to wait for each provider to print its port (default 60 s). */
    startTimeoutMs?: number;
}

export interface StandInCloud {
    /** Set these in the CLI's environment. */
    env: { PULUMI_DEBUG_PROVIDERS: string };
    ports: Partial<Record<PackageName, number>>;
    /** The provider processes (for diagnostics). */
    pids: Partial<Record<PackageName, number>>;
    stateFiles: Partial<Record<PackageName, string>>;
    stop(): Promise<void>;
}

const SERVE = path.join(__dirname, `serve${path.extname(__filename)}`);
const STOP_GRACE_MS = 5_000;

/** The node arguments that run serve (through the TypeScript loader when this module is TypeScript). */
function serveCommand(): string[] {
    if (SERVE.endsWith(".ts")) return ["-r", REGISTER, SERVE];
    return [SERVE];
}

export async function startStandInCloud(opts: StandInCloudOptions): Promise<StandInCloud> {
    if (opts.packages.length === 0) throw new Error("startStandInCloud: no packages given");
    fs.mkdirSync(opts.stateDir, { recursive: true });
    const children: ChildProcess[] = [];
    const stop = async () => { await Promise.all(children.map(stopChild)); };
    const ports: Partial<Record<PackageName, number>> = {};
    const stateFiles: Partial<Record<PackageName, string>> = {};
    const pids: Partial<Record<PackageName, number>> = {};
    try {
        await Promise.all(opts.packages.map(async pkg => {
            const stateFile = path.join(opts.stateDir, `${pkg}.json`);
            const logFile = path.join(opts.stateDir, `${pkg}.log`);
            const child = spawnProvider(pkg, stateFile, logFile, opts.inventory);
            children.push(child);
            pids[pkg] = child.pid;
            ports[pkg] = await waitForPort(child, pkg, logFile, opts.startTimeoutMs ?? 60_000);
            stateFiles[pkg] = stateFile;
        }));
    } catch (e) {
        await stop();
        throw e;
    }
    const value = opts.packages.map(pkg => `${pkg}:${ports[pkg]}`).join(",");
    return { env: { PULUMI_DEBUG_PROVIDERS: value }, ports, pids, stateFiles, stop };
}

function spawnProvider(pkg: PackageName, stateFile: string, logFile: string, inventory?: string): ChildProcess {
    const args = [...serveCommand(), "--package", pkg, "--state", stateFile, "--exit-with-stdin"];
    if (inventory) args.push("--inventory", path.resolve(inventory));
    const log = fs.openSync(logFile, "a");
    try {
        const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", log], cwd: path.resolve(__dirname, "../..") });
        track(child);
        child.once("exit", () => untrack(child));
        return child;
    } finally {
        fs.closeSync(log);
    }
}

/** Resolves with the port the provider prints first; rejects if it exits, prints something else, or takes too long. */
function waitForPort(child: ChildProcess, pkg: string, logFile: string, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
        let out = "";
        const fail = (why: string) => {
            cleanup();
            reject(new Error(`stand-in cloud for ${pkg} did not start: ${why}${logTail(logFile)}`));
        };
        const timer = setTimeout(() => fail(`no port after ${timeoutMs} ms`), timeoutMs);
        const onExit = (code: number | null, signal: string | null) => fail(`it exited (${signal ?? `code ${code}`})`);
        const onData = (chunk: Buffer) => {
            out += chunk.toString();
            const nl = out.indexOf("\n");
            if (nl < 0) return;
            const line = out.slice(0, nl).trim();
            if (!/^\d+$/.test(line)) return fail(`it printed ${JSON.stringify(line)} instead of a port`);
            cleanup();
            child.stdout?.resume(); // keep draining whatever else it prints
            resolve(Number(line));
        };
        const cleanup = () => {
            clearTimeout(timer);
            child.off("exit", onExit);
            child.stdout?.off("data", onData);
        };
        child.once("exit", onExit);
        child.stdout?.on("data", onData);
    });
}

function logTail(logFile: string): string {
    try {
        const text = fs.readFileSync(logFile, "utf8").trimEnd();
        return text ? `\n--- ${logFile} (end) ---\n${text.split("\n").slice(-20).join("\n")}` : "";
    } catch {
        return "";
    }
}

/** SIGTERM, then SIGKILL if it has not exited after a grace period. */
function stopChild(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise(resolve => {
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
        child.once("exit", () => { clearTimeout(timer); resolve(); });
        child.kill("SIGTERM");
    });
}
