// Adoption: what already exists is imported, never created over. The program
// records, for every resource of a type it can adopt, the import id, whether
// the inventory holds it and whether it set `import` (program/adoption.ts). In
// prod a resource whose name exists must be an import. (In staging a name that
// exists is a naming collision: resource-naming reports it, from the same record.)

import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { RULE } from "@k8s-infra/model/rules";
import { COMPONENT } from "@k8s-infra/model/resource-types";
import { EXISTENCE_CHECKED_TYPES, NAME_ONLY_TYPES, existenceIdOf } from "@k8s-infra/model/import-ids";
import type { AdoptionDecision, AdoptionRecord } from "@k8s-infra/model/adoption-record";
import { eachKnown } from "../lib/resources";

export function adoptionRecord(resources: readonly PolicyResource[]): { urn: string; record: AdoptionRecord } | undefined {
    const r = resources.find(res => res.type === COMPONENT.adoption);
    const record = r?.props.record as AdoptionRecord | undefined;
    return r && record && Array.isArray(record.decisions) ? { urn: r.urn, record } : undefined;
}

/** Why one resource breaks the rule, or undefined. */
function problemOf(r: PolicyResource, decision: AdoptionDecision | undefined, environment: string): string | undefined {
    const id = existenceIdOf(r.type, r.props);
    if (!decision) return `${r.type} ${r.name} is not in the program's adoption record; create it after the adoption plan is installed (program/main.ts)`;
    if (id !== undefined && decision.id !== null && decision.id !== id) {
        return `${r.type} ${r.name} has import id ${id}, but the adoption record says ${decision.id}`;
    }
    if (!decision.exists || environment !== "prod") return undefined;
    if (!decision.imported && NAME_ONLY_TYPES[r.type]) {
        return `${r.type} ${r.name} would be created, but ${decision.id} already exists and cannot be imported; use the existing group (grant to it) instead of making one`;
    }
    if (!decision.imported) return `${r.type} ${r.name} would be created, but ${decision.id} already exists; adopt it with the import option`;
    return undefined;
}

export const adoptExisting: StackValidationPolicy = {
    name: RULE.adoptExisting,
    description: "In prod, a resource whose name already exists (the inventory) is imported, never created.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        const found = adoptionRecord(args.resources);
        const adoptable = args.resources.filter(r => EXISTENCE_CHECKED_TYPES.includes(r.type));
        if (!found) {
            if (adoptable.length > 0) reportViolation(`the stack has no ${COMPONENT.adoption} record, so nothing says which of its ${adoptable.length} resources exist; build it with program/main.ts`);
            return;
        }
        const { record } = found;
        if (record.environment === "prod" && record.inventory === null) {
            reportViolation("the prod stack reads no inventory, so it cannot tell what exists; set k8s-infra:inventory in Pulumi.prod.yaml", found.urn);
        }
        const byName = new Map(record.decisions.map(d => [`${d.type}|${d.name}`, d]));
        eachKnown(adoptable, r => {
            const problem = problemOf(r, byName.get(`${r.type}|${r.name}`), record.environment);
            if (problem) reportViolation(`${problem}.`, r.urn);
        });
    },
};
