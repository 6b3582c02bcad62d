// Certificate store: Certificate Authority Service for the certificates the project
// signs itself (webhooks, mTLS between community services). A CA pool with an issuance
// policy (key types, longest lifetime), a self-signed root CA whose key lives in a
// Google-managed HSM, both kept in prod; the owning subproject's group manages the
// pool, and only the configured requesters may ask it for certificates.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { CertificateStoreConfig } from "../../model/service-config/certificate-store";
import { ServiceComponent, projectId, ServiceArgs } from "../service-component";
import type { ServiceDefinition } from "../definition";

const DAY = 24 * 3600;

export class CertificateStore extends ServiceComponent {
    /** The pool's resource id (projects/.../locations/.../caPools/...). */
    readonly pool: pulumi.Output<string>;

    constructor(name: string, { context: ctx, settings: args }: ServiceArgs<CertificateStoreConfig>, opts?: pulumi.ComponentResourceOptions) {
        super("CertificateStore", name, { context: ctx, settings: args }, opts);
        const project = projectId(ctx, args.project);
        const enterprise = args.tier === "ENTERPRISE";

        const pool = new gcp.certificateauthority.CaPool(`${name}-pool`, {
            project,
            location: args.location,
            name: args.pool,
            tier: args.tier,
            // Anyone can fetch the CA certificate to verify; the CRL exists only where certificates are kept.
            publishingOptions: { publishCaCert: true, publishCrl: enterprise, encodingFormat: "PEM" },
            issuancePolicy: {
                maximumLifetime: `${args.maxCertificateLifetimeDays * DAY}s`,
                allowedKeyTypes: [
                    { ellipticCurve: { signatureAlgorithm: "ECDSA_P256" } },
                    { ellipticCurve: { signatureAlgorithm: "ECDSA_P384" } },
                    { rsa: { minModulusSize: "2048" } },
                ],
            },
            labels: { ...ctx.labels },
        }, this.child());

        const root = args.rootCa;
        new gcp.certificateauthority.Authority(`${name}-${root.id}`, {
            project,
            location: args.location,
            pool: pool.name,
            certificateAuthorityId: root.id,
            type: "SELF_SIGNED",
            lifetime: `${root.lifetimeYears * 365 * DAY}s`,
            keySpec: { algorithm: root.algorithm },
            config: {
                subjectConfig: { subject: { commonName: root.commonName, organization: root.organization } },
                x509Config: {
                    caOptions: { isCa: true },
                    keyUsage: { baseKeyUsage: { certSign: true, crlSign: true }, extendedKeyUsage: {} },
                    nameConstraints: root.permittedDnsNames.length > 0
                        ? { critical: true, permittedDnsNames: root.permittedDnsNames }
                        : undefined,
                },
            },
            // Kept: a deleted CA stays restorable for 30 days, and may not go while it has live certificates.
            skipGracePeriod: false,
            ignoreActiveCertificatesOnDeletion: false,
            labels: { ...ctx.labels },
        }, this.child());

        const grant = (suffix: string, role: string, member: string) =>
            new gcp.certificateauthority.CaPoolIamMember(`${name}-pool-${suffix}`, {
                project, location: args.location, caPool: pool.id, role, member,
            }, this.child());
        grant("owners", "roles/privateca.certificateManager", `group:${ctx.ownersGroup}`);
        args.requesters.forEach((member, i) => grant(`requester-${i}`, "roles/privateca.certificateRequester", member));

        this.pool = pool.id;
        this.finish({ pool: this.pool });
    }
}

export const certificateStoreService: ServiceDefinition<"certificate-store"> = {
    // Nothing here fits the stack-output contract (no bucket, zone, secret or service account).
    deploy: (ctx, settings, opts) => ({ component: new CertificateStore("certificate-store", { context: ctx, settings }, opts), exports: {} }),
};
