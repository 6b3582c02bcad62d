// The artifact-staging service: per staging area, a StagingArea component carrying
// its staffing record, the APIs, the writers group's project roles (as k8s.io's
// ensure-staging-storage.sh grants them), the bucket with its lifecycle, the registry
// with cleanup, and their grants; names in each environment, labels, protection,
// exports. And adoption: an existing staging project and bucket are imported with
// the settings they have, a new area is created.

import * as path from "path";
import { runProgram } from "../../tools/check/run-program";
import { StackConfig } from "../../model/config";
import { buildModel, StackModel } from "../../model/stack-model";
import { loadRoster } from "../../model/roster/load";
import { loadInventory } from "../../model/inventory/load";
import { cloudObjects } from "../../model/inventory/cloud-objects";
import { COMPONENT } from "../../model/resource-types";
import { LABEL_KEYS } from "../../model/labels";
import { checkName } from "../../model/naming";
import { ArtifactStagingConfig, WRITER_PROJECT_ROLES } from "../../model/service-config/artifact-staging";
import { projectConfigValues } from "../../tools/stack-config/stack-config";
import { artifactStagingService } from "../../services/artifact-staging";
import { Billing } from "../../services/billing";
import { AdoptionPlan } from "../../program/adoption";
import { makePlan } from "../../tools/adopt/plan";
import { DeployedService, deployedFrom, testContext, unwrap } from "../helpers/service";
import { append, rosterCopy } from "../helpers/roster-copy";

const ROOT = path.resolve(__dirname, "../..");
const INVENTORY = path.join(ROOT, "tests/fixtures/staging-inventory");
const SETTINGS = ArtifactStagingConfig.parse({
    areas: ["kind", "cluster-api", "lws"],
    bucket: { location: "US", deleteAfterDays: 60, accessLogs: "k8s-infra-artifacts-gcslogs" },
    registry: { location: "us-central1", cleanup: { deleteUntaggedAfterDays: 2, deleteAfterDays: 30, keepRecent: 5 } },
    builders: ["serviceAccount:gcb-builder@k8s-infra-prow-build-trusted.iam.gserviceaccount.com"],
});
const T = {
    bucket: "gcp:storage/bucket:Bucket",
    bucketIam: "gcp:storage/bucketIAMMember:BucketIAMMember",
    repo: "gcp:artifactregistry/repository:Repository",
    repoIam: "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember",
    projectIam: "gcp:projects/iAMMember:IAMMember",
    api: "gcp:projects/service:Service",
    project: "gcp:organizations/project:Project",
};

/** The sample roster plus lws (a staging area k8s.io's 2023 estate does not have), modelled for `env` with SETTINGS. */
function model(env: "prod" | "staging"): StackModel {
    const { dir } = rosterCopy({ "staging-areas.yaml": append("  - name: lws\n    sig: apps\n    owners: [hana-sato, ivan-petrov, jo-mbeki]\n") });
    const raw = projectConfigValues(ROOT, env) as { services: Record<string, unknown> };
    const config = StackConfig.parse({ ...raw, services: { ...raw.services, "artifact-staging": SETTINGS } });
    return buildModel(loadRoster(dir, "roster"), config, `Pulumi.${env}.yaml`);
}

interface Run extends DeployedService { decisions?: AdoptionPlan["decisions"] }

/** Deploys the service as program/main.ts does (the areas from the model), optionally with the staging projects and adoption. */
async function deploy(env: "prod" | "staging", withAdoption = false): Promise<Run> {
    const m = model(env);
    const ctx = testContext("artifact-staging", env);
    let plan: AdoptionPlan | undefined;
    const run = await runProgram({
        project: "k8s-infra", stack: env, config: {}, secretKeys: [], preview: true,
        program: async () => {
            if (withAdoption) {
                const inventory = loadInventory(INVENTORY, "inventory");
                plan = new AdoptionPlan(env, "inventory", cloudObjects(inventory));
                plan.install();
                new Billing("billing", {
                    environment: env, account: "018801-93540E-22A20E", parent: "organizations/758905017065",
                    existing: Object.fromEntries([...inventory.projects.values()].map(p => [p.id, p.parent])), projects: m.projects.filter(p => p.name.startsWith("k8s-staging-")),
                    thresholds: [1], protect: ctx.protect, channels: {},
                });
            }
            const areas = artifactStagingService.prepare!(m.config.services["artifact-staging"]!, env, ROOT, undefined, m);
            const deployed = artifactStagingService.deploy(ctx, m.config.services["artifact-staging"]!, {}, areas);
            plan?.register();
            return { exports: deployed.exports };
        },
    });
    return { ...deployedFrom(run), decisions: plan?.decisions };
}

