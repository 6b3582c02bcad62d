// Progress of a long run (the check over several stacks, the benchmark, the inventory)
// for the person watching it: one line on stderr, rewritten in place, and only when
// stderr is a terminal. Piped or captured (CI, tests, `2> file`) it writes nothing, so
// logs and the tools' exact stderr stay as they were.

export interface Progress {
    /** Shows `<tool>: <what>` in place of the previous progress line. */
    (what: string): void;
    /** Clears the progress line (before the results are printed). */
    done(): void;
}

/** A progress line for `tool` on `stream` (default stderr), silent unless the stream is a TTY. */
export function progress(tool: string, stream: NodeJS.WriteStream = process.stderr): Progress {
    const tty = stream.isTTY === true;
    let shown = false;
    const show = ((what: string) => {
        if (!tty) return;
        // \r back to the start of the line, \x1b[K erases what a longer previous line left.
        stream.write(`\r${tool}: ${what}\x1b[K`);
        shown = true;
    }) as Progress;
    show.done = () => {
        if (tty && shown) stream.write("\r\x1b[K");
        shown = false;
    };
    return show;
}
