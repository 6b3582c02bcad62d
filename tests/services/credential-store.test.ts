// The credential-store service: secrets named by the scheme, labelled with the owning
// subproject, protected in prod only, administered by the owning subproject's owners,
// read only by the listed groups and service accounts, and never holding a value.

import { deployService, testContext } from "../helpers/service";
import { checkName } from "../../model/naming";
import { LABEL_KEYS } from "../../model/labels";
import { CredentialStoreConfig } from "../../model/service-config/credential-store";

const SECRET = "gcp:secretmanager/secret:Secret";
const IAM = "gcp:secretmanager/secretIamMember:SecretIamMember";
const ESO = "serviceAccount:kubernetes-external-secrets@k8s-infra-prow-build.iam.gserviceaccount.com";
const settings = CredentialStoreConfig.parse({
    project: "kubernetes-public",
    secrets: [
        { id: "k8s-infra-ci-robot-github-token", subproject: "prow", description: "GitHub token of k8s-ci-robot", accessors: [ESO] },
        { id: "k8s-infra-slack-alerts-webhook", subproject: "secrets", accessors: ["group:k8s-infra-alerts@kubernetes.io"] },
    ],
});
const ctx = (env: "staging" | "prod") => testContext("credential-store", env, "secrets", "k8s-infra");

describe.each(["staging", "prod"] as const)("in %s", env => {
    const stg = env === "staging" ? "-stg" : "";

    test("makes each secret, named by the scheme, labelled with its owner, protected in prod only, with no value", async () => {
        const d = await deployService("credential-store", settings, env, ctx(env));
        const secrets = d.inputsOf(SECRET).sort((a, b) => a.secretId.localeCompare(b.secretId));
        expect(secrets.map(s => s.secretId)).toEqual([`k8s-infra-ci-robot-github-token${stg}`, `k8s-infra-slack-alerts-webhook${stg}`]);
        for (const s of secrets) {
            expect(checkName("secret", s.secretId, env)).toBeUndefined();
            expect(s.project).toBe(`kubernetes-public${stg}`);
            expect(s.replication).toEqual({ auto: {} });
            expect(Object.keys(s.labels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
            expect(s.deletionProtection).toBe(env === "prod");
        }
        expect(secrets.map(s => s.labels["secret-owner"])).toEqual(["prow", "secrets"]);
        expect(secrets[0].annotations).toEqual({ description: "GitHub token of k8s-ci-robot" });
        expect(d.ofType(SECRET).map(r => r.protect)).toEqual([env === "prod", env === "prod"]);
        expect(d.ofType("gcp:secretmanager/secretVersion:SecretVersion")).toHaveLength(0);
        expect(d.exports).toEqual({ secrets: {
            "k8s-infra-ci-robot-github-token": `k8s-infra-ci-robot-github-token${stg}`, "k8s-infra-slack-alerts-webhook": `k8s-infra-slack-alerts-webhook${stg}`,
        } });
    });

    test("the owning subproject's owners administer, accessors read, the store's owners see metadata only", async () => {
        const d = await deployService("credential-store", settings, env, ctx(env));
        const grants = d.inputsOf(IAM).map(g => `${g.secretId} ${g.role} ${g.member}`);
        const token = `k8s-infra-ci-robot-github-token${stg}`;
        const webhook = `k8s-infra-slack-alerts-webhook${stg}`;
        expect(grants.sort()).toEqual([
            `${token} roles/secretmanager.admin group:k8s-infra-prow-owners${stg}@kubernetes.io`,
            `${token} roles/secretmanager.secretAccessor ${ESO}`,
            `${token} roles/secretmanager.viewer group:k8s-infra-secrets-owners${stg}@kubernetes.io`,
            `${webhook} roles/secretmanager.admin group:k8s-infra-secrets-owners${stg}@kubernetes.io`,
            `${webhook} roles/secretmanager.secretAccessor group:k8s-infra-alerts@kubernetes.io`,
        ].sort());
        for (const g of d.inputsOf(IAM)) expect(g.member).toMatch(/^(group:|serviceAccount:)/);
    });
});

describe("config", () => {
    const message = (secret: object) => CredentialStoreConfig.safeParse({ project: "kubernetes-public", secrets: [secret] }).error?.issues[0].message;
    test("refuses user and public accessors, ids that cannot be secret ids, the reserved owner-contacts key, and a value", () => {
        expect(message({ id: "a", subproject: "prow", accessors: ["user:alice@example.org"] })).toContain("groups (group:...) or service accounts");
        expect(message({ id: "a", subproject: "prow", accessors: ["allUsers"] })).toContain("groups (group:...) or service accounts");
        expect(message({ id: "a token", subproject: "prow" })).toContain("is not a secret id");
        expect(message({ id: "owner-contacts", subproject: "secrets" })).toContain("is reserved");
        expect(message({ id: "k8s-infra-owner-contacts", subproject: "secrets" })).toContain("is reserved");
        expect(message({ id: "a", subproject: "prow", value: "hunter2" })).toBeDefined();
        expect(message({ id: "a", subproject: "prow-stg" })).toContain("reserved for staging names");
        expect(CredentialStoreConfig.safeParse({ project: "kubernetes-public", secrets: [{ id: "a", subproject: "prow" }, { id: "a", subproject: "secrets" }] })
            .error?.issues[0].message).toContain(`same id ("a")`);
    });

    test("an id with the word stg gets past the config's shape but not the naming check, in either environment", async () => {
        const withToken = CredentialStoreConfig.parse({ project: "kubernetes-public", secrets: [{ id: "k8s-infra-token-stg", subproject: "prow" }] });
        for (const env of ["staging", "prod"] as const) {
            const d = await deployService("credential-store", withToken, env, ctx(env));
            const [secret] = d.inputsOf(SECRET);
            expect(checkName("secret", secret.secretId, env)?.reason).toContain('the word "stg" is reserved');
        }
    });
});
