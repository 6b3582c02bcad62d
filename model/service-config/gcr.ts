// Stack config for the gcr service (k8s-infra:services.gcr): registry.k8s.io. The
// public `images` repository in each serving region (model/registry-regions.ts: all
// of them unless the stack names fewer), which only the image promoter writes; the
// redirector (archeio on Cloud Run in the serving regions that run one, behind one
// global HTTPS load balancer with Cloud Armor); and the S3 mirrors of the image
// layers on AWS. Staging areas, where images are built before promotion, are the
// artifact-staging service's.

import { z } from "zod";
import { ProjectId } from "./names";
import { uniqueBy } from "./unique";
import { didYouMean } from "../did-you-mean";
import { MIRROR_REGIONS, SERVING_REGION_NAMES, SOURCE_MIRROR, redirectorRegions } from "../registry-regions";

const ServingRegionName = z.string().superRefine((region, ctx) => {
    if (SERVING_REGION_NAMES.includes(region)) return;
    ctx.addIssue({
        code: "custom",
        message: `"${region}" is not a region registry.k8s.io serves from (model/registry-regions.ts lists them).${didYouMean(region, SERVING_REGION_NAMES)}`,
    });
});

const MirrorRegionName = z.enum(MIRROR_REGIONS, {
    error: issue => `${JSON.stringify(issue.input)} is not an AWS region with an S3 mirror (model/registry-regions.ts: ${MIRROR_REGIONS.join(", ")})`,
});

/** The intervals (seconds) Cloud Armor's rate limiting counts requests over. */
const RATE_LIMIT_INTERVALS = [10, 30, 60, 120, 180, 240, 300, 600, 900, 1200, 1800, 2700, 3600];

const Hostname = z.string().regex(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, { message: "is not a host name like registry.k8s.io" });

/** The redirector: archeio on Cloud Run, behind the load balancer (k8s.io: infra/gcp/terraform/modules/oci-proxy). */
export const RedirectorConfig = z.strictObject({
    /** The prod id of the project it runs in (k8s.io: k8s-infra-oci-proxy-prod). */
    project: ProjectId,
    /** The name it serves (prod: registry.k8s.io), on the managed certificate. */
    domain: Hostname,
    /** The archeio image, pinned by digest. */
    image: z.string().regex(/^[a-z0-9.-]+(?:\/[a-z0-9._-]+)+@sha256:[0-9a-f]{64}$/, {
        message: "is not an image pinned by digest, like gcr.io/k8s-staging-infra-tools/archeio@sha256:<64 hex digits>",
    }),
    /** The service account id it runs as, prod form (k8s.io: oci-proxy-prod). */
    serviceAccount: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, { message: "is not a service account id (6-30 lowercase letters, digits, hyphens)" }),
    /** archeio's -v (0 in prod: Cloud Run's request logs say enough). */
    verbosity: z.number().int().min(0).max(10).default(0),
    /** Instances per region at most, to keep costs bounded. */
    maxInstances: z.number().int().positive().default(10),
    /** Requests one instance serves at once (redirects are cheap). */
    concurrency: z.number().int().min(1).max(1000).default(800),
    /** Cloud Armor's default rule: each client IP may make `count` requests per `intervalSec`, then gets 429. */
    rateLimit: z.strictObject({
        count: z.number().int().min(1).max(10000),
        intervalSec: z.number().int().refine(s => RATE_LIMIT_INTERVALS.includes(s), {
            message: `is not an interval Cloud Armor counts over (${RATE_LIMIT_INTERVALS.join(", ")} seconds)`,
        }),
    }).default({ count: 2490, intervalSec: 30 }),
    /** Also serve on an IPv6 address (k8s.io does: registry.k8s.io has an AAAA record). */
    ipv6: z.boolean().default(true),
});
export type RedirectorConfig = z.infer<typeof RedirectorConfig>;

