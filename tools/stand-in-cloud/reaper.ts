// Kills the stand-in cloud's provider processes when the process that started
// them ends: on exit, and on SIGINT, SIGTERM and SIGHUP. A signal handler is in
// place only while a provider runs; after killing them it re-sends the signal
// to this process if nothing else listens for it, so the signal still ends the
// process as it would have without us.

import type { ChildProcess } from "child_process";

const live = new Set<ChildProcess>();
const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function killAll(): void {
    for (const child of live) {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    }
    live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
    killAll();
    uninstall();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
    process.on("exit", killAll);
    for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstall(): void {
    process.off("exit", killAll);
    for (const s of SIGNALS) process.off(s, onSignal);
}

/** Kill this child when the process ends (until untrack). */
export function track(child: ChildProcess): void {
    if (live.size === 0) install();
    live.add(child);
}

export function untrack(child: ChildProcess): void {
    if (!live.delete(child)) return;
    if (live.size === 0) uninstall();
}

/** How many provider processes are tracked (for tests). */
export function trackedCount(): number {
    return live.size;
}
