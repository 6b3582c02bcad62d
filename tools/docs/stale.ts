// Which generated files (tools/docs/generate.ts generatedFiles) differ from what is on
// disk: for `npm run docs -- --check`, and for any report that should say "run
// npm run docs" (the pull request's). Only the comparison lives here: it reads the
// files and returns the list, and never writes, prints or exits.

import * as fs from "fs";
import * as path from "path";
import type { Roster } from "../../model/roster/load";
import { generatedFiles } from "./generate";

export interface StaleFile {
    /** Path from the repository root, as generatedFiles names it. */
    file: string;
    /** stale: on disk with other text; missing: not on disk (or not a file). */
    state: "stale" | "missing";
}

/** The files of `expected` (path from `root` -> the text it must have) whose disk copy differs, in path order. */
export function compareWithDisk(expected: Readonly<Record<string, string>>, root: string): StaleFile[] {
    const out: StaleFile[] = [];
    for (const file of Object.keys(expected).sort()) {
        const abs = path.join(root, file);
        if (!fs.statSync(abs, { throwIfNoEntry: false })?.isFile()) out.push({ file, state: "missing" });
        else if (fs.readFileSync(abs, "utf8") !== expected[file]) out.push({ file, state: "stale" });
    }
    return out;
}

/**
 * Every generated file of the repository at `root` that `npm run docs` would rewrite:
 * generated from `roster` and `readme` (the README's text, whose policy table is
 * generated), compared with the files under `root`. [] when the docs are fresh.
 */
export function staleFiles(roster: Roster, root: string, readme: string): StaleFile[] {
    return compareWithDisk(generatedFiles(roster, readme, root), root);
}
