// The gcr stack config (model/service-config/gcr.ts): regions come from the one list
// of serving regions (all of them by default), a redirector region needs the mirror
// it sends clients to, and what belongs to the artifact-staging service is refused.

import { GcrConfig } from "../../model/service-config/gcr";
import { SERVING_REGION_NAMES } from "../../model/registry-regions";

const IMAGE = `gcr.io/k8s-staging-infra-tools/archeio@sha256:${"a".repeat(64)}`;
const redirector = { project: "k8s-infra-oci-proxy-prod", domain: "registry.k8s.io", serviceAccount: "oci-proxy-prod", image: IMAGE };
const mirrors = { accountId: "513428760722", bucketPrefix: "prod-registry-k8s-io" };
const base = { project: "k8s-artifacts-prod" };
const messages = (input: unknown) => GcrConfig.safeParse(input).error?.issues.map(i => `${i.path.join(".")}: ${i.message}`) ?? [];

test("no regions: every serving region; redirector and mirrors take k8s.io's defaults", () => {
    const c = GcrConfig.parse({ ...base, redirector, mirrors });
    expect(c.regions).toEqual([...SERVING_REGION_NAMES]);
    expect(c.redirector).toMatchObject({ verbosity: 0, maxInstances: 10, concurrency: 800, rateLimit: { count: 2490, intervalSec: 30 }, ipv6: true });
    expect(c.mirrors).toMatchObject({ source: "us-east-2", regions: expect.arrayContaining(["us-east-2", "eu-west-2"]) });
});

test("a region registry.k8s.io does not serve from is refused, with the one it most likely meant; twice is refused too", () => {
    expect(messages({ ...base, regions: ["us-centrl1"] })).toEqual([
        `regions.0: "us-centrl1" is not a region registry.k8s.io serves from (model/registry-regions.ts lists them). Did you mean us-central1?`,
    ]);
    expect(messages({ ...base, regions: ["us-east1", "us-east1"] })).toEqual([expect.stringMatching(/^regions\.1: has the same region \("us-east1"\)/)]);
    expect(messages({ ...base, regions: [] })).toEqual([expect.stringContaining("needs at least one region")]);
});

test("a redirector region whose mirror the stack does not make is refused, saying what to add", () => {
    expect(messages({ ...base, regions: ["us-central1", "europe-west1"], redirector, mirrors: { ...mirrors, regions: ["us-east-2"] } })).toEqual([
        "regions.1: europe-west1's redirector sends AWS clients to the eu-central-1 mirror, which this stack does not make; add eu-central-1 to mirrors.regions or leave europe-west1 out",
    ]);
    expect(messages({ ...base, redirector })).toEqual(["redirector: sends AWS clients to the S3 mirrors, and this stack has none; add mirrors (accountId, bucketPrefix)"]);
    expect(messages({ ...base, regions: ["africa-south1"], redirector, mirrors })).toEqual([expect.stringContaining("none of these regions runs a redirector")]);
});

test("mirrors: the source needs a bucket, the regions are AWS regions with one", () => {
    expect(messages({ ...base, mirrors: { ...mirrors, regions: ["eu-west-1"] } })).toEqual(["mirrors.source: us-east-2 has no mirror bucket; add it to mirrors.regions"]);
    expect(messages({ ...base, mirrors: { ...mirrors, regions: ["us-east-3"] } })[0]).toContain('"us-east-3" is not an AWS region with an S3 mirror');
    expect(messages({ ...base, mirrors: { ...mirrors, accountId: "5134" } })).toEqual(["mirrors.accountId: is not an AWS account id (12 digits)"]);
});

test("the redirector's image is pinned by digest, and its rate limit counts over an interval Cloud Armor has", () => {
    expect(messages({ ...base, mirrors, redirector: { ...redirector, image: "gcr.io/k8s-staging-infra-tools/archeio:v0.6.0" } })[0]).toContain("is not an image pinned by digest");
    expect(messages({ ...base, mirrors, redirector: { ...redirector, rateLimit: { count: 100, intervalSec: 45 } } })[0]).toContain("is not an interval Cloud Armor counts over");
    expect(messages({ ...base, mirrors, redirector: { ...redirector, rateLimit: { count: 20000, intervalSec: 30 } } })).toEqual([expect.stringMatching(/^redirector\.rateLimit\.count: /)]);
});

test("staging repositories are the artifact-staging service's: their fields are refused here", () => {
    for (const field of ["stagingProject", "stagingLocation", "staging", "stagingCleanup"]) {
        expect(GcrConfig.safeParse({ ...base, [field]: "x" }).error?.issues[0].code).toBe("unrecognized_keys");
    }
});
