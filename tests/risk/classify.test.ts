// The classifier on offline diffs (two resource lists in, changes and classes out),
// each rule of model/risk.ts from the change it is about, and the rules' data checked
// against what they name: real type tokens of @pulumi/gcp, real bucket purposes.

import * as fs from "fs";
import * as path from "path";
import { CI_BUCKET_PURPOSES, RISK_CLASS_INFO, RISK_CLASSES, RISK_RULES } from "../../model/risk";
import { BUCKET_PURPOSES } from "../../model/service-config/gcs";
import { classify, componentChain, environmentOf } from "../../tools/risk/classify";
import { changedKeys, diffResources, diffSnapshots, NOT_KNOWN_OFFLINE } from "../../tools/risk/diff";
import type { SnapshotResource } from "../../tools/risk/snapshot-child";
import { ROOT } from "./run-risk";

const BUCKET = "gcp:storage/bucket:Bucket";
function res(stack: string, type: string, name: string, inputs: Record<string, unknown>, opts: { protect?: boolean; parent?: string } = {}): SnapshotResource {
    const qualified = opts.parent ? `${opts.parent}$${type}` : type;
    return { urn: `urn:pulumi:${stack}::k8s-infra::${qualified}::${name}`, type, custom: true, protect: opts.protect ?? false, inputs };
}
const labels = (env: string, extra: Record<string, string> = {}) => ({ environment: env, sig: "testing", subproject: "prow", "managed-by": "pulumi", ...extra });
const ciLogs = res("prod", BUCKET, "gcs-ci-logs", { name: "k8s-infra-ci-logs", location: "us-central1", labels: labels("prod", { purpose: "logs" }) }, { protect: true, parent: "k8s-infra:services:Gcs" });
const release = res("prod", BUCKET, "gcs-release", { name: "k8s-artifacts-release", location: "us", labels: labels("prod", { purpose: "release" }) }, { parent: "k8s-infra:services:Gcs" });
const secret = res("staging", "gcp:secretmanager/secret:Secret", "s", { secretId: "k8s-infra-s-stg", labels: labels("staging") });

/** Diffs base -> head and classes the result. */
function offline(base: SnapshotResource[], head: SnapshotResource[]) {
    return classify(diffResources(base, head));
}
const edit = (r: SnapshotResource, inputs: Record<string, unknown>): SnapshotResource => ({ ...r, inputs: { ...r.inputs, ...inputs } });

