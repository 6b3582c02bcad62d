// Stack config for the certificate-store service (k8s-infra:services.certificate-store):
// a Certificate Authority Service pool and its self-signed root CA, which sign the
// project's internal certificates (webhooks, mTLS between community services).

import { z } from "zod";
import { ProjectId } from "./names";
import { Member } from "./member";

/** CA Service ids (pool, CA): letters, digits, - and _, 1-63 characters. */
const CaId = z.string().regex(/^[a-zA-Z0-9_-]{1,63}$/, { message: "must be 1-63 letters, digits, - or _" });

export const KEY_ALGORITHMS = ["EC_P256_SHA256", "EC_P384_SHA384", "RSA_PKCS1_3072_SHA256", "RSA_PKCS1_4096_SHA256"] as const;

export const RootCaConfig = z.strictObject({
    /** The CA's id in the pool; a new id makes a new root (rotation), never an edit. */
    id: CaId,
    /** Subject of the root certificate. */
    commonName: z.string().min(1),
    organization: z.string().min(1).default("The Kubernetes Authors"),
    /** Lifetime of the root certificate, in years. */
    lifetimeYears: z.number().int().min(1).max(30, { message: "must be at most 30 years" }).default(10),
    /** Signing key, kept in a Google-managed Cloud HSM key. */
    algorithm: z.enum(KEY_ALGORITHMS, { message: `must be one of ${KEY_ALGORITHMS.join(", ")}` }).default("EC_P384_SHA384"),
    /** DNS names (and their subdomains) the CA may sign for; empty means any. */
    permittedDnsNames: z.array(z.string().regex(/^[a-z0-9.-]+$/, { message: "is not a DNS name like k8s.io" })).default([]),
});
export type RootCaConfig = z.infer<typeof RootCaConfig>;

export const CertificateStoreConfig = z.strictObject({
    /** The project's prod id (model/naming.ts), e.g. kubernetes-public. */
    project: ProjectId,
    /** Region of the pool and its CAs. */
    location: z.string().regex(/^[a-z]+-[a-z]+[0-9]+$/, { message: "is not a GCP region like us-central1" }),
    /** The CA pool's id. */
    pool: CaId.default("k8s-infra"),
    /**
     * DEVOPS: high volume, short-lived certificates, none kept or revocable (cheaper);
     * ENTERPRISE: certificates are kept, listed and revocable, and a CRL is published.
     */
    tier: z.enum(["DEVOPS", "ENTERPRISE"], { message: "must be DEVOPS or ENTERPRISE" }),
    rootCa: RootCaConfig,
    /** Longest lifetime of a certificate the pool issues, in days. */
    maxCertificateLifetimeDays: z.number().int().min(1).max(3650).default(90),
    /** Who may request certificates (cert-manager's service account, a group). */
    requesters: z.array(Member).default([]),
}).refine(c => c.maxCertificateLifetimeDays <= c.rootCa.lifetimeYears * 365, {
    message: "maxCertificateLifetimeDays must not exceed the root CA's lifetime",
    path: ["maxCertificateLifetimeDays"],
});
export type CertificateStoreConfig = z.infer<typeof CertificateStoreConfig>;
