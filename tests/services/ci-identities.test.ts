// The CI identities (services/governance/ci-identities.ts): a pool whose GitHub
// provider accepts this repository only, three service accounts, each usable from
// one kind of job only (the prod deploy identity from the production environment),
// state and key access by stack, and read-only roles for the preview identity.

import { deployCi, prodCiConfig, stackConfigOf } from "../helpers/ci";
import { StackConfig } from "../../model/config";
import { CI_ACCOUNT_IDS, DEPLOY_ENVIRONMENTS, stackStatePrefixes } from "../../model/ci-identities";
import { canReadSecrets } from "../../model/secret-readers";
import { checkName } from "../../model/naming";

const SA = "gcp:serviceaccount/account:Account";
const SA_IAM = "gcp:serviceaccount/iAMMember:IAMMember";
const BUCKET_IAM = "gcp:storage/bucketIAMMember:BucketIAMMember";
const KEY_IAM = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember";
const ORG_IAM = "gcp:organizations/iAMMember:IAMMember";
const POOL = "projects/123456789012/locations/global/workloadIdentityPools/github-actions";
const REPO = "kubernetes/k8s-infra";
const email = (id: string) => `${id}@k8s-infra-pulumi-state.iam.gserviceaccount.com`;

describe("the CI identities of the prod stack", () => {
    let d: Awaited<ReturnType<typeof deployCi>>;
    beforeAll(async () => { d = await deployCi(); });

    test("one pool, whose one GitHub provider accepts tokens of this repository only", () => {
        expect(d.inputsOf("gcp:iam/workloadIdentityPool:WorkloadIdentityPool")).toEqual([
            expect.objectContaining({ project: "k8s-infra-pulumi-state", workloadIdentityPoolId: "github-actions" }),
        ]);
        const [provider] = d.inputsOf("gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider");
        expect(provider).toMatchObject({
            workloadIdentityPoolId: "github-actions",
            workloadIdentityPoolProviderId: "github",
            attributeCondition: `assertion.repository == "${REPO}"`,
            oidc: { issuerUri: "https://token.actions.githubusercontent.com" },
        });
        expect(provider.attributeMapping["google.subject"]).toBe("assertion.sub");
    });

    test("three service accounts with names that follow the scheme", () => {
        const ids = d.inputsOf(SA).map(a => a.accountId).sort();
        expect(ids).toEqual(Object.values(CI_ACCOUNT_IDS).sort());
        for (const id of ids) expect(checkName("serviceAccount", id, "prod")).toBeUndefined();
    });

    test("each identity is usable from its jobs only: a deploy identity from its environment, the preview identity from pull requests and main", () => {
        const grants = d.inputsOf(SA_IAM).map(g => `${g.serviceAccountId.split("/").pop()} ${g.role} ${g.member}`).sort();
        expect(grants).toEqual([
            `${email("k8s-infra-ci-deploy-prod")} roles/iam.workloadIdentityUser principal://iam.googleapis.com/${POOL}/subject/repo:${REPO}:environment:${DEPLOY_ENVIRONMENTS.prod}`,
            `${email("k8s-infra-ci-deploy-staging")} roles/iam.workloadIdentityUser principal://iam.googleapis.com/${POOL}/subject/repo:${REPO}:environment:staging`,
            `${email("k8s-infra-ci-preview")} roles/iam.workloadIdentityUser principal://iam.googleapis.com/${POOL}/subject/repo:${REPO}:pull_request`,
            `${email("k8s-infra-ci-preview")} roles/iam.workloadIdentityUser principal://iam.googleapis.com/${POOL}/subject/repo:${REPO}:ref:refs/heads/main`,
        ]);
        expect(DEPLOY_ENVIRONMENTS.prod).toBe("production");
        for (const g of d.inputsOf(SA_IAM)) expect(g.member).not.toMatch(/^principalSet:/);
    });

    test("everyone reads the state; a deploy identity writes its own stack's objects only", () => {
        const grants = d.inputsOf(BUCKET_IAM);
        for (const g of grants) expect(g.bucket).toBe("k8s-infra-pulumi-state");
        expect(grants.filter(g => g.role === "roles/storage.objectViewer").map(g => g.member).sort())
            .toEqual(["k8s-infra-ci-deploy-prod", "k8s-infra-ci-deploy-staging", "k8s-infra-ci-preview"].map(id => `serviceAccount:${email(id)}`));
        const writes = grants.filter(g => g.role !== "roles/storage.objectViewer");
        expect(writes.map(g => `${g.member} ${g.role}`).sort()).toEqual([
            `serviceAccount:${email("k8s-infra-ci-deploy-prod")} roles/storage.objectUser`,
            `serviceAccount:${email("k8s-infra-ci-deploy-staging")} roles/storage.objectUser`,
        ]);
        for (const [stack, other] of [["staging", "prod"], ["prod", "staging"]] as const) {
            const w = writes.find(g => g.member.includes(`deploy-${stack}@`))!;
            for (const p of stackStatePrefixes("k8s-infra", stack)) {
                expect(w.condition.expression).toContain(`"projects/_/buckets/k8s-infra-pulumi-state/objects/${p}"`);
            }
            expect(w.condition.expression).not.toContain(`/${other}`);
        }
        expect(stackStatePrefixes("k8s-infra", "prod")).toEqual([
            ".pulumi/stacks/k8s-infra/prod.json", ".pulumi/history/k8s-infra/prod/", ".pulumi/backups/k8s-infra/prod/", ".pulumi/locks/organization/k8s-infra/prod/",
        ]);
    });

    test("the preview identity decrypts with both stacks' keys, a deploy identity with its own only", () => {
        const keys = d.inputsOf(KEY_IAM).map(g => `${g.member.split(":")[1].split("@")[0]} ${g.role} ${g.cryptoKeyId.split("/").pop()}`).sort();
        expect(keys).toEqual([
            "k8s-infra-ci-deploy-prod roles/cloudkms.cryptoKeyDecrypter k8s-infra-prod",
            "k8s-infra-ci-deploy-staging roles/cloudkms.cryptoKeyDecrypter k8s-infra-staging",
            "k8s-infra-ci-preview roles/cloudkms.cryptoKeyDecrypter k8s-infra-prod",
            "k8s-infra-ci-preview roles/cloudkms.cryptoKeyDecrypter k8s-infra-staging",
        ]);
    });

    test("the preview identity views where the projects are, and holds no role that reads a secret", () => {
        expect(d.inputsOf(ORG_IAM)).toEqual([{ orgId: "758905017065", role: "roles/viewer", member: `serviceAccount:${email("k8s-infra-ci-preview")}` }]);
        const preview = d.resources.filter(r => JSON.stringify(r.props).includes(`"serviceAccount:${email("k8s-infra-ci-preview")}"`));
        expect(preview.length).toBeGreaterThan(0);
        for (const r of preview) expect(canReadSecrets(String(r.props.role))).toBe(false);
        expect(d.resources.filter(r => r.type.startsWith("gcp:secretmanager/"))).toEqual([]);
    });
});

