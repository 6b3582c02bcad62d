// The consumer module against a StackReference under mocks: typed reads of a
// contract-conforming stack; a consumer built on an older contract reading a newer
// stack (an added output, an added field in a cluster entry: kept and visible); and
// clear errors for a missing output or field, a retyped field, another schema
// version. The buckets output is keyed by each bucket's prod name, as the GCS
// service exports it. Every stack here is a fixture of this file.

import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ClusterOutput, LooseStackOutputs, OUTPUTS_SCHEMA_VERSION, StackOutputs, contractFields, contractObjects, loosen } from "../../model/outputs";
import { K8sInfra, entryOf, outputsReader, parseOutputs } from "../../consumers/k8s-infra";

const outputs = {
    schemaVersion: OUTPUTS_SCHEMA_VERSION,
    environment: "prod",
    ownerGroups: { artifacts: "k8s-infra-artifacts-owners@kubernetes.io" },
    contactReadersGroup: "k8s-infra-owner-contacts@kubernetes.io",
    ownerContactsSecret: "k8s-infra-owner-contacts",
    registries: {}, buckets: { "k8s-infra-prow-results": "k8s-infra-prow-results" },
    clusters: { aaa: { name: "aaa", location: "us-central1", project: "kubernetes-public" } },
    dnsZones: {}, serviceAccounts: {},
    secrets: { "owner-contacts": "k8s-infra-owner-contacts" },
    migration: { migrated: 0, total: 1, services: { dns: { status: "migrated", previously: "Google", sig: "contributor-experience", subproject: null } } },
};

/** The same stack after two additive changes this consumer module does not know of. */
const newer = {
    ...outputs,
    ciIdentities: { preview: "k8s-infra-ci-preview@k8s-infra-pulumi-state.iam.gserviceaccount.com" },
    clusters: { aaa: { ...outputs.clusters.aaa, endpoint: "10.0.0.2" } },
};

const without = <T extends Record<string, unknown>>(o: T, key: keyof T): Record<string, unknown> => {
    const { [key]: _, ...rest } = o;
    return rest;
};

function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise(resolve => o.apply(v => { resolve(v); return v; }));
}

