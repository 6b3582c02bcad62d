// The website service: a public, uniform-access website bucket named by the scheme,
// served through Cloud CDN behind an HTTPS load balancer with a Google-managed
// certificate for the configured domains; HTTP only redirects; IAM to groups,
// publishers, and public read on the one bucket marked public.

import { deployService, testContext } from "../helpers/service";
import { checkName } from "../../model/naming";
import { LABEL_KEYS, LABEL_PROPERTY } from "../../model/labels";
import { WebsiteConfig } from "../../model/service-config/website";

const BUCKET = "gcp:storage/bucket:Bucket";
const BUCKET_IAM = "gcp:storage/bucketIAMMember:BucketIAMMember";
const PUBLISHER = "serviceAccount:website-publisher@k8s-infra-kubernetes-io.iam.gserviceaccount.com";
const settings = (env: "staging" | "prod") => WebsiteConfig.parse({
    project: "k8s-infra-kubernetes-io",
    location: "US",
    bucket: "k8s-infra-kubernetes-io-website",
    domains: env === "prod" ? ["kubernetes.io", "www.kubernetes.io"] : ["staging.kubernetes.io"],
    publishers: [PUBLISHER],
});
const ctx = (env: "staging" | "prod") => testContext("website", env, "website", "contributor-experience");

describe.each(["staging", "prod"] as const)("in %s", env => {
    const stg = env === "staging" ? "-stg" : "";

    test("a public website bucket named by the scheme, uniform access, protected in prod only, exported", async () => {
        const d = await deployService("website", settings(env), env, ctx(env));
        const [bucket, ...others] = d.inputsOf(BUCKET);
        expect(others).toEqual([]);
        expect(bucket.name).toBe(`k8s-infra-kubernetes-io-website${stg}`);
        expect(checkName("bucket", bucket.name, env)).toBeUndefined();
        expect(bucket.project).toBe(`k8s-infra-kubernetes-io${stg}`);
        expect(bucket.uniformBucketLevelAccess).toBe(true);
        expect(bucket.forceDestroy).toBe(false);
        expect(bucket.website).toEqual({ mainPageSuffix: "index.html", notFoundPage: "404.html" });
        expect(bucket.labels).toEqual(expect.objectContaining({ visibility: "public" }));
        expect(d.ofType(BUCKET)[0].protect).toBe(env === "prod");
        expect(bucket.location).toBe("US");
        expect(d.exports).toEqual({ buckets: { "k8s-infra-kubernetes-io-website": `k8s-infra-kubernetes-io-website${stg}` } });
    });

    test("Cloud CDN behind HTTPS with a managed certificate for the configured domains; HTTP redirects", async () => {
        const d = await deployService("website", settings(env), env, ctx(env));
        const [backend] = d.inputsOf("gcp:compute/backendBucket:BackendBucket");
        expect(backend.enableCdn).toBe(true);
        expect(backend.bucketName).toBe(`k8s-infra-kubernetes-io-website${stg}`);
        expect(backend.cdnPolicy.cacheMode).toBe("CACHE_ALL_STATIC");
        const [cert] = d.inputsOf("gcp:compute/managedSslCertificate:ManagedSslCertificate");
        expect(cert.managed.domains).toEqual(settings(env).domains);
        const rules = d.inputsOf("gcp:compute/globalForwardingRule:GlobalForwardingRule");
        expect(rules.map(r => r.portRange).sort()).toEqual(["443", "80"]);
        expect(d.inputsOf("gcp:compute/targetHttpsProxy:TargetHttpsProxy")).toHaveLength(1);
        const maps = d.inputsOf("gcp:compute/uRLMap:URLMap");
        expect(maps.map(m => m.defaultUrlRedirect?.httpsRedirect ?? false).sort()).toEqual([false, true]);
        expect(d.inputsOf("gcp:compute/globalAddress:GlobalAddress")).toHaveLength(1);
        expect(d.ofType("gcp:compute/globalAddress:GlobalAddress")[0].protect).toBe(env === "prod");
        expect(d.inputsOf("gcp:compute/sSLPolicy:SSLPolicy")[0].minTlsVersion).toBe("TLS_1_2");
    });

    test("every labelable resource carries the cost labels", async () => {
        const d = await deployService("website", settings(env), env, ctx(env));
        const types = [...new Set(d.resources.map(r => r.type).filter(t => LABEL_PROPERTY[t]))];
        const labelled = types.flatMap(t => d.inputsOf(t).map(i => i[LABEL_PROPERTY[t]]));
        expect(labelled).toHaveLength(4); // bucket, address, two forwarding rules
        for (const labels of labelled) expect(Object.keys(labels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
    });

    test("IAM: owners admin, publishers write, allUsers only read, and only on the public bucket", async () => {
        const d = await deployService("website", settings(env), env, ctx(env));
        const grants = d.inputsOf(BUCKET_IAM).map(g => `${g.bucket} ${g.role} ${g.member}`).sort();
        expect(grants).toEqual([
            `k8s-infra-kubernetes-io-website${stg} roles/storage.admin group:k8s-infra-website-owners${stg}@kubernetes.io`,
            `k8s-infra-kubernetes-io-website${stg} roles/storage.objectAdmin ${PUBLISHER}`,
            `k8s-infra-kubernetes-io-website${stg} roles/storage.objectViewer allUsers`,
        ]);
        expect(d.resources.filter(r => /IAM|Iam/.test(r.type)).map(r => r.type)).toEqual([BUCKET_IAM, BUCKET_IAM, BUCKET_IAM]);
    });
});

test("the config rejects a domain with a trailing dot, a duplicate domain and a TTL beyond maxTtl", () => {
    const base = { project: "k8s-infra-kubernetes-io", location: "US", bucket: "k8s-infra-kubernetes-io-website" };
    expect(WebsiteConfig.safeParse({ ...base, domains: ["kubernetes.io."] }).success).toBe(false);
    expect(WebsiteConfig.safeParse({ ...base, domains: ["kubernetes.io", "kubernetes.io"] }).success).toBe(false);
    expect(WebsiteConfig.safeParse({ ...base, domains: ["kubernetes.io"], cdn: { defaultTtl: 7200, maxTtl: 3600 } }).success).toBe(false);
    expect(WebsiteConfig.safeParse({ ...base, domains: ["kubernetes.io"] }).success).toBe(true);
    expect(WebsiteConfig.safeParse({ ...base, domains: ["kubernetes.io"], bucket: "www.kubernetes.io" }).error?.issues[0].message).toContain("is not a bucket name");
});
