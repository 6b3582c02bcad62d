import * as path from "path";
import { costAttributionLabels, resourceNaming } from "../../policy-pack/policies/naming";
import { GCP, NAMED_TYPES } from "../../model/resource-types";
import { LABEL_PROPERTY, standardLabels } from "../../model/labels";
import { describePattern } from "../../model/naming";
import type { Environment } from "../../model/naming";
import {
    StackResource, UnknownValueError, messagesOf, runResourcePolicy, runStackPolicy, stackFromRoster, withUnknown,
} from "../helpers/policy";

/** A frozen copy of roster/ as it shipped (tests/fixtures/sample-roster): edits to the live roster do not reach it. */
const ROSTER = path.resolve(__dirname, "../fixtures/sample-roster");

/** The sample stack plus one bucket with this name. */
function withBucket(environment: Environment, name: string): { resources: StackResource[]; bucket: StackResource } {
    const resources = stackFromRoster(ROSTER, { environment });
    const first = resources.find(r => r.type === GCP.bucket)!;
    const bucket: StackResource = { ...first, name: "extra", urn: `${first.urn}-extra`, props: { ...first.props, name } };
    resources.push(bucket);
    return { resources, bucket };
}

describe("resource-naming", () => {
    test.each(["prod", "staging"] as const)("every name in the sample %s stack follows the scheme: quiet", env => {
        const resources = stackFromRoster(ROSTER, { environment: env });
        // The stack really has names of several kinds to judge.
        const kinds = new Set(resources.filter(r => NAMED_TYPES[r.type]).map(r => NAMED_TYPES[r.type].kind));
        expect([...kinds].sort()).toEqual(["bucket", "secret"]); // groups are k8s.io's reconciler's (tests/docs/groups.test.ts)
        expect(runStackPolicy(resourceNaming, resources)).toEqual([]);
    });

    test("a bad bucket name is reported with the name, the pattern and the reason", () => {
        const { resources, bucket } = withBucket("prod", "My_Bucket");
        const v = runStackPolicy(resourceNaming, resources);
        expect(v).toHaveLength(1);
        expect(v[0].urn).toBe(bucket.urn);
        expect(v[0].message).toContain(`${GCP.bucket} extra is named "My_Bucket"`);
        expect(v[0].message).toContain(`a prod bucket name must match ${describePattern("bucket", "prod")}`);
        expect(v[0].message).toContain("it fits none of the families and is not a listed legacy name");
        expect(v[0].message).toContain("model/legacy-names.ts");
    });

    test("a staging name without -stg fires in staging", () => {
        const { resources } = withBucket("staging", "k8s-infra-ci-logs");
        const v = messagesOf(runStackPolicy(resourceNaming, resources));
        expect(v).toEqual([expect.stringContaining(`is named "k8s-infra-ci-logs"; a staging bucket name must match ${describePattern("bucket", "staging")}`)]);
        expect(v[0]).toContain('a staging name ends in "-stg"');
    });

    test.each([
        ["a legacy name", "prod", "k8s-release"],
        ["a legacy name in staging", "staging", "k8s-release-stg"],
        ["a name in another family", "prod", "k8s-staging-kind"],
    ] as const)("%s is fine: %s", (_what, env, name) => {
        expect(runStackPolicy(resourceNaming, withBucket(env, name).resources)).toEqual([]);
    });

    test.each([
        ["artifacts.k8s-artifacts-prod.appspot.com", "Google"],
        ["k8s-staging-kind_cloudbuild", "Google"],
        ["kops-state-k8s-infra-e2e-boskos-001", "e2e tests"],
    ])("a name Google or tests make is not the program's to use: %s", (name, maker) => {
        const v = messagesOf(runStackPolicy(resourceNaming, withBucket("prod", name).resources));
        expect(v).toHaveLength(1);
        expect(v[0]).toContain(`"${name}"`);
        expect(v[0]).toContain(`it is a name ${maker} make`);
    });

    test("the same name is fine in prod", () => {
        expect(runStackPolicy(resourceNaming, withBucket("prod", "k8s-infra-ci-logs").resources)).toEqual([]);
    });

    test.each(["k8s-infra-ci-logs-stg", "k8s-infra-stg-logs"])("a prod name containing the word stg fires: %s", name => {
        const v = messagesOf(runStackPolicy(resourceNaming, withBucket("prod", name).resources));
        expect(v).toHaveLength(1);
        expect(v[0]).toContain(`"${name}"`);
        expect(v[0]).toContain('the word "stg" is reserved for the end of staging names');
    });

    test("a word that merely contains stg is not the token", () => {
        expect(runStackPolicy(resourceNaming, withBucket("prod", "k8s-infra-stgx-logs").resources)).toEqual([]);
    });

    test("a staging name with stg in the middle fires in staging too", () => {
        expect(messagesOf(runStackPolicy(resourceNaming, withBucket("staging", "k8s-infra-stg-logs-stg").resources)))
            .toEqual([expect.stringContaining("reserved for the end of staging names")]);
    });

    test("a group in the wrong domain or family fires", () => {
        // The program makes no group (k8s.io's reconciler does), but one made by hand is still judged.
        const resources = stackFromRoster(ROSTER, { environment: "prod" });
        const group = (urn: string, id: string): StackResource => ({ type: GCP.group, name: urn, urn, props: { groupKey: { id } } });
        resources.push(group("urn:ok", "k8s-infra-dns-owners@kubernetes.io"), group("urn:g1", "k8s-infra-dns-owners@example.com"),
            group("urn:g2", "k8s-staging-dns-owners@kubernetes.io"));
        expect(runStackPolicy(resourceNaming, resources).map(v => v.urn)).toEqual(["urn:g1", "urn:g2"]);
    });

    test("a bucket name too long for GCS fires with the length", () => {
        const name = `k8s-infra-${"a".repeat(60)}`;
        expect(messagesOf(runStackPolicy(resourceNaming, withBucket("prod", name).resources)))
            .toEqual([expect.stringContaining("it is 70 characters long; a GCS bucket name takes 3-63")]);
    });

    test("without a WorkingGroup component the environment comes from the stack name in the URN", () => {
        const { resources } = withBucket("prod", "k8s-infra-ci-logs-stg");
        const noWg = resources.filter(r => r.type !== "k8s-infra:governance:WorkingGroup");
        expect(messagesOf(runStackPolicy(resourceNaming, noWg))).toEqual([expect.stringContaining("a prod bucket name")]);
        const staging = withBucket("staging", "k8s-infra-ci-logs").resources.filter(r => r.type !== "k8s-infra:governance:WorkingGroup");
        expect(messagesOf(runStackPolicy(resourceNaming, staging))).toEqual([expect.stringContaining("a staging bucket name")]);
    });

    test("an unknown name (preview) is skipped; a bad name elsewhere is still reported", () => {
        const { resources } = withBucket("prod", "Bad_Name");
        const other = resources.find(r => r.type === GCP.bucket)!;
        other.props = withUnknown(other.props, "name");
        resources.push({ type: GCP.group, name: "unknown", urn: "urn:unknown", props: withUnknown({ groupKey: { id: "" } }, "groupKey", "object") });
        expect(messagesOf(runStackPolicy(resourceNaming, resources))).toEqual([expect.stringContaining('"Bad_Name"')]);
    });
});