describe.each(["prod", "staging"] as const)("in %s", env => {
    const stg = env === "staging" ? "-stg" : "";
    const areas = ["kind", "cluster-api", "lws"];
    let d: Run;
    beforeAll(async () => { d = await deploy(env); });

    test("one StagingArea per area, carrying its staffing record, with every resource of the area under it", () => {
        const components = d.resources.filter(r => r.type === COMPONENT.stagingArea);
        expect(components.map(c => c.name).sort()).toEqual([...areas].sort());
        const kind = unwrap(components.find(c => c.name === "kind")!.inputs.toJavaScript()) as Record<string, any>;
        expect(kind).toMatchObject({ name: "kind", sig: "testing", subproject: "artifacts", project: `k8s-staging-kind${stg}`,
            writersGroup: `k8s-infra-staging-kind${stg}@kubernetes.io`, source: expect.stringMatching(/^roster\/staging-areas\.yaml:\d+$/) });
        expect(kind.owners.map((o: { github: string }) => o.github)).toEqual(["chen-liwei", "dara-mensah", "eli-novak"]);
        for (const c of components) {
            const children = d.resources.filter(r => r.parent === c.urn);
            // 2 APIs, 3 writer roles, 1 builder, bucket + 2 grants, registry + 2 grants.
            expect(children.map(r => r.type).sort()).toEqual([
                T.repo, T.repoIam, T.repoIam, T.api, T.api, T.projectIam, T.projectIam, T.projectIam, T.projectIam, T.bucket, T.bucketIam, T.bucketIam,
            ].sort());
        }
    });

    test("the bucket: k8s-staging-<name>, deleted after 60 days, uniform access, public, access logs as k8s.io writes them; protected in prod", () => {
        const buckets = d.inputsOf(T.bucket);
        expect(buckets.map(b => `${b.project}/${b.name}`).sort()).toEqual(areas.map(a => `k8s-staging-${a}${stg}/k8s-staging-${a}${stg}`).sort());
        for (const b of buckets) {
            expect(b).toMatchObject({ location: "US", uniformBucketLevelAccess: true, publicAccessPrevention: "inherited", forceDestroy: false,
                lifecycleRules: [{ action: { type: "Delete" }, condition: { age: 60 } }],
                logging: { logBucket: `k8s-infra-artifacts-gcslogs${stg}`, logObjectPrefix: b.name } });
            expect(Object.keys(b.labels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
            expect(b.labels).toMatchObject({ environment: env, subproject: "artifacts", visibility: "public", "staging-area": expect.any(String) });
            expect(checkName("bucket", b.name, env)).toBeUndefined();
        }
        expect(buckets.find(b => b.name === `k8s-staging-lws${stg}`)!.labels.sig).toBe("apps");
        expect(d.resources.filter(r => r.type === T.bucket || r.type === T.repo).every(r => r.protect === (env === "prod"))).toBe(true);
    });

    test("the registry: one per project, with cleanup, public, written by the area's writers", () => {
        const repos = d.inputsOf(T.repo);
        expect(repos.map(r => `${r.project}/${r.location}/${r.repositoryId}`).sort()).toEqual(areas.map(a => `k8s-staging-${a}${stg}/us-central1/images`).sort());
        expect(repos[0]).toMatchObject({ format: "DOCKER", dockerConfig: { immutableTags: false }, cleanupPolicyDryRun: false, labels: { visibility: "public" } });
        expect(repos[0].cleanupPolicies).toEqual([
            { id: "delete-untagged", action: "DELETE", condition: { tagState: "UNTAGGED", olderThan: `${2 * 86400}s` } },
            { id: "delete-old", action: "DELETE", condition: { tagState: "ANY", olderThan: `${30 * 86400}s` } },
            { id: "keep-recent", action: "KEEP", mostRecentVersions: { keepCount: 5 } },
        ]);
        expect(d.exports.registries).toEqual(Object.fromEntries(areas.map(a => [`staging-${a}`, `us-central1-docker.pkg.dev/k8s-staging-${a}${stg}/images`])));
        expect(d.exports.buckets).toEqual(Object.fromEntries(areas.map(a => [`k8s-staging-${a}`, `k8s-staging-${a}${stg}`])));
    });

    test("grants: the writers group writes the bucket and registry and runs builds (k8s.io's roles), the builder builds, the public reads", () => {
        const kind = `k8s-staging-kind${stg}`;
        const writers = `group:k8s-infra-staging-kind${stg}@kubernetes.io`;
        expect(d.inputsOf(T.projectIam).filter(g => g.project === kind).map(g => `${g.role} ${g.member}`).sort()).toEqual([
            ...WRITER_PROJECT_ROLES.map(role => `${role} ${writers}`),
            "roles/cloudbuild.builds.builder serviceAccount:gcb-builder@k8s-infra-prow-build-trusted.iam.gserviceaccount.com",
        ].sort());
        expect(WRITER_PROJECT_ROLES).toEqual(["roles/viewer", "roles/cloudbuild.builds.editor", "roles/serviceusage.serviceUsageConsumer"]);
        expect(d.inputsOf(T.bucketIam).filter(g => g.bucket === kind).map(g => `${g.role} ${g.member}`).sort())
            .toEqual([`roles/storage.objectAdmin ${writers}`, "roles/storage.objectViewer allUsers"]);
        expect(d.inputsOf(T.repoIam).filter(g => g.project === kind).map(g => `${g.role} ${g.member}`).sort())
            .toEqual(["roles/artifactregistry.reader allUsers", `roles/artifactregistry.writer ${writers}`]);
        expect(d.inputsOf(T.api).filter(a => a.project === kind).map(a => a.service).sort()).toEqual(["artifactregistry.googleapis.com", "cloudbuild.googleapis.com"]);
    });
});

test("an area given a retention keeps it (unlocked); the others have none", async () => {
    const settings = ArtifactStagingConfig.parse({ bucket: { retentionSeconds: { "cluster-api": 2592000 } } });
    const m = model("prod");
    const run = await runProgram({
        project: "k8s-infra", stack: "prod", config: {}, secretKeys: [], preview: true,
        program: async () => { artifactStagingService.deploy(testContext("artifact-staging", "prod"), settings, {}, m.stagingAreas); },
    });
    const buckets = deployedFrom(run).inputsOf(T.bucket);
    expect(Object.fromEntries(buckets.map(b => [b.name, b.retentionPolicy]))).toEqual({
        "k8s-staging-kind": undefined, "k8s-staging-cluster-api": { retentionPeriod: "2592000", isLocked: false }, "k8s-staging-lws": undefined,
    });
});

test("a private area config: no public grant, labelled private, publicAccessPrevention enforced", async () => {
    const settings = ArtifactStagingConfig.parse({ bucket: { public: false }, registry: { public: false } });
    const m = model("prod");
    const run = await runProgram({
        project: "k8s-infra", stack: "prod", config: {}, secretKeys: [], preview: true,
        program: async () => { artifactStagingService.deploy(testContext("artifact-staging", "prod"), settings, {}, m.stagingAreas.slice(0, 1)); },
    });
    const inputs = run.resources.map(r => unwrap(r.inputs.toJavaScript()) as Record<string, any>);
    expect(inputs.filter(i => i.member === "allUsers")).toEqual([]);
    expect(inputs.find(i => i.name === "k8s-staging-kind")).toMatchObject({ publicAccessPrevention: "enforced", labels: { visibility: "private" } });
});

describe("adoption in prod", () => {
    let d: Run;
    beforeAll(async () => { d = await deploy("prod", true); });

    test("the existing project and bucket of kind are imported; cluster-api and lws are new", () => {
        const decided = (d.decisions ?? []).filter(x => x.type === T.project || x.type === T.bucket).map(x => [x.id, x.imported]);
        expect(decided).toEqual(expect.arrayContaining([
            ["projects/k8s-staging-kind", true], ["k8s-staging-kind", true],
            ["projects/k8s-staging-cluster-api", false], ["k8s-staging-cluster-api", false],
            ["projects/k8s-staging-lws", false], ["k8s-staging-lws", false],
        ]));
        expect(decided).toHaveLength(6);
    });

    test("the adopted bucket keeps what it has (location, lifecycle, uniform access, logging): only the labels change", () => {
        const inventory = cloudObjects(loadInventory(INVENTORY, "inventory"));
        const inputs = d.resources.map(r => ({ type: r.type, name: r.name, inputs: unwrap(r.inputs.toJavaScript()) as Record<string, unknown> }));
        const plan = makePlan(d.decisions ?? [], inputs, inventory);
        expect(plan.adopt.map(e => e.id).sort()).toEqual(["k8s-staging-kind", "projects/k8s-staging-kind"]);
        const bucket = plan.differs.find(e => e.id === "k8s-staging-kind");
        expect(bucket?.properties.map(p => p.property)).toEqual(["labels"]);
        // The -gcb and Container Registry buckets are not the service's: left unmanaged.
        expect(plan.unmanaged.map(e => e.id).sort()).toEqual(["artifacts.k8s-staging-kind.appspot.com", "k8s-staging-kind-gcb"]);
    });
});
