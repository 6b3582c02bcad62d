// The GCS service: what it creates, how it names, labels and protects buckets,
// and that it grants only to groups, service accounts and (on public buckets) the public.

import { deployService } from "../helpers/service";
import { checkName } from "../../model/naming";
import { LABEL_KEYS } from "../../model/labels";
import { GcsConfig } from "../../model/service-config/gcs";

const BUCKET = "gcp:storage/bucket:Bucket";
const IAM = "gcp:storage/bucketIAMMember:BucketIAMMember";
const settings = GcsConfig.parse({
    project: "kubernetes-public",
    location: "us-central1",
    buckets: [
        { name: "k8s-infra-prow-results", purpose: "test-artifacts", public: true, deleteAfterDays: 90, writers: ["serviceAccount:prow-build@k8s-infra-prow-build.iam.gserviceaccount.com"] },
        // A legacy bucket in its own project and location (model/legacy-names.ts).
        { name: "k8s-release", project: "k8s-release", location: "US", purpose: "release", versioning: true, retentionDays: 3650 },
    ],
});

describe.each(["staging", "prod"] as const)("in %s", env => {
    test("makes the configured buckets plus an access-log bucket, named by the scheme, labelled, uniform access", async () => {
        const d = await deployService("gcs", settings, env);
        const buckets = d.inputsOf(BUCKET);
        const stg = env === "staging" ? "-stg" : "";
        expect(buckets.map(b => b.name).sort()).toEqual([
            `k8s-infra-artifacts-gcs-access-logs${stg}`, `k8s-infra-prow-results${stg}`, `k8s-release${stg}`,
        ]);
        for (const b of buckets) {
            expect(checkName("bucket", b.name, env)).toBeUndefined();
            expect(Object.keys(b.labels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
            expect(b.uniformBucketLevelAccess).toBe(true);
        }
        // A bucket sits in the service's project and location unless it names its own.
        const where = Object.fromEntries(buckets.map(b => [b.name, `${b.project} ${b.location}`]));
        expect(where).toEqual({
            [`k8s-infra-artifacts-gcs-access-logs${stg}`]: `kubernetes-public${stg} US-CENTRAL1`,
            [`k8s-infra-prow-results${stg}`]: `kubernetes-public${stg} US-CENTRAL1`,
            [`k8s-release${stg}`]: `k8s-release${stg} US`,
        });
        expect(d.ofType(BUCKET).every(b => b.protect === (env === "prod"))).toBe(true);
        const release = buckets.find(b => b.name === `k8s-release${stg}`)!;
        expect(release.retentionPolicy.retentionPeriod).toBe(String(3650 * 86400));
        expect(release.versioning.enabled).toBe(true);
        expect(buckets.find(b => b.name.startsWith("k8s-infra-prow"))!.lifecycleRules[0].condition.age).toBe(90);
        expect(d.exports).toEqual({ buckets: {
            "k8s-infra-artifacts-gcs-access-logs": `k8s-infra-artifacts-gcs-access-logs${stg}`,
            "k8s-infra-prow-results": `k8s-infra-prow-results${stg}`,
            "k8s-release": `k8s-release${stg}`,
        } });
    });
    test("grants to the owners group, writers, and allUsers read only on the public bucket", async () => {
        const d = await deployService("gcs", settings, env);
        const grants = d.inputsOf(IAM).map(g => `${g.bucket} ${g.role} ${g.member}`);
        const stg = env === "staging" ? "-stg" : "";
        expect(grants).toContain(`k8s-infra-prow-results${stg} roles/storage.admin group:k8s-infra-artifacts-owners${stg}@kubernetes.io`);
        expect(grants).toContain(`k8s-infra-prow-results${stg} roles/storage.objectViewer allUsers`);
        expect(grants.filter(g => g.endsWith("allUsers"))).toHaveLength(1);
        for (const g of d.inputsOf(IAM)) expect(g.member).toMatch(/^(group:|serviceAccount:|allUsers$)/);
    });
});

describe("config", () => {
    const base = { project: "kubernetes-public", location: "us-central1" };
    const messages = (bucket: object) => GcsConfig.safeParse({ ...base, buckets: [{ purpose: "logs", ...bucket }] }).error?.issues.map(i => `${i.path.join(".")}: ${i.message}`);
    test("takes a bucket's prod name; refuses the old stem and family fields and what cannot be a bucket name", () => {
        expect(messages({ name: "k8s-infra-ci-logs" })).toBeUndefined();
        expect(messages({ stem: "ci-logs", family: "infra" })).toBeDefined();
        expect(messages({ name: "artifacts.k8s-artifacts-prod.appspot.com" })![0]).toMatch(/^buckets\.0\.name: is not a bucket name/);
        expect(messages({ name: "k8s-infra-ci-logs", project: "ci" })![0]).toMatch(/^buckets\.0\.project: is not a GCP project id/);
    });
});