describe("cost-attribution-labels", () => {
    const labels = standardLabels({ subproject: "artifacts", sig: "release", environment: "prod" });
    const run = (type: string, props: Record<string, unknown>) => runResourcePolicy(costAttributionLabels, { type, name: "thing", props });

    test("every labelled resource in the sample stack carries the four labels: quiet", () => {
        const resources = stackFromRoster(ROSTER, { environment: "prod" }).filter(r => LABEL_PROPERTY[r.type]);
        expect(resources.length).toBeGreaterThan(3);
        for (const r of resources) expect(run(r.type, r.props)).toEqual([]);
    });

    test("a bucket with no labels fires, naming all four keys", () => {
        expect(run(GCP.bucket, { name: "k8s-infra-x" })).toEqual([
            `${GCP.bucket} thing has no subproject, sig, environment, managed-by in labels; make them with standardLabels() from model/labels.ts.`,
        ]);
    });

    test("one missing or empty label fires for that key only", () => {
        const { sig: _, ...noSig } = labels;
        expect(run(GCP.bucket, { labels: noSig })).toEqual([expect.stringContaining("has no sig in labels")]);
        expect(run(GCP.bucket, { labels: { ...labels, environment: "" } })).toEqual([expect.stringContaining("has no environment in labels")]);
    });

    test("the property is per type: GKE clusters use resourceLabels, AWS resources use tags", () => {
        expect(run("gcp:container/cluster:Cluster", { labels })).toEqual([expect.stringContaining("in resourceLabels")]);
        expect(run("gcp:container/cluster:Cluster", { resourceLabels: labels })).toEqual([]);
        expect(run("aws:s3/bucketV2:BucketV2", { tags: labels })).toEqual([]);
        expect(run("aws:s3/bucketV2:BucketV2", {})).toEqual([expect.stringContaining("in tags")]);
    });

    test("types that take no labels are not checked", () => {
        expect(run(GCP.group, {})).toEqual([]);
    });

    test("unknown labels (preview) are not misreported as missing", () => {
        expect(() => run(GCP.bucket, withUnknown({ labels }, "labels", "object"))).toThrow(UnknownValueError);
    });
});

describe("resource-naming: no staging name is an existing one", () => {
    const BUCKET_URN = (stack: string) => `urn:pulumi:${stack}::k8s-infra::gcp:storage/bucket:Bucket::gcs-x`;
    const stack = (environment: Environment, exists: boolean) => [
        { type: "k8s-infra:governance:WorkingGroup", name: "wg", urn: `urn:pulumi:${environment}::k8s-infra::k8s-infra:governance:WorkingGroup::wg`, props: { environment, domain: "kubernetes.io" } },
        { type: GCP.bucket, name: "gcs-x", urn: BUCKET_URN(environment), props: { name: environment === "staging" ? "k8s-infra-x-stg" : "k8s-infra-x" } },
        { type: "k8s-infra:governance:Adoption", name: "adoption", urn: `urn:pulumi:${environment}::k8s-infra::k8s-infra:governance:Adoption::adoption`,
            props: { record: { environment, inventory: "inventory", decisions: [{ type: GCP.bucket, name: "gcs-x", id: "k8s-infra-x-stg", exists, imported: false }] } } },
    ];

    test("a staging bucket the inventory holds fires at the bucket; one it does not hold is quiet", () => {
        const v = runStackPolicy(resourceNaming, stack("staging", true));
        expect(v).toEqual([{ message: expect.stringContaining("a staging name must never be a real one"), urn: BUCKET_URN("staging") }]);
        expect(runStackPolicy(resourceNaming, stack("staging", false))).toEqual([]);
    });

    test("in prod an existing name is not a naming problem (adopt-existing judges it)", () => {
        expect(runStackPolicy(resourceNaming, stack("prod", true))).toEqual([]);
    });
});
