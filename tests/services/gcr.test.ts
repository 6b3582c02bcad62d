// The gcr service (Artifact Registry): the public images repository per prod region,
// written only by the promoter; staging repositories per staging name with cleanup
// and their k8s-infra-staging-<name>@ writers; names, labels, protection, exports.

import { deployService } from "../helpers/service";
import { checkName } from "../../model/naming";
import { LABEL_KEYS } from "../../model/labels";
import { GcrConfig } from "../../model/service-config/gcr";

const REPO = "gcp:artifactregistry/repository:Repository";
const IAM = "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember";
const SA = "gcp:serviceaccount/account:Account";
const settings = GcrConfig.parse({
    project: "k8s-artifacts-prod",
    regions: ["us-central1", "europe-west1"],
    stagingProject: "k8s-staging-images",
    staging: ["kind", "cluster-api"],
    stagingCleanup: { deleteUntaggedAfterDays: 2, deleteAfterDays: 30, keepRecent: 5 },
    promoterWorkloadIdentities: ["k8s-infra-prow-build-trusted.svc.id.goog[test-pods/k8s-infra-promoter]"],
});

describe.each(["staging", "prod"] as const)("in %s", env => {
    const stg = env === "staging" ? "-stg" : "";
    const prod = `k8s-artifacts-prod${stg}`;
    const staging = `k8s-staging-images${stg}`;

    test("makes an images repository per region and a staging repository per name, labelled, protected in prod only", async () => {
        const d = await deployService("gcr", settings, env);
        const repos = d.inputsOf(REPO);
        expect(repos.map(r => `${r.project}/${r.location}/${r.repositoryId}`).sort()).toEqual([
            `${prod}/europe-west1/images`, `${prod}/us-central1/images`,
            `${staging}/us-central1/cluster-api`, `${staging}/us-central1/kind`,
        ]);
        for (const r of repos) {
            expect(r.format).toBe("DOCKER");
            expect(Object.keys(r.labels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
            expect(r.labels.environment).toBe(env);
            expect(r.deletionPolicy).toBe(env === "prod" ? "PREVENT" : "DELETE");
        }
        expect(d.ofType(REPO).map(r => r.protect)).toEqual(repos.map(() => env === "prod"));
        const images = repos.filter(r => r.repositoryId === "images");
        expect(images.every(r => r.labels.visibility === "public" && r.dockerConfig.immutableTags === true && r.cleanupPolicies.length === 0)).toBe(true);
        const kind = repos.find(r => r.repositoryId === "kind")!;
        expect(kind.labels.visibility).toBe("private");
        expect(kind.cleanupPolicies).toEqual([
            { id: "delete-untagged", action: "DELETE", condition: { tagState: "UNTAGGED", olderThan: `${2 * 86400}s` } },
            { id: "delete-old", action: "DELETE", condition: { tagState: "ANY", olderThan: `${30 * 86400}s` } },
            { id: "keep-recent", action: "KEEP", mostRecentVersions: { keepCount: 5 } },
        ]);
    });

    test("the promoter service account is named by the scheme and has no key", async () => {
        const d = await deployService("gcr", settings, env);
        const [sa] = d.inputsOf(SA);
        expect(sa.accountId).toBe(`k8s-infra-promoter${stg}`);
        expect(sa.project).toBe(prod);
        expect(checkName("serviceAccount", sa.accountId, env)).toBeUndefined();
        expect(d.ofType("gcp:serviceaccount/key:Key")).toHaveLength(0);
        // Prow's trusted cluster acts as it through Workload Identity instead.
        expect(d.inputsOf("gcp:serviceaccount/iAMMember:IAMMember")).toEqual([{
            serviceAccountId: `projects/${prod}/serviceAccounts/k8s-infra-promoter${stg}@${prod}.iam.gserviceaccount.com`,
            role: "roles/iam.workloadIdentityUser",
            member: "serviceAccount:k8s-infra-prow-build-trusted.svc.id.goog[test-pods/k8s-infra-promoter]",
        }]);
    });

    test("grants: owners administer, the promoter alone writes images, staging groups write staging, the public reads images only", async () => {
        const d = await deployService("gcr", settings, env);
        const grants = d.inputsOf(IAM).map(g => `${g.project}/${g.location}/${g.repository} ${g.role} ${g.member}`);
        const promoter = `serviceAccount:k8s-infra-promoter${stg}@${prod}.iam.gserviceaccount.com`;
        const owners = `group:k8s-infra-artifacts-owners${stg}@kubernetes.io`;
        for (const region of ["us-central1", "europe-west1"]) {
            const repo = `${prod}/${region}/images`;
            expect(grants.filter(g => g.startsWith(`${repo} `)).sort()).toEqual([
                `${repo} roles/artifactregistry.reader allUsers`,
                `${repo} roles/artifactregistry.repoAdmin ${owners}`,
                `${repo} roles/artifactregistry.writer ${promoter}`,
            ]);
        }
        const kind = `${staging}/us-central1/kind`;
        expect(grants.filter(g => g.startsWith(`${kind} `)).sort()).toEqual([
            `${kind} roles/artifactregistry.reader ${promoter}`,
            `${kind} roles/artifactregistry.repoAdmin ${owners}`,
            `${kind} roles/artifactregistry.writer group:k8s-infra-staging-kind${stg}@kubernetes.io`,
        ]);
        for (const g of d.inputsOf(IAM)) {
            expect(g.member).toMatch(/^(group:|serviceAccount:|allUsers$)/);
            if (g.member.startsWith("group:k8s-infra-staging-")) expect(checkName("group", g.member.slice(6), env)).toBeUndefined();
        }
        expect(grants.filter(g => g.endsWith(" allUsers"))).toHaveLength(2);
    });

    test("exports the registry URLs and the promoter's e-mail", async () => {
        const d = await deployService("gcr", settings, env);
        expect(d.exports).toEqual({
            registries: {
                "images-us-central1": `us-central1-docker.pkg.dev/${prod}/images`,
                "images-europe-west1": `europe-west1-docker.pkg.dev/${prod}/images`,
                "staging-kind": `us-central1-docker.pkg.dev/${staging}/kind`,
                "staging-cluster-api": `us-central1-docker.pkg.dev/${staging}/cluster-api`,
            },
            serviceAccounts: { promoter: `k8s-infra-promoter${stg}@${prod}.iam.gserviceaccount.com` },
        });
    });
});

describe("config", () => {
    const base = { project: "k8s-artifacts-prod", regions: ["us-central1"], stagingProject: "k8s-staging-images" };
    test("refuses staging names longer than 18 characters, with the staging token, or twice", () => {
        expect(GcrConfig.safeParse({ ...base, staging: ["cluster-inventory-api"] }).error?.issues[0].message).toContain("at most 18");
        expect(GcrConfig.safeParse({ ...base, staging: ["kind-stg"] }).error?.issues[0].message).toContain("reserved for staging names");
        expect(GcrConfig.safeParse({ ...base, staging: ["kind", "kind"] }).error?.issues[0].message).toMatch(/same staging name \("kind"\)/);
    });
    test("refuses cleanup that deletes tagged images before untagged ones, and no region", () => {
        expect(GcrConfig.safeParse({ ...base, stagingCleanup: { deleteUntaggedAfterDays: 30, deleteAfterDays: 7 } }).success).toBe(false);
        expect(GcrConfig.safeParse({ ...base, regions: [] }).success).toBe(false);
        expect(GcrConfig.safeParse({ ...base, promoterWorkloadIdentities: ["test-pods/k8s-infra-promoter"] }).error?.issues[0].message).toContain("is not a Workload Identity member");
        expect(GcrConfig.parse(base).stagingCleanup).toEqual({ deleteUntaggedAfterDays: 7, deleteAfterDays: 90, keepRecent: 10, dryRun: false });
    });
});
