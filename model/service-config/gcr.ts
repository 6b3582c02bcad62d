// Stack config for the gcr service (k8s-infra:services.gcr): container images in
// Artifact Registry, GCR's successor. One staging repository per subproject in a
// shared staging project (us-central1-docker.pkg.dev/k8s-staging-images/<name> in
// k8s.io), and the public `images` repository in each prod region, which only the
// image promoter writes (registry.k8s.io serves from them).

import { z } from "zod";
import { ProjectId } from "./names";
import { stemProblem } from "../naming";
import { uniqueBy } from "./unique";

/** k8s.io's groups_test.go: k8s-infra-staging-<name> keeps <name> to 18 characters. */
export const MAX_STAGING_NAME = 18;

const StagingName = z.string().superRefine((name, ctx) => {
    const problem = stemProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: `${problem} (a staging name like kind or cluster-api)` });
    if (name.length > MAX_STAGING_NAME) {
        ctx.addIssue({ code: "custom", message: `"${name}" is ${name.length} characters; staging names take at most ${MAX_STAGING_NAME} (k8s-infra-staging-<name> groups)` });
    }
});

const Region = z.string().regex(/^[a-z]+-[a-z]+[0-9]+$/, { message: "is not a GCP region like us-central1" });

/** When staging images are cleaned up. Production images are never deleted. */
export const StagingCleanup = z.strictObject({
    /** Untagged images (build leftovers) are deleted this many days after upload. */
    deleteUntaggedAfterDays: z.number().int().positive().default(7),
    /** Every image, tagged or not, is deleted this many days after upload (60 in k8s.io staging buckets). */
    deleteAfterDays: z.number().int().positive().default(90),
    /** ...except the most recent versions of each image, however old. */
    keepRecent: z.number().int().nonnegative().default(10),
    /** Only report what cleanup would delete (Artifact Registry's dry-run mode). */
    dryRun: z.boolean().default(false),
}).refine(c => c.deleteUntaggedAfterDays <= c.deleteAfterDays, {
    message: "deleteUntaggedAfterDays must not exceed deleteAfterDays (untagged images go first)",
});
export type StagingCleanup = z.infer<typeof StagingCleanup>;

export const GcrConfig = z.strictObject({
    /** The prod id of the production artifacts project (k8s.io: k8s-artifacts-prod). */
    project: ProjectId,
    /** Regions with a public `images` repository; the promoter copies every image to all of them. */
    regions: z.array(Region).min(1, { message: "needs at least one region for the production images repositories" })
        .superRefine(uniqueBy("region", r => [r])),
    /** Kubernetes service accounts that act as the promoter through Workload Identity (PROJECT.svc.id.goog[NAMESPACE/KSA]). */
    promoterWorkloadIdentities: z.array(z.string().regex(/^[a-z][a-z0-9-]+\.svc\.id\.goog\[[a-z0-9-]+\/[a-z0-9-]+\]$/,
        { message: "is not a Workload Identity member like k8s-infra-prow-build-trusted.svc.id.goog[test-pods/k8s-infra-promoter]" })).default([]),
    /** Make production tags immutable: a promoted tag can never be moved or deleted. */
    immutableTags: z.boolean().default(true),
    /** The prod id of the shared staging project that holds one repository per staging name. */
    stagingProject: ProjectId,
    /** Location of the staging repositories. */
    stagingLocation: Region.default("us-central1"),
    /** Staging names (one per subproject image set): repository <name>, writers k8s-infra-staging-<name>@. */
    staging: z.array(StagingName).superRefine(uniqueBy("staging name", s => [s])).default([]),
    stagingCleanup: StagingCleanup.default({ deleteUntaggedAfterDays: 7, deleteAfterDays: 90, keepRecent: 10, dryRun: false }),
});
export type GcrConfig = z.infer<typeof GcrConfig>;
