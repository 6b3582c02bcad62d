// The Cloud Build service: the private worker pool, one keyless build service
// account per builder with its roles, the private logs bucket (protected in prod),
// owners who submit builds and act as the builders, exports, and config checks.

import { deployService, testContext } from "../helpers/service";
import { checkName } from "../../model/naming";
import { LABEL_KEYS } from "../../model/labels";
import { GcbConfig } from "../../model/service-config/gcb";
import { PRIMITIVE_ROLE_NAMES } from "../../model/iam-roles";

const POOL = "gcp:cloudbuild/workerPool:WorkerPool";
const BUCKET = "gcp:storage/bucket:Bucket";
const SA = "gcp:serviceaccount/account:Account";
const PROJECT_IAM = "gcp:projects/iAMMember:IAMMember";
const SA_IAM = "gcp:serviceaccount/iAMMember:IAMMember";
const BUCKET_IAM = "gcp:storage/bucketIAMMember:BucketIAMMember";
const IAM_TYPE = /(?:IAM|Iam)(?:Member|Binding|Policy)$/;

const settings = GcbConfig.parse({
    project: "k8s-releng-prod",
    region: "us-central1",
    pool: { name: "release-builds", machineType: "e2-highcpu-32", diskSizeGb: 500 },
    builders: [{ name: "releng", roles: ["roles/artifactregistry.writer"] }, { name: "kubernetes" }],
    logs: { bucket: "k8s-infra-releng-gcb-logs", deleteAfterDays: 30 },
});

