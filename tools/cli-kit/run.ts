// One way for every `npm run` tool to end, so that they all keep the README's exit-code
// contract: 0 ok, 1 a finding that blocks (the tool's own main returns it), 2 bad input
// (a UsageError: the message and the usage; an InputError: its problems), 3 an internal
// fault. A fault prints `<tool>: internal error: <message>` and no stack trace: the
// trace of transpiled code says nothing to the person running the tool, and a trace in
// the output reads like the input's fault. Whoever debugs the tool gets it with
// K8S_INFRA_DEBUG=1 (or --debug, in the tools that have that flag).

import { InputError } from "../../model/errors";
import { stopSignal } from "./children";
import { UsageError } from "./stack-args";

/** A tool's work: its arguments in, its exit code (0 or 1; 2 when it reports bad input itself) out. */
export type CliMain = (argv: string[]) => number | Promise<number>;

export interface RunOptions {
    /** End with process.exit once main is done (for tools whose libraries leave handles open). */
    exit?: boolean;
    /** The arguments (default: process.argv after the script). */
    argv?: string[];
}

/** The environment variable that puts the stack trace in an internal error. */
export const DEBUG_ENV = "K8S_INFRA_DEBUG";

/** What a tool prints (on stderr) and exits with when `err` escaped its main. */
export function failure(name: string, usage: string, err: unknown, debug: boolean): { code: 2 | 3; text: string } {
    if (err instanceof UsageError) return { code: 2, text: `${name}: ${err.message}\n${usage}\n` };
    if (err instanceof InputError) return { code: 2, text: `${name}: ${err.message}\n` };
    const message = err instanceof Error ? err.message : String(err);
    const trace = debug && err instanceof Error && err.stack ? `${err.stack}\n` : `(set ${DEBUG_ENV}=1 for the stack trace)\n`;
    return { code: 3, text: `${name}: internal error: ${message}\n${trace}` };
}

/** Whether an internal error should carry its stack trace. */
export function debugging(argv: readonly string[]): boolean {
    const env = process.env[DEBUG_ENV];
    return (env !== undefined && env !== "" && env !== "0" && env !== "false") || argv.includes("--debug");
}

/** 128 + SIGPIPE: how a shell sees a writer whose reader stopped reading (`| head -1`). */
export const CLOSED_PIPE_EXIT = 141;

/**
 * A reader that closes the pipe early (`npm run -s adopt ... | head -1`) ends the tool at
 * once and quietly, as SIGPIPE ends a C program: Node ignores the signal and would throw
 * EPIPE, with a stack trace, from the next write.
 */
function endQuietlyOnClosedPipe(): void {
    for (const stream of [process.stdout, process.stderr]) {
        stream.on("error", (err: NodeJS.ErrnoException) => {
            if (err.code === "EPIPE") process.exit(CLOSED_PIPE_EXIT);
            throw err;
        });
    }
}

/** Runs a tool's main and ends the process by the contract; resolves to the exit code. */
export async function runCli(name: string, usage: string, main: CliMain, options: RunOptions = {}): Promise<number> {
    const argv = options.argv ?? process.argv.slice(2);
    endQuietlyOnClosedPipe();
    let code: number;
    try {
        code = await main(argv);
    } catch (err) {
        // A call cut off by the stop (the pack killed mid-handshake) is no fault: the
        // signal handler ends the process with 128+signal once the children are gone.
        if (stopSignal()) return new Promise<number>(() => undefined);
        const out = failure(name, usage, err, debugging(argv));
        process.stderr.write(out.text);
        code = out.code;
    }
    process.exitCode = code;
    if (options.exit) {
        // process.exit drops what a pipe has not taken yet (a plan's JSON stopped at 128 KiB).
        await flushed();
        process.exit(code);
    }
    return code;
}

/** Resolves once everything written so far to stdout and stderr has been handed on (writes keep their order). */
function flushed(): Promise<void> {
    const drained = (stream: NodeJS.WriteStream) => new Promise<void>(resolve => stream.write("", () => resolve()));
    return Promise.all([drained(process.stdout), drained(process.stderr)]).then(() => undefined);
}
