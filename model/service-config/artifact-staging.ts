// Stack config for the artifact-staging service (k8s-infra:services.artifact-staging):
// one k8s-staging-<name> project per staging area of roster/staging-areas.yaml, as
// k8s.io's infra/gcp/bash/ensure-staging-storage.sh makes them: a public bucket whose
// objects are deleted after 60 days, an image registry with a cleanup policy, and the
// area's writers group k8s-infra-staging-<name>@ allowed to write both and to run
// Cloud Build in the project. Which areas a stack makes is config (`areas`); what
// each one gets is the same everywhere.

import { z } from "zod";
import { BucketName } from "./names";
import { Member } from "./member";
import { uniqueBy } from "./unique";

/**
 * The writers group's roles on its project (ensure-staging-storage.sh: roles/viewer;
 * lib.sh empower_group_for_gcb: run Cloud Build, and serviceusage.services.use that
 * a build needs).
 */
export const WRITER_PROJECT_ROLES = ["roles/viewer", "roles/cloudbuild.builds.editor", "roles/serviceusage.serviceUsageConsumer"] as const;
/** The writers group on the bucket (k8s.io: objectAdmin) and on the registry. */
export const WRITER_BUCKET_ROLE = "roles/storage.objectAdmin";
export const WRITER_REGISTRY_ROLE = "roles/artifactregistry.writer";
/** What a builder (prow's trusted build account) holds on each project: it submits builds there. */
export const BUILDER_ROLE = "roles/cloudbuild.builds.builder";
/** What the public holds on a public bucket and registry: read only. */
export const PUBLIC_BUCKET_ROLE = "roles/storage.objectViewer";
export const PUBLIC_REGISTRY_ROLE = "roles/artifactregistry.reader";

/** k8s.io's AUTO_DELETION_DAYS: promotion is expected within 60 days, and staging is never mistaken for permanent. */
export const K8SIO_AUTO_DELETION_DAYS = 60;

const Region = z.string().regex(/^[a-z]+-[a-z]+[0-9]+$/, { message: "is not a GCP region like us-central1" });

/** When staging images are cleaned up (Artifact Registry cleanup policies). Production images are never deleted. */
export const StagingCleanup = z.strictObject({
    /** Untagged images (build leftovers) are deleted this many days after upload. */
    deleteUntaggedAfterDays: z.number().int().positive().default(7),
    /** Every image, tagged or not, is deleted this many days after upload. */
    deleteAfterDays: z.number().int().positive().default(90),
    /** ...except the most recent versions of each image, however old. */
    keepRecent: z.number().int().nonnegative().default(10),
    /** Only report what cleanup would delete (Artifact Registry's dry-run mode). */
    dryRun: z.boolean().default(false),
}).refine(c => c.deleteUntaggedAfterDays <= c.deleteAfterDays, {
    message: "deleteUntaggedAfterDays must not exceed deleteAfterDays (untagged images go first)",
});
export type StagingCleanup = z.infer<typeof StagingCleanup>;

export const StagingBucketConfig = z.strictObject({
    /** A multi-region like US (k8s.io's staging buckets), or a region. */
    location: z.string().min(1).default("US"),
    /** Objects are deleted this many days after creation (k8s.io: 60). */
    deleteAfterDays: z.number().int().positive().default(K8SIO_AUTO_DELETION_DAYS),
    /** The prod name of the bucket that receives access logs (k8s.io: k8s-infra-artifacts-gcslogs); none when left out. */
    accessLogs: BucketName.optional(),
    /** Anyone may read (k8s.io's staging buckets are public); labelled visibility=public. */
    public: z.boolean().default(true),
    /**
     * Staging area -> seconds its bucket's objects cannot be deleted or replaced (a retention policy, unlocked), for
     * the few of k8s.io's buckets that have one (2592000: 30 days): adopting them keeps it. Every other bucket has none.
     */
    retentionSeconds: z.record(z.string().min(1), z.number().int().positive()).default({}),
});

export const StagingRegistryConfig = z.strictObject({
    location: Region.default("us-central1"),
    /** The repository id in each project: <location>-docker.pkg.dev/k8s-staging-<name>/<repository>. */
    repository: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, { message: "is not an Artifact Registry repository id like images" }).default("images"),
    /** Anyone may pull (k8s.io's staging registries are public, and the promoter reads them so); labelled visibility=public. */
    public: z.boolean().default(true),
    cleanup: StagingCleanup.default({ deleteUntaggedAfterDays: 7, deleteAfterDays: 90, keepRecent: 10, dryRun: false }),
});

const Api = z.string().regex(/^[a-z][a-z0-9-]*\.googleapis\.com$/, { message: "is not a Google API like cloudbuild.googleapis.com" });
const Builder = Member.refine(m => m.startsWith("serviceAccount:"), { message: "a builder is a service account (serviceAccount:...)" });

export const ArtifactStagingConfig = z.strictObject({
    /** Which staging areas of the roster this stack makes: all of them, or the ones named (a few, in staging). */
    areas: z.union([z.literal("all"), z.array(z.string().min(1)).min(1).superRefine(uniqueBy("staging area", a => [a]))],
        { message: `is neither "all" nor a list of staging area names from roster/staging-areas.yaml` }).default("all"),
    bucket: StagingBucketConfig.default({ location: "US", deleteAfterDays: K8SIO_AUTO_DELETION_DAYS, public: true, retentionSeconds: {} }),
    registry: StagingRegistryConfig.default({
        location: "us-central1", repository: "images", public: true,
        cleanup: { deleteUntaggedAfterDays: 7, deleteAfterDays: 90, keepRecent: 10, dryRun: false },
    }),
    /** APIs each project needs (ensure-staging-storage.sh enables more; these are the ones the bucket, registry and builds use). */
    apis: z.array(Api).superRefine(uniqueBy("API", a => [a])).default(["artifactregistry.googleapis.com", "cloudbuild.googleapis.com"]),
    /** Service accounts that submit builds in every staging project (k8s.io: prow's gcb-builder in k8s-infra-prow-build-trusted). */
    builders: z.array(Builder).superRefine(uniqueBy("builder", b => [b])).default([]),
});
export type ArtifactStagingConfig = z.infer<typeof ArtifactStagingConfig>;
