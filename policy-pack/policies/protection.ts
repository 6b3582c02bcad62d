// Nothing lost: in prod every stateful resource (buckets, datasets, zones,
// clusters, registries, secrets, certificate authorities, projects, App Engine
// apps) is protected from deletion by Pulumi (`protect`) and, where the provider
// has one, by its own deletion guard.

import { ResourceValidationPolicy } from "@pulumi/policy";
import { RULE } from "@k8s-infra/model/rules";
import { STATEFUL_TYPES } from "@k8s-infra/model/resource-types";
import { getPath } from "../lib/resources";
import { stackOf } from "@k8s-infra/model/urn";
import { environmentOfStack } from "@k8s-infra/model/environment";

/** The environment a resource belongs to: its environment label, else its stack's (model/environment.ts). */
function resourceEnvironment(urn: string, props: Record<string, unknown>, labelProperty: string | undefined): string | undefined {
    const label = labelProperty ? getPath(props, `${labelProperty}.environment`) : undefined;
    if (typeof label === "string") return label;
    return environmentOfStack(stackOf(urn));
}

export const statefulResourcesProtected: ResourceValidationPolicy = {
    name: RULE.protection,
    description: "In prod, stateful resources (buckets, datasets, zones, clusters, registries, secrets, CAs, projects) are protected from deletion.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: (args, reportViolation) => {
        const rule = STATEFUL_TYPES[args.type];
        if (!rule) return;
        if (resourceEnvironment(args.urn, args.props, rule.labels) !== "prod") return;
        const missing: string[] = [];
        if (!args.opts.protect) missing.push("the protect resource option");
        for (const [property, guard] of Object.entries(rule.guards ?? {})) {
            const safe = guard.protected;
            const value = getPath(args.props, property);
            if (value !== safe) missing.push(`${property}: ${JSON.stringify(safe)} (it is ${value === undefined ? "unset" : JSON.stringify(value)})`);
        }
        if (missing.length > 0) {
            reportViolation(`${args.type} ${args.name} holds state that a deletion would lose, but lacks ${missing.join(" and ")}; ` +
                "create it as a child of a component (services/deletion-guards.ts sets protect and the guards from k8s-infra:protect) and do not override them.");
        }
    },
};
