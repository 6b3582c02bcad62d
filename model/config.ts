// The stack configuration (Pulumi.<stack>.yaml, namespace k8s-infra) as a schema.
// Staging and prod differ only here: environment, projects, locations, sizes,
// protection, and which services are on. It holds no secret and no personal data:
// owners' contact details are in the owner-contacts secret (roster/contacts-on-file.yaml).

import { z } from "zod";
import { ProjectId } from "./service-config/names";
import { ENVIRONMENTS } from "./naming";
import { ServiceId } from "./services";
import { GcsConfig } from "./service-config/gcs";
import { DnsConfig } from "./service-config/dns";
import { GaeConfig } from "./service-config/gae";
import { GcbConfig } from "./service-config/gcb";
import { GcrConfig } from "./service-config/gcr";
import { ArtifactStagingConfig } from "./service-config/artifact-staging";
import { GkeConfig, gkeEnvironmentIssues } from "./service-config/gke";
import { BigqueryConfig } from "./service-config/bigquery";
import { WebsiteConfig } from "./service-config/website";
import { TestPoolConfig, testPoolEnvironmentIssues } from "./service-config/test-pool";
import { CredentialStoreConfig } from "./service-config/credential-store";
import { CertificateStoreConfig } from "./service-config/certificate-store";
import { CiAwsConfig, CiConfig, Repository } from "./ci-identities";

export const NAMESPACE = "k8s-infra";

const SERVICE_SCHEMAS = {
    "dns": DnsConfig,
    "gae": GaeConfig,
    "gcb": GcbConfig,
    "gcr": GcrConfig,
    "artifact-staging": ArtifactStagingConfig,
    "gcs": GcsConfig,
    "gke": GkeConfig,
    "bigquery": BigqueryConfig,
    "website": WebsiteConfig,
    "test-pool": TestPoolConfig,
    "credential-store": CredentialStoreConfig,
    "certificate-store": CertificateStoreConfig,
} satisfies Partial<Record<ServiceId, z.ZodType>>;

/** Per-service settings; a service is on in a stack when its key is present. */
export const ServicesConfig = z.strictObject(
    Object.fromEntries(Object.entries(SERVICE_SCHEMAS).map(([k, v]) => [k, v.optional()])) as
        { [K in keyof typeof SERVICE_SCHEMAS]: z.ZodOptional<(typeof SERVICE_SCHEMAS)[K]> });
export type ServicesConfig = z.infer<typeof ServicesConfig>;
export type DeployableService = keyof typeof SERVICE_SCHEMAS;

/** Budgets for every project, routed to the subproject that owns it. */
export const BillingConfig = z.strictObject({
    /** Billing account id (018801-93540E-22A20E). */
    account: z.string().regex(/^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/, { message: "is not a billing account id like 018801-93540E-22A20E" }),
    /** Where the projects live: organizations/<id> or folders/<id>. */
    parent: z.string().regex(/^(organizations|folders)\/[0-9]+$/, { message: "is not organizations/<digits> or folders/<digits>" }),
    /** Monthly budget in USD for a project without its own amount. */
    defaultMonthlyUsd: z.number().positive(),
    /** Project prod id -> monthly budget in USD. */
    monthlyUsd: z.record(z.string(), z.number().positive()).default({}),
    /** Alert at these fractions of the budget. */
    thresholds: z.array(z.number().positive()).min(1).default([0.5, 0.9, 1.0]),
});
export type BillingConfig = z.infer<typeof BillingConfig>;

export const StackConfig = z.strictObject({
    environment: z.enum(ENVIRONMENTS, { message: `must be one of ${ENVIRONMENTS.join(", ")}` }),
    /** The roster folder, relative to the project. */
    roster: z.string().min(1).default("roster"),
    /** The inventory folder (npm run inventory), relative to the project: what exists, adopted instead of created. */
    inventory: z.string().min(1).optional(),
    /** Protect stateful resources from deletion (on in prod). */
    protect: z.boolean().default(false),
    org: z.strictObject({
        domain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, { message: "is not a domain like kubernetes.io" }),
    }),
    governance: z.strictObject({
        /** The prod id of the project that holds the owners' contact details secret. */
        project: ProjectId,
        region: z.string().min(1),
    }),
    billing: BillingConfig,
    /**
     * The GitHub repository (owner/name) whose workflows preview and deploy this stack: the
     * only one the CI identities (ci, ciAws) accept tokens from. Required with either.
     */
    repository: Repository.optional(),
    /** The identities GitHub Actions previews and deploys as (services/governance/ci-identities.ts): in the prod stack only. */
    ci: CiConfig.optional(),
    /** The roles GitHub Actions assumes in this stack's AWS account (services/governance/aws-ci-identities.ts): in both stacks. */
    ciAws: CiAwsConfig.optional(),
    services: ServicesConfig.default({}),
}).superRefine((c, ctx) => {
    if (c.ci && c.environment !== "prod") {
        ctx.addIssue({
            code: "custom", path: ["ci"],
            message: "the CI identities live in the prod stack only: whoever deploys this stack could otherwise change who may deploy prod " +
                "(services/governance/ci-identities.ts); remove this key",
        });
    }
    if (c.ciAws && !c.services["test-pool"]?.aws) {
        ctx.addIssue({
            code: "custom", path: ["ciAws"],
            message: "the CI roles are made in the AWS account the stack's AWS provider is pinned to (services.test-pool.aws.accountId), " +
                "and this stack has none; add the test pool's aws account, or remove this key",
        });
    }
    // Names that fit prod but not this stack's environment (staging adds -stg): gke and test-pool say which.
    const pool = c.services["test-pool"], gke = c.services.gke;
    for (const i of pool ? testPoolEnvironmentIssues(pool, c.environment) : []) ctx.addIssue({ code: "custom", path: ["services", "test-pool", ...i.path], message: i.message });
    for (const i of gke ? gkeEnvironmentIssues(gke, c.environment) : []) ctx.addIssue({ code: "custom", path: ["services", "gke", ...i.path], message: i.message });
    for (const key of ["ci", "ciAws"] as const) {
        if (c[key] && !c.repository) {
            ctx.addIssue({
                code: "custom", path: [key],
                message: "needs k8s-infra:repository, the GitHub repository (owner/name) whose workflows may use these identities; add it, like repository: kubernetes/k8s-infra",
            });
        }
    }
});
export type StackConfig = z.infer<typeof StackConfig>;

/** Keys of StackConfig as they are written in the stack file. */
export const CONFIG_KEYS = ["environment", "roster", "inventory", "protect", "org", "governance", "billing", "repository", "ci", "ciAws", "services"] as const;

/**
 * Keys that once were stack config and must not come back, with what to do instead.
 * `contacts`: the owners' contact details were secret config, which every identity that
 * previews the stack can decrypt; they are in the owner-contacts secret now.
 */
export const RETIRED_CONFIG_KEYS: Readonly<Record<string, string>> = {
    contacts: "owners' contact details are no longer stack config (anyone who can preview the stack could decrypt them): " +
        "remove this key; a WG lead stores the details in the owner-contacts secret and records the dates in roster/contacts-on-file.yaml",
};
