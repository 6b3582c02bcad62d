// The test-pool service: the boskos-style GCE projects (APIs, quota caps, CI access
// by predefined roles), the projects Billing must create for it, and the AWS account
// setup CI assumes through OIDC (no users, no keys), with its budget and tags.

import { deployService, testContext } from "../helpers/service";
import { checkName, nameIn } from "../../model/naming";
import { LABEL_KEYS } from "../../model/labels";
import { MAX_POOL_PREFIX, TestPoolConfig } from "../../model/service-config/test-pool";
import { projectsOf } from "../../model/service-config/projects";

const PROJECT_IAM = "gcp:projects/iAMMember:IAMMember";
const QUOTA = "gcp:serviceusage/consumerQuotaOverride:ConsumerQuotaOverride";
const API = "gcp:projects/service:Service";
const CI = "serviceAccount:prow-build@k8s-infra-prow-build.iam.gserviceaccount.com";
const ISSUER = "https://container.googleapis.com/v1/projects/k8s-infra-prow-build/locations/us-central1/clusters/prow-build";
const settings = TestPoolConfig.parse({
    project: "k8s-infra-e2e-gce-project",
    poolPrefix: "k8s-infra-e2e-boskos",
    poolSize: 3,
    quotas: [{ metric: "cpus", region: "us-central1", limit: 64 }, { metric: "n2_cpus", region: "us-east1", limit: 32 }],
    ciMembers: [CI],
    aws: {
        accountId: "123456789012",
        issuerUrl: ISSUER,
        subjects: ["system:serviceaccount:test-pods:boskos"],
        managedPolicies: ["arn:aws:iam::aws:policy/AmazonEC2FullAccess"],
        monthlyBudgetUsd: 500,
    },
});
const ctx = (env: "staging" | "prod") => testContext("test-pool", env, "test-pool", "testing");