describe("K8sInfra under mocks", () => {
    const served: Record<string, Record<string, unknown>> = {
        "organization/k8s-infra/prod": outputs,
        "organization/k8s-infra/newer": newer,
    };
    beforeAll(async () => {
        await pulumi.runtime.setMocks({
            newResource: args => args.type === "pulumi:pulumi:StackReference"
                ? { id: args.inputs.name, state: { name: args.inputs.name, outputs: served[args.inputs.name], secretOutputNames: [] } }
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

    test("a stack with an added output and an added cluster field reads as before, with both kept", async () => {
        const infra = new K8sInfra("newer");
        expect(await valueOf(infra.bucket("k8s-infra-prow-results"))).toBe("k8s-infra-prow-results");
        expect(await valueOf(infra.cluster("aaa"))).toEqual({ name: "aaa", location: "us-central1", project: "kubernetes-public", endpoint: "10.0.0.2" });
        const all = await valueOf(infra.outputs);
        expect(all.ciIdentities).toEqual(newer.ciIdentities);
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
    test("rejects the next major version, added keys or not", () => {
        expect(() => parseOutputs({ ...newer, schemaVersion: OUTPUTS_SCHEMA_VERSION + 1 }, "organization/k8s-infra/prod"))
            .toThrow(`exports outputs of schema version ${OUTPUTS_SCHEMA_VERSION + 1}; this consumer module reads version ${OUTPUTS_SCHEMA_VERSION}.`);
    });
    test("rejects a malformed output with its path", () => {
        expect(() => parseOutputs({ ...outputs, buckets: { x: 1 } }, "s")).toThrow(/at buckets\.x/);
    });
});

describe("a consumer built on an older contract reads a newer stack", () => {
    test("an added top-level output is kept, not stripped or refused, and the known ones are still checked", () => {
        const read = parseOutputs(newer, "organization/k8s-infra/prod");
        expect(read.ciIdentities).toEqual(newer.ciIdentities);
        expect(read.buckets).toEqual(outputs.buckets);
        expect(() => parseOutputs({ ...newer, secrets: { "owner-contacts": 7 } }, "s")).toThrow(/at secrets\.owner-contacts: Invalid input: expected string, received number/);
    });

    test("an added field inside a cluster entry is kept", () => {
        const read = parseOutputs(newer, "organization/k8s-infra/prod");
        expect(read.clusters.aaa).toEqual({ name: "aaa", location: "us-central1", project: "kubernetes-public", endpoint: "10.0.0.2" });
        expect(read.clusters.aaa.endpoint).toBe("10.0.0.2");
    });

    test("the strict contract itself refuses both additions (what the policy checks the program's exports with)", () => {
        expect(StackOutputs.safeParse(newer).success).toBe(false);
        expect(StackOutputs.safeParse({ ...outputs, clusters: newer.clusters }).success).toBe(false);
        expect(StackOutputs.safeParse(outputs).success).toBe(true);
    });

    test("a reader of the previous contract (before `migration`, before `clusters.<key>.project`) reads today's outputs and keeps them", () => {
        const previous = StackOutputs.omit({ migration: true }).extend({
            clusters: z.record(z.string(), ClusterOutput.omit({ project: true })),
        });
        const read = outputsReader(previous, OUTPUTS_SCHEMA_VERSION)(outputs, "organization/k8s-infra/prod");
        expect(read.migration).toEqual(outputs.migration);
        expect(read.clusters.aaa.project).toBe("kubernetes-public");
        expect(read.clusters.aaa.location).toBe("us-central1");
    });

    test("a missing known output fails, naming it", () => {
        expect(() => parseOutputs(without(newer, "buckets"), "organization/k8s-infra/prod"))
            .toThrow('organization/k8s-infra/prod exports no "buckets" output, which schema version 1 has and this consumer module reads.');
        expect(() => parseOutputs(without(without(outputs, "buckets"), "clusters"), "s")).toThrow('exports no "buckets", "clusters" outputs');
    });

    test("a missing known field in an entry fails with its path", () => {
        const clusters = { aaa: { name: "aaa", location: "us-central1", endpoint: "10.0.0.2" } };
        expect(() => parseOutputs({ ...newer, clusters }, "s"))
            .toThrow("s outputs do not match the contract at clusters.aaa.project: Invalid input: expected string, received undefined");
    });

    test("a retyped field fails with its path", () => {
        const clusters = { aaa: { ...newer.clusters.aaa, location: { region: "us-central1" } } };
        expect(() => parseOutputs({ ...newer, clusters }, "s")).toThrow(/at clusters\.aaa\.location: Invalid input: expected string, received object/);
        expect(() => parseOutputs({ ...newer, migration: { ...outputs.migration, total: "1" } }, "s")).toThrow(/at migration\.total: /);
    });
});

describe("the loose shape is derived from the strict contract", () => {
    const paths = (s: z.ZodType) => contractFields(s).map(f => `${f.path}: ${f.type}`);

    test("the same outputs and fields, with the same types", () => {
        expect(paths(LooseStackOutputs)).toEqual(paths(StackOutputs));
        expect(paths(StackOutputs)).toEqual(expect.arrayContaining(["buckets: map of string", "clusters.<key>.location: string", "migration.services.<key>.subproject: string or null"]));
    });

    test("every object of the contract is strict, and the same object of the loose shape is loose", () => {
        const strict = contractObjects(StackOutputs);
        expect(strict.map(o => o.path)).toEqual(["", "clusters.<key>", "migration", "migration.services.<key>"]);
        expect(new Set(strict.map(o => o.mode))).toEqual(new Set(["strict"]));
        expect(contractObjects(LooseStackOutputs)).toEqual(strict.map(o => ({ ...o, mode: "loose" })));
    });

    test("a key added to the contract is in the loose shape too, at any depth", () => {
        const next = StackOutputs.extend({
            certificates: z.record(z.string(), z.strictObject({ pool: z.string() })),
            clusters: z.record(z.string(), ClusterOutput.extend({ endpoint: z.string() })),
        });
        expect(paths(loosen(next))).toEqual(paths(next));
        expect(paths(loosen(next))).toEqual(expect.arrayContaining(["certificates.<key>.pool: string", "clusters.<key>.endpoint: string"]));
        expect(contractObjects(loosen(next)).every(o => o.mode === "loose")).toBe(true);
    });

    test("descriptions are carried over (the consumer guide reads them)", () => {
        expect(contractFields(LooseStackOutputs).map(f => f.description)).toEqual(contractFields(StackOutputs).map(f => f.description));
        expect(contractFields(StackOutputs).filter(f => f.description === "")).toEqual([]);
    });
});
