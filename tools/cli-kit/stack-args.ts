// The arguments every stack-judging CLI takes alike (`npm run check`,
// `npm run preview:local`): the project folder, the stacks in it, another roster,
// a date to judge as of. One reading and one set of messages, so that the two
// tools that must agree also refuse the same bad arguments the same way (exit 2).

import * as fs from "fs";
import * as path from "path";
import { isCalendarDay } from "../../model/dates";

/** Bad arguments: the CLI prints the message and its usage, and exits 2. */
export class UsageError extends Error {}

export interface StackSelection {
    projectDir: string;
    stacks: string[];
}

/** The project folder (it must hold Pulumi.yaml) and the stacks named, or every Pulumi.<stack>.yaml in it. */
export function selectStacks(projectDirArg: string, stackArgs: string[] | undefined): StackSelection {
    const projectDir = path.resolve(projectDirArg);
    if (!fs.existsSync(path.join(projectDir, "Pulumi.yaml"))) throw new UsageError(`${projectDir} has no Pulumi.yaml; give the project folder with --project-dir`);
    const stacks = stackArgs ?? stackNames(projectDir);
    if (stacks.length === 0) throw new UsageError(`no Pulumi.<stack>.yaml in ${projectDir}`);
    return { projectDir, stacks };
}

/** Every stack of the project: the <stack> of each Pulumi.<stack>.yaml in it, sorted. */
export function stackNames(projectDir: string): string[] {
    return fs.readdirSync(projectDir).map(f => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => !!s).sort();
}

/** --roster must name a folder (the roster is a folder of files). */
export function checkRosterArg(roster: string | undefined): void {
    if (roster === undefined) return;
    const stat = fs.statSync(roster, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`--roster ${roster}: no such folder`);
    if (!stat.isDirectory()) throw new UsageError(`--roster ${roster}: is a file; give the roster folder (the one that holds people.yaml)`);
}

/** --as-of takes a day the calendar has, YYYY-MM-DD. */
export function checkAsOf(asOf: string | undefined): void {
    if (asOf !== undefined && !isCalendarDay(asOf)) throw new UsageError(`--as-of must be a real calendar day YYYY-MM-DD, not "${asOf}"`);
}
