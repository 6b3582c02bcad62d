// The consumer module against a StackReference under mocks: typed reads of a
// contract-conforming stack, and clear errors for a missing key or another
// schema version. The buckets output is keyed by each bucket's prod name, as the
// GCS service exports it.

import * as pulumi from "@pulumi/pulumi";
import { OUTPUTS_SCHEMA_VERSION } from "../../model/outputs";
import { entryOf, parseOutputs } from "../../consumers/k8s-infra";

const outputs = {
    schemaVersion: OUTPUTS_SCHEMA_VERSION,
    environment: "prod",
    ownerGroups: { artifacts: "k8s-infra-artifacts-owners@kubernetes.io" },
    contactReadersGroup: "k8s-infra-owner-contacts@kubernetes.io",
    ownerContactsSecret: "k8s-infra-owner-contacts",
    registries: {}, buckets: { "k8s-infra-prow-results": "k8s-infra-prow-results" }, clusters: {}, dnsZones: {}, serviceAccounts: {},
    secrets: { "owner-contacts": "k8s-infra-owner-contacts" },
    migration: { migrated: 0, total: 0, services: {} },
};

function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise(resolve => o.apply(v => { resolve(v); return v; }));
}

describe("K8sInfra under mocks", () => {
    const served: Record<string, unknown> = outputs;
    beforeAll(async () => {
        await pulumi.runtime.setMocks({
            newResource: args => args.type === "pulumi:pulumi:StackReference"
                ? { id: args.inputs.name, state: { name: args.inputs.name, outputs: served, secretOutputNames: [] } }
                : { id: `${args.name}-id`, state: args.inputs },
            call: args => args.inputs,
        }, "consumer", "prod", false);
    });

    test("the example consumer reads the bucket and owner group by key", async () => {
        const { consumer } = await import("../../examples/consumer/consumer");
        const out = consumer("prod");
        expect(await valueOf(out.resultsBucket)).toBe("k8s-infra-prow-results");
        expect(await valueOf(out.ownersOfResults)).toBe("k8s-infra-artifacts-owners@kubernetes.io");
    });

});

describe("parseOutputs and entryOf", () => {
    test("a missing key says which keys there are", () => {
        const parsed = parseOutputs(outputs, "s");
        expect(() => entryOf(parsed, "buckets", "nope", "prod")).toThrow('k8s-infra prod exports no buckets entry "nope"; it has: k8s-infra-prow-results');
        expect(entryOf(parsed, "buckets", "k8s-infra-prow-results", "prod")).toBe("k8s-infra-prow-results");
    });
    test("accepts the contract", () => {
        expect(parseOutputs(outputs, "organization/k8s-infra/prod").buckets["k8s-infra-prow-results"]).toBe("k8s-infra-prow-results");
    });
    test("rejects another schema version with what to do", () => {
        expect(() => parseOutputs({ ...outputs, schemaVersion: 99 }, "organization/k8s-infra/prod"))
            .toThrow("exports outputs of schema version 99; this consumer module reads version 1. Update k8s-infra's consumers/ module.");
    });
    test("rejects a malformed output with its path", () => {
        expect(() => parseOutputs({ ...outputs, buckets: { x: 1 } }, "s")).toThrow(/at buckets\.x/);
    });
});
