// The flags of every CLI, read one way: strictly (an unknown flag or a stray
// argument is bad input, exit 2 with the usage), with --help / -h printing the
// usage and exiting 0. One reading, so that the tools refuse alike.

import { ParseArgsConfig, parseArgs } from "util";
import { UsageError } from "./stack-args";

type Options = NonNullable<ParseArgsConfig["options"]>;
/** What parseArgs gives for each flag (a flag with a default is always there; the callers know which). */
export type FlagValues<O extends Options> = {
    [K in keyof O]: O[K] extends { type: "boolean" } ? boolean | undefined : O[K] extends { multiple: true } ? string[] | undefined : string | undefined
};

/** The flags' values; --help prints `usage` and exits 0; anything parseArgs refuses is a UsageError. */
export function parseFlags<O extends Options>(argv: string[], options: O, usage: string): FlagValues<O> {
    let values: Record<string, unknown>;
    try {
        values = parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false }).values;
    } catch (err) {
        throw new UsageError((err as Error).message);
    }
    if (values.help) {
        process.stdout.write(usage + "\n");
        process.exit(0);
    }
    return values as FlagValues<O>;
}
