// The organization's part of the audit, audit/organizations/<domain>/: its
// IAM policy and custom roles (the roles projects and buckets grant by name).

import { z } from "zod";
import { CustomRole, INVENTORY_FORMAT, OrganizationFile } from "../../model/inventory/schema";
import type { People } from "./people";
import { readPolicy } from "./read-iam";
import { AUDIT_ADVICE, Source, compare, sortedRecord } from "./source";

export const ORGANIZATIONS = "audit/organizations";
export type OrganizationFileT = z.infer<typeof OrganizationFile>;

const Description = z.looseObject({ displayName: z.string(), name: z.string() });
const Role = z.looseObject({
    name: z.string(),
    title: z.string(),
    description: z.string().optional(),
    stage: z.string(),
    includedPermissions: z.array(z.string()).optional(),
});

/** The one organization folder, read; undefined (with a problem) when there is not exactly one. */
export function readOrganization(src: Source, people: People): OrganizationFileT | undefined {
    const folders = src.list(ORGANIZATIONS).filter(n => src.isDir(`${ORGANIZATIONS}/${n}`));
    if (folders.length !== 1) {
        src.problem(ORGANIZATIONS, `holds ${folders.length} organization folders (${folders.join(", ") || "none"}); the inventory describes exactly one (organization.yaml)`);
        return undefined;
    }
    const rel = `${ORGANIZATIONS}/${folders[0]}`;
    const d = src.jsonOf(`${rel}/description.json`, Description);
    if (d && d.displayName !== folders[0]) src.problem(`${rel}/description.json`, `is organization ${d.displayName}, but the folder is ${folders[0]}; rename the folder or re-run the audit`);
    const policy = readPolicy(src, `${rel}/iam.json`, people);
    const roles = readRoles(src, `${rel}/roles`);
    if (!d || !policy) return undefined;
    const file: OrganizationFileT = {
        format: INVENTORY_FORMAT,
        domain: d.displayName,
        name: d.name,
        customRoles: Object.keys(roles).sort(compare),
        roles,
        iam: policy.iam,
    };
    const unread = src.walk(rel).filter(f => !src.consumed.has(`${rel}/${f}`)).sort(compare);
    if (unread.length > 0) file.unread = unread;
    return file;
}

function readRoles(src: Source, dir: string): Record<string, z.infer<typeof CustomRole>> {
    const out: [string, z.infer<typeof CustomRole>][] = [];
    for (const f of src.list(dir)) {
        if (!f.endsWith(".json") || !src.isFile(`${dir}/${f}`)) continue; // unread
        const r = src.jsonOf(`${dir}/${f}`, Role);
        if (!r) continue;
        if (!r.name.endsWith(`/roles/${f.slice(0, -".json".length)}`)) src.problem(`${dir}/${f}`, `defines ${r.name}, not the role its file name says; ${AUDIT_ADVICE}`);
        const role: z.infer<typeof CustomRole> = { title: r.title, stage: r.stage, permissions: [...(r.includedPermissions ?? [])].sort(compare) };
        if (r.description !== undefined) role.description = r.description;
        out.push([r.name, role]);
    }
    return sortedRecord(out);
}
