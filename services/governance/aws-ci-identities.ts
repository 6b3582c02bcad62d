// The AWS side of the CI identities (the GCP side: ./ci-identities.ts). In the
// stack's AWS account, the one its AWS provider is pinned to (services.test-pool.aws;
// staging and prod are different accounts), GitHub's OIDC provider
// (token.actions.githubusercontent.com, audience sts.amazonaws.com) and two roles
// (model/ci-identities.ts awsCiIdentitiesRecord):
//
// - preview (k8s-infra-ci-preview[-stg]): assumed by pull requests of this repository
//   (preview.yml) and by the plan job of a push to main (deploy.yml), as the GCP preview
//   identity is. One inline policy, which the role owns exclusively: Get/List/View of
//   what the stack makes in AWS (IAM roles, their policies and attachments, OIDC
//   providers, budgets) and an explicit Deny of every action that returns a secret's
//   value (Secrets Manager, SSM parameters, kms:Decrypt), which also holds against a
//   policy someone attaches outside the stack. It writes nothing.
// - deploy-<stack> (k8s-infra-ci-deploy-staging-stg in the staging account,
//   k8s-infra-ci-deploy-prod in the prod account): assumed only from that stack's
//   GitHub environment (`staging`; `production`, behind its reviewers).
//
// Each trust policy has StringEquals on the token's aud and on its sub, with exactly
// the subjects of ciSubjects() (never StringLike, never a wildcard); the
// ci-identity-boundaries policy blocks any role that lets GitHub's tokens assume it
// otherwise, and a preview role that could read a secret value.
//
// Why each stack makes its own account's roles, and not the prod stack both (as it
// makes every GCP identity): the boundary is the same one, whoever can update the
// stack that holds a role's trust decides who may assume it. The prod account's
// roles are in the prod stack, which only an approved prod deploy updates. The
// staging stack cannot reach the prod account at all: its AWS providers refuse any
// credentials but the staging account's (allowedAccountIds), and nothing in the prod
// account trusts the staging account or a staging subject. What the staging deploy
// role could change through its own stack is the staging account's roles, which it
// runs without an approval anyway and which it already has IAM write in (it makes the
// test pool's role and OIDC provider there), so taking them out of its stack would
// protect nothing; it would instead need the prod deploy role, or a role it assumes,
// to reach into the staging account, a new path across the boundary. The GCP
// identities differ because they share one pool and one project for both stacks.
// What a deploy role may change in its account is attached by the account's
// admins, outside the stacks, for the GCP side's reason: a stack that granted its
// own deployer's power could be made by that deployer to grant more.

import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { COMPONENT } from "../../model/resource-types";
import {
    AWS_SECRET_READING_ACTIONS, AWS_STS_AUDIENCE, AwsCiIdentitiesRecord, AwsCiRoleRecord, GITHUB_AUD_KEY, GITHUB_ISSUER, GITHUB_SUB_KEY,
} from "../../model/ci-identities";

export interface AwsCiIdentitiesArgs extends AwsCiIdentitiesRecord {
    /** Cost tags (standardLabels of the working group). */
    tags: Record<string, string>;
}

/** What the preview role may read in IAM: the roles, their policies and attachments, and the OIDC providers the stack makes. */
export const PREVIEW_IAM_READS = [
    "iam:GetRole", "iam:ListRoleTags", "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies",
    "iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviderTags", "iam:GetPolicy", "iam:GetPolicyVersion",
] as const;
/** Listing, which IAM grants on "*" only. */
export const PREVIEW_IAM_LISTS = ["iam:ListOpenIDConnectProviders", "iam:ListRoles", "iam:ListPolicies"] as const;
/** Budgets: DescribeBudget and its notifications and subscribers are budgets:ViewBudget. */
export const PREVIEW_BUDGET_READS = ["budgets:ViewBudget", "budgets:ListTagsForResource"] as const;

