// A project's BigQuery datasets: `bq ls --format=json` (bigquery.datasets.json,
// empty when there are none) and each dataset's access list
// (bigquery.datasets.<id>.access.json), with the people counted, not named.

import { z } from "zod";
import type { Dataset } from "../../model/inventory/schema";
import type { People } from "./people";
import { AUDIT_ADVICE, Source, sortBy, sortedRecord } from "./source";

type DatasetT = z.infer<typeof Dataset>;

const Listing = z.array(z.looseObject({
    datasetReference: z.looseObject({ datasetId: z.string(), projectId: z.string() }),
    location: z.string(),
    friendlyName: z.string().optional(),
    description: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
}));

const TableRef = z.looseObject({ projectId: z.string(), datasetId: z.string(), tableId: z.string() });
const RoutineRef = z.looseObject({ projectId: z.string(), datasetId: z.string(), routineId: z.string() });
const AccessEntry = z.looseObject({
    role: z.string().optional(),
    userByEmail: z.string().optional(),
    groupByEmail: z.string().optional(),
    specialGroup: z.string().optional(),
    domain: z.string().optional(),
    iamMember: z.string().optional(),
    view: TableRef.optional(),
    routine: RoutineRef.optional(),
    dataset: z.looseObject({ dataset: z.looseObject({ projectId: z.string(), datasetId: z.string() }) }).optional(),
});
type AccessEntryT = z.infer<typeof AccessEntry>;

const ACCESS_FILE = /^bigquery\.datasets\.(.+)\.access\.json$/;

export function readDatasets(src: Source, projectRel: string, people: People): Record<string, DatasetT> {
    const dir = `${projectRel}/services/bigquery`;
    const listRel = `${dir}/bigquery.datasets.json`;
    const accessFiles = src.list(dir).filter(f => ACCESS_FILE.test(f));
    if (!src.isFile(listRel)) {
        for (const f of accessFiles) src.problem(`${dir}/${f}`, `is an access list, but there is no bigquery.datasets.json beside it; ${AUDIT_ADVICE}`);
        return {};
    }
    const listing = src.jsonOf(listRel, Listing, AUDIT_ADVICE, []) ?? [];
    const listed = new Set(listing.map(d => d.datasetReference.datasetId));
    for (const f of accessFiles) {
        const id = ACCESS_FILE.exec(f)![1];
        if (!listed.has(id)) src.problem(`${dir}/${f}`, `is the access list of dataset ${id}, which bigquery.datasets.json does not list; ${AUDIT_ADVICE}`);
    }
    const out: [string, DatasetT][] = [];
    for (const d of listing) {
        const id = d.datasetReference.datasetId;
        const accessRel = `${dir}/bigquery.datasets.${id}.access.json`;
        if (!src.isFile(accessRel)) {
            src.problem(accessRel, `is missing: every dataset's access list is dumped beside bigquery.datasets.json; ${AUDIT_ADVICE}`);
            continue;
        }
        const entries = src.jsonOf(accessRel, z.array(AccessEntry), AUDIT_ADVICE, []);
        if (!entries) continue;
        const dataset: DatasetT = { location: d.location, labels: sortedRecord(Object.entries(d.labels ?? {})), ...access(src, accessRel, entries, people) };
        if (d.friendlyName !== undefined) dataset.friendlyName = d.friendlyName;
        if (d.description !== undefined) dataset.description = d.description;
        out.push([id, dataset]);
    }
    return sortedRecord(out);
}

function access(src: Source, rel: string, entries: readonly AccessEntryT[], people: People): Pick<DatasetT, "access" | "people"> {
    const kept: { role: string; member: string }[] = [];
    let count = 0;
    entries.forEach((e, i) => {
        const member = memberOf(e);
        if (member === undefined) {
            src.problems.push({ file: rel, at: `[${i}]`, message: `names no member the inventory knows (userByEmail, groupByEmail, specialGroup, domain, iamMember, view, routine, dataset); ${AUDIT_ADVICE}` });
            return;
        }
        if (personal(member, people)) count++;
        else kept.push({ role: e.role ?? "", member });
    });
    return { access: sortBy(kept, a => `${a.role}\u0000${a.member}`), people: count };
}

function memberOf(e: AccessEntryT): string | undefined {
    if (e.userByEmail !== undefined) return `userByEmail:${e.userByEmail}`;
    if (e.groupByEmail !== undefined) return `groupByEmail:${e.groupByEmail}`;
    if (e.specialGroup !== undefined) return `specialGroup:${e.specialGroup}`;
    if (e.domain !== undefined) return `domain:${e.domain}`;
    if (e.iamMember !== undefined) return `iamMember:${e.iamMember}`;
    if (e.view) return `view:${e.view.projectId}.${e.view.datasetId}.${e.view.tableId}`;
    if (e.routine) return `routine:${e.routine.projectId}.${e.routine.datasetId}.${e.routine.routineId}`;
    if (e.dataset) return `dataset:${e.dataset.dataset.projectId}.${e.dataset.dataset.datasetId}`;
    return undefined;
}

/** userByEmail is kept only for service accounts; groupByEmail only for the inventory's groups; iamMember as IAM. */
function personal(member: string, people: People): boolean {
    const [kind, value] = [member.slice(0, member.indexOf(":")), member.slice(member.indexOf(":") + 1)];
    if (kind === "userByEmail" || kind === "groupByEmail") return !people.publishable(value);
    if (kind === "iamMember") return people.iamMembers([value]).people > 0;
    return !people.clean(value);
}
