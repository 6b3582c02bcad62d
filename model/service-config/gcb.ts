// Stack config for the Cloud Build service (k8s-infra:services.gcb): the private
// worker pool release builds run in, one build service account per builder
// (k8s.io's gcb-builder-<name>), and the bucket their build logs go to.

import { z } from "zod";
import { BucketName, ProjectId } from "./names";
import { uniqueBy } from "./unique";
import { isPrimitiveRole } from "../iam-roles";

/** The builder's service account is gcb-builder-<name>(-stg), and a service account id has at most 30 characters. */
export const MAX_BUILDER_NAME = 30 - "gcb-builder-".length - "-stg".length;

const Role = z.string()
    .regex(/^(?:roles|projects\/[a-z][a-z0-9-]+\/roles|organizations\/[0-9]+\/roles)\/[A-Za-z0-9_.]+$/, { message: "is not an IAM role like roles/artifactregistry.writer" })
    .refine(r => !isPrimitiveRole(r), { message: "is a primitive role; grant the predefined role the build needs (roles/artifactregistry.writer, roles/storage.objectAdmin)" });

export const BuilderConfig = z.strictObject({
    /** Builder name (releng, kubernetes): its service account is gcb-builder-<name>. */
    name: z.string()
        .regex(/^[a-z](?:[a-z0-9-]*[a-z0-9])?$/, { message: "is not a builder name (lowercase letters, digits and hyphens, starting with a letter)" })
        .max(MAX_BUILDER_NAME, { message: `is longer than ${MAX_BUILDER_NAME} characters; its service account gcb-builder-<name>-stg must fit in 30` }),
    /** Project-level roles the builds need beyond roles/cloudbuild.builds.builder (pushing images, writing artifacts). */
    roles: z.array(Role).default([]),
});
export type BuilderConfig = z.infer<typeof BuilderConfig>;

export const GcbConfig = z.strictObject({
    /** The project's prod id (model/naming.ts), e.g. kubernetes-public. */
    project: ProjectId,
    /** Region of the worker pool and the logs bucket (us-central1). */
    region: z.string().regex(/^[a-z]+-[a-z]+[0-9]$/, { message: "is not a GCP region like us-central1" }),
    pool: z.strictObject({
        /** Worker pool name (release-builds). */
        name: z.string().regex(/^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/, { message: "is not a worker pool name (lowercase letters, digits and hyphens, starting with a letter)" }),
        /** GCE machine type of the workers (e2-standard-4, e2-highcpu-32). */
        machineType: z.string().min(1).default("e2-standard-4"),
        /** Worker disk in GB; Cloud Build takes 100-4000. */
        diskSizeGb: z.number().int().min(100, { message: "must be at least 100 (GB) for a Cloud Build worker" }).max(4000, { message: "must be at most 4000 (GB) for a Cloud Build worker" }).default(100),
    }),
    builders: z.array(BuilderConfig).min(1).superRefine(uniqueBy("name", b => [b.name])),
    /** The bucket build logs go to (private, uniform access). */
    logs: z.strictObject({
        /** The bucket's prod name, e.g. k8s-infra-releng-gcb-logs; plus -stg in staging. */
        bucket: BucketName,
        /** Logs are deleted this many days after the build. */
        deleteAfterDays: z.number().int().positive(),
    }),
});
export type GcbConfig = z.infer<typeof GcbConfig>;
