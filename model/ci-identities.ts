// The identities GitHub Actions runs as, as data: their stack config
// (k8s-infra:ci, prod only), their service account ids, the GitHub OIDC subject
// each may be used from, and the IAM principal identifiers those subjects have in
// the workload identity pool. One place, read by the component
// (services/governance/ci-identities.ts), the policy that keeps the boundary
// (policy-pack/policies/ci.ts) and the tests of the workflows, so that the
// environment a workflow job runs in and the principal an identity is granted to
// cannot drift apart. The AWS side (end of this file: k8s-infra:ciAws, in both
// stacks) gives the same identities a role in each stack's AWS account, with the
// same subjects (services/governance/aws-ci-identities.ts). It is a little over 300
// lines on purpose: both sides build their subjects from the one ciSubjects() here.

import { z } from "zod";
import { ProjectId, BucketName } from "./service-config/names";
import { Environment, nameIn } from "./naming";

/** GitHub Actions' OIDC issuer. */
export const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

/** The GitHub environment (`environment:` of a workflow job) each stack is deployed from. */
export const DEPLOY_ENVIRONMENTS: Readonly<Record<Environment, string>> = { staging: "staging", prod: "production" };

/** The identities, by key. */
export const CI_IDENTITY_KEYS = ["preview", "deploy-staging", "deploy-prod"] as const;
export type CiIdentityKey = (typeof CI_IDENTITY_KEYS)[number];

/** Service account ids (prod form: the component lives in the prod stack only). */
export const CI_ACCOUNT_IDS: Readonly<Record<CiIdentityKey, string>> = {
    "preview": "k8s-infra-ci-preview",
    "deploy-staging": "k8s-infra-ci-deploy-staging",
    "deploy-prod": "k8s-infra-ci-deploy-prod",
};

/**
 * The variables the workflows name each identity by (README: CI identities). `aws` is by
 * stack: each stack's AWS account has its own roles (services/governance/aws-ci-identities.ts),
 * the preview identity's in both, a deploy identity's in its own stack's account only.
 */
export const CI_VARIABLES: Readonly<Record<CiIdentityKey, { gcp: string; aws: Partial<Record<Environment, string>>; environment?: string }>> = {
    "preview": { gcp: "GCP_PREVIEW_SERVICE_ACCOUNT", aws: { staging: "AWS_PREVIEW_STAGING_ROLE_ARN", prod: "AWS_PREVIEW_PROD_ROLE_ARN" } },
    "deploy-staging": { gcp: "GCP_DEPLOY_STAGING_SERVICE_ACCOUNT", aws: { staging: "AWS_DEPLOY_STAGING_ROLE_ARN" }, environment: DEPLOY_ENVIRONMENTS.staging },
    "deploy-prod": { gcp: "GCP_DEPLOY_PROD_SERVICE_ACCOUNT", aws: { prod: "AWS_DEPLOY_PROD_ROLE_ARN" }, environment: DEPLOY_ENVIRONMENTS.prod },
};

/** Roles that let their holder act as a service account (mint its tokens): granted on it, its project, a folder or the organization. */
export const IMPERSONATION_ROLES: readonly string[] = [
    "roles/iam.workloadIdentityUser",
    "roles/iam.serviceAccountTokenCreator",
];

const KmsKey = z.string().regex(/^projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/locations\/[a-z0-9-]+\/keyRings\/[A-Za-z0-9_-]+\/cryptoKeys\/[A-Za-z0-9_-]+$/, {
    message: "is not a Cloud KMS key like projects/<project>/locations/global/keyRings/<ring>/cryptoKeys/<key> (the stack file's secretsprovider, without gcpkms://)",
});

/** A workload identity pool or provider id: 4-32 lowercase letters, digits and hyphens, not starting with gcp-. */
const PoolId = z.string().regex(/^(?!gcp-)[a-z][a-z0-9-]{2,30}[a-z0-9]$/, {
    message: "is not a workload identity pool or provider id (4-32 lowercase letters, digits, hyphens; not gcp-...)",
});