/** The preview role's one inline policy: reads of what the stack makes in the account, and no secret value. */
export function previewReadPolicy(accountId: string): { Version: string; Statement: Record<string, unknown>[] } {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadWhatTheStackMakes", Effect: "Allow", Action: [...PREVIEW_IAM_READS],
                Resource: [`arn:aws:iam::${accountId}:role/*`, `arn:aws:iam::${accountId}:oidc-provider/*`, `arn:aws:iam::${accountId}:policy/*`, "arn:aws:iam::aws:policy/*"],
            },
            { Sid: "ListIam", Effect: "Allow", Action: [...PREVIEW_IAM_LISTS], Resource: "*" },
            { Sid: "ReadBudgets", Effect: "Allow", Action: [...PREVIEW_BUDGET_READS], Resource: `arn:aws:budgets::${accountId}:budget/*` },
            { Sid: "NoSecretValues", Effect: "Deny", Action: [...AWS_SECRET_READING_ACTIONS], Resource: "*" },
        ],
    };
}

/** A role's trust policy: GitHub's tokens for sts.amazonaws.com, with exactly these subjects. */
export function trustPolicy(providerArn: string, subjects: readonly string[]): { Version: string; Statement: Record<string, unknown>[] } {
    return {
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Federated: providerArn },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { [GITHUB_AUD_KEY]: AWS_STS_AUDIENCE, [GITHUB_SUB_KEY]: [...subjects] } },
        }],
    };
}

export class AwsCiIdentities extends pulumi.ComponentResource {
    /** Identity key -> role ARN (the workflows' AWS_*_ROLE_ARN variables). */
    readonly roleArns: Record<string, string>;

    constructor(name: string, args: AwsCiIdentitiesArgs, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENT.awsCiIdentities, name, args, opts);
        // Its own provider, pinned as the test pool's is: credentials for another account fail instead of deploying there.
        const provider = new aws.Provider(`${name}-aws`, { region: args.region, allowedAccountIds: [args.accountId] }, { parent: this });
        const github = new aws.iam.OpenIdConnectProvider(`${name}-github`, {
            url: GITHUB_ISSUER,
            clientIdLists: [AWS_STS_AUDIENCE],
            // No thumbprints: AWS verifies GitHub's issuer by its certificate authority.
            tags: args.tags,
        }, { parent: this, provider });
        this.roleArns = {};
        for (const role of args.roles) {
            this.role(name, role, args, provider, github);
            this.roleArns[role.key] = role.arn;
        }
        // The record again as outputs: a stack policy sees a component's outputs (ci-identity-boundaries reads them).
        this.registerOutputs({
            environment: args.environment, accountId: args.accountId, region: args.region, repository: args.repository,
            providerArn: args.providerArn, maxSessionSeconds: args.maxSessionSeconds, roles: args.roles, roleArns: this.roleArns,
        });
    }

    private role(component: string, role: AwsCiRoleRecord, args: AwsCiIdentitiesArgs, provider: aws.Provider, github: aws.iam.OpenIdConnectProvider): void {
        new aws.iam.Role(`${component}-${role.key}`, {
            name: role.name,
            description: role.deploys
                ? `CI: pulumi up of k8s-infra ${role.deploys}, from the ${role.githubEnvironment} environment of ${args.repository} only`
                : `CI: pulumi preview of k8s-infra ${args.environment}, from pull requests and main of ${args.repository}; reads, never secret values`,
            maxSessionDuration: args.maxSessionSeconds,
            // The provider's ARN written out rather than read from it, so that the trust (and the policy that judges it) is known in preview.
            assumeRolePolicy: JSON.stringify(trustPolicy(args.providerArn, role.subjects)),
            // The preview role's inline policies are this one only (the role owns them exclusively); a deploy
            // role's permissions are the account admins' to attach (header).
            ...(role.deploys ? {} : { inlinePolicies: [{ name: "preview-read", policy: JSON.stringify(previewReadPolicy(args.accountId)) }] }),
            tags: args.tags,
        }, { parent: this, provider, dependsOn: [github] });
    }
}