describe.each(["staging", "prod"] as const)("in %s", env => {
    const stg = env === "staging" ? "-stg" : "";
    const ids = ["k8s-infra-e2e-gce-project", "k8s-infra-e2e-boskos-001", "k8s-infra-e2e-boskos-002", "k8s-infra-e2e-boskos-003"].map(s => `${s}${stg}`);

    test("every pool project gets its APIs, quota caps and CI access by predefined roles", async () => {
        const d = await deployService("test-pool", settings, env, ctx(env));
        for (const id of ids) expect(checkName("project", id, env)).toBeUndefined();
        expect(d.inputsOf(API).map(a => `${a.project} ${a.service}`).sort()).toEqual(ids.map(id => `${id} compute.googleapis.com`).sort());
        const quotas = d.inputsOf(QUOTA);
        expect(quotas).toHaveLength(ids.length * 2);
        expect(quotas.find(q => q.project === ids[1] && q.dimensions.region === "us-east1")).toMatchObject({
            service: "compute.googleapis.com", metric: "compute.googleapis.com%2Fn2_cpus", limit: "%2Fproject%2Fregion", overrideValue: "32",
        });
        const grants = d.inputsOf(PROJECT_IAM).map(g => `${g.project} ${g.role} ${g.member}`);
        for (const id of ids) {
            expect(grants.filter(g => g.startsWith(`${id} `)).sort()).toEqual([
                `${id} roles/compute.admin group:k8s-infra-test-pool-owners${stg}@kubernetes.io`,
                `${id} roles/compute.admin ${CI}`,
                `${id} roles/iam.serviceAccountUser ${CI}`,
            ]);
        }
        for (const g of d.inputsOf(PROJECT_IAM)) {
            expect(g.member).toMatch(/^(group:|serviceAccount:)/);
            expect(["roles/owner", "roles/editor"]).not.toContain(g.role);
        }
        expect(d.exports).toEqual({});
    });

    test("AWS: an OIDC provider, a role CI assumes with web identity on aud and sub, attached policies, a budget; all tagged", async () => {
        const d = await deployService("test-pool", settings, env, ctx(env));
        const [oidc] = d.inputsOf("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
        expect(oidc).toMatchObject({ url: ISSUER, clientIdLists: ["sts.amazonaws.com"] });
        const [role] = d.inputsOf("aws:iam/role:Role");
        expect(role.name).toBe(`k8s-infra-e2e-ci${stg}`);
        const policy = JSON.parse(role.assumeRolePolicy);
        const host = ISSUER.slice("https://".length);
        expect(policy.Statement).toEqual([{
            Effect: "Allow", Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${host}` }, Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { [`${host}:aud`]: ["sts.amazonaws.com"], [`${host}:sub`]: ["system:serviceaccount:test-pods:boskos"] } },
        }]);
        expect(d.inputsOf("aws:iam/rolePolicyAttachment:RolePolicyAttachment").map(a => a.policyArn)).toEqual(["arn:aws:iam::aws:policy/AmazonEC2FullAccess"]);
        const [budget] = d.inputsOf("aws:budgets/budget:Budget");
        expect(budget).toMatchObject({ budgetType: "COST", timeUnit: "MONTHLY", limitAmount: "500", limitUnit: "USD", accountId: "123456789012" });
        expect(budget.notifications.map((n: any) => `${n.notificationType} ${n.threshold}`)).toEqual(["ACTUAL 50", "ACTUAL 90", "ACTUAL 100", "FORECASTED 100"]);
        for (const n of budget.notifications) expect(n.subscriberEmailAddresses).toEqual([`k8s-infra-test-pool-owners${stg}@kubernetes.io`]);
        for (const r of [oidc, role, budget]) {
            expect(Object.keys(r.tags)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
            expect(r.tags.environment).toBe(env);
        }
        const [provider] = d.inputsOf("pulumi:providers:aws");
        expect(JSON.parse(provider.allowedAccountIds)).toEqual(["123456789012"]);
        for (const type of ["aws:iam/user:User", "aws:iam/accessKey:AccessKey"]) expect(d.ofType(type)).toHaveLength(0);
    });
});

test("without an aws section there is no AWS side", async () => {
    const d = await deployService("test-pool", { ...settings, aws: undefined }, "prod", ctx("prod"));
    expect(d.resources.filter(r => r.type.startsWith("aws:") || r.type === "pulumi:providers:aws")).toHaveLength(0);
});

test("Billing is told about every pool project", () => {
    expect(projectsOf("test-pool", settings)).toEqual(["k8s-infra-e2e-gce-project", "k8s-infra-e2e-boskos-001", "k8s-infra-e2e-boskos-002", "k8s-infra-e2e-boskos-003"]);
});

describe("config", () => {
    const base = { project: "k8s-infra-e2e-gce-project", poolPrefix: "k8s-infra-e2e-boskos", poolSize: 3, ciMembers: [CI] };
    const message = (extra: object) => TestPoolConfig.safeParse({ ...base, ...extra }).error?.issues[0].message;
    test("refuses primitive roles, user members, and prefixes that make project ids too long", () => {
        expect(message({ ciRoles: ["roles/editor"] })).toContain("must not include roles/owner, roles/editor");
        expect(message({ ciMembers: ["user:alice@example.org"] })).toContain("service account");
        expect(message({ poolPrefix: "k8s-infra-e2e-boskos-big" })).toContain(`at most ${MAX_POOL_PREFIX}`);
        expect(message({ poolPrefix: "k8s-infra-e2e-stg" })).toContain("reserved for staging names");
        expect(message({ project: "e2e" })).toContain("give the prod id");
        expect(message({ poolSize: 1000 })).toContain("at most 999");
    });
    test("a prefix of the longest allowed length still gives project ids that fit in both environments", () => {
        const prefix = "k8s-infra-" + "e".repeat(MAX_POOL_PREFIX - "k8s-infra-".length);
        const parsed = TestPoolConfig.parse({ ...base, poolPrefix: prefix, poolSize: 999 });
        const last = projectsOf("test-pool", parsed).at(-1)!;
        expect(last).toBe(`${prefix}-999`);
        for (const env of ["prod", "staging"] as const) {
            expect(checkName("project", nameIn({ kind: "project", name: last, environment: env }), env)).toBeUndefined();
        }
    });
    test("refuses AdministratorAccess and a role nobody can assume", () => {
        const aws = { accountId: "123456789012", issuerUrl: ISSUER, subjects: ["system:serviceaccount:test-pods:boskos"], managedPolicies: ["arn:aws:iam::aws:policy/AmazonEC2FullAccess"], monthlyBudgetUsd: 1 };
        expect(message({ aws })).toBeUndefined();
        expect(message({ aws: { ...aws, managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"] } })).toContain("must not include");
        expect(message({ aws: { ...aws, subjects: [] } })).toContain("nobody could assume");
    });
});
