// Loads the roster directory: parses each file with line numbers, validates it
// against the schema, then checks the references between files. Every problem
// in every file is collected; any problem means an InputError and no roster.

import * as fs from "fs";
import * as path from "path";
import { InputError, Problem } from "../errors";
import { YamlFile } from "../yaml-file";
import { describeIssue } from "../schema-issues";
import { ContactsOnFile, FILES, INDEPENDENT, Organization, Person, ServiceMigration, Subproject, WorkingGroup } from "./schema";
import { SERVICE_IDS, ServiceId } from "../services";
import { Organizations, isIndependent } from "./organizations";
import { personalDataAdvice, personalDataIn, stringLeaves } from "../personal-data";

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
    /** Where a subproject or a person is written down, for messages that point at the line to change. */
    locate(kind: "subproject" | "person", key: string): Location;
}

type FileName = keyof typeof FILES;
type Parsed = { [F in FileName]: { file: YamlFile; data: import("zod").infer<(typeof FILES)[F]> } };

/** Loads and checks the roster in `dir`; `displayDir` is how messages name the folder. */
export function loadRoster(dir: string, displayDir = path.relative(process.cwd(), dir) || "."): Roster {
    const problems: Problem[] = [];
    const parsed: Partial<Parsed> = {};
    for (const name of Object.keys(FILES) as FileName[]) {
        const abs = path.join(dir, name);
        const display = path.join(displayDir, name);
        if (!fs.existsSync(abs)) {
            problems.push({ file: display, message: `is missing; the roster needs ${Object.keys(FILES).join(", ")}` });
            continue;
        }
        const file = YamlFile.read(abs, display);
        if (!file.ok) {
            problems.push(...file.problems);
            continue;
        }
        const data = file.toJS() ?? {};
        problems.push(...personalDataProblems(file, data));
        const result = FILES[name].safeParse(data);
        if (!result.success) {
            for (const issue of result.error.issues) {
                const { path: at, message } = describeIssue(issue, "check the spelling against roster/README.md");
                problems.push(file.problem(at, message));
            }
            continue;
        }
        (parsed as Record<string, unknown>)[name] = { file, data: result.data };
    }
    if (problems.length > 0 || !isComplete(parsed)) {
        throw new InputError(`roster (${displayDir}/)`, problems);
    }
    const roster = crossReference(parsed, problems);
    if (problems.length > 0) {
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

function isComplete(p: Partial<Parsed>): p is Parsed {
    return (Object.keys(FILES) as FileName[]).every(name => p[name] !== undefined);
}

function crossReference(p: Parsed, problems: Problem[]): Roster {
    const orgFile = p["organizations.yaml"].file;
    const orgList = p["organizations.yaml"].data.organizations as Organization[];
    const organizations = new Organizations(orgList);

    // Organizations: unique names and aliases, known parents, no cycles.
    const orgKeys = new Map<string, string>();
    orgList.forEach((org, i) => {
        [org.name, ...org.aliases].forEach((key, k) => {
            const norm = key.trim().toLowerCase();
            const owner = orgKeys.get(norm);
            const at = k === 0 ? ["organizations", i, "name"] : ["organizations", i, "aliases", k - 1];
            if (norm === INDEPENDENT) {
                problems.push(orgFile.problem(at, `"${key}" is reserved for people with no affiliation`));
            } else if (owner !== undefined) {
                problems.push(orgFile.problem(at, `"${key}" is already used by organization ${owner}; each name or alias may appear once`));
            } else {
                orgKeys.set(norm, org.name);
            }
        });
        if (org.parent !== undefined) {
            if (!organizations.find(org.parent)) {
                problems.push(orgFile.problem(["organizations", i, "parent"], `unknown organization "${org.parent}"; add it to organizations.yaml`));
            } else if (organizations.chain(org.name).cycle) {
                problems.push(orgFile.problem(["organizations", i, "parent"], `parents form a cycle (${organizations.chain(org.name).names.join(" -> ")})`));
            }
        }
    });

    // People: unique handles, known affiliations.
    const peopleFile = p["people.yaml"].file;
    const peopleList = p["people.yaml"].data.people as Person[];
    const people = new Map<string, Person>();
    const personIndex = new Map<string, number>();
    peopleList.forEach((person, i) => {
        const key = person.github.toLowerCase();
        if (people.has(key)) {
            problems.push(peopleFile.problem(["people", i, "github"], `${person.github} is listed twice (first at line ${peopleFile.lineOf(["people", personIndex.get(key)!])}); keep one entry`));
            return;
        }
        people.set(key, person);
        personIndex.set(key, i);
        if (!isIndependent(person.affiliation) && !organizations.find(person.affiliation)) {
            problems.push(peopleFile.problem(["people", i, "affiliation"], `unknown organization "${person.affiliation}"; add it (or an alias) to organizations.yaml, or write "${INDEPENDENT}"`));
        }
    });
    const knownHandle = (h: string) => people.has(h.toLowerCase());
    peopleList.forEach((person, i) => {
        person.vetting?.vouchedBy.forEach((h, k) => {
            if (!knownHandle(h)) {
                problems.push(peopleFile.problem(["people", i, "vetting", "vouchedBy", k], `unknown person "${h}"; add them to people.yaml first`));
            }
        });
    });

    // Subprojects: unique names, known owners listed once, each service owned once, waivers only while bootstrapping.
    const subFile = p["subprojects.yaml"].file;
    const subprojects = p["subprojects.yaml"].data.subprojects as Subproject[];
    const subIndex = new Map<string, number>();
    const serviceOwner = new Map<string, string>();
    subprojects.forEach((sub, i) => {
        if (subIndex.has(sub.name)) {
            problems.push(subFile.problem(["subprojects", i, "name"], `subproject ${sub.name} is defined twice; merge the entries`));
        } else {
            subIndex.set(sub.name, i);
        }
        const seen = new Set<string>();
        sub.owners.forEach((h, k) => {
            const at = ["subprojects", i, "owners", k];
            if (!knownHandle(h)) {
                problems.push(subFile.problem(at, `unknown person "${h}"; add them to people.yaml first`));
            } else if (seen.has(h.toLowerCase())) {
                problems.push(subFile.problem(at, `${h} is listed twice as an owner of ${sub.name}`));
            }
            seen.add(h.toLowerCase());
        });
        sub.services.forEach((svc, k) => {
            const other = serviceOwner.get(svc);
            if (other !== undefined && other !== sub.name) {
                problems.push(subFile.problem(["subprojects", i, "services", k], `service ${svc} is already owned by ${other}; a service has one owning subproject`));
            }
            serviceOwner.set(svc, sub.name);
        });
        sub.waivers.forEach((_, k) => {
            if (sub.phase !== "bootstrapping") {
                problems.push(subFile.problem(["subprojects", i, "waivers", k], `waivers are for bootstrapping subprojects; ${sub.name} is ${sub.phase}: remove the waiver or set phase: bootstrapping`));
            }
        });
    });

    // The working group: known leads.
    const wgFile = p["working-group.yaml"].file;
    const workingGroup = p["working-group.yaml"].data.workingGroup as WorkingGroup;
    workingGroup.leads.forEach((h, k) => {
        if (!knownHandle(h)) {
            problems.push(wgFile.problem(["workingGroup", "leads", k], `unknown person "${h}"; add them to people.yaml first`));
        }
    });

    // Services: every charter service has a migration record.
    const svcFile = p["services.yaml"].file;
    const migration = p["services.yaml"].data.services as Record<ServiceId, ServiceMigration>;
    for (const id of SERVICE_IDS) {
        if (!migration[id]) {
            problems.push(svcFile.problem(["services"], `service ${id} has no migration record; add previously, status and sig for it`));
        }
    }

    // Contacts on file: only for people in the roster.
    const contactsFile = p["contacts-on-file.yaml"].file;
    const contactsOnFile = new Map<string, ContactsOnFile>();
    for (const [handle, fields] of Object.entries(p["contacts-on-file.yaml"].data.contactsOnFile as Record<string, ContactsOnFile>)) {
        if (!knownHandle(handle)) {
            problems.push(contactsFile.problem(["contactsOnFile", handle], `unknown person "${handle}"; add them to people.yaml first`));
        }
        contactsOnFile.set(handle.toLowerCase(), fields);
    }

    return {
        organizations,
        people,
        contactsOnFile,
        subprojects,
        workingGroup,
        migration,
        locate(kind, key) {
            if (kind === "subproject") {
                const i = subIndex.get(key);
                return { file: subFile.file, line: i === undefined ? undefined : subFile.lineOf(["subprojects", i]) };
            }
            const i = personIndex.get(key.toLowerCase());
            return { file: peopleFile.file, line: i === undefined ? undefined : peopleFile.lineOf(["people", i]) };
        },
    };
}
