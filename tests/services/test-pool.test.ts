// The test-pool service: the boskos-style GCE projects, pool by type (their ids from
// the type, each pool's quota caps, APIs, CI access by predefined roles), the projects
// Billing must create for it, and the AWS account setup CI assumes through OIDC (no
// users, no keys), with its budget and tags. Config checks: counts, quota bounds, types.

import { deployService, testContext } from "../helpers/service";
import { E2E_POOL_TYPES, checkName, e2ePoolCapacity, e2ePoolProjectId, familyOf, nameIn } from "../../model/naming";
import { LABEL_KEYS } from "../../model/labels";
import { MAX_QUOTA_LIMIT, TestPoolConfig, poolProjectsByType, testPoolEnvironmentIssues } from "../../model/service-config/test-pool";
import { projectsOf } from "../../model/service-config/projects";
import { StackConfig } from "../../model/config";

const PROJECT_IAM = "gcp:projects/iAMMember:IAMMember";
const QUOTA = "gcp:serviceusage/consumerQuotaOverride:ConsumerQuotaOverride";
const API = "gcp:projects/service:Service";
const CI = "serviceAccount:prow-build@k8s-infra-prow-build.iam.gserviceaccount.com";
const ISSUER = "https://container.googleapis.com/v1/projects/k8s-infra-prow-build/locations/us-central1/clusters/prow-build";
const settings = TestPoolConfig.parse({
    project: "k8s-infra-e2e-gce-project",
    pools: [
        { type: "general", count: 2, quotas: [{ metric: "cpus", region: "us-central1", limit: 64 }, { metric: "n2_cpus", region: "us-east1", limit: 32 }] },
        { type: "scale", count: 1, quotas: [{ metric: "in_use_addresses", region: "us-east1", limit: 125 }] },
    ],
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
    // Staging has no scale pool: its ids do not fit a project id with -stg (see below).
    const forEnv = env === "staging" ? { ...settings, pools: [settings.pools[0]] } : settings;
    const ids = ["k8s-infra-e2e-gce-project", "k8s-infra-e2e-boskos-001", "k8s-infra-e2e-boskos-002", ...(env === "prod" ? ["k8s-infra-e2e-boskos-scale-01"] : [])]
        .map(s => `${s}${stg}`);

    test("every pool project gets its APIs, its own pool's quota caps and CI access by predefined roles", async () => {
        const d = await deployService("test-pool", forEnv, env, ctx(env));
        for (const id of ids) expect(checkName("project", id, env)).toBeUndefined();
        expect(d.inputsOf(API).map(a => `${a.project} ${a.service}`).sort()).toEqual(ids.map(id => `${id} compute.googleapis.com`).sort());
        // The general pool's two caps in the standing project and the general ones; the scale pool's one in the scale project.
        const quotas = d.inputsOf(QUOTA).map(q => `${q.project} ${decodeURIComponent(q.metric)} ${q.dimensions.region} ${q.overrideValue}`).sort();
        expect(quotas).toEqual([
            ...ids.slice(0, 3).flatMap(id => [`${id} compute.googleapis.com/cpus us-central1 64`, `${id} compute.googleapis.com/n2_cpus us-east1 32`]),
            ...ids.slice(3).map(id => `${id} compute.googleapis.com/in_use_addresses us-east1 125`),
        ].sort());
        expect(d.inputsOf(QUOTA).find(q => q.project === ids[1] && q.dimensions.region === "us-east1")).toMatchObject({
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
    expect(projectsOf("test-pool", settings)).toEqual(["k8s-infra-e2e-gce-project", "k8s-infra-e2e-boskos-001", "k8s-infra-e2e-boskos-002", "k8s-infra-e2e-boskos-scale-01"]);
});

describe("pools at k8s.io's size", () => {
    // k8s.io's pools (ensure-e2e-projects.sh): 120 general, 10 gpu, 30 scale.
    const real = TestPoolConfig.parse({ project: "k8s-infra-e2e-gce-project", ciMembers: [CI], pools: [
        { type: "general", count: 120 },
        { type: "gpu", count: 10, quotas: [{ metric: "committed_nvidia_k80_gpus", region: "us-west1", limit: 2 }] },
        { type: "scale", count: 30, quotas: [{ metric: "cpus", region: "us-east1", limit: 125 }, { metric: "in_use_addresses", region: "us-east1", limit: 125 }] },
    ] });

    test("ids come from the type by one rule: general -NNN, gpu -gpu-NN, scale -scale-NN, each from 1, all k8s-infra-<name> project ids", () => {
        const ids = poolProjectsByType(real);
        const byType = (t: string) => ids.filter(p => p.type === t).map(p => p.id);
        expect(byType("general")).toHaveLength(120);
        expect([byType("general")[0], byType("general")[119]]).toEqual(["k8s-infra-e2e-boskos-001", "k8s-infra-e2e-boskos-120"]);
        expect([byType("gpu")[0], byType("gpu")[9]]).toEqual(["k8s-infra-e2e-boskos-gpu-01", "k8s-infra-e2e-boskos-gpu-10"]);
        expect([byType("scale")[0], byType("scale")[29]]).toEqual(["k8s-infra-e2e-boskos-scale-01", "k8s-infra-e2e-boskos-scale-30"]);
        expect(new Set(ids.map(p => p.id)).size).toBe(160);
        for (const { id } of ids) {
            expect(checkName("project", id, "prod")).toBeUndefined();
            expect(familyOf("project", id)!.form).toBe("k8s-infra-<name>");
        }
        expect(() => e2ePoolProjectId("gpu", 100)).toThrow(/from 1 to 99/);
        expect(() => e2ePoolProjectId("general", 0)).toThrow(/from 1 to 999/);
    });

    test("resources per project stay few: 4 for a general project, one more per quota cap (gpu 5, scale 6), plus Billing's project and budget", async () => {
        const d = await deployService("test-pool", { ...real, aws: undefined }, "prod", ctx("prod"));
        const perProject = new Map<string, number>();
        for (const r of d.resources.filter(r => r.custom)) {
            const project = r.inputs.toJavaScript().project;
            if (typeof project === "string") perProject.set(project, (perProject.get(project) ?? 0) + 1);
        }
        const counts = (prefix: RegExp) => new Set([...perProject].filter(([p]) => prefix.test(p)).map(([, n]) => n));
        expect(counts(/^k8s-infra-e2e-boskos-\d{3}$/)).toEqual(new Set([4]));
        expect(counts(/^k8s-infra-e2e-boskos-gpu-/)).toEqual(new Set([5]));
        expect(counts(/^k8s-infra-e2e-boskos-scale-/)).toEqual(new Set([6]));
        expect(perProject.size).toBe(161);
        expect([...perProject.values()].reduce((a, b) => a + b, 0)).toBe(161 * 4 + 10 + 30 * 2);
    });

    test("staging keeps a small general pool: typed pool ids do not fit a project id with -stg, and the stack says so", () => {
        expect(testPoolEnvironmentIssues(real, "prod")).toEqual([]);
        const issues = testPoolEnvironmentIssues(real, "staging");
        expect(issues.map(i => i.path.join("."))).toEqual(["pools.1.type", "pools.2.type"]);
        expect(issues[0].message).toMatch(/^a gpu pool's project ids do not fit staging: k8s-infra-e2e-boskos-gpu-10-stg is 31 characters .*; remove the gpu pool from this stack$/);
        // The stack's schema asks, at the pool's line.
        const stack = (environment: string) => StackConfig.safeParse({
            environment, org: { domain: "kubernetes.io" }, governance: { project: "k8s-infra-public-pii", region: "us-central1" },
            billing: { account: "000000-AAAAAA-BBBBBB", parent: "organizations/1", defaultMonthlyUsd: 10 },
            services: { "test-pool": { ...real, pools: [{ type: "general", count: 3 }, { type: "scale", count: 2 }] } },
        });
        expect(stack("staging").error!.issues.map(i => i.path.join("."))).toEqual(["services.test-pool.pools.1.type"]);
        expect(stack("prod").success).toBe(true);
        const small = TestPoolConfig.parse({ ...real, pools: [{ type: "general", count: 3 }] });
        expect(testPoolEnvironmentIssues(small, "staging")).toEqual([]);
        expect(projectsOf("test-pool", small).map(id => nameIn({ kind: "project", name: id, environment: "staging" })))
            .toEqual(["k8s-infra-e2e-gce-project-stg", "k8s-infra-e2e-boskos-001-stg", "k8s-infra-e2e-boskos-002-stg", "k8s-infra-e2e-boskos-003-stg"]);
    });
});

describe("config", () => {
    const base = { project: "k8s-infra-e2e-gce-project", pools: [{ type: "general", count: 3 }], ciMembers: [CI] };
    const issues = (extra: object) => (TestPoolConfig.safeParse({ ...base, ...extra }).error?.issues ?? []).map(i => `${i.path.join(".")}: ${i.message}`);
    const message = (extra: object) => TestPoolConfig.safeParse({ ...base, ...extra }).error?.issues[0].message;
    const pool = (p: object) => issues({ pools: [{ type: "general", count: 3, ...p }] });
    test("refuses primitive roles and user members", () => {
        expect(message({ ciRoles: ["roles/editor"] })).toContain("must not include roles/owner, roles/editor");
        expect(message({ ciMembers: ["user:alice@example.org"] })).toContain("service account");
        expect(message({ project: "e2e" })).toContain("give the prod id");
    });
    test("counts: whole, at least 1, at most what the type's index digits hold (999 general, 99 gpu and scale)", () => {
        expect(pool({ count: 0 })).toEqual(["pools.0.count: is below 1; drop the pool instead"]);
        expect(pool({ count: 2.5 })).toEqual(["pools.0.count: is not a whole number of projects"]);
        expect(pool({ count: "many" })).toEqual(["pools.0.count: is not a number: give how many projects the pool has, like 120"]);
        expect(pool({ count: 1000 })).toEqual(["pools.0.count: is 1000; a general pool has at most 999 projects (its ids end in 3 digits: k8s-infra-e2e-boskos-999)"]);
        expect(pool({ type: "scale", count: 100 })).toEqual(["pools.0.count: is 100; a scale pool has at most 99 projects (its ids end in 2 digits: k8s-infra-e2e-boskos-scale-99)"]);
        for (const type of Object.keys(E2E_POOL_TYPES) as (keyof typeof E2E_POOL_TYPES)[]) {
            expect(pool({ type, count: e2ePoolCapacity(type) })).toEqual([]);
        }
    });
    test("pool types: one of the named ones, each once, and at least one pool", () => {
        expect(pool({ type: "arm" })).toEqual(["pools.0.type: is not a pool type: one of general, gpu, scale (model/naming.ts E2E_POOL_TYPES)"]);
        expect(issues({ pools: [{ type: "gpu", count: 1 }, { type: "gpu", count: 2 }] })).toEqual([expect.stringMatching(/^pools\.1: has the same pool type \("gpu"\) as \[0\]/)]);
        expect(issues({ pools: [] })).toEqual(["pools: needs at least one pool, e.g. { type: general, count: 3 }"]);
        expect(issues({ poolSize: 3 })).toEqual([expect.stringMatching(/Unrecognized key.*poolSize/)]);
    });
    test("quota caps: a metric and region each once per pool, a whole limit from 0 to the bound", () => {
        const q = { metric: "cpus", region: "us-east1", limit: 125 };
        expect(pool({ quotas: [q, { ...q, limit: 0 }] })).toEqual([expect.stringMatching(/^pools\.0\.quotas\.1: has the same metric and region \("cpus in us-east1"\)/)]);
        expect(pool({ quotas: [{ ...q, limit: -1 }] })).toEqual(["pools.0.quotas.0.limit: is below 0; a cap is 0 or more"]);
        expect(pool({ quotas: [{ ...q, limit: 1.5 }] })).toEqual(["pools.0.quotas.0.limit: is not a whole number"]);
        expect(pool({ quotas: [{ ...q, limit: MAX_QUOTA_LIMIT + 1 }] })).toEqual([`pools.0.quotas.0.limit: is above ${MAX_QUOTA_LIMIT}, which caps nothing; give the real cap or drop the entry`]);
        expect(pool({ quotas: [{ ...q, limit: "lots" }] })).toEqual(["pools.0.quotas.0.limit: is not a number: give the cap, like 125"]);
        expect(pool({ quotas: [{ ...q, metric: "CPUS" }] })).toEqual(["pools.0.quotas.0.metric: is not a Compute Engine quota metric like cpus or in_use_addresses"]);
        expect(pool({ quotas: [{ ...q, region: "us-east1-b" }] })).toEqual(["pools.0.quotas.0.region: is not a GCP region like us-central1"]);
        expect(pool({ quotas: [{ ...q, limit: MAX_QUOTA_LIMIT }] })).toEqual([]);
    });
    test("refuses AdministratorAccess and a role nobody can assume", () => {
        const aws = { accountId: "123456789012", issuerUrl: ISSUER, subjects: ["system:serviceaccount:test-pods:boskos"], managedPolicies: ["arn:aws:iam::aws:policy/AmazonEC2FullAccess"], monthlyBudgetUsd: 1 };
        expect(message({ aws })).toBeUndefined();
        expect(message({ aws: { ...aws, managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"] } })).toContain("must not include");
        expect(message({ aws: { ...aws, subjects: [] } })).toContain("nobody could assume");
    });
});
