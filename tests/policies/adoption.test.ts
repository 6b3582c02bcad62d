import { adoptExisting } from "../../policy-pack/policies/adoption";
import { COMPONENT, GCP } from "../../model/resource-types";
import type { AdoptionDecision, AdoptionRecord } from "../../model/adoption-record";
import { messagesOf, runStackPolicy, urnOf, withUnknown } from "../helpers/policy";

const BUCKET = { name: "k8s-infra-prow-results", project: "kubernetes-public", location: "US-CENTRAL1" };
const decision = (over: Partial<AdoptionDecision> = {}): AdoptionDecision =>
    ({ type: GCP.bucket, name: "gcs-k8s-infra-prow-results", id: "k8s-infra-prow-results", exists: true, imported: true, ...over });
const record = (decisions: AdoptionDecision[], over: Partial<AdoptionRecord> = {}): AdoptionRecord =>
    ({ environment: "prod", inventory: "inventory", decisions, ...over });
const run = (rec: AdoptionRecord | undefined, props: Record<string, unknown> = BUCKET, stack = "prod") => runStackPolicy(adoptExisting, [
    ...(rec ? [{ type: COMPONENT.adoption, name: "adoption", urn: urnOf(COMPONENT.adoption, "adoption", stack), props: { record: rec } }] : []),
    { type: GCP.bucket, name: "gcs-k8s-infra-prow-results", urn: urnOf(GCP.bucket, "gcs-k8s-infra-prow-results", stack), props },
]);

describe("adopt-existing", () => {
    test("an existing bucket that the program imports is quiet; so is a new one", () => {
        expect(run(record([decision()]))).toEqual([]);
        expect(run(record([decision({ exists: false, imported: false })]))).toEqual([]);
    });

    test("a prod create of a name that exists fires at the resource, naming the id", () => {
        const v = run(record([decision({ imported: false })]));
        expect(messagesOf(v)).toEqual([expect.stringContaining("k8s-infra-prow-results already exists; adopt it")]);
        expect(v[0].urn).toBe(urnOf(GCP.bucket, "gcs-k8s-infra-prow-results", "prod"));
    });

    test("in staging it stays quiet: a name that exists is resource-naming's to report", () => {
        expect(run(record([decision({ imported: false })], { environment: "staging" }), BUCKET, "staging")).toEqual([]);
    });

    test("a resource missing from the record fires; a record with another id fires", () => {
        expect(messagesOf(run(record([])))).toEqual([expect.stringContaining("is not in the program's adoption record")]);
        expect(messagesOf(run(record([decision({ id: "other" })])))).toEqual([expect.stringContaining("but the adoption record says other")]);
    });

    test("no record at all fires once when adoptable resources exist; a prod record without an inventory fires", () => {
        expect(messagesOf(run(undefined))).toEqual([expect.stringContaining("has no k8s-infra:governance:Adoption record")]);
        expect(messagesOf(run(record([decision({ exists: false, imported: false })], { inventory: null }))))
            .toEqual([expect.stringContaining("reads no inventory")]);
    });

    test("an unknown key input (preview) is checked against the record's id without crashing", () => {
        expect(run(record([decision({ id: null, exists: false, imported: false })]), withUnknown(BUCKET, "name"))).toEqual([]);
    });

    test("a group that exists cannot be imported: its create fires, telling to use the existing group", () => {
        const GROUP = "gcp:cloudidentity/group:Group";
        const props = { groupKey: { id: "k8s-infra-staging-kind@kubernetes.io" }, parent: "customers/C0" };
        const rec = record([{ type: GROUP, name: "kind-owners", id: "k8s-infra-staging-kind@kubernetes.io", exists: true, imported: false }]);
        const v = runStackPolicy(adoptExisting, [
            { type: COMPONENT.adoption, name: "adoption", urn: urnOf(COMPONENT.adoption, "adoption", "prod"), props: { record: rec } },
            { type: GROUP, name: "kind-owners", urn: urnOf(GROUP, "kind-owners", "prod"), props },
        ]);
        expect(messagesOf(v)).toEqual([expect.stringContaining("already exists and cannot be imported; use the existing group")]);
    });
});
