// The roster's rules that need more than one record: unique names (compared
// after look-alike folding, fold.ts), known people, organizations and parents, a
// service owned once, waivers only while bootstrapping, a start date for every WG
// lead. Runs on the files, or the records of a file, that passed their schema
// (salvage.ts); adds to `problems`.

import type { z } from "zod";
import { Problem } from "../errors";
import { YamlFile } from "../yaml-file";
import { SERVICE_IDS, ServiceId } from "../services";
import { ContactsOnFile, FILES, INDEPENDENT, Organization, Person, ServiceMigration, StagingArea, Subproject, WorkingGroup } from "./schema";
import { Organizations, isIndependent } from "./organizations";
import { foldKey, quoteName } from "./fold";
import { didYouMean } from "../did-you-mean";
import type { Roster } from "./load";
import { Refused, noneRefused } from "./salvage";
import { KnownHandle, checkStagingAreas } from "./staging-areas";

export type FileName = keyof typeof FILES;
export type Parsed = { [F in FileName]: { file: YamlFile; data: z.infer<(typeof FILES)[F]> } };

/** Whether a handle is a person of people.yaml, and the message when it is not (with the nearest handle). */
type Known = KnownHandle;

/** Every name and alias an affiliation may use. */
function organizationNames(organizations: Organizations): string[] {
    return organizations.list.flatMap(o => [o.name, ...o.aliases]);
}

function knownHandles(people: ReadonlyMap<string, Person> | undefined, refused: Refused): Known {
    const handles = [...(people?.values() ?? [])].map(p => p.github);
    // Without a people.yaml that parsed, no handle can be judged unknown.
    return Object.assign((h: string) => !people || people.has(h.toLowerCase()) || refused.handles.has(h.toLowerCase()), {
        unknown: (h: string) => `unknown person "${h}"; add them to people.yaml first.${didYouMean(h, handles)}`,
    });
}

/**
 * Runs every check whose files parsed (wholly, or in part: salvage.ts), adding to
 * `problems`; the roster when every file is there, else undefined.
 */
export function crossReference(p: Partial<Parsed>, problems: Problem[], refused: Refused = noneRefused()): Roster | undefined {
    const orgs = p["organizations.yaml"];
    const organizations = orgs && checkOrganizations(orgs.file, orgs.data.organizations, problems);
    const peopleEntry = p["people.yaml"];
    const checked = peopleEntry && checkPeople(peopleEntry.file, peopleEntry.data.people, organizations, refused, problems);
    const knownHandle = knownHandles(checked?.people, refused);
    const subs = p["subprojects.yaml"];
    const subIndex = subs && checkSubprojects(subs.file, subs.data.subprojects as Subproject[], knownHandle, problems);
    const wg = p["working-group.yaml"];
    if (wg) checkWorkingGroup(wg.file, wg.data.workingGroup as WorkingGroup, knownHandle, problems);
    const services = p["services.yaml"];
    if (services) checkMigration(services.file, services.data.services as Record<ServiceId, ServiceMigration>, refused, problems);
    const contacts = p["contacts-on-file.yaml"];
    const contactsOnFile = contacts && checkContacts(contacts.file, contacts.data.contactsOnFile, knownHandle, problems);
    const areas = p["staging-areas.yaml"];
    const areaIndex = areas && checkStagingAreas(areas.file, areas.data.stagingAreas as StagingArea[], knownHandle, problems);
    if (!organizations || !checked || !subs || !subIndex || !wg || !services || !contactsOnFile || !areas || !areaIndex) return undefined;
    const peopleFile = checked.file;
    return {
        organizations, people: checked.people, contactsOnFile,
        subprojects: subs.data.subprojects as Subproject[],
        workingGroup: wg.data.workingGroup as WorkingGroup,
        migration: services.data.services as Record<ServiceId, ServiceMigration>,
        stagingAreas: areas.data.stagingAreas as StagingArea[],
        locate(kind, key, field) {
            if (kind === "staging-area") {
                const i = areaIndex.get(key);
                return { file: areas.file.file, line: i === undefined ? undefined : areas.file.lineOf(["stagingAreas", i]) };
            }
            if (kind === "subproject") {
                const i = subIndex.get(key);
                return { file: subs.file.file, line: i === undefined ? undefined : subs.file.lineOf(["subprojects", i]) };
            }
            const i = checked.personIndex.get(key.toLowerCase());
            return { file: peopleFile.file, line: i === undefined ? undefined : peopleFile.lineOf(field ? ["people", i, field] : ["people", i]) };
        },
    };
}

