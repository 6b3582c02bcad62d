// Stack config for the website service (k8s-infra:services.website): the static
// kubernetes.io site served from a public bucket through Cloud CDN, on the domains
// its Google-managed certificate covers.

import { z } from "zod";
import { BucketName, ProjectId } from "./names";
import { Member } from "./member";
import { uniqueBy } from "./unique";

const HOSTNAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const CdnConfig = z.strictObject({
    /** Seconds the CDN keeps a page whose response sets no Cache-Control. */
    defaultTtl: z.number().int().nonnegative().default(3600),
    /** Longest the CDN keeps any page, whatever its Cache-Control says. */
    maxTtl: z.number().int().nonnegative().default(86400),
    /** Longest a browser is told to keep a page. */
    clientTtl: z.number().int().nonnegative().default(3600),
}).refine(c => c.defaultTtl <= c.maxTtl && c.clientTtl <= c.maxTtl, {
    message: "defaultTtl and clientTtl must not exceed maxTtl",
});
export type CdnConfig = z.infer<typeof CdnConfig>;

export const WebsiteConfig = z.strictObject({
    /** The project's prod id (model/naming.ts), e.g. kubernetes-public. */
    project: ProjectId,
    /** Bucket location: a multi-region (US) or a region (us-central1). */
    location: z.string().min(1),
    /** The site bucket's prod name, e.g. k8s-infra-kubernetes-io-website; plus -stg in staging. */
    bucket: BucketName,
    /** Hostnames the site answers on; the managed certificate covers them all (at most 100). */
    domains: z.array(z.string().regex(HOSTNAME, { message: "is not a hostname like kubernetes.io (lowercase, no trailing dot)" }))
        .min(1, { message: "needs at least one domain, like kubernetes.io" })
        .max(100, { message: "a Google-managed certificate covers at most 100 domains" })
        .superRefine(uniqueBy("domain", d => [d])),
    /** The page served for a folder, and the one served for a missing page. */
    mainPage: z.string().min(1).default("index.html"),
    notFoundPage: z.string().min(1).default("404.html"),
    cdn: CdnConfig.default({ defaultTtl: 3600, maxTtl: 86400, clientTtl: 3600 }),
    /** Who publishes the site (the build's service account or a group): they write objects. */
    publishers: z.array(Member).default([]),
});
export type WebsiteConfig = z.infer<typeof WebsiteConfig>;