/** A GitHub repository, owner/name: k8s-infra:repository, the one whose workflows preview and deploy the stacks. */
export const Repository = z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/, { message: "is not a GitHub repository like kubernetes/k8s-infra" });

export const CiConfig = z.strictObject({
    /** The project that holds the Pulumi state bucket and the stacks' KMS keys (bootstrapped by a WG lead, not by this program). */
    project: ProjectId,
    /** That project's number: IAM names a pool's principals by it (gcloud projects describe <project> --format='value(projectNumber)'). */
    projectNumber: z.string().regex(/^[0-9]{6,20}$/, { message: "is not a project number (digits)" }),
    pool: PoolId.default("github-actions"),
    provider: PoolId.default("github"),
    /** The state bucket (PULUMI_BACKEND_URL gs://<bucket>). */
    stateBucket: BucketName,
    /** Each stack's secrets key: its Pulumi.<stack>.yaml secretsprovider without gcpkms://. */
    secretsKeys: z.strictObject({ staging: KmsKey, prod: KmsKey }),
});
export type CiConfig = z.infer<typeof CiConfig>;

/**
 * The GitHub OIDC subjects (`sub`) an identity may be used from. A job with an
 * `environment:` gets repo:<repo>:environment:<name>, whatever its event or branch;
 * a pull_request job without one gets repo:<repo>:pull_request; a job of a push to
 * main without one gets repo:<repo>:ref:refs/heads/main.
 * - deploy-<stack>: only from that stack's environment (prod: `production`, behind its reviewers).
 * - preview: pull requests of this repository (preview.yml), and the plan job of a push to
 *   main (deploy.yml), which previews both stacks before either is deployed. It only reads.
 */
export function ciSubjects(key: CiIdentityKey, repository: string): string[] {
    if (key === "preview") return [`repo:${repository}:pull_request`, `repo:${repository}:ref:refs/heads/main`];
    const stack: Environment = key === "deploy-prod" ? "prod" : "staging";
    return [`repo:${repository}:environment:${DEPLOY_ENVIRONMENTS[stack]}`];
}

/** The pool's resource name: projects/<number>/locations/global/workloadIdentityPools/<pool>. */
export function poolName(projectNumber: string, pool: string): string {
    return `projects/${projectNumber}/locations/global/workloadIdentityPools/${pool}`;
}

/** The IAM member for one OIDC subject of the pool. */
export function subjectPrincipal(projectNumber: string, pool: string, subject: string): string {
    return `principal://iam.googleapis.com/${poolName(projectNumber, pool)}/subject/${subject}`;
}

/** The stack whose state and key a deploy identity may write and use; undefined for the preview identity. */
export function deployedStack(key: CiIdentityKey): Environment | undefined {
    return key === "deploy-prod" ? "prod" : key === "deploy-staging" ? "staging" : undefined;
}

/** One identity, as the CiIdentities component registers it (what the ci-identities policy reads). */
export interface CiIdentityRecord {
    key: CiIdentityKey;
    accountId: string;
    email: string;
    /** The stack it deploys (deploy identities), or null (the preview identity: it only reads). */
    deploys: Environment | null;
    /** The GitHub environment it may be used from (deploy identities), or null. */
    githubEnvironment: string | null;
    /** The IAM members granted roles/iam.workloadIdentityUser on it. */
    members: string[];
}

/** The CiIdentities component's args: where the identities are, the pool, and each identity. */
export interface CiIdentitiesRecord {
    project: string;
    projectNumber: string;
    repository: string;
    pool: string;
    provider: string;
    identities: CiIdentityRecord[];
}