describe("the classifier on offline diffs", () => {
    test("the same resources (key order aside) are no change: low, no reasons", () => {
        const reordered = { ...ciLogs, inputs: Object.fromEntries(Object.entries(ciLogs.inputs).reverse()) };
        expect(offline([ciLogs, release, secret], [secret, reordered, release])).toMatchObject({ risk: "low", reasons: [] });
    });

    test("a protected prod bucket removed from the program is a high delete", () => {
        const r = offline([ciLogs, release], [release]);
        expect(r.risk).toBe("high");
        expect(r.reasons).toEqual([expect.objectContaining({ urn: ciLogs.urn, op: "delete", rule: "protected-removed" })]);
    });

    test("a stateful resource whose name changes is taken as replaced (high); other updates say replacement is not known", () => {
        const renamed = offline([release], [edit(release, { name: "k8s-artifacts-release-2" })]);
        expect(renamed.risk).toBe("high");
        expect(renamed.reasons[0]).toMatchObject({ op: "replace", rule: "stateful-removed" });
        expect(renamed.reasons[0].note).toMatch(/name changed/);
        const relabelled = offline([release], [edit(release, { labels: labels("prod", { purpose: "release", team: "x" }) })]);
        expect(relabelled.risk).toBe("low");
        expect(relabelled.reasons[0]).toMatchObject({ op: "update", note: `${NOT_KNOWN_OFFLINE}; changes labels` });
    });

    test("a changed name on a type that is not stateful stays an update", () => {
        const sa = res("prod", "gcp:serviceaccount/account:Account", "sa", { accountId: "a", displayName: "A" });
        expect(offline([sa], [edit(sa, { displayName: "B" })]).reasons[0]).toMatchObject({ op: "update", risk: "low" });
    });

    test("an update of a CI bucket is medium; of a release bucket, low", () => {
        const lifecycle = { lifecycleRules: [{ action: { type: "Delete" }, condition: { age: 30 } }] };
        expect(offline([ciLogs], [edit(ciLogs, lifecycle)])).toMatchObject({ risk: "medium", reasons: [expect.objectContaining({ rule: "ci-bucket" })] });
        expect(offline([release], [edit(release, lifecycle)]).risk).toBe("low");
    });

    test("a new resource is a low create; a whole new stack's resources too", () => {
        const project = res("prod", "gcp:organizations/project:Project", "p", { projectId: "k8s-infra-new" });
        expect(offline([], [project]).reasons).toEqual([expect.objectContaining({ op: "create", risk: "low" })]);
        const d = diffSnapshots({ stacks: {} }, { stacks: { dev: { environment: "staging", resources: [project] } } });
        expect(d).toMatchObject({ addedStacks: ["dev"], removedStacks: [], environments: { dev: "staging" } });
    });

    test("a removed stack deletes everything in it", () => {
        const d = diffSnapshots({ stacks: { prod: { environment: "prod", resources: [ciLogs, release] } } }, { stacks: {} });
        expect(d.removedStacks).toEqual(["prod"]);
        expect(classify(d.changes, { environments: d.environments }).risk).toBe("high");
    });

    test("the Stack resource itself is never a change", () => {
        const stack = res("prod", "pulumi:pulumi:Stack", "k8s-infra-prod", {});
        expect(diffResources([stack], [])).toEqual([]);
    });

    test("changedKeys compares deeply", () => {
        expect(changedKeys({ a: { x: 1, y: [1, 2] }, b: 1 }, { b: 1, a: { y: [1, 2], x: 1 } })).toEqual([]);
        expect(changedKeys({ a: { y: [1, 2] } }, { a: { y: [2, 1] }, c: null })).toEqual(["a", "c"]);
    });
});