describe("the config", () => {
    test("the secrets keys are the stacks' own secretsprovider keys", () => {
        const fs = require("fs") as typeof import("fs");
        const keys = prodCiConfig().secretsKeys;
        for (const stack of ["staging", "prod"] as const) {
            const provider = /^secretsprovider: (\S+)$/m.exec(fs.readFileSync(`${__dirname}/../../Pulumi.${stack}.yaml`, "utf8"))![1];
            expect(provider).toBe(`gcpkms://${keys[stack]}`);
        }
    });

    test("the identities are in the prod stack only; the staging stack refuses them", () => {
        expect(stackConfigOf("staging").ci).toBeUndefined();
        const staging = { ...stackConfigOf("staging"), ci: stackConfigOf("prod").ci };
        const parsed = StackConfig.safeParse(staging);
        expect(parsed.success).toBe(false);
        expect(parsed.error!.issues).toEqual([expect.objectContaining({ path: ["ci"], message: expect.stringContaining("prod stack only") })]);
        expect(StackConfig.safeParse(stackConfigOf("prod")).success).toBe(true);
    });

    test("the state bucket is the workflows' backend", () => {
        const fs = require("fs") as typeof import("fs");
        for (const f of ["deploy.yml", "preview.yml"]) {
            expect(fs.readFileSync(`${__dirname}/../../.github/workflows/${f}`, "utf8")).toContain(`PULUMI_BACKEND_URL: gs://${prodCiConfig().stateBucket}`);
        }
    });
});
