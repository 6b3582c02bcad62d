// Whether the check of this repository finds its generated files stale: a change to
// the roster (or to the code docs come from) without `npm run docs`. Only a check of
// this repository with its own roster compares them: another project folder, or
// another roster (--roster), has no generated files of its own to compare.

import * as fs from "fs";
import * as path from "path";
import { loadRoster } from "../../model/roster/load";
import { staleFiles } from "../docs/stale";
import { REGENERATE, RunNotes } from "../report/generated";

const REPOSITORY = path.resolve(__dirname, "../..");

/** The run notes of a check of `projectDir` (with --roster `rosterArg`, if given). */
export function generatedNotes(projectDir: string, rosterArg: string | undefined): RunNotes {
    if (path.resolve(projectDir) !== REPOSITORY || rosterArg !== undefined) return {};
    const roster = loadRoster(path.join(REPOSITORY, "roster"), "roster");
    const readme = fs.readFileSync(path.join(REPOSITORY, "README.md"), "utf8");
    return { generated: { stale: staleFiles(roster, REPOSITORY, readme), command: REGENERATE } };
}
