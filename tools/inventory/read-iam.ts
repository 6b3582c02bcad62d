// IAM policies as gcloud dumps them (get-iam-policy --format=json), for the
// organization, projects, buckets, service accounts and secrets alike: the
// bindings with the people counted, not named, and a project's audit configs.

import { z } from "zod";
import type { AuditConfig, IamBinding } from "../../model/inventory/schema";
import type { People } from "./people";
import { Source, compare, sortBy, sortedRecord } from "./source";

const Binding = z.looseObject({
    role: z.string(),
    members: z.array(z.string()),
    condition: z.looseObject({ expression: z.string(), title: z.string().optional(), description: z.string().optional() }).optional(),
});

const AuditLogConfig = z.looseObject({ logType: z.string(), exemptedMembers: z.array(z.string()).optional() });

const Policy = z.looseObject({
    bindings: z.array(Binding).optional(),
    auditConfigs: z.array(z.looseObject({ service: z.string(), auditLogConfigs: z.array(AuditLogConfig) })).optional(),
    version: z.number().optional(),
    etag: z.string().optional(),
});

type AuditConfigT = z.infer<typeof AuditConfig>;

export interface ReadPolicy {
    iam: IamBinding[];
    auditConfigs: AuditConfigT[];
}

/** The policy in `rel`, or undefined (with problems) when it is missing or malformed. */
export function readPolicy(src: Source, rel: string, people: People): ReadPolicy | undefined {
    if (!src.isFile(rel)) {
        src.problem(rel, "is missing; every audited resource has its IAM policy beside it (re-run the audit for it)");
        return undefined;
    }
    const policy = src.jsonOf(rel, Policy);
    if (!policy) return undefined;
    return { iam: bindings(policy.bindings ?? [], people), auditConfigs: auditConfigs(policy.auditConfigs ?? [], people) };
}

export function bindings(raw: readonly z.infer<typeof Binding>[], people: People): IamBinding[] {
    const out = raw.map(b => {
        const { kept, people: count } = people.iamMembers(b.members);
        const binding: IamBinding = { role: b.role, members: [...kept].sort(compare), people: count };
        if (b.condition) {
            binding.condition = b.condition.expression;
            if (b.condition.title !== undefined) binding.conditionTitle = b.condition.title;
            if (b.condition.description !== undefined) binding.conditionDescription = b.condition.description;
        }
        return binding;
    });
    return sortBy(out, b => `${b.role}\u0000${b.condition ?? ""}\u0000${b.conditionTitle ?? ""}`);
}

function auditConfigs(raw: NonNullable<z.infer<typeof Policy>["auditConfigs"]>, people: People): AuditConfigT[] {
    const out = raw.map(c => ({
        service: c.service,
        logTypes: sortedRecord(c.auditLogConfigs.map(l => {
            const { kept, people: count } = people.iamMembers(l.exemptedMembers ?? []);
            return [l.logType, { exempted: [...kept].sort(compare), people: count }] as [string, { exempted: string[]; people: number }];
        })),
    }));
    return sortBy(out, c => c.service);
}
