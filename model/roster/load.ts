// Loads the roster directory: refuses files it would not read, parses each roster
// file with line numbers, refuses control characters and contact details in it,
// validates it against the schema, then checks the references between files
// (crossref.ts) on every record that passed (salvage.ts), so that one run lists
// schema and cross-reference problems together. Every problem in every file is
// collected; any problem means an InputError and no roster.

import * as fs from "fs";
import * as path from "path";
import { InputError, Problem } from "../errors";
import { YamlFile } from "../yaml-file";
import { describeIssue } from "../schema-issues";
import { ContactsOnFile, FILES, OPTIONAL_FILES, Person, ServiceMigration, StagingArea, Subproject, WorkingGroup } from "./schema";
import { ServiceId } from "../services";
import { Organizations } from "./organizations";
import { personalDataAdvice, personalDataIn, stringLeaves } from "../personal-data";
import { controlCharProblems } from "./control-chars";
import { unexpectedEntries } from "./folder";
import { FileName, Parsed, crossReference } from "./crossref";
import { noneRefused, salvage } from "./salvage";

export interface Location {
    file: string;
    line?: number;
}

export interface Roster {
    organizations: Organizations;
    /** By lowercased GitHub handle (GitHub handles are case-insensitive). */
    people: ReadonlyMap<string, Person>;
    subprojects: readonly Subproject[];
    workingGroup: WorkingGroup;
    /** Each charter service's migration: where it ran before, its status, its SIG. */
    migration: Readonly<Record<ServiceId, ServiceMigration>>;
    /** By lowercased handle: which private contact details the leads hold (dates, never values). */
    contactsOnFile: ReadonlyMap<string, ContactsOnFile>;
    /** The staging areas (k8s-staging-<name>) and their owners; none when staging-areas.yaml is left out. */
    stagingAreas: readonly StagingArea[];
    /** Where a subproject, a staging area or a person (or one field of a person's entry) is written down, for messages that point at the line to change. */
    locate(kind: "subproject" | "staging-area" | "person", key: string, field?: "affiliation"): Location;
}

/** Loads and checks the roster in `dir`; `displayDir` is how messages name the folder. */
export function loadRoster(dir: string, displayDir = path.relative(process.cwd(), dir) || "."): Roster {
    const problems: Problem[] = unexpectedEntries(dir, displayDir, Object.keys(FILES));
    const parsed: Partial<Parsed> = {};
    const refused = noneRefused();
    for (const name of Object.keys(FILES) as FileName[]) {
        const abs = path.join(dir, name);
        const display = path.join(displayDir, name);
        if (!fs.existsSync(abs)) {
            if (OPTIONAL_FILES.includes(name)) {
                (parsed as Record<string, unknown>)[name] = { file: YamlFile.parse("", display), data: FILES[name].parse({}) };
                continue;
            }
            const needed = Object.keys(FILES).filter(f => !OPTIONAL_FILES.includes(f as FileName));
            problems.push({ file: display, message: `is missing; the roster needs ${needed.join(", ")}` });
            continue;
        }
        const file = YamlFile.read(abs, display);
        if (!file.ok) {
            problems.push(...file.problems);
            continue;
        }
        const data = file.toJS() ?? {};
        // A value with control characters is not checked further: other messages would quote it.
        const control = controlCharProblems(file, data);
        if (control.length > 0) {
            problems.push(...control);
            continue;
        }
        problems.push(...personalDataProblems(file, data));
        const result = FILES[name].safeParse(data);
        if (result.success) {
            (parsed as Record<string, unknown>)[name] = { file, data: result.data };
            continue;
        }
        for (const issue of result.error.issues) {
            const { path: at, message } = describeIssue(issue, "check the spelling against roster/README.md", FILES[name]);
            problems.push(file.problem(at, message));
        }
        // The records that pass still take part in the cross-references, in this same run.
        const rest = salvage(name, data, result.error.issues, refused);
        if (rest !== undefined) (parsed as Record<string, unknown>)[name] = { file, data: rest };
    }
    const roster = crossReference(parsed, problems, refused);
    if (problems.length > 0 || !roster) {
        throw new InputError(`roster (${displayDir}/)`, problems);
    }
    return roster;
}

/**
 * Contact details in clear anywhere in a roster file: phone numbers everywhere, and
 * e-mail addresses other than project ones except a person's public `email`.
 */
function personalDataProblems(file: YamlFile, data: unknown): Problem[] {
    const problems: Problem[] = [];
    for (const leaf of stringLeaves(data)) {
        const publicEmail = leaf.path.length === 3 && leaf.path[0] === "people" && leaf.path[2] === "email";
        const kind = personalDataIn(leaf.text, { emails: !publicEmail });
        if (kind) problems.push(file.problem(leaf.path, personalDataAdvice(kind)));
    }
    return problems;
}

