// Naming and cost attribution: every named resource follows the one naming scheme
// (model/naming.ts, which the program also makes names with), and every labelable
// GCP resource (taggable AWS resource) carries the subproject, SIG, environment and
// managed-by labels that cost reports group by.

import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { RULE } from "@k8s-infra/model/rules";
import { NAMED_TYPES } from "@k8s-infra/model/resource-types";
import { Environment, GROUP_DOMAIN, STAGING_TOKEN, checkName } from "@k8s-infra/model/naming";
import { LABEL_KEYS, LABEL_PROPERTY } from "@k8s-infra/model/labels";
import { asString, eachKnown, getPath, workingGroup } from "../lib/resources";
import { stackOf } from "@k8s-infra/model/urn";
import { adoptionRecord } from "./adoption";
import { environmentOfStack } from "@k8s-infra/model/environment";

/** The stack's environment (model/environment.ts: its name, else what the working group's record says) and domain. */
function stackFacts(resources: Parameters<StackValidationPolicy["validateStack"]>[0]["resources"]): { env: Environment; domain: string } {
    const wg = workingGroup(resources)?.record;
    const stack = resources[0] ? stackOf(resources[0].urn) : "";
    const env = environmentOfStack(stack, typeof wg?.environment === "string" ? wg.environment : undefined) === "prod" ? "prod" : "staging";
    return { env, domain: wg?.domain ?? GROUP_DOMAIN };
}

export const resourceNaming: StackValidationPolicy = {
    name: RULE.naming,
    description: "Projects, buckets, groups, secrets and service accounts follow the k8s.io naming scheme, and staging names cannot collide with prod.",
    enforcementLevel: "mandatory",
    severity: "medium",
    validateStack: (args, reportViolation) => {
        const { env, domain } = stackFacts(args.resources);
        eachKnown(args.resources, r => {
            const rule = NAMED_TYPES[r.type];
            if (!rule) return;
            const name = asString(getPath(r.props, rule.property));
            if (name === undefined) return;
            const problem = checkName(rule.kind, name, env, domain);
            if (problem) {
                reportViolation(`${r.type} ${r.name} is named "${name}"; a ${env} ${rule.kind} name must match ${problem.expected}: ${problem.reason}.`, r.urn);
            }
        });
        // Staging names are made never to be real ones; the adoption record says which exist (the inventory).
        if (env !== "staging") return;
        for (const d of adoptionRecord(args.resources)?.record.decisions ?? []) {
            if (!d.exists) continue;
            const r = args.resources.find(x => x.type === d.type && x.name === d.name);
            reportViolation(`${d.type} ${d.name} in staging is ${d.id}, which already exists; a staging name must never be a real one (model/naming.ts nameIn adds -${STAGING_TOKEN}).`, r?.urn);
        }
    },
};

export const costAttributionLabels: ResourceValidationPolicy = {
    name: RULE.labels,
    description: `Every labelable GCP resource and taggable AWS resource carries ${LABEL_KEYS.join(", ")} labels for cost attribution.`,
    enforcementLevel: "mandatory",
    severity: "low",
    validateResource: (args, reportViolation) => {
        const property = LABEL_PROPERTY[args.type];
        if (!property) return;
        const labels = (args.props[property] ?? {}) as Record<string, unknown>;
        const missing = LABEL_KEYS.filter(k => typeof labels[k] !== "string" || labels[k] === "");
        if (missing.length > 0) {
            reportViolation(`${args.type} ${args.name} has no ${missing.join(", ")} in ${property}; make them with standardLabels() from model/labels.ts.`);
        }
    },
};
