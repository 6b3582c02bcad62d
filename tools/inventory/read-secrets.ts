// A project's secrets/<id>/ folders (Secret Manager): the secret's description,
// its IAM policy and its versions, of which only the count by state is kept
// (never a payload: the audit has none, and the inventory wants none).

import { z } from "zod";
import type { Secret } from "../../model/inventory/schema";
import type { People } from "./people";
import { readPolicy } from "./read-iam";
import { AUDIT_ADVICE, Source, compare, sortedRecord } from "./source";

type SecretT = z.infer<typeof Secret>;

const Description = z.looseObject({
    name: z.string(),
    labels: z.record(z.string(), z.string()).optional(),
    replication: z.union([
        z.strictObject({ automatic: z.looseObject({}) }),
        z.strictObject({ userManaged: z.looseObject({ replicas: z.array(z.looseObject({ location: z.string() })) }) }),
    ]),
});
const Versions = z.array(z.looseObject({ name: z.string(), state: z.string() }));

export function readSecrets(src: Source, projectRel: string, people: People): Record<string, SecretT> {
    const dir = `${projectRel}/secrets`;
    const out: [string, SecretT][] = [];
    for (const id of src.list(dir)) {
        const rel = `${dir}/${id}`;
        if (!src.isDir(rel)) continue;
        const secret = readSecret(src, rel, id, people);
        if (secret) out.push([id, secret]);
    }
    return sortedRecord(out);
}

function readSecret(src: Source, rel: string, id: string, people: People): SecretT | undefined {
    for (const f of ["description.json", "versions.json"]) {
        if (!src.isFile(`${rel}/${f}`)) {
            src.problem(rel, `has no ${f}; ${AUDIT_ADVICE}`);
            return undefined;
        }
    }
    const d = src.jsonOf(`${rel}/description.json`, Description);
    const versions = src.jsonOf(`${rel}/versions.json`, Versions, AUDIT_ADVICE, []);
    const policy = readPolicy(src, `${rel}/iam.json`, people);
    if (!d || !versions) return undefined;
    if (!d.name.endsWith(`/secrets/${id}`)) src.problem(`${rel}/description.json`, `describes ${d.name}, not the folder's secret ${id}; ${AUDIT_ADVICE}`);
    const counts = new Map<string, number>();
    for (const v of versions) counts.set(v.state, (counts.get(v.state) ?? 0) + 1);
    return {
        replication: "automatic" in d.replication ? "automatic" : { locations: d.replication.userManaged.replicas.map(r => r.location).sort(compare) },
        labels: sortedRecord(Object.entries(d.labels ?? {})),
        versions: sortedRecord(counts),
        iam: policy?.iam ?? [],
    };
}
