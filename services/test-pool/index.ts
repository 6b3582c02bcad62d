// The test pool: the GCE projects e2e tests rent from boskos, pool by type (general
// k8s-infra-e2e-boskos-001..., gpu -gpu-01..., scale -scale-01...), each with the
// compute APIs on, its pool's quota caps, and predefined roles (never roles/editor)
// for CI: a handful of resources per project, as there are some 160 of them; and the
// AWS account CI reaches through OIDC federation: the issuer, the role CI assumes
// (no IAM users, no access keys) and a monthly budget that alerts the owners.
// The projects themselves and their GCP budgets come from Billing (EXTRA_PROJECTS).

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import * as aws from "@pulumi/aws";
import { AwsCiConfig, QuotaCap, TestPoolConfig, poolProjectsByType, quotasOf } from "../../model/service-config/test-pool";
import { STAGING_TOKEN } from "../../model/naming";
import { ServiceComponent, ServiceContext, projectId, ServiceArgs } from "../service-component";
import type { ServiceDefinition } from "../definition";

export class TestPool extends ServiceComponent {
    /** Pool project ids, in order. */
    readonly projects: string[];
    /** The ARN of the role CI assumes in AWS (not a stack output: the contract has no key for it). */
    readonly awsRoleArn?: pulumi.Output<string>;

    constructor(name: string, { context: ctx, settings: args }: ServiceArgs<TestPoolConfig>, opts?: pulumi.ComponentResourceOptions) {
        super("TestPool", name, { context: ctx, settings: args }, opts);
        // The standing project is a general-purpose one: it gets the general pool's caps.
        const all = [{ id: args.project, quotas: quotasOf(args, "general") },
            ...poolProjectsByType(args).map(p => ({ id: p.id, quotas: quotasOf(args, p.type) }))];
        this.projects = all.map(p => projectId(ctx, p.id));
        all.forEach((p, i) => this.project(name, p.id, this.projects[i], p.quotas, args));
        if (args.aws) this.awsRoleArn = this.awsAccount(name, args.aws);
        this.finish({ projects: this.projects, awsRoleArn: this.awsRoleArn });
    }

    /** One test project: APIs, its pool's quota caps, and access for CI and the owners. */
    private project(component: string, prodId: string, project: string, quotas: readonly QuotaCap[], args: TestPoolConfig): void {
        const key = `${component}-${prodId}`;
        const apis = args.apis.map(api => new gcp.projects.Service(`${key}-${api.split(".")[0]}`, {
            project,
            service: api,
            disableOnDestroy: false,
            disableDependentServices: false,
        }, this.child()));
        for (const q of quotas) {
            new gcp.serviceusage.ConsumerQuotaOverride(`${key}-quota-${q.metric}-${q.region}`, {
                project,
                service: "compute.googleapis.com",
                metric: encodeURIComponent(`compute.googleapis.com/${q.metric}`),
                limit: encodeURIComponent("/project/region"),
                dimensions: { region: q.region },
                overrideValue: String(q.limit),
                force: true,
            }, this.child({ dependsOn: apis }));
        }
        const grant = (suffix: string, role: string, member: string) =>
            new gcp.projects.IAMMember(`${key}-${suffix}`, { project, role, member }, this.child());
        // The owners clean up what a test or the janitor left behind.
        grant("owners", "roles/compute.admin", `group:${this.ctx.ownersGroup}`);
        args.ciMembers.forEach((member, m) => args.ciRoles.forEach(role =>
            grant(`ci-${m}-${role.replace(/^roles\//, "").replace(/\./g, "-")}`, role, member)));
    }

    /** The AWS account side: OIDC issuer, the role CI assumes through it, and the account's budget. */
    private awsAccount(component: string, cfg: AwsCiConfig): pulumi.Output<string> {
        const ctx = this.ctx;
        const tags = { ...ctx.labels };
        // An explicit provider pinned to the configured account: the wrong credentials fail instead of deploying elsewhere.
        const provider = new aws.Provider(`${component}-aws`, { region: cfg.region, allowedAccountIds: [cfg.accountId] }, { parent: this });
        const on = this.child({ provider });
        const oidc = new aws.iam.OpenIdConnectProvider(`${component}-oidc`, {
            url: cfg.issuerUrl,
            clientIdLists: cfg.audiences,
            thumbprintLists: cfg.thumbprints,
            tags,
        }, on);
        const issuer = cfg.issuerUrl.replace(/^https:\/\//, "");
        // The provider's ARN is fixed by the account and the issuer; written out, the trust policy is reviewable in preview.
        const providerArn = oidc.url.apply(() => `arn:aws:iam::${cfg.accountId}:oidc-provider/${issuer}`);
        const role = new aws.iam.Role(`${component}-ci-role`, {
            name: awsName(ctx, cfg.role),
            description: `Assumed by CI (${cfg.subjects.join(", ")}) through OIDC to run e2e tests. Owned by ${ctx.ownersGroup}.`,
            maxSessionDuration: cfg.maxSessionSeconds,
            assumeRolePolicy: providerArn.apply(arn => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Federated: arn },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: { StringEquals: { [`${issuer}:aud`]: cfg.audiences, [`${issuer}:sub`]: cfg.subjects } },
                }],
            })),
            tags,
        }, { ...on, dependsOn: [oidc] });
        cfg.managedPolicies.forEach((policyArn, i) =>
            new aws.iam.RolePolicyAttachment(`${component}-ci-role-policy-${i}`, { role: role.name, policyArn }, on));
        new aws.budgets.Budget(`${component}-aws-budget`, {
            name: awsName(ctx, "test-pool-aws"),
            accountId: cfg.accountId,
            budgetType: "COST",
            timeUnit: "MONTHLY",
            limitAmount: String(cfg.monthlyBudgetUsd),
            limitUnit: "USD",
            notifications: [
                ...cfg.thresholds.map(t => ({
                    comparisonOperator: "GREATER_THAN", notificationType: "ACTUAL", threshold: t * 100, thresholdType: "PERCENTAGE",
                    subscriberEmailAddresses: [ctx.ownersGroup],
                })),
                { comparisonOperator: "GREATER_THAN", notificationType: "FORECASTED", threshold: 100, thresholdType: "PERCENTAGE", subscriberEmailAddresses: [ctx.ownersGroup] },
            ],
            tags,
        }, on);
        return role.arn;
    }
}

/** AWS names (roles, budgets) in the k8s-infra-<name>[-stg] form; the naming module covers GCP kinds only. */
export function awsName(ctx: Pick<ServiceContext, "environment">, name: string): string {
    return `k8s-infra-${name}${ctx.environment === "staging" ? `-${STAGING_TOKEN}` : ""}`;
}

export const testPoolService: ServiceDefinition<"test-pool"> = {
    deploy: (ctx, settings, opts) => {
        // Exports nothing: pool projects are leased through boskos, and the AWS role ARN fits no key of the output contract.
        const pool = new TestPool("test-pool", { context: ctx, settings }, opts);
        return { component: pool, exports: {} };
    },
};