describe.each(["staging", "prod"] as const)("in %s", env => {
    const stg = env === "staging" ? "-stg" : "";
    const project = `k8s-releng-prod${stg}`;
    const ctx = testContext("gcb", env, "release-eng", "release");
    const owners = `group:k8s-infra-release-eng-owners${stg}@kubernetes.io`;
    const sa = (name: string) => `gcb-builder-${name}${stg}@${project}.iam.gserviceaccount.com`;

    test("makes the worker pool from config in its region", async () => {
        const d = await deployService("gcb", settings, env, ctx);
        expect(d.inputsOf(POOL)).toEqual([expect.objectContaining({
            name: "release-builds", project, location: "us-central1",
            workerConfig: { machineType: "e2-highcpu-32", diskSizeGb: 500 },
        })]);
    });

    test("makes a private, uniform-access, labelled logs bucket that deletes old logs, protected in prod only", async () => {
        const d = await deployService("gcb", settings, env, ctx);
        const [bucket] = d.inputsOf(BUCKET);
        expect(bucket.name).toBe(`k8s-infra-releng-gcb-logs${stg}`);
        expect(bucket.project).toBe(project);
        expect(checkName("bucket", bucket.name, env)).toBeUndefined();
        expect(bucket.uniformBucketLevelAccess).toBe(true);
        expect(bucket.publicAccessPrevention).toBe("enforced");
        expect(bucket.forceDestroy).toBe(false);
        expect(bucket.lifecycleRules[0].condition.age).toBe(30);
        expect(Object.keys(bucket.labels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
        expect(bucket.labels.visibility).toBe("private");
        expect(d.ofType(BUCKET).map(b => b.protect)).toEqual([env === "prod"]);
    });

    test("one service account per builder, named by the scheme, with no key", async () => {
        const d = await deployService("gcb", settings, env, ctx);
        const accounts = d.inputsOf(SA).map(a => `${a.project}/${a.accountId}`).sort();
        expect(accounts).toEqual([`${project}/gcb-builder-kubernetes${stg}`, `${project}/gcb-builder-releng${stg}`]);
        for (const a of d.inputsOf(SA)) expect(checkName("serviceAccount", a.accountId, env)).toBeUndefined();
        expect(d.ofType("gcp:serviceaccount/key:Key")).toHaveLength(0);
    });

    test("grants: builders build (plus their configured roles) and write logs; owners submit builds and act as the builders", async () => {
        const d = await deployService("gcb", settings, env, ctx);
        expect(d.inputsOf(PROJECT_IAM).map(g => `${g.project} ${g.role} ${g.member}`).sort()).toEqual([
            `${project} roles/artifactregistry.writer serviceAccount:${sa("releng")}`,
            `${project} roles/cloudbuild.builds.builder serviceAccount:${sa("kubernetes")}`,
            `${project} roles/cloudbuild.builds.builder serviceAccount:${sa("releng")}`,
            `${project} roles/cloudbuild.builds.editor ${owners}`,
            `${project} roles/cloudbuild.workerPoolUser ${owners}`,
        ]);
        expect(d.inputsOf(SA_IAM).map(g => `${g.role} ${g.member}`)).toEqual([
            `roles/iam.serviceAccountUser ${owners}`, `roles/iam.serviceAccountUser ${owners}`,
        ]);
        expect(d.inputsOf(BUCKET_IAM).map(g => `${g.role} ${g.member}`).sort()).toEqual([
            `roles/storage.admin ${owners}`,
            `roles/storage.objectAdmin serviceAccount:${sa("kubernetes")}`,
            `roles/storage.objectAdmin serviceAccount:${sa("releng")}`,
        ]);
        for (const r of d.resources.filter(r => IAM_TYPE.test(r.type))) {
            expect(r.inputs.toJavaScript().member).toMatch(/^(group|serviceAccount):/);
        }
    });

    test("exports the builders' service accounts and the logs bucket", async () => {
        const d = await deployService("gcb", settings, env, ctx);
        expect(d.exports).toEqual({
            serviceAccounts: { "gcb-builder-releng": sa("releng"), "gcb-builder-kubernetes": sa("kubernetes") },
            buckets: { "k8s-infra-releng-gcb-logs": `k8s-infra-releng-gcb-logs${stg}` },
        });
    });
});

describe("config", () => {
    const base = { project: "k8s-releng-prod", region: "us-central1", pool: { name: "release-builds" }, builders: [{ name: "releng" }], logs: { bucket: "k8s-infra-releng-gcb-logs", deleteAfterDays: 7 } };
    const messages = (input: object) => {
        const result = GcbConfig.safeParse(input);
        expect(result.success).toBe(false);
        return result.error!.issues.map(i => i.message).join("\n");
    };

    test("defaults: an e2-standard-4 pool with 100 GB disks", () => {
        expect(GcbConfig.parse(base).pool).toEqual({ name: "release-builds", machineType: "e2-standard-4", diskSizeGb: 100 });
    });

    test.each(PRIMITIVE_ROLE_NAMES.map(r => [r]))("refuses the primitive role %s for a builder", role => {
        expect(messages({ ...base, builders: [{ name: "releng", roles: [role] }] })).toMatch(/primitive role/);
    });

    test.each([
        ["a primitive role for a builder", { ...base, builders: [{ name: "releng", roles: ["roles/editor"] }] }, /primitive role/],
        ["a builder name too long for its service account", { ...base, builders: [{ name: "release-engineering" }] }, /must fit in 30/],
        ["a worker disk below Cloud Build's minimum", { ...base, pool: { name: "p", diskSizeGb: 50 } }, /at least 100/],
        ["two builders with the same name", { ...base, builders: [{ name: "releng" }, { name: "releng" }] }, /same name/],
        ["a zone as the region", { ...base, region: "us-central1-b" }, /region like us-central1/],
        ["a logs bucket that is not a bucket name", { ...base, logs: { bucket: "Releng Logs", deleteAfterDays: 7 } }, /not a bucket name.*give the prod name/],
        ["a bare project stem", { ...base, project: "rel" }, /not a GCP project id.*give the prod id/],
    ])("rejects %s", (_what, input, message) => {
        expect(messages(input)).toMatch(message);
    });
});
