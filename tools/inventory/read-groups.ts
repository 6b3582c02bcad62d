// The kubernetes.io Google Groups, groups/**/groups.yaml, read as k8s.io's
// reconciler reads them (config.yaml for the folders, restrictions.yaml for
// which file may define which group, each group defined once), one inventory
// file per groups.yaml with the members that are people counted, not named.

import * as path from "path";
import { z } from "zod";
import { GroupsFile, INVENTORY_FORMAT } from "../../model/inventory/schema";
import { globMatch } from "./glob";
import { People } from "./people";
import { Source, compare, sortBy } from "./source";

export const GROUPS = "groups";
const ADVICE = "fix the file (the groups reconciler would refuse it too) or teach tools/inventory/read-groups.ts the new form";

const Config = z.looseObject({ "groups-path": z.string().optional(), "restrictions-path": z.string().optional() });
const Restrictions = z.strictObject({
    restrictions: z.array(z.strictObject({ path: z.string(), allowedGroups: z.array(z.string()).optional() })),
});
const GroupYaml = z.strictObject({
    "email-id": z.string().min(1),
    name: z.string(),
    description: z.string().optional(),
    settings: z.record(z.string(), z.string()).optional(),
    owners: z.array(z.string()).optional(),
    managers: z.array(z.string()).optional(),
    members: z.array(z.string()).optional(),
});
const GroupsYaml = z.strictObject({ groups: z.array(GroupYaml).optional() });

type GroupYamlT = z.infer<typeof GroupYaml>;
interface Restriction {
    path: string;
    allowedGroups: string[];
    patterns: RegExp[];
}

interface ReadFile {
    /** Relative to the groups folder, as restrictions.yaml names it. */
    source: string;
    rel: string;
    groups: GroupYamlT[];
    allowed: string[];
    patterns: RegExp[];
}

export interface ReadGroups {
    /** Every email-id the groups files define. */
    emails: string[];
    /** The inventory's groups files (groups/<folder>.yaml), once the people are known. */
    files: (people: People) => { path: string; from: string[]; data: GroupsFile }[];
}

export function readGroups(src: Source): ReadGroups {
    const { groupsDir, restrictionsRel } = readConfig(src);
    const restrictions = restrictionsRel ? readRestrictions(src, restrictionsRel) : [];
    const files: ReadFile[] = [];
    const outputs = new Map<string, string>();
    for (const f of src.walk(groupsDir).filter(f => path.posix.basename(f) === "groups.yaml")) {
        const rel = `${groupsDir}/${f}`;
        const parsed = src.check(rel, GroupsYaml, src.yaml(rel, ADVICE, "go-strings"), ADVICE);
        const restriction = restrictions.find(r => globMatch(r.path, f));
        const out = outputPath(f);
        if (outputs.has(out)) src.problem(rel, `would be written to ${out} like ${outputs.get(out)}; rename one of the folders`);
        outputs.set(out, rel);
        if (parsed) files.push({ source: f, rel, groups: parsed.groups ?? [], allowed: restriction?.allowedGroups ?? [], patterns: restriction?.patterns ?? [] });
    }
    checkGroups(src, files);
    return {
        emails: files.flatMap(f => f.groups.map(g => g["email-id"])),
        files: people => files.map(f => ({ path: outputPath(f.source), from: [f.rel, ...(restrictionsRel ? [restrictionsRel] : [])], data: groupsFile(f, people) })),
    };
}

