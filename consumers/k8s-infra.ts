// The typed way for other teams to read this project's stack outputs through a
// StackReference. Outputs are read tolerantly against the contract (model/outputs.ts):
// every key and field this module knows is checked, and anything a newer k8s-infra
// added (an output, a field in an entry) is kept, so an additive change never breaks
// a consumer built before it. A stack of another schema version (a breaking change),
// a missing known output or a retyped field fails with a message, not with undefined.
// What each version holds: consumers/CHANGELOG.md; every output: docs/consumers.md.
//
//   import { K8sInfra } from "k8s-infra/consumers/k8s-infra";
//   const infra = new K8sInfra("prod");
//   const bucket = infra.bucket("k8s-infra-prow-results");

import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { Loose, LooseStackOutputs, OUTPUTS_SCHEMA_VERSION, StackOutputs, loosen } from "../model/outputs";

export type { LooseStackOutputs } from "../model/outputs";

export interface K8sInfraOptions {
    /** The organization part of the stack name ("organization" on a self-managed backend). */
    organization?: string;
    project?: string;
}

type MapOutput = "buckets" | "registries" | "dnsZones" | "serviceAccounts" | "secrets" | "ownerGroups" | "clusters";

export class K8sInfra {
    /** Every output: the known ones checked against the contract, any newer ones kept as they are. */
    readonly outputs: pulumi.Output<LooseStackOutputs>;

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
    /** A cluster's name, location and project, with any field a newer contract added. */
    cluster(key: string): pulumi.Output<LooseStackOutputs["clusters"][string]> { return this.pick("clusters", key); }

    private pick<K extends MapOutput>(map: K, key: string): pulumi.Output<LooseStackOutputs[K][string]> {
        return this.outputs.apply(o => entryOf(o, map, key, this.stack) as LooseStackOutputs[K][string]);
    }
}

/** One entry of an output map, or an error that lists the keys there are. */
export function entryOf(o: LooseStackOutputs, map: MapOutput, key: string, stack: string): unknown {
    const entries = o[map] as Record<string, unknown>;
    if (!(key in entries)) {
        throw new Error(`k8s-infra ${stack} exports no ${map} entry "${key}"; it has: ${Object.keys(entries).join(", ") || "none"}`);
    }
    return entries[key];
}

/**
 * A reader of stack outputs for one version of the contract (a strict schema, as
 * model/outputs.ts writes it): the version must be the one it was built for, every
 * key and field of the contract must be there with its type, and what the contract
 * does not know is kept. parseOutputs is the reader of the current contract.
 */
export function outputsReader<S extends z.ZodObject>(contract: S, version: number): (raw: Record<string, unknown>, stackName: string) => Loose<z.output<S>> {
    const loose = loosen(contract);
    const known = Object.keys(contract.shape);
    return (raw, stackName) => {
        if (raw.schemaVersion !== version) {
            throw new Error(`${stackName} exports outputs of schema version ${String(raw.schemaVersion)}; ` +
                `this consumer module reads version ${version}. Update k8s-infra's consumers/ module.`);
        }
        const missing = known.filter(k => raw[k] === undefined);
        if (missing.length > 0) {
            throw new Error(`${stackName} exports no ${missing.map(k => `"${k}"`).join(", ")} output${missing.length === 1 ? "" : "s"}, ` +
                `which schema version ${version} has and this consumer module reads.`);
        }
        const parsed = loose.safeParse(raw);
        if (!parsed.success) {
            const first = parsed.error.issues[0];
            throw new Error(`${stackName} outputs do not match the contract at ${first.path.map(String).join(".")}: ${first.message}`);
        }
        return parsed.data as Loose<z.output<S>>;
    };
}

/** Checks a stack's outputs against the current contract, tolerantly, with a message that says what differs. */
export const parseOutputs: (raw: Record<string, unknown>, stackName: string) => LooseStackOutputs =
    outputsReader(StackOutputs, OUTPUTS_SCHEMA_VERSION);
