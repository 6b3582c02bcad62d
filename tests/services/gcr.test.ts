// The gcr service (registry.k8s.io): the public images repository per serving region,
// written only by the promoter; the redirector on Cloud Run in the regions that run
// one, behind one load balancer with Cloud Armor; the S3 mirrors on AWS. Names,
// labels, protection and exports, in both environments, from a config of its own.

import { deployService } from "../helpers/service";
import { checkName } from "../../model/naming";
import { LABEL_KEYS } from "../../model/labels";
import { GcrConfig } from "../../model/service-config/gcr";
import { mirrorBucketPolicy } from "../../services/gcr/s3-mirrors";
import { SERVED_PATHS } from "../../services/gcr/cloud-armor";

const REPO = "gcp:artifactregistry/repository:Repository";
const IAM = "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember";
const SA = "gcp:serviceaccount/account:Account";
const RUN = "gcp:cloudrunv2/service:Service";
const RUN_IAM = "gcp:cloudrunv2/serviceIamMember:ServiceIamMember";
const NEG = "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup";
const BUCKET = "aws:s3/bucket:Bucket";
const DIGEST = "sha256:1f004a487c09c76ebf14d1dc01434aa17e31e39def56451ec5727160fdcd0017";

// africa-south1 has a repository but no redirector (model/registry-regions.ts).
const settings = GcrConfig.parse({
    project: "k8s-artifacts-prod",
    regions: ["us-central1", "europe-west1", "africa-south1"],
    promoterWorkloadIdentities: ["k8s-infra-prow-build-trusted.svc.id.goog[test-pods/k8s-infra-promoter]"],
    redirector: {
        project: "k8s-infra-oci-proxy-prod", domain: "registry.k8s.io", serviceAccount: "oci-proxy-prod",
        image: `gcr.io/k8s-staging-infra-tools/archeio@${DIGEST}`,
    },
    mirrors: { accountId: "513428760722", bucketPrefix: "prod-registry-k8s-io", regions: ["us-east-2", "eu-central-1"], replicationRoleArn: "arn:aws:iam::513428760722:role/registry.k8s.io_s3writer" },
});

