// Stack config for the test-pool service (k8s-infra:services.test-pool): the GCE
// projects e2e tests rent from boskos, as pools by type (general, gpu, scale: each a
// count and its compute quota caps; the ids come from model/naming.ts), their CI
// access, and the AWS account setup CI assumes through OIDC.

import { z } from "zod";
import { ProjectId } from "./names";
import { Member } from "./member";
import { E2E_POOL_TYPES, E2ePoolType, Environment, checkName, e2ePoolCapacity, e2ePoolProjectId, nameIn } from "../naming";
import { uniqueBy } from "./unique";
import { PRIMITIVE_ROLE_NAMES } from "../iam-roles";

/** Roles CI may not hold in pool projects: primitive roles (the charter) and project IAM admin (escalation). */
export const FORBIDDEN_CI_ROLES: readonly string[] = [...PRIMITIVE_ROLE_NAMES, "roles/resourcemanager.projectIamAdmin"];
/** AWS managed policies CI may not hold: the AWS counterparts of roles/owner and IAM admin. */
export const FORBIDDEN_AWS_POLICIES = ["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/IAMFullAccess"];

const CiMember = Member.refine(m => m.startsWith("serviceAccount:") || m.startsWith("group:"), {
    message: "CI access goes to a service account (serviceAccount:...) or a group (group:...)",
});

/** Above this a cap caps nothing: no Compute Engine quota of a project comes near it. */
export const MAX_QUOTA_LIMIT = 100_000;

/** A cap on a compute quota in every project of a pool (a consumer override can only lower Google's limit). */
export const QuotaCap = z.strictObject({
    /** Compute Engine quota metric, e.g. cpus, in_use_addresses, committed_nvidia_k80_gpus. */
    metric: z.string().regex(/^[a-z][a-z0-9_]*$/, { message: "is not a Compute Engine quota metric like cpus or in_use_addresses" }),
    region: z.string().regex(/^[a-z]+-[a-z]+[0-9]+$/, { message: "is not a GCP region like us-central1" }),
    limit: z.number({ message: "is not a number: give the cap, like 125" })
        .int({ message: "is not a whole number" })
        .nonnegative({ message: "is below 0; a cap is 0 or more" })
        .max(MAX_QUOTA_LIMIT, { message: `is above ${MAX_QUOTA_LIMIT}, which caps nothing; give the real cap or drop the entry` }),
});
export type QuotaCap = z.infer<typeof QuotaCap>;

export const AwsCiConfig = z.strictObject({
    /** The AWS account the stack's AWS credentials must be for (12 digits); staging and prod use different accounts. */
    accountId: z.string().regex(/^[0-9]{12}$/, { message: "is not an AWS account id (12 digits)" }),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-[0-9]$/, { message: "is not an AWS region like us-east-1" }).default("us-east-1"),
    /** OIDC issuer of the CI workload identity, e.g. the prow-build GKE cluster's. */
    issuerUrl: z.string().regex(/^https:\/\/[^\s]+[^/]$/, { message: "is not an https:// issuer URL without a trailing slash" }),
    /** Audiences (aud) the role accepts. */
    audiences: z.array(z.string().min(1)).min(1).default(["sts.amazonaws.com"]),
    /** Subjects (sub) that may assume the role, e.g. system:serviceaccount:test-pods:boskos. */
    subjects: z.array(z.string().min(1)).min(1, { message: "needs at least one subject: without one nobody could assume the role" }),
    /** Server certificate thumbprints of the issuer (AWS verifies well-known issuers itself). */
    thumbprints: z.array(z.string().regex(/^[0-9a-f]{40}$/, { message: "is not a SHA-1 thumbprint (40 hex digits)" })).default([]),
    /** Name of the role CI assumes, prod form (k8s-infra-<role>; plus -stg in staging). */
    role: z.string().min(1).default("e2e-ci"),
    /** AWS managed policies attached to the role. */
    managedPolicies: z.array(z.string().regex(/^arn:aws:iam::(aws|[0-9]{12}):policy\/\S+$/, { message: "is not an IAM policy ARN" }))
        .min(1)
        .refine(p => !p.some(a => FORBIDDEN_AWS_POLICIES.includes(a)), { message: `must not include ${FORBIDDEN_AWS_POLICIES.join(" or ")}; list the service policies e2e tests need` }),
    /** Monthly AWS budget for the account, in USD. */
    monthlyBudgetUsd: z.number().positive(),
    /** Alert the owners group at these fractions of the budget (actual spend), and when the forecast passes 100%. */
    thresholds: z.array(z.number().positive()).min(1).max(9, { message: "at most 9 thresholds (an AWS budget takes 10 notifications; one is the forecast)" }).default([0.5, 0.9, 1.0]),
    /** Longest session CI gets, in seconds (1 to 12 hours). */
    maxSessionSeconds: z.number().int().min(3600).max(43200).default(43200),
});
export type AwsCiConfig = z.infer<typeof AwsCiConfig>;

const POOL_TYPES = Object.keys(E2E_POOL_TYPES) as E2ePoolType[];

