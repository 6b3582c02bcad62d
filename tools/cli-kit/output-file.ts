// `--output FILE`, checked before any work: its folder must exist, it must not be a
// folder, and it must not be one of the command's inputs (a report written over the
// event log it reads, over a stack file or into the roster). Each is bad input
// (UsageError, exit 2) instead of a crash after the work, or a lost input.

import * as fs from "fs";
import * as path from "path";
import { UsageError } from "./stack-args";

export interface Inputs {
    /** Files the command reads. */
    files?: (string | undefined)[];
    /** Folders every file of which the command reads (a roster, an inventory). */
    folders?: (string | undefined)[];
}

/** Throws a UsageError when `output` cannot be written, or would overwrite one of `inputs`. */
export function checkOutput(output: string | undefined, inputs: Inputs = {}, flag = "--output"): void {
    if (output === undefined) return;
    if (output === "") throw new UsageError(`${flag} needs a file name`);
    const abs = path.resolve(output);
    const folder = fs.statSync(path.dirname(abs), { throwIfNoEntry: false });
    if (!folder) throw new UsageError(`${flag} ${output}: the folder ${path.dirname(abs)} does not exist; create it first or write elsewhere`);
    if (!folder.isDirectory()) throw new UsageError(`${flag} ${output}: ${path.dirname(abs)} is a file, not a folder`);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (stat?.isDirectory()) throw new UsageError(`${flag} ${output}: is a folder; give a file name`);
    const real = realOf(abs);
    for (const file of inputs.files ?? []) {
        if (file === undefined) continue;
        const other = fs.statSync(file, { throwIfNoEntry: false });
        const same = stat && other ? stat.dev === other.dev && stat.ino === other.ino : realOf(path.resolve(file)) === real;
        if (same) throw new UsageError(`${flag} ${output}: is ${file}, one of this command's inputs; write the output elsewhere`);
    }
    for (const dir of inputs.folders ?? []) {
        if (dir === undefined) continue;
        const inside = path.relative(realOf(path.resolve(dir)), real);
        if (inside !== "" && !inside.startsWith("..") && !path.isAbsolute(inside)) {
            throw new UsageError(`${flag} ${output}: is inside ${dir}, which this command reads; write the output elsewhere`);
        }
    }
}

/** The real path of `abs`, or of its folder joined with its name when it does not exist yet. */
function realOf(abs: string): string {
    try {
        return fs.realpathSync(abs);
    } catch {
        try { return path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs)); } catch { return abs; }
    }
}

/** What a command reads in `projectDir` (the stacks', or every Pulumi.<stack>.yaml), besides the flags it is given. */
export function projectInputs(projectDir: string, stacks: string[] | undefined, extra: Inputs = {}): Inputs {
    stacks ??= (fs.statSync(projectDir, { throwIfNoEntry: false })?.isDirectory() ? fs.readdirSync(projectDir) : [])
        .map(f => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => !!s);
    return {
        files: [path.join(projectDir, "Pulumi.yaml"), ...stacks.map(s => path.join(projectDir, `Pulumi.${s}.yaml`)), ...(extra.files ?? [])],
        folders: [...["roster", "inventory", "dns"].map(d => path.join(projectDir, d)), ...(extra.folders ?? [])],
    };
}
