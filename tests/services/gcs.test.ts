// The GCS service: what it creates, how it names, labels and protects buckets,
// and that it grants only to groups, service accounts and (on public buckets) the public.

import { deployService } from "../helpers/service";
import { checkName } from "../../model/naming";
import { LABEL_KEYS } from "../../model/labels";
import { GcsConfig } from "../../model/service-config/gcs";

const BUCKET = "gcp:storage/bucket:Bucket";
const IAM = "gcp:storage/bucketIAMMember:BucketIAMMember";
const settings = GcsConfig.parse({
    project: "public",
    location: "us-central1",
    buckets: [
        { stem: "prow-results", purpose: "test-artifacts", public: true, deleteAfterDays: 90, writers: ["serviceAccount:prow-build@k8s-infra-prow-build.iam.gserviceaccount.com"] },
        { stem: "release-tarballs", family: "artifacts", purpose: "release", versioning: true, retentionDays: 3650 },
    ],
});

describe.each(["staging", "prod"] as const)("in %s", env => {
    test("makes the configured buckets plus an access-log bucket, named by the scheme, labelled, uniform access", async () => {
        const d = await deployService("gcs", settings, env);
        const buckets = d.inputsOf(BUCKET);
        const stg = env === "staging" ? "-stg" : "";
        expect(buckets.map(b => b.name).sort()).toEqual([
            `k8s-artifacts-release-tarballs${stg}`, `k8s-infra-artifacts-gcs-access-logs${stg}`, `k8s-infra-prow-results${stg}`,
        ]);
        for (const b of buckets) {
            expect(checkName("bucket", b.name, env)).toBeUndefined();
            expect(Object.keys(b.labels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
            expect(b.uniformBucketLevelAccess).toBe(true);
            expect(b.project).toBe(`k8s-infra-public${stg}`);
        }
        expect(d.ofType(BUCKET).every(b => b.protect === (env === "prod"))).toBe(true);
        const release = buckets.find(b => b.name.startsWith("k8s-artifacts-release"))!;
        expect(release.retentionPolicy.retentionPeriod).toBe(String(3650 * 86400));
        expect(release.versioning.enabled).toBe(true);
        expect(buckets.find(b => b.name.startsWith("k8s-infra-prow"))!.lifecycleRules[0].condition.age).toBe(90);
        expect(d.exports).toEqual({ buckets: expect.objectContaining({ "prow-results": `k8s-infra-prow-results${stg}` }) });
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