/** The identities in the stack's environment (always prod: the config refuses them in staging), with who may use each. */
export function ciIdentitiesRecord(cfg: CiConfig, repository: string, environment: Environment): CiIdentitiesRecord {
    return {
        project: cfg.project,
        projectNumber: cfg.projectNumber,
        repository,
        pool: cfg.pool,
        provider: cfg.provider,
        identities: CI_IDENTITY_KEYS.map(key => {
            const deploys = deployedStack(key) ?? null;
            const accountId = nameIn({ kind: "serviceAccount", name: CI_ACCOUNT_IDS[key], environment });
            return {
                key,
                accountId,
                email: `${accountId}@${cfg.project}.iam.gserviceaccount.com`,
                deploys,
                githubEnvironment: deploys ? DEPLOY_ENVIRONMENTS[deploys] : null,
                members: ciSubjects(key, repository).map(s => subjectPrincipal(cfg.projectNumber, cfg.pool, s)),
            };
        }),
    };
}

/**
 * The objects of a DIY backend's bucket that one stack's update writes (pkg/backend/diy
 * of Pulumi 3.248.0, project mode): its checkpoint (and the .bak beside it), its history,
 * its backups and its lock files. A deploy identity may write these and no others.
 */
export function stackStatePrefixes(project: string, stack: Environment): string[] {
    return [
        `.pulumi/stacks/${project}/${stack}.json`,
        `.pulumi/history/${project}/${stack}/`,
        `.pulumi/backups/${project}/${stack}/`,
        `.pulumi/locks/organization/${project}/${stack}/`,
    ];
}

/** The IAM condition (CEL) that limits an object grant on the state bucket to one stack's objects. */
export function stackStateCondition(bucket: string, project: string, stack: Environment): string {
    return stackStatePrefixes(project, stack)
        .map(p => `resource.name.startsWith("projects/_/buckets/${bucket}/objects/${p}")`)
        .join(" || ");
}

// ---- AWS: the roles GitHub Actions assumes in each stack's AWS account ----

