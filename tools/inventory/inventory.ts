// What `npm run inventory` makes of a k8s.io tree, before anything is written:
// every inventory file (its path, schema, data and where it came from) and
// every problem found on the way. The groups are read first: they decide which
// addresses the other files may name. Projects the tree's audit has not yet come
// from this repository's declared/ folder (tools/inventory/read-declared.ts).

import type { z } from "zod";
import type { Problem } from "../../model/errors";
import { GroupsFile, InfraFile, OrganizationFile, ProjectFile, ZoneFile } from "../../model/inventory/schema";
import { People } from "./people";
import { readZones, ZONE_CONFIGS } from "./read-dns";
import { readGroups } from "./read-groups";
import { INFRA, readInfra } from "./read-infra";
import { ORGANIZATIONS, readOrganization } from "./read-organization";
import { PROJECTS, readProjects } from "./read-projects";
import { DECLARED_DIR, readDeclared } from "./read-declared";
import { Source, sortBy } from "./source";

export interface InventoryFile {
    /** Relative to the inventory folder, e.g. projects/kubernetes-public.yaml */
    path: string;
    schema: z.ZodType;
    /** The k8s.io paths it was made from, relative to the tree (or, for a declared project, its declared/ file). */
    from: string[];
    /** Where `from` is: the k8s.io tree (the default) or this repository's declared/ folder. */
    origin?: "declared";
    data: unknown;
}

export interface Built {
    files: InventoryFile[];
    problems: Problem[];
}

/** `declared`: the declared/ folder to read besides the tree (tools/inventory/read-declared.ts), and how messages name it. */
export function buildInventory(root: string, declared = { dir: DECLARED_DIR, display: "declared" }): Built {
    const src = new Source(root);
    const groups = readGroups(src);
    const people = new People(groups.emails);
    const files: InventoryFile[] = groups.files(people).map(f => ({ path: f.path, schema: GroupsFile, from: f.from, data: f.data }));
    for (const p of readProjects(src, people)) {
        files.push({ path: `projects/${p.id}.yaml`, schema: ProjectFile, from: [`${PROJECTS}/${p.id}/`], data: p });
    }
    const audited = new Set(src.list(PROJECTS));
    const fromDeclared = readDeclared(declared.dir, declared.display, audited);
    for (const d of fromDeclared.declared) {
        files.push({ path: `projects/${d.project.id}.yaml`, schema: ProjectFile, from: [d.file], origin: "declared", data: d.project });
    }
    for (const z of readZones(src)) {
        files.push({ path: `dns/${z.zone}.yaml`, schema: ZoneFile, from: [`${ZONE_CONFIGS}/ (the sources below)`], data: z });
    }
    const infra = readInfra(src);
    if (infra) files.push({ path: "infra.yaml", schema: InfraFile, from: [INFRA], data: infra });
    const org = readOrganization(src, people);
    if (org) files.push({ path: "organization.yaml", schema: OrganizationFile, from: [`${ORGANIZATIONS}/${org.domain}/`], data: org });
    const problems = [...src.problems, ...fromDeclared.problems];
    for (const f of files) f.data = people.scrubTree(f.data, f.path, problems);
    return { files: sortBy(files, f => f.path), problems };
}
