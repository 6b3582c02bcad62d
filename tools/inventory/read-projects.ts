// The audit dump's projects, audit/projects/<project-id>/: one inventory file
// per project with its settings, IAM, enabled services and the resources the
// inventory describes; every other file in the folder is listed as unread.

import { z } from "zod";
import { INVENTORY_FORMAT, ProjectFile } from "../../model/inventory/schema";
import type { People } from "./people";
import { readDatasets } from "./read-bigquery";
import { readBuckets } from "./read-buckets";
import { readClusters } from "./read-clusters";
import { readPolicy } from "./read-iam";
import { readManagedZones } from "./read-managed-zones";
import { readSecrets } from "./read-secrets";
import { readServiceAccounts } from "./read-service-accounts";
import { AUDIT_ADVICE, Source, compare } from "./source";

export const PROJECTS = "audit/projects";

const Description = z.looseObject({
    projectId: z.string(),
    projectNumber: z.string(),
    lifecycleState: z.string(),
    name: z.string().optional(),
    parent: z.looseObject({ type: z.enum(["organization", "folder"]), id: z.string() }),
});

/** Every project folder, read; a project with problems is left out (the problems say why). */
export function readProjects(src: Source, people: People): ProjectFile[] {
    const out: ProjectFile[] = [];
    for (const id of src.list(PROJECTS)) {
        const rel = `${PROJECTS}/${id}`;
        if (!src.isDir(rel)) {
            src.problem(rel, "is a file where each entry is a project folder; remove it or move it out of audit/projects");
            continue;
        }
        const before = src.problems.length;
        const project = readProject(src, rel, id, people);
        if (project && src.problems.length === before) out.push(project);
    }
    return out;
}

function readProject(src: Source, rel: string, id: string, people: People): ProjectFile | undefined {
    if (!src.isFile(`${rel}/description.json`)) {
        src.problem(rel, `has no description.json (gcloud projects describe ${id}): not a project the audit dumped whole; re-run the audit or remove the folder`);
        return undefined;
    }
    const d = src.jsonOf(`${rel}/description.json`, Description);
    if (d && d.projectId !== id) src.problem(`${rel}/description.json`, `has projectId ${d.projectId}, but the folder is ${id}; rename the folder or re-run the audit for it`);
    const policy = readPolicy(src, `${rel}/iam.json`, people);
    const services = readEnabledServices(src, `${rel}/services/enabled.txt`);
    const project: Omit<ProjectFile, "unread"> = {
        format: INVENTORY_FORMAT,
        id,
        number: d?.projectNumber ?? "",
        parent: d ? `${d.parent.type === "organization" ? "organizations" : "folders"}/${d.parent.id}` : "",
        state: d?.lifecycleState ?? "",
        services,
        iam: policy?.iam ?? [],
        buckets: readBuckets(src, rel, people),
        serviceAccounts: readServiceAccounts(src, rel, people),
        secrets: readSecrets(src, rel, people),
        datasets: readDatasets(src, rel, people),
        clusters: readClusters(src, rel, people),
        dnsZones: readManagedZones(src, rel),
    };
    if (d?.name !== undefined && d.name !== id) project.name = d.name;
    if (policy && policy.auditConfigs.length > 0) project.auditConfigs = policy.auditConfigs;
    return d ? { ...project, unread: unread(src, rel) } : undefined;
}

/** `gcloud services list --enabled` as a table (NAME TITLE); an empty file is no service. */
function readEnabledServices(src: Source, rel: string): string[] {
    if (!src.isFile(rel)) {
        src.problem(rel, `is missing (gcloud services list --enabled); ${AUDIT_ADVICE}`);
        return [];
    }
    const lines = (src.text(rel) ?? "").split(/\r?\n/).filter(l => l.trim() !== "");
    if (lines.length === 0) return [];
    if (!/^NAME\s+TITLE\s*$/.test(lines[0])) {
        src.problem(rel, `does not start with the "NAME  TITLE" header of gcloud services list; ${AUDIT_ADVICE}`);
        return [];
    }
    const services: string[] = [];
    lines.slice(1).forEach((line, i) => {
        const name = /^([a-z0-9][a-z0-9.-]*\.[a-z]+)(\s|$)/.exec(line)?.[1];
        if (name) services.push(name);
        else src.problems.push({ file: rel, line: i + 2, message: `is not "<service name>  <title>": ${JSON.stringify(line.slice(0, 60))}; ${AUDIT_ADVICE}` });
    });
    return [...new Set(services)].sort(compare);
}

/** The project's files no reader consumed, relative to the project folder. */
function unread(src: Source, rel: string): string[] {
    return src.walk(rel).filter(f => !src.consumed.has(`${rel}/${f}`)).sort(compare);
}
