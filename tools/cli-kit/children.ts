// Every child process a command starts (the policy pack, the Pulumi CLI, a snapshot
// runner) ends with the command: on SIGINT, SIGTERM or SIGHUP the command stops its
// children, waits briefly for them, and exits 128+signal as a shell expects; on any
// exit, children still running are killed. Nothing is left listening.

import type { ChildProcess } from "child_process";

const live = new Set<ChildProcess>();
const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
/** How long children get to stop on SIGTERM before SIGKILL. */
const GRACE_MS = 2000;
let installed = false;
/** The terminating signal being handled, once one came. */
let stoppingOn: string | undefined;

/** The signal the command is stopping on, if any: from then on, what fails is the stop's doing, not a fault. */
export function stopSignal(): string | undefined {
    return stoppingOn;
}

/** Registers `child` so that it ends with this process. */
export function trackChild<C extends ChildProcess>(child: C): C {
    live.add(child);
    child.once("exit", () => live.delete(child));
    installExitHook();
    return child;
}

function installExitHook(): void {
    if (installed) return;
    installed = true;
    process.on("exit", () => { for (const c of live) c.kill("SIGKILL"); });
}

/** Stops every tracked child: SIGTERM, then SIGKILL after the grace period. */
export async function stopChildren(): Promise<void> {
    const running = [...live].filter(c => c.exitCode === null && c.signalCode === null);
    const exited = running.map(c => new Promise<void>(resolve => { c.once("exit", () => resolve()); }));
    for (const c of running) c.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>(resolve => { timer = setTimeout(resolve, GRACE_MS); });
    await Promise.race([Promise.all(exited), grace]);
    clearTimeout(timer);
    for (const c of live) c.kill("SIGKILL");
}

/** For a command's entry point: on a terminating signal, stop the children and exit 128+signal. */
export function endChildrenOnSignal(tool: string): void {
    installExitHook();
    for (const [name, num] of Object.entries(SIGNALS)) {
        process.once(name as NodeJS.Signals, () => {
            stoppingOn = name;
            process.stderr.write(`${tool}: ${name}: stopping\n`);
            stopChildren().finally(() => process.exit(128 + num));
        });
    }
}
