// Stack config for the GCS service (k8s-infra:services.gcs): buckets for logs,
// test artifacts, release tarballs, APT and RPM, each with its lifecycle.

import { z } from "zod";
import { BucketName, ProjectId } from "./names";
import { Member } from "./member";
import { uniqueBy } from "./unique";

export const BUCKET_PURPOSES = ["logs", "test-artifacts", "release", "apt", "rpm", "access-logs"] as const;

export const BucketConfig = z.strictObject({
    /** The bucket's prod name (model/naming.ts), e.g. k8s-infra-prow-results; plus -stg in staging. */
    name: BucketName,
    /** The bucket's project (prod id) when it is not the service's. */
    project: ProjectId.optional(),
    /** The bucket's location when it is not the service's (a multi-region like US, or a region). */
    location: z.string().min(1).optional(),
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
    /** The project's prod id (model/naming.ts), e.g. kubernetes-public. */
    project: ProjectId,
    location: z.string().min(1),
    buckets: z.array(BucketConfig).min(1).superRefine(uniqueBy("name", b => [b.name])),
});
export type GcsConfig = z.infer<typeof GcsConfig>;
