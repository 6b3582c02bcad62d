// The certificate store: a CA pool of the configured tier with its issuance policy,
// a self-signed root CA with deletion protection in prod, both labelled and kept in
// prod; IAM to the owners group (certificateManager) and requesters only.

import { deployService, testContext } from "../helpers/service";
import { LABEL_KEYS } from "../../model/labels";
import { CertificateStoreConfig } from "../../model/service-config/certificate-store";

const POOL = "gcp:certificateauthority/caPool:CaPool";
const CA = "gcp:certificateauthority/authority:Authority";
const IAM = "gcp:certificateauthority/caPoolIamMember:CaPoolIamMember";
const REQUESTER = "serviceAccount:cert-manager@k8s-infra-apps.iam.gserviceaccount.com";
const settings = (env: "staging" | "prod") => CertificateStoreConfig.parse({
    project: "k8s-infra-pki",
    location: "us-central1",
    tier: env === "prod" ? "ENTERPRISE" : "DEVOPS",
    rootCa: { id: "root-2026", commonName: "Kubernetes Infra Root CA", permittedDnsNames: env === "prod" ? ["k8s.io"] : [] },
    requesters: [REQUESTER],
});
const ctx = (env: "staging" | "prod") => testContext("certificate-store", env, "secrets", "k8s-infra");

describe.each(["staging", "prod"] as const)("in %s", env => {
    const stg = env === "staging" ? "-stg" : "";
    const prod = env === "prod";

    test("a CA pool of the configured tier, with its issuance policy, labelled, kept in prod only", async () => {
        const d = await deployService("certificate-store", settings(env), env, ctx(env));
        const [pool, ...more] = d.inputsOf(POOL);
        expect(more).toEqual([]);
        expect(pool.project).toBe(`k8s-infra-pki${stg}`);
        expect(pool.tier).toBe(prod ? "ENTERPRISE" : "DEVOPS");
        expect(pool.publishingOptions).toEqual({ publishCaCert: true, publishCrl: prod, encodingFormat: "PEM" });
        expect(pool.issuancePolicy.maximumLifetime).toBe(`${90 * 86400}s`);
        expect(Object.keys(pool.labels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
        expect(d.ofType(POOL)[0].protect).toBe(prod);
    });

    test("a self-signed root CA in the pool, deletion-protected and kept in prod only", async () => {
        const d = await deployService("certificate-store", settings(env), env, ctx(env));
        const [ca, ...more] = d.inputsOf(CA);
        expect(more).toEqual([]);
        expect(ca.type).toBe("SELF_SIGNED");
        expect(ca.pool).toBe("k8s-infra");
        expect(ca.certificateAuthorityId).toBe("root-2026");
        expect(ca.deletionProtection).toBe(prod);
        expect(ca.config.x509Config.caOptions.isCa).toBe(true);
        expect(ca.config.x509Config.nameConstraints).toEqual(prod ? { critical: true, permittedDnsNames: ["k8s.io"] } : undefined);
        expect(ca.lifetime).toBe(`${10 * 365 * 86400}s`);
        expect(Object.keys(ca.labels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
        expect(d.ofType(CA)[0].protect).toBe(prod);
    });

    test("IAM: the owners group manages the pool, requesters request; nothing else is granted", async () => {
        const d = await deployService("certificate-store", settings(env), env, ctx(env));
        const grants = d.inputsOf(IAM).map(g => `${g.role} ${g.member}`).sort();
        expect(grants).toEqual([
            `roles/privateca.certificateManager group:k8s-infra-secrets-owners${stg}@kubernetes.io`,
            `roles/privateca.certificateRequester ${REQUESTER}`,
        ]);
        expect(d.resources.filter(r => /IAM|Iam/.test(r.type)).map(r => r.type)).toEqual([IAM, IAM]);
        expect(d.exports).toEqual({});
    });
});

test("the config rejects an unknown tier and certificates that outlive the root", () => {
    const base = { project: "k8s-infra-pki", location: "us-central1", rootCa: { id: "root", commonName: "Root", lifetimeYears: 1 } };
    expect(CertificateStoreConfig.safeParse({ ...base, tier: "STANDARD" }).success).toBe(false);
    const long = CertificateStoreConfig.safeParse({ ...base, tier: "DEVOPS", maxCertificateLifetimeDays: 400 });
    expect(long.success).toBe(false);
    expect(long.error!.issues[0].path).toEqual(["maxCertificateLifetimeDays"]);
    expect(CertificateStoreConfig.safeParse({ ...base, tier: "DEVOPS", maxCertificateLifetimeDays: 365 }).success).toBe(true);
});