/** The host of GitHub's OIDC issuer: the name of its IAM OIDC provider and the prefix of its condition keys. */
export const GITHUB_ISSUER_HOST = GITHUB_ISSUER.replace(/^https:\/\//, "");
/** The audience aws-actions/configure-aws-credentials asks GitHub for. */
export const AWS_STS_AUDIENCE = "sts.amazonaws.com";
/** The trust policy's condition keys: the token's audience and its subject. */
export const GITHUB_AUD_KEY = `${GITHUB_ISSUER_HOST}:aud`;
export const GITHUB_SUB_KEY = `${GITHUB_ISSUER_HOST}:sub`;

/**
 * Actions that return a secret's value: Secrets Manager values, SSM parameters (a
 * SecureString comes back decrypted with the account's aws/ssm key, which needs no
 * kms grant of its own), and KMS decryption (ReEncryptFrom decrypts too, into a key
 * the caller picks). The AWS preview roles hold none of them, and deny them all.
 */
export const AWS_SECRET_READING_ACTIONS: readonly string[] = [
    "secretsmanager:GetSecretValue",
    "secretsmanager:BatchGetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "ssm:GetParameterHistory",
    "kms:Decrypt",
    "kms:ReEncryptFrom",
];

/** Whether an IAM action pattern (service:Action, * and ? wildcards, case-insensitive) covers `action`. */
export function awsActionCovers(pattern: string, action: string): boolean {
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
    return re.test(action);
}

/** The secret-reading actions one IAM policy statement allows (Action or NotAction, any Resource); [] for a Deny. */
export function secretReadsAllowedBy(statement: Record<string, unknown>): string[] {
    if (statement.Effect !== "Allow") return [];
    const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
    if (statement.NotAction !== undefined) {
        const not = list(statement.NotAction);
        return AWS_SECRET_READING_ACTIONS.filter(a => !not.some(p => awsActionCovers(p, a)));
    }
    const actions = list(statement.Action);
    return AWS_SECRET_READING_ACTIONS.filter(a => actions.some(p => awsActionCovers(p, a)));
}

/** The statements of an IAM policy document given as JSON text or as an object; [] when it is neither. */
export function policyStatements(doc: unknown): Record<string, unknown>[] {
    let parsed = doc;
    if (typeof doc === "string") {
        try { parsed = JSON.parse(doc); } catch { return []; }
    }
    if (!parsed || typeof parsed !== "object") return [];
    const st = (parsed as { Statement?: unknown }).Statement;
    return (Array.isArray(st) ? st : st && typeof st === "object" ? [st] : []) as Record<string, unknown>[];
}

/** The identities with a role in a stack's AWS account: the preview identity, and that stack's deploy identity. */
export function awsCiRoleKeys(stack: Environment): CiIdentityKey[] {
    return CI_IDENTITY_KEYS.filter(k => CI_VARIABLES[k].aws[stack] !== undefined);
}

/** A role's name in the stack's account: the service account id's form (nameIn: -stg in staging). */
export function awsRoleName(key: CiIdentityKey, environment: Environment): string {
    return nameIn({ kind: "serviceAccount", name: CI_ACCOUNT_IDS[key], environment });
}

/** The ARN of GitHub's OIDC provider in an account (fixed by the account and the issuer). */
export function githubOidcProviderArn(accountId: string): string {
    return `arn:aws:iam::${accountId}:oidc-provider/${GITHUB_ISSUER_HOST}`;
}

/**
 * The stack config of the AWS side (k8s-infra:ciAws, in both stacks). The account and
 * region are not repeated here: they are the ones the stack's AWS provider is pinned
 * to (services.test-pool.aws), and StackConfig refuses ciAws in a stack without them.
 */
export const CiAwsConfig = z.strictObject({
    /** Longest session a role gives, in seconds (1 to 12 hours): a preview or deploy of one stack. */
    maxSessionSeconds: z.number().int().min(3600).max(43200).default(3600),
});
export type CiAwsConfig = z.infer<typeof CiAwsConfig>;

/** One AWS role, as the AwsCiIdentities component registers it (what ci-identity-boundaries reads). */
export interface AwsCiRoleRecord {
    key: CiIdentityKey;
    name: string;
    arn: string;
    /** The stack it deploys (deploy roles), or null (the preview role: it only reads). */
    deploys: Environment | null;
    githubEnvironment: string | null;
    /** The `sub` values its trust policy accepts (StringEquals), from ciSubjects. */
    subjects: string[];
    /** The workflow variable that names it. */
    variable: string;
}

/** The AwsCiIdentities component's args: the account, GitHub's provider in it, and the roles. */
export interface AwsCiIdentitiesRecord {
    environment: Environment;
    accountId: string;
    region: string;
    repository: string;
    providerArn: string;
    maxSessionSeconds: number;
    roles: AwsCiRoleRecord[];
}

/** The roles in the stack's AWS account (`account`: services.test-pool.aws), with who may assume each. */
export function awsCiIdentitiesRecord(cfg: CiAwsConfig, repository: string, account: { accountId: string; region: string }, environment: Environment): AwsCiIdentitiesRecord {
    return {
        environment,
        accountId: account.accountId,
        region: account.region,
        repository,
        providerArn: githubOidcProviderArn(account.accountId),
        maxSessionSeconds: cfg.maxSessionSeconds,
        roles: awsCiRoleKeys(environment).map(key => {
            const deploys = deployedStack(key) ?? null;
            const name = awsRoleName(key, environment);
            return {
                key,
                name,
                arn: `arn:aws:iam::${account.accountId}:role/${name}`,
                deploys,
                githubEnvironment: deploys ? DEPLOY_ENVIRONMENTS[deploys] : null,
                subjects: ciSubjects(key, repository),
                variable: CI_VARIABLES[key].aws[environment]!,
            };
        }),
    };
}
