// Stack config for the test-pool service (k8s-infra:services.test-pool): the GCE
// projects e2e tests rent from boskos (k8s-infra-e2e-boskos-001...), their compute
// quota caps and CI access, and the AWS account setup CI assumes through OIDC.

import { z } from "zod";
import { ProjectId } from "./names";
import { Member } from "./member";
import { stemProblem } from "../naming";
import { uniqueBy } from "./unique";
import { PRIMITIVE_ROLE_NAMES } from "../iam-roles";

/** The project id budget: prefix + -NNN (4) + -stg (4) <= 30 characters. */
export const MAX_POOL_PREFIX = 22;
/** Roles CI may not hold in pool projects: primitive roles (the charter) and project IAM admin (escalation). */
export const FORBIDDEN_CI_ROLES: readonly string[] = [...PRIMITIVE_ROLE_NAMES, "roles/resourcemanager.projectIamAdmin"];
/** AWS managed policies CI may not hold: the AWS counterparts of roles/owner and IAM admin. */
export const FORBIDDEN_AWS_POLICIES = ["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/IAMFullAccess"];

const CiMember = Member.refine(m => m.startsWith("serviceAccount:") || m.startsWith("group:"), {
    message: "CI access goes to a service account (serviceAccount:...) or a group (group:...)",
});

/** A cap on a compute quota in every pool project (a consumer override can only lower Google's limit). */
export const QuotaCap = z.strictObject({
    /** Compute Engine quota metric, e.g. cpus, n2_cpus, ssd_total_storage, in_use_addresses. */
    metric: z.string().regex(/^[a-z][a-z0-9_]*$/, { message: "is not a Compute Engine quota metric like cpus or n2_cpus" }),
    region: z.string().regex(/^[a-z]+-[a-z]+[0-9]+$/, { message: "is not a GCP region like us-central1" }),
    limit: z.number().int().nonnegative(),
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

export const TestPoolConfig = z.strictObject({
    /** A standing e2e project outside the pool (like k8s-infra-e2e-gce-project); same quotas and access as the pool. */
    project: ProjectId,
    /** Pool projects are <poolPrefix>-001 ... <poolPrefix>-<poolSize> (k8s.io: k8s-infra-e2e-boskos). */
    poolPrefix: z.string().superRefine((p, ctx) => {
        const problem = stemProblem(p);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
        if (p.length > MAX_POOL_PREFIX) ctx.addIssue({ code: "custom", message: `"${p}" is ${p.length} characters; a pool prefix takes at most ${MAX_POOL_PREFIX} (project ids are at most 30)` });
    }),
    poolSize: z.number().int().min(1).max(999, { message: "at most 999 projects (three-digit suffix)" }),
    /** APIs enabled in every pool project. */
    apis: z.array(z.string().regex(/^[a-z0-9-]+\.googleapis\.com$/, { message: "is not an API like compute.googleapis.com" })).default(["compute.googleapis.com"]),
    /** Compute quota caps applied to every pool project. */
    quotas: z.array(QuotaCap).superRefine(uniqueBy("metric and region", q => [`${q.metric} in ${q.region}`])).default([]),
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

/** The pool's project ids (prod form): <poolPrefix>-001 ... */
export function poolProjects(settings: Pick<TestPoolConfig, "poolPrefix" | "poolSize">): string[] {
    return Array.from({ length: settings.poolSize }, (_, i) => `${settings.poolPrefix}-${String(i + 1).padStart(3, "0")}`);
}