describe("each rule, from the change it is about", () => {
    const one = (r: SnapshotResource, op: "create" | "update" | "delete" = "update", envs?: Record<string, string>) =>
        classify([{ urn: r.urn, type: r.type, op, old: op === "create" ? undefined : { protect: r.protect, inputs: r.inputs }, new: op === "delete" ? undefined : { protect: r.protect, inputs: r.inputs } }], { environments: envs });

    test("DNS zones: any update is high; a new zone is not", () => {
        const zone = res("prod", "gcp:dns/managedZone:ManagedZone", "z", { dnsName: "k8s.io.", labels: labels("prod") });
        expect(one(zone).reasons[0]).toMatchObject({ risk: "high", rule: "dns-zone" });
        expect(one(zone, "create").risk).toBe("low");
    });

    test("org- and folder-level IAM: even a create is high; project IAM is low", () => {
        expect(one(res("prod", "gcp:organizations/iAMMember:IAMMember", "m", { role: "roles/viewer" }), "create").reasons[0].rule).toBe("org-iam");
        expect(one(res("prod", "gcp:folder/iAMBinding:IAMBinding", "b", {}), "delete").risk).toBe("high");
        expect(one(res("prod", "gcp:projects/iAMMember:IAMMember", "m", {}), "create").risk).toBe("low");
    });

    test("KMS keys deleted, and any App Engine app created, are high", () => {
        expect(one(res("prod", "gcp:kms/cryptoKey:CryptoKey", "k", {}), "delete").reasons[0].rule).toBe("kms-key-removed");
        expect(one(res("prod", "gcp:kms/cryptoKey:CryptoKey", "k", {}), "update").risk).toBe("low");
        expect(one(res("staging", "gcp:appengine/application:Application", "a", { locationId: "us-central" }), "create").reasons[0].rule).toBe("app-engine-app");
    });

    test("prow clusters and node pools: updates are medium, in either environment", () => {
        const pool = res("staging", "gcp:container/nodePool:NodePool", "pool", { nodeCount: 3 }, { parent: "k8s-infra:services:Gke" });
        expect(one(pool).reasons[0]).toMatchObject({ risk: "medium", rule: "prow-cluster" });
    });

    test("registries: the prod images repos (and their IAM) are medium, staging repos low", () => {
        const images = res("prod", "gcp:artifactregistry/repository:Repository", "gcr-images-us", { repositoryId: "images", labels: labels("prod", { purpose: "images" }) });
        const staging = res("prod", "gcp:artifactregistry/repository:Repository", "gcr-staging-kind", { repositoryId: "kind", labels: labels("prod", { purpose: "staging" }) });
        const publicRead = res("prod", "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember", "gcr-images-us-public-read", { repository: "images", member: "allUsers" });
        expect(one(images).reasons[0].rule).toBe("shared-registry");
        expect(one(publicRead, "delete").reasons[0].rule).toBe("shared-registry");
        expect(one(staging).risk).toBe("low");
        expect(one(edit(images, { labels: labels("staging", { purpose: "images" }) })).risk).toBe("low");
    });

    test("DNS record sets: prod by stack config, stack name or (unknown) by default; staging low", () => {
        const rs = (stack: string) => res(stack, "gcp:dns/recordSet:RecordSet", "www", { name: "www.k8s.io.", managedZone: "k8s-io" });
        expect(one(rs("prod")).reasons[0].rule).toBe("prod-dns-records");
        expect(one(rs("staging")).risk).toBe("low");
        expect(one(rs("dev"), "update", { dev: "staging" }).risk).toBe("low");
        expect(one(rs("dev")).risk).toBe("medium"); // environment unknown: taken as prod
    });

    test("the test pool: anything inside the TestPool component is medium", () => {
        const quota = res("prod", "gcp:serviceusage/consumerQuotaOverride:ConsumerQuotaOverride", "q", { overrideValue: "100" }, { parent: "k8s-infra:services:TestPool" });
        expect(one(quota, "create").reasons[0].rule).toBe("test-pool");
        expect(componentChain(quota.urn)).toEqual(["k8s-infra:services:TestPool"]);
    });

    test("the environment label wins over the stack", () => {
        const r = res("prod", BUCKET, "b", { labels: { environment: "staging" } });
        expect(environmentOf({ urn: r.urn, type: r.type, op: "update", new: { protect: false, inputs: r.inputs } }, {})).toBe("staging");
    });
});

describe("the rules' data", () => {
    test("every type token a rule names exists in @pulumi/gcp (or @pulumi/aws)", () => {
        const tokens = [...new Set(RISK_RULES.flatMap(r => r.types ?? []))];
        expect(tokens.length).toBeGreaterThan(15);
        const missing = tokens.filter(t => {
            const m = /^(gcp|aws):([^/]+)\/([^:]+):(.+)$/.exec(t);
            const dir = m && path.join(ROOT, "node_modules/@pulumi", m[1], m[2]);
            if (!m || !dir || !fs.existsSync(dir)) return true;
            // Module files are named like the token's middle part, except for case (iAMMember -> iamMember.js).
            const file = fs.readdirSync(dir).find(f => f.toLowerCase() === `${m[3]}.js`.toLowerCase());
            return !file || !fs.readFileSync(path.join(dir, file), "utf8").includes(`'${t}'`);
        });
        expect(missing).toEqual([]);
    });

    test("CI bucket purposes are bucket purposes the gcs config allows", () => {
        for (const p of CI_BUCKET_PURPOSES) expect(BUCKET_PURPOSES).toContain(p);
    });

    test("every class has its label and the charter's asks; every rule has ops and a why", () => {
        expect(RISK_CLASSES.map(c => RISK_CLASS_INFO[c].label)).toEqual(["risk/low", "risk/medium", "risk/high"]);
        expect(RISK_CLASS_INFO.low.asks).toMatch(/another member of WG K8s Infra/);
        expect(RISK_CLASS_INFO.medium.asks).toMatch(/lazy consensus/);
        for (const r of RISK_RULES) {
            expect(r.ops.length).toBeGreaterThan(0);
            expect(r.why.length).toBeGreaterThan(10);
        }
        expect(new Set(RISK_RULES.map(r => r.id)).size).toBe(RISK_RULES.length);
    });
});
