// A project's service-accounts/<email>/ folders: gcloud iam service-accounts
// describe (description.json) and the account's own IAM policy (who may act as it).

import { z } from "zod";
import type { ServiceAccount } from "../../model/inventory/schema";
import type { People } from "./people";
import { readPolicy } from "./read-iam";
import { AUDIT_ADVICE, Source, sortedRecord } from "./source";

type ServiceAccountT = z.infer<typeof ServiceAccount>;

const Description = z.looseObject({
    email: z.string(),
    displayName: z.string().optional(),
    description: z.string().optional(),
    disabled: z.boolean().optional(),
});

export function readServiceAccounts(src: Source, projectRel: string, people: People): Record<string, ServiceAccountT> {
    const dir = `${projectRel}/service-accounts`;
    const out: [string, ServiceAccountT][] = [];
    for (const email of src.list(dir)) {
        const rel = `${dir}/${email}`;
        if (!src.isDir(rel)) continue;
        if (!src.isFile(`${rel}/description.json`)) {
            src.problem(rel, `has no description.json (gcloud iam service-accounts describe ${email}); ${AUDIT_ADVICE}`);
            continue;
        }
        const d = src.jsonOf(`${rel}/description.json`, Description);
        const policy = readPolicy(src, `${rel}/iam.json`, people);
        if (!d) continue;
        if (d.email !== email) src.problem(`${rel}/description.json`, `describes ${d.email}, not the folder's ${email}; ${AUDIT_ADVICE}`);
        const sa: ServiceAccountT = { disabled: d.disabled === true, iam: policy?.iam ?? [] };
        if (d.displayName !== undefined) sa.displayName = d.displayName;
        if (d.description !== undefined) sa.description = d.description;
        out.push([email, sa]);
    }
    return sortedRecord(out);
}