/** A migration record for every charter service (a refused record counts as there: its problem is already reported). */
function checkMigration(file: YamlFile, migration: Partial<Record<ServiceId, ServiceMigration>>, refused: Refused, problems: Problem[]): void {
    for (const id of SERVICE_IDS) {
        if (!migration[id] && !refused.services.has(id)) {
            problems.push(file.problem(["services"], `service ${id} has no migration record; add previously, status and sig for it`));
        }
    }
}

/** Names and aliases used once, look-alikes included; "independent" reserved; known parents, no cycles. */
function checkOrganizations(file: YamlFile, list: readonly Organization[], problems: Problem[]): Organizations {
    const organizations = new Organizations(list);
    const seen = new Map<string, { name: string; org: string; line?: number }>();
    list.forEach((org, i) => {
        [org.name, ...org.aliases].forEach((name, k) => {
            const at = k === 0 ? ["organizations", i, "name"] : ["organizations", i, "aliases", k - 1];
            const key = foldKey(name);
            const first = seen.get(key);
            if (key === foldKey(INDEPENDENT)) {
                problems.push(file.problem(at, `${quoteName(name)} is reserved for people with no affiliation`));
            } else if (first && first.name.trim().toLowerCase() === name.trim().toLowerCase()) {
                problems.push(file.problem(at, `"${name}" is already used by organization ${first.org}; each name or alias may appear once`));
            } else if (first) {
                problems.push(file.problem(at, `${quoteName(name)} looks like ${quoteName(first.name)} of organization ${first.org} (line ${first.line}): ` +
                    `look-alike letters or invisible characters would make it count as another organization. ` +
                    `Spell it like the existing name, or drop it (affiliations that look like ${first.org} already count for it)`));
            } else {
                seen.set(key, { name, org: org.name, line: file.lineOf(at) });
            }
        });
        if (org.parent !== undefined) {
            const at = ["organizations", i, "parent"];
            if (!organizations.find(org.parent)) {
                problems.push(file.problem(at, `unknown organization ${quoteName(org.parent)}; add it to organizations.yaml.${didYouMean(org.parent, organizationNames(organizations))}`));
            } else if (organizations.chain(org.name).cycle) {
                problems.push(file.problem(at, `parents form a cycle (${organizations.chain(org.name).names.join(" -> ")})`));
            }
        }
    });
    return organizations;
}

/** Handles used once (case and look-alikes folded), known affiliations, known vouchers. */
function checkPeople(file: YamlFile, list: readonly Person[], organizations: Organizations | undefined, refused: Refused, problems: Problem[]) {
    const people = new Map<string, Person>();
    const personIndex = new Map<string, number>();
    const byFold = new Map<string, number>();
    list.forEach((person, i) => {
        const firstAt = byFold.get(foldKey(person.github));
        if (firstAt !== undefined) {
            const first = list[firstAt];
            const line = file.lineOf(["people", firstAt]);
            problems.push(file.problem(["people", i, "github"], first.github.toLowerCase() === person.github.toLowerCase()
                ? `${person.github} is listed twice (first at line ${line}); keep one entry`
                : `${person.github} looks like ${first.github} (line ${line}): handles a reader could take for one another are one person listed twice, or an impersonation; keep one entry`));
            return;
        }
        byFold.set(foldKey(person.github), i);
        people.set(person.github.toLowerCase(), person);
        personIndex.set(person.github.toLowerCase(), i);
        // Without an organizations.yaml that parsed, no affiliation can be judged unknown.
        if (organizations && !isIndependent(person.affiliation) && !organizations.find(person.affiliation) && !refused.organizations.has(foldKey(person.affiliation))) {
            problems.push(file.problem(["people", i, "affiliation"], `unknown organization ${quoteName(person.affiliation)}; add it (or an alias) to organizations.yaml, or write "${INDEPENDENT}".` +
                didYouMean(person.affiliation, organizationNames(organizations))));
        }
    });
    list.forEach((person, i) => {
        person.vetting?.vouchedBy.forEach((h, k) => {
            if (!people.has(h.toLowerCase()) && !refused.handles.has(h.toLowerCase())) {
                problems.push(file.problem(["people", i, "vetting", "vouchedBy", k], knownHandles(people, refused).unknown(h)));
            }
        });
    });
    return { file, people, personIndex };
}

