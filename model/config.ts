// The stack configuration (Pulumi.<stack>.yaml, namespace k8s-infra) as a schema.
// Staging and prod differ only here: environment, projects, locations, sizes,
// protection, and which services are on. Secret values (owners' contact details)
// are checked for shape only; their values are never read outside a secret Output.

import { z } from "zod";
import { ENVIRONMENTS } from "./naming";

export const NAMESPACE = "k8s-infra";

const Member = z.string().regex(/^(user|group|serviceAccount|domain):[^\s:]+$|^(allUsers|allAuthenticatedUsers)$/,
    { message: "is not an IAM member (group:..., serviceAccount:..., user:..., domain:..., allUsers)" });

export const BUCKET_PURPOSES = ["logs", "test-artifacts", "release", "apt", "rpm", "access-logs"] as const;

export const BucketConfig = z.strictObject({
    /** Name stem: the bucket is k8s-<family>-<stem>, plus -stg in staging. */
    stem: z.string().min(1),
    family: z.enum(["infra", "artifacts", "staging"]).default("infra"),
    purpose: z.enum(BUCKET_PURPOSES),
    /** Public read (allUsers objectViewer); the bucket is labelled visibility=public. */
    public: z.boolean().default(false),
    /** Objects are deleted this many days after creation. */
    deleteAfterDays: z.number().int().positive().optional(),
    /** Objects cannot be deleted or replaced for this many days. */
    retentionDays: z.number().int().positive().optional(),
    versioning: z.boolean().default(false),
    /** Members that write objects (CI service accounts, push groups). */
    writers: z.array(Member).default([]),
});
export type BucketConfig = z.infer<typeof BucketConfig>;

export const GcsConfig = z.strictObject({
    /** Project stem: k8s-infra-<project>, plus -stg in staging. */
    project: z.string().min(1),
    location: z.string().min(1),
    buckets: z.array(BucketConfig).min(1),
});

/** Per-service settings; a service is on in a stack when its key is present. */
export const ServicesConfig = z.strictObject({
    gcs: GcsConfig.optional(),
});
export type ServicesConfig = z.infer<typeof ServicesConfig>;

export const StackConfig = z.strictObject({
    environment: z.enum(ENVIRONMENTS, { message: `must be one of ${ENVIRONMENTS.join(", ")}` }),
    /** The roster folder, relative to the project. */
    roster: z.string().min(1).default("roster"),
    /** Protect stateful resources from deletion (on in prod). */
    protect: z.boolean().default(false),
    org: z.strictObject({
        domain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, { message: "is not a domain like kubernetes.io" }),
        /** Cloud Identity customer id, for groups (customers/<id>). */
        customerId: z.string().regex(/^C[0-9a-z]+$/, { message: "is not a Cloud Identity customer id like C01abcd2e" }),
    }),
    governance: z.strictObject({
        /** Project stem of the project that holds the owners' contact details secret. */
        project: z.string().min(1),
        region: z.string().min(1),
    }),
    services: ServicesConfig.default({}),
});
export type StackConfig = z.infer<typeof StackConfig>;

/** Owners' private contact details: only which fields are present is read outside a secret. */
export const ContactFields = z.strictObject({
    alternateEmail: z.string().min(1).optional(),
    phone: z.string().min(1).optional(),
});
export const Contacts = z.record(z.string(), ContactFields);
export type Contacts = z.infer<typeof Contacts>;

/** Keys of StackConfig as they are written in the stack file. */
export const CONFIG_KEYS = ["environment", "roster", "protect", "org", "governance", "services", "contacts"] as const;