function readConfig(src: Source): { groupsDir: string; restrictionsRel?: string } {
    const configRel = `${GROUPS}/config.yaml`;
    const config = src.isFile(configRel) ? src.check(configRel, Config, src.yaml(configRel, ADVICE, "go-strings"), ADVICE) : undefined;
    const inTree = (p: string, key: string): string | undefined => {
        const rel = path.posix.normalize(path.posix.join(GROUPS, p)).replace(/\/$/, "");
        if (rel === ".." || rel.startsWith("../") || path.posix.isAbsolute(p)) {
            src.problem(configRel, `${key} ${p} leads out of the k8s.io tree; the inventory reads only --from`);
            return undefined;
        }
        return rel;
    };
    const groupsDir = inTree(config?.["groups-path"] ?? ".", "groups-path") ?? GROUPS;
    const restrictionsRel = inTree(config?.["restrictions-path"] ?? "restrictions.yaml", "restrictions-path");
    if (restrictionsRel && !src.isFile(restrictionsRel)) {
        src.problem(restrictionsRel, "is missing; the groups reconciler needs it to know which file may define which group");
        return { groupsDir };
    }
    return { groupsDir, restrictionsRel };
}

function readRestrictions(src: Source, rel: string): Restriction[] {
    const parsed = src.check(rel, Restrictions, src.yaml(rel, ADVICE, "go-strings"), ADVICE)?.restrictions ?? [];
    return parsed.map((r, i) => ({
        path: r.path,
        allowedGroups: r.allowedGroups ?? [],
        patterns: (r.allowedGroups ?? []).flatMap((p, j) => {
            try {
                return [new RegExp(p)];
            } catch {
                src.problems.push({ file: rel, at: `restrictions[${i}].allowedGroups[${j}]`, message: `${JSON.stringify(p)} is not a regular expression; fix it` });
                return [];
            }
        }),
    }));
}

/** As the reconciler: each group allowed in its file by the first matching restriction, and defined once. */
function checkGroups(src: Source, files: readonly ReadFile[]): void {
    const definedIn = new Map<string, string>();
    for (const f of sortBy(files, x => x.source)) {
        f.groups.forEach((g, i) => {
            const email = g["email-id"].toLowerCase();
            const first = definedIn.get(email);
            if (first) src.problems.push({ file: f.rel, at: `groups[${i}]`, message: `${g["email-id"]} is already defined in ${first}; a group is defined in one file only: remove one` });
            else definedIn.set(email, f.rel);
            if (!f.patterns.some(p => p.test(g["email-id"]))) {
                src.problems.push({ file: f.rel, at: `groups[${i}]`, message: `${g["email-id"]} may not be defined in ${f.source} by restrictions.yaml; add it to the file's allowedGroups or move it` });
            }
        });
    }
}

/** groups/<folder>.yaml (a nested folder a.b for a/b); the root groups.yaml is groups/root.yaml. */
export function outputPath(source: string): string {
    const folder = path.posix.dirname(source);
    // One flat folder of files (the inventory's loader reads groups/*.yaml): a nested folder's path is joined with dots.
    return `groups/${folder === "." ? "root" : folder.replace(/\//g, ".")}.yaml`;
}

function groupsFile(f: ReadFile, people: People): GroupsFile {
    const groups = f.groups.map(g => {
        const owners = people.groupAddresses(g.owners ?? []);
        const managers = people.groupAddresses(g.managers ?? []);
        const members = people.groupAddresses(g.members ?? []);
        const group: GroupsFile["groups"][number] = {
            email: g["email-id"],
            name: g.name,
            settings: Object.fromEntries(Object.entries(g.settings ?? {}).sort(([a], [b]) => compare(a, b))),
            groups: { owners: owners.groups.sort(compare), managers: managers.groups.sort(compare), members: members.groups.sort(compare) },
            people: { owners: owners.people, managers: managers.people, members: members.people },
        };
        if (g.description !== undefined) group.description = g.description;
        if ([owners, managers, members].some(x => x.serviceAccounts.length > 0)) {
            group.serviceAccounts = { owners: owners.serviceAccounts.sort(compare), managers: managers.serviceAccounts.sort(compare), members: members.serviceAccounts.sort(compare) };
        }
        return group;
    });
    return { format: INVENTORY_FORMAT, source: f.source, allowed: [...f.allowed].sort(compare), groups: sortBy(groups, g => g.email) };
}