/** One pool type: how many projects boskos leases of it, and the quota caps of each. */
export const PoolConfig = z.strictObject({
    type: z.enum(POOL_TYPES, { message: `is not a pool type: one of ${POOL_TYPES.join(", ")} (model/naming.ts E2E_POOL_TYPES)` }),
    count: z.number({ message: "is not a number: give how many projects the pool has, like 120" })
        .int({ message: "is not a whole number of projects" })
        .min(1, { message: "is below 1; drop the pool instead" }),
    /** Compute quota caps applied to every project of this pool (k8s.io: none for general, raised ones for gpu and scale). */
    quotas: z.array(QuotaCap).superRefine(uniqueBy("metric and region", q => [`${q.metric} in ${q.region}`])).default([]),
}).superRefine((p, ctx) => {
    const max = e2ePoolCapacity(p.type);
    if (p.count > max) {
        ctx.addIssue({ code: "custom", path: ["count"],
            message: `is ${p.count}; a ${p.type} pool has at most ${max} projects (its ids end in ${E2E_POOL_TYPES[p.type].digits} digits: ${e2ePoolProjectId(p.type, max)})` });
    }
});
export type PoolConfig = z.infer<typeof PoolConfig>;

export const TestPoolConfig = z.strictObject({
    /** A standing e2e project outside the pool (like k8s-infra-e2e-gce-project): APIs, access and the general pool's quota caps. */
    project: ProjectId,
    /** The pools boskos leases, one entry per type (general, gpu, scale); ids come from the type (model/naming.ts). */
    pools: z.array(PoolConfig).min(1, { message: "needs at least one pool, e.g. { type: general, count: 3 }" })
        .superRefine(uniqueBy("pool type", p => [p.type])),
    /** APIs enabled in every pool project. */
    apis: z.array(z.string().regex(/^[a-z0-9-]+\.googleapis\.com$/, { message: "is not an API like compute.googleapis.com" })).default(["compute.googleapis.com"]),
    /** Who runs tests in the pool: prow's build service account (and boskos' janitor). */
    ciMembers: z.array(CiMember).min(1, { message: "needs the CI service account, e.g. serviceAccount:prow-build@k8s-infra-prow-build.iam.gserviceaccount.com" }),
    /** Roles CI holds in each pool project. */
    ciRoles: z.array(z.string().regex(/^roles\/[a-zA-Z.]+$/, { message: "is not a predefined role like roles/compute.admin" }))
        .default(["roles/compute.admin", "roles/iam.serviceAccountUser"])
        .refine(r => !r.some(x => FORBIDDEN_CI_ROLES.includes(x)), { message: `must not include ${FORBIDDEN_CI_ROLES.join(", ")}; use roles/compute.admin, roles/iam.serviceAccountUser and the like` }),
    /** The AWS account CI assumes a role in; absent: no AWS side. */
    aws: AwsCiConfig.optional(),
});
export type TestPoolConfig = z.infer<typeof TestPoolConfig>;

/** One pool project: its prod id and its type. */
export interface PoolProject {
    id: string;
    type: E2ePoolType;
}

/** Every pool project (prod ids), pool by pool in config order, each pool from 1 up. */
export function poolProjectsByType(settings: Pick<TestPoolConfig, "pools">): PoolProject[] {
    return settings.pools.flatMap(p => Array.from({ length: p.count }, (_, i) => ({ id: e2ePoolProjectId(p.type, i + 1), type: p.type })));
}

/** The pool's project ids (prod form), for Billing: k8s-infra-e2e-boskos-001 ..., -gpu-01 ..., -scale-01 ... */
export function poolProjects(settings: Pick<TestPoolConfig, "pools">): string[] {
    return poolProjectsByType(settings).map(p => p.id);
}

/** The quota caps of a pool type, or none when the config has no such pool. */
export function quotasOf(settings: Pick<TestPoolConfig, "pools">, type: E2ePoolType): QuotaCap[] {
    return settings.pools.find(p => p.type === type)?.quotas ?? [];
}

/** A stack config problem at a path under services.test-pool. */
export interface EnvironmentIssue {
    path: PropertyKey[];
    message: string;
}

/**
 * Pools whose project ids do not fit the stack's environment: a staging id is the prod id
 * with -stg, and k8s-infra-e2e-boskos-gpu-01-stg is 31 characters, one over a project id's
 * 30. The schema cannot tell (it knows no environment); StackConfig asks this.
 */
export function testPoolEnvironmentIssues(settings: TestPoolConfig, environment: Environment): EnvironmentIssue[] {
    return settings.pools.flatMap((p, i) => {
        const longest = nameIn({ kind: "project", name: e2ePoolProjectId(p.type, p.count), environment });
        const problem = checkName("project", longest, environment);
        return problem ? [{ path: ["pools", i, "type"], message:
            `a ${p.type} pool's project ids do not fit ${environment}: ${longest} is ${longest.length} characters (${problem.reason}); ` +
            `remove the ${p.type} pool from this stack` }] : [];
    });
}