/** The S3 buckets the redirector sends AWS clients to (k8s.io: infra/aws/terraform/registry.k8s.io). */
export const MirrorsConfig = z.strictObject({
    /** The AWS account that holds them (k8s.io: the registry.k8s.io account, 513428760722). */
    accountId: z.string().regex(/^[0-9]{12}$/, { message: "is not an AWS account id (12 digits)" }),
    /** A role in that account the deploy assumes to manage them; unset: the deploy's own credentials must be that account's. */
    deployRoleArn: z.string().regex(/^arn:aws:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/, { message: "is not an IAM role ARN" }).optional(),
    /** Bucket names are <prefix>-<AWS region>, prod form (k8s.io: prod-registry-k8s-io). */
    bucketPrefix: z.string().regex(/^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/, { message: "is not a bucket name prefix (lowercase letters, digits, hyphens)" }),
    /** The regions with a bucket; all of model/registry-regions.ts's unless the stack names fewer. */
    regions: z.array(MirrorRegionName).min(1).superRefine(uniqueBy("AWS region", m => [m])).default([...MIRROR_REGIONS]),
    /** The bucket the layers are copied into, which replicates to the others (k8s.io: us-east-2). */
    source: MirrorRegionName.default(SOURCE_MIRROR),
    /** The role S3 replicates as, from the source bucket to the others (k8s.io: registry.k8s.io_s3writer); unset: no replication. */
    replicationRoleArn: z.string().regex(/^arn:aws:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/, { message: "is not an IAM role ARN" }).optional(),
});
export type MirrorsConfig = z.infer<typeof MirrorsConfig>;

export const GcrConfig = z.strictObject({
    /** The prod id of the production artifacts project (k8s.io: k8s-artifacts-prod). */
    project: ProjectId,
    /** Regions with a public `images` repository: every serving region unless the stack names fewer (staging). */
    regions: z.array(ServingRegionName).min(1, { message: "needs at least one region for the production images repositories" })
        .superRefine(uniqueBy("region", r => [r])).default([...SERVING_REGION_NAMES]),
    /** Kubernetes service accounts that act as the promoter through Workload Identity (PROJECT.svc.id.goog[NAMESPACE/KSA]). */
    promoterWorkloadIdentities: z.array(z.string().regex(/^[a-z][a-z0-9-]+\.svc\.id\.goog\[[a-z0-9-]+\/[a-z0-9-]+\]$/,
        { message: "is not a Workload Identity member like k8s-infra-prow-build-trusted.svc.id.goog[test-pods/k8s-infra-promoter]" })).default([]),
    /** Make production tags immutable: a promoted tag can never be moved or deleted. */
    immutableTags: z.boolean().default(true),
    /** The redirector and its load balancer; unset: repositories only. */
    redirector: RedirectorConfig.optional(),
    /** The S3 mirrors; unset: none (the redirector then needs none either). */
    mirrors: MirrorsConfig.optional(),
}).superRefine((c, ctx) => {
    if (c.mirrors && !c.mirrors.regions.includes(c.mirrors.source)) {
        ctx.addIssue({ code: "custom", path: ["mirrors", "source"], message: `${c.mirrors.source} has no mirror bucket; add it to mirrors.regions` });
    }
    if (!c.redirector) return;
    if (!c.mirrors) {
        ctx.addIssue({ code: "custom", path: ["redirector"], message: "sends AWS clients to the S3 mirrors, and this stack has none; add mirrors (accountId, bucketPrefix)" });
        return;
    }
    const redirected = redirectorRegions(c.regions);
    if (redirected.length === 0) {
        ctx.addIssue({ code: "custom", path: ["regions"], message: "none of these regions runs a redirector (model/registry-regions.ts); add one that does, or remove redirector" });
    }
    for (const { region, mirror } of redirected) {
        if (c.mirrors.regions.includes(mirror)) continue;
        ctx.addIssue({
            code: "custom", path: ["regions", c.regions.indexOf(region)],
            message: `${region}'s redirector sends AWS clients to the ${mirror} mirror, which this stack does not make; add ${mirror} to mirrors.regions or leave ${region} out`,
        });
    }
});
export type GcrConfig = z.infer<typeof GcrConfig>;