/** Unique names, known owners listed once, each service owned once, waivers only while bootstrapping. */
function checkSubprojects(file: YamlFile, subprojects: readonly Subproject[], knownHandle: Known, problems: Problem[]): Map<string, number> {
    const subIndex = new Map<string, number>();
    const serviceOwner = new Map<string, string>();
    subprojects.forEach((sub, i) => {
        if (subIndex.has(sub.name)) {
            problems.push(file.problem(["subprojects", i, "name"], `subproject ${sub.name} is defined twice; merge the entries`));
        } else {
            subIndex.set(sub.name, i);
        }
        const seen = new Set<string>();
        sub.owners.forEach((h, k) => {
            const at = ["subprojects", i, "owners", k];
            if (!knownHandle(h)) {
                problems.push(file.problem(at, knownHandle.unknown(h)));
            } else if (seen.has(h.toLowerCase())) {
                problems.push(file.problem(at, `${h} is listed twice as an owner of ${sub.name}`));
            }
            seen.add(h.toLowerCase());
        });
        sub.services.forEach((svc, k) => {
            const other = serviceOwner.get(svc);
            if (other !== undefined && other !== sub.name) {
                problems.push(file.problem(["subprojects", i, "services", k], `service ${svc} is already owned by ${other}; a service has one owning subproject`));
            }
            serviceOwner.set(svc, sub.name);
        });
        sub.waivers.forEach((_, k) => {
            if (sub.phase !== "bootstrapping") {
                problems.push(file.problem(["subprojects", i, "waivers", k], `waivers are for bootstrapping subprojects; ${sub.name} is ${sub.phase}: remove the waiver or set phase: bootstrapping`));
            }
        });
    });
    return subIndex;
}

/** Known leads, each with the day they took office in leadsSince, and no date for anyone else. */
function checkWorkingGroup(file: YamlFile, wg: WorkingGroup, knownHandle: Known, problems: Problem[]): void {
    const since = new Set(Object.keys(wg.leadsSince).map(h => h.toLowerCase()));
    const leads = new Set(wg.leads.map(h => h.toLowerCase()));
    wg.leads.forEach((h, k) => {
        const at = ["workingGroup", "leads", k];
        if (!knownHandle(h)) {
            problems.push(file.problem(at, knownHandle.unknown(h)));
        } else if (!since.has(h.toLowerCase())) {
            problems.push(file.problem(at, `lead ${h} has no date in leadsSince; add "${h}: YYYY-MM-DD", the day they took office (a lead vouches only for owners vetted after it)`));
        }
    });
    for (const h of Object.keys(wg.leadsSince)) {
        if (!leads.has(h.toLowerCase())) {
            problems.push(file.problem(["workingGroup", "leadsSince", h], `${h} is not among the leads; remove the date or add them to leads`));
        }
    }
}

/** Contacts on file only for people in the roster. */
function checkContacts(file: YamlFile, filed: Record<string, ContactsOnFile>, knownHandle: Known, problems: Problem[]): Map<string, ContactsOnFile> {
    const contactsOnFile = new Map<string, ContactsOnFile>();
    for (const [handle, fields] of Object.entries(filed)) {
        if (!knownHandle(handle)) {
            problems.push(file.problem(["contactsOnFile", handle], knownHandle.unknown(handle)));
        }
        contactsOnFile.set(handle.toLowerCase(), fields);
    }
    return contactsOnFile;
}
