// What else is in the roster folder. The loader reads the files in FILES and
// nothing else, so a typo'd `subprojects.yml` holding a new subproject would be
// silently ignored and its staffing never judged. Every entry that is not a roster
// file, README.md or a hidden file (editor swap files, .gitkeep) is refused,
// naming the roster file it probably meant.

import * as fs from "fs";
import * as path from "path";
import type { Problem } from "../errors";
import { closest } from "../did-you-mean";

/** Documentation kept beside the roster files. */
export const ROSTER_DOCS: readonly string[] = ["README.md"];

/** Problems for the entries of `dir` that are neither in `known` nor documentation nor hidden. */
export function unexpectedEntries(dir: string, displayDir: string, known: readonly string[]): Problem[] {
    if (!fs.existsSync(dir)) return [];
    const problems: Problem[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const name = entry.name;
        if (name.startsWith(".") || known.includes(name) || ROSTER_DOCS.includes(name)) continue;
        const guess = closest(name, known);
        const kind = entry.isDirectory() ? "folder" : "file";
        problems.push({
            file: path.join(displayDir, name),
            message: `is not a roster file: the loader reads only ${known.join(", ")} (and ${ROSTER_DOCS.join(", ")}), ` +
                `so this ${kind} would be ignored. ` +
                (guess ? `Did you mean ${guess}? Move its content there and remove it.` : "Move its content into a roster file, or remove it."),
        });
    }
    return problems;
}