describe.each(["staging", "prod"] as const)("in %s", env => {
    const stg = env === "staging" ? "-stg" : "";
    const prod = `k8s-artifacts-prod${stg}`;
    const proxy = `k8s-infra-oci-proxy-prod${stg}`;
    const promoter = `serviceAccount:k8s-infra-promoter${stg}@${prod}.iam.gserviceaccount.com`;

    test("an images repository per region, public, immutable, never cleaned up, labelled, protected in prod only", async () => {
        const d = await deployService("gcr", settings, env);
        const repos = d.inputsOf(REPO);
        expect(repos.map(r => `${r.project}/${r.location}/${r.repositoryId}`).sort())
            .toEqual([`${prod}/africa-south1/images`, `${prod}/europe-west1/images`, `${prod}/us-central1/images`]);
        for (const r of repos) {
            expect(Object.keys(r.labels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
            expect(r).toMatchObject({ format: "DOCKER", cleanupPolicies: [], dockerConfig: { immutableTags: true }, deletionPolicy: env === "prod" ? "PREVENT" : "DELETE" });
            expect(r.labels).toMatchObject({ environment: env, purpose: "images", visibility: "public" });
        }
        expect(d.ofType(REPO).map(r => r.protect)).toEqual(repos.map(() => env === "prod"));
    });

    test("the promoter alone writes each repository, the public reads it, nobody else holds a role", async () => {
        const d = await deployService("gcr", settings, env);
        const grants = d.inputsOf(IAM).map(g => `${g.location} ${g.role} ${g.member}`).sort();
        expect(grants).toEqual(["africa-south1", "europe-west1", "us-central1"].flatMap(region => [
            `${region} roles/artifactregistry.reader allUsers`,
            `${region} roles/artifactregistry.writer ${promoter}`,
        ]));
        const [sa] = d.inputsOf(SA).filter(a => a.accountId.startsWith("k8s-infra-promoter"));
        expect(sa).toMatchObject({ accountId: `k8s-infra-promoter${stg}`, project: prod });
        expect(checkName("serviceAccount", sa.accountId, env)).toBeUndefined();
        expect(d.ofType("gcp:serviceaccount/key:Key")).toHaveLength(0);
        expect(d.inputsOf("gcp:serviceaccount/iAMMember:IAMMember")).toEqual([{
            serviceAccountId: `projects/${prod}/serviceAccounts/k8s-infra-promoter${stg}@${prod}.iam.gserviceaccount.com`,
            role: "roles/iam.workloadIdentityUser",
            member: "serviceAccount:k8s-infra-prow-build-trusted.svc.id.goog[test-pods/k8s-infra-promoter]",
        }]);
    });

    test("a redirector where the region runs one, pointed at its repository and its S3 mirror, reachable only through the load balancer", async () => {
        const d = await deployService("gcr", settings, env);
        const services = d.inputsOf(RUN);
        expect(services.map(s => s.name).sort()).toEqual([`${proxy}-europe-west1`, `${proxy}-us-central1`]);
        const us = services.find(s => s.location === "us-central1")!;
        expect(us).toMatchObject({
            project: proxy, ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", deletionProtection: env === "prod",
            labels: { environment: env, visibility: "public" },
            template: { serviceAccount: `oci-proxy-prod${stg}@${proxy}.iam.gserviceaccount.com`, scaling: { maxInstanceCount: 10 }, maxInstanceRequestConcurrency: 800, timeout: "60s" },
        });
        const [container] = us.template.containers;
        expect(container.image).toBe(`gcr.io/k8s-staging-infra-tools/archeio@${DIGEST}`);
        expect(Object.fromEntries(container.envs.map((e: { name: string; value: string }) => [e.name, e.value]))).toEqual({
            UPSTREAM_REGISTRY_ENDPOINT: "https://us-central1-docker.pkg.dev",
            UPSTREAM_REGISTRY_PATH: `${prod}/images`,
            DEFAULT_AWS_BASE_URL: `https://prod-registry-k8s-io-us-east-2${stg}.s3.dualstack.us-east-2.amazonaws.com`,
            GOMAXPROCS: "1",
        });
        expect(d.inputsOf(RUN_IAM).map(g => `${g.location} ${g.name} ${g.role} ${g.member}`).sort()).toEqual([
            `europe-west1 ${proxy}-europe-west1 roles/run.invoker allUsers`, `us-central1 ${proxy}-us-central1 roles/run.invoker allUsers`,
        ]);
        expect(d.inputsOf(NEG).map(n => `${n.region} ${n.name} ${n.networkEndpointType} ${n.cloudRun.service}`).sort()).toEqual([
            `europe-west1 ${proxy}--europe-west1--neg SERVERLESS ${proxy}-europe-west1`, `us-central1 ${proxy}--us-central1--neg SERVERLESS ${proxy}-us-central1`,
        ]);
    });

    test("one load balancer: every NEG in one backend guarded by Cloud Armor, HTTPS with a managed certificate, HTTP redirected", async () => {
        const d = await deployService("gcr", settings, env);
        const [backend] = d.inputsOf("gcp:compute/backendService:BackendService");
        const [armor] = d.inputsOf("gcp:compute/securityPolicy:SecurityPolicy");
        expect(backend.backends.map((b: { group: string }) => b.group).sort()).toEqual(
            d.ofType(NEG).map(n => `${n.name}-id`).sort());
        expect(backend).toMatchObject({ project: proxy, name: `${proxy}-backend-default`, securityPolicy: `${d.ofType("gcp:compute/securityPolicy:SecurityPolicy")[0].name}-id`, loadBalancingScheme: "EXTERNAL_MANAGED" });
        expect(armor.name).toBe("security-policy-oci-proxy");
        expect(armor.rules.map((r: { priority: number; action: string }) => `${r.priority} ${r.action}`)).toEqual(["1 deny(404)", "2147483647 throttle"]);
        expect(armor.rules[1].rateLimitOptions).toMatchObject({ exceedAction: "deny(429)", enforceOnKey: "IP", rateLimitThreshold: { count: 2490, intervalSec: 30 } });
        expect(d.inputsOf("gcp:compute/managedSslCertificate:ManagedSslCertificate").map(c => c.managed.domains)).toEqual([["registry.k8s.io"]]);
        const [redirect] = d.inputsOf("gcp:compute/uRLMap:URLMap").filter(u => u.defaultUrlRedirect);
        expect(redirect.defaultUrlRedirect.httpsRedirect).toBe(true);
        expect(d.inputsOf("gcp:compute/globalAddress:GlobalAddress").map(a => `${a.name} ${a.ipVersion}`).sort()).toEqual([`${proxy} IPV4`, `${proxy}-v6 IPV6`]);
        expect(d.inputsOf("gcp:compute/globalForwardingRule:GlobalForwardingRule").map(f => `${f.name} ${f.portRange}`).sort()).toEqual([
            `${proxy} 80`, `${proxy}-https 443`, `${proxy}-ipv6-http 80`, `${proxy}-ipv6-https 443`,
        ]);
    });

    test("an S3 mirror per region, public to read only, versioned, in an account-pinned provider, kept in prod; the source replicates", async () => {
        const d = await deployService("gcr", settings, env);
        const buckets = d.inputsOf(BUCKET);
        expect(buckets.map(b => `${b.bucket} ${b.region}`).sort()).toEqual([`prod-registry-k8s-io-eu-central-1${stg} eu-central-1`, `prod-registry-k8s-io-us-east-2${stg} us-east-2`]);
        expect(buckets.every(b => b.forceDestroy === false && b.tags.visibility === "public" && b.tags.environment === env)).toBe(true);
        expect(d.ofType(BUCKET).map(b => b.protect)).toEqual([env === "prod", env === "prod"]);
        const [provider] = d.resources.filter(r => r.type === "pulumi:providers:aws");
        // A provider's inputs are its config, each value a JSON string.
        expect(JSON.parse(String((provider.inputs.toJavaScript() as Record<string, unknown>).allowedAccountIds))).toEqual(["513428760722"]);
        const policies = d.inputsOf("aws:s3/bucketPolicy:BucketPolicy");
        expect(policies.map(p => JSON.parse(p.policy))).toEqual(buckets.map(b => mirrorBucketPolicy(b.bucket)));
        expect(d.inputsOf("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").every(b => b.blockPublicAcls && b.ignorePublicAcls && !b.blockPublicPolicy)).toBe(true);
        expect(d.inputsOf("aws:s3/bucketVersioning:BucketVersioning").map(v => v.versioningConfiguration.status)).toEqual(["Enabled", "Enabled"]);
        const [replication] = d.inputsOf("aws:s3/bucketReplicationConfig:BucketReplicationConfig");
        expect(replication).toMatchObject({ bucket: `prod-registry-k8s-io-us-east-2${stg}`, region: "us-east-2" });
        expect(replication.rules.map((r: { destination: { bucket: string } }) => r.destination.bucket)).toEqual([`arn:aws:s3:::prod-registry-k8s-io-eu-central-1${stg}`]);
    });

    test("exports every images repository's URL, the promoter's and the redirector's e-mails", async () => {
        const d = await deployService("gcr", settings, env);
        expect(d.exports).toEqual({
            registries: {
                "images-us-central1": `us-central1-docker.pkg.dev/${prod}/images`,
                "images-europe-west1": `europe-west1-docker.pkg.dev/${prod}/images`,
                "images-africa-south1": `africa-south1-docker.pkg.dev/${prod}/images`,
            },
            serviceAccounts: {
                promoter: `k8s-infra-promoter${stg}@${prod}.iam.gserviceaccount.com`,
                redirector: `oci-proxy-prod${stg}@${proxy}.iam.gserviceaccount.com`,
            },
        });
    });
});

test("without redirector and mirrors, only the repositories and the promoter", async () => {
    const d = await deployService("gcr", GcrConfig.parse({ project: "k8s-artifacts-prod", regions: ["us-central1"] }), "staging");
    expect([...new Set(d.resources.filter(r => /^(gcp|aws):/.test(r.type)).map(r => r.type))].sort()).toEqual([REPO, IAM, SA].sort());
});

test("Cloud Armor's path rule lets through exactly what a registry serves", () => {
    const served = new RegExp(SERVED_PATHS);
    for (const p of ["/", "/privacy", "/v2/", "/v2", "/token", "/v2/pause/manifests/3.9", "/v2/pause/blobs/sha256:abc", "/v2/pause/tags/list", "/v2/tags/list"]) {
        expect(served.test(p)).toBe(true);
    }
    for (const p of ["/wp-admin", "/v2/pause/referrers/sha256:abc", "/v1/search", "/privacy/x"]) expect(served.test(p)).toBe(false);
});
