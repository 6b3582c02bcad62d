// The typed way for other teams to read this project's stack outputs through a
// StackReference. Outputs are checked against the contract (model/outputs.ts):
// a stack of another schema version fails with a message, not with undefined.
//
//   import { K8sInfra } from "k8s-infra/consumers/k8s-infra";
//   const infra = new K8sInfra("prod");
//   const bucket = infra.bucket("k8s-infra-prow-results");

import * as pulumi from "@pulumi/pulumi";
import { OUTPUTS_SCHEMA_VERSION, StackOutputs } from "../model/outputs";

export interface K8sInfraOptions {
    /** The organization part of the stack name ("organization" on a self-managed backend). */
    organization?: string;
    project?: string;
}

export class K8sInfra {
    /** Every output, checked against the contract. */
    readonly outputs: pulumi.Output<StackOutputs>;

    constructor(readonly stack: string, opts: K8sInfraOptions = {}, resourceOpts?: pulumi.CustomResourceOptions) {
        const name = `${opts.organization ?? "organization"}/${opts.project ?? "k8s-infra"}/${stack}`;
        const ref = new pulumi.StackReference(`k8s-infra-${stack}`, { name }, resourceOpts);
        this.outputs = ref.outputs.apply(raw => parseOutputs(raw, name));
    }

    bucket(key: string): pulumi.Output<string> { return this.pick("buckets", key); }
    registry(key: string): pulumi.Output<string> { return this.pick("registries", key); }
    dnsZone(dnsName: string): pulumi.Output<string> { return this.pick("dnsZones", dnsName); }
    serviceAccount(key: string): pulumi.Output<string> { return this.pick("serviceAccounts", key); }
    /** A secret's id (never its value). */
    secretId(key: string): pulumi.Output<string> { return this.pick("secrets", key); }
    ownerGroup(subproject: string): pulumi.Output<string> { return this.pick("ownerGroups", subproject); }
    cluster(key: string): pulumi.Output<StackOutputs["clusters"][string]> { return this.pick("clusters", key); }

    private pick<K extends "buckets" | "registries" | "dnsZones" | "serviceAccounts" | "secrets" | "ownerGroups" | "clusters">(
        map: K, key: string): pulumi.Output<StackOutputs[K][string]> {
        return this.outputs.apply(o => entryOf(o, map, key, this.stack) as StackOutputs[K][string]);
    }
}

/** One entry of an output map, or an error that lists the keys there are. */
export function entryOf(o: StackOutputs, map: "buckets" | "registries" | "dnsZones" | "serviceAccounts" | "secrets" | "ownerGroups" | "clusters", key: string, stack: string): unknown {
    const entries = o[map] as Record<string, unknown>;
    if (!(key in entries)) {
        throw new Error(`k8s-infra ${stack} exports no ${map} entry "${key}"; it has: ${Object.keys(entries).join(", ") || "none"}`);
    }
    return entries[key];
}

/** Checks a stack's outputs against the contract, with a message that says what differs. */
export function parseOutputs(raw: Record<string, unknown>, stackName: string): StackOutputs {
    if (raw.schemaVersion !== OUTPUTS_SCHEMA_VERSION) {
        throw new Error(`${stackName} exports outputs of schema version ${String(raw.schemaVersion)}; ` +
            `this consumer module reads version ${OUTPUTS_SCHEMA_VERSION}. Update k8s-infra's consumers/ module.`);
    }
    const parsed = StackOutputs.safeParse(raw);
    if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new Error(`${stackName} outputs do not match the contract at ${first.path.join(".")}: ${first.message}`);
    }
    return parsed.data;
}
