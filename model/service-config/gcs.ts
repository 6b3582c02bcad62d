// Stack config for the GCS service (k8s-infra:services.gcs): buckets for logs,
// test artifacts, release tarballs, APT and RPM, each with its lifecycle.

import { z } from "zod";
import { Member } from "./member";

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
export type GcsConfig = z.infer<typeof GcsConfig>;
