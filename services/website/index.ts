// Website: the static kubernetes.io site. A public bucket holds the built site; a
// global external Application Load Balancer serves it through Cloud CDN on HTTPS
// with a Google-managed certificate for the configured domains, and answers plain
// HTTP with a redirect to HTTPS. The site's publishers write the bucket; the public
// only reads it.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { WebsiteConfig } from "../../model/service-config/website";
import { ServiceComponent, bucketLocation, nameFor, projectId, ServiceArgs } from "../service-component";
import type { ServiceDefinition } from "../definition";

export class Website extends ServiceComponent {
    /** Bucket stem -> bucket name. */
    readonly buckets: Record<string, pulumi.Output<string>> = {};
    /** The address the domains' A records point at. */
    readonly ipAddress: pulumi.Output<string>;

    constructor(name: string, { context: ctx, settings: args }: ServiceArgs<WebsiteConfig>, opts?: pulumi.ComponentResourceOptions) {
        super("Website", name, { context: ctx, settings: args }, opts);
        const project = projectId(ctx, args.project);
        const base = args.bucket;

        const bucket = new gcp.storage.Bucket(`${name}-${base}`, {
            name: nameFor(ctx, "bucket", args.bucket),
            project,
            location: bucketLocation(args.location),
            uniformBucketLevelAccess: true,
            publicAccessPrevention: "inherited",
            website: { mainPageSuffix: args.mainPage, notFoundPage: args.notFoundPage },
            labels: { ...ctx.labels, "purpose": "website", "visibility": "public" },
        }, this.child());
        const grant = (suffix: string, role: string, member: string) =>
            new gcp.storage.BucketIAMMember(`${name}-${base}-${suffix}`, { bucket: bucket.name, role, member }, this.child());
        grant("owners", "roles/storage.admin", `group:${ctx.ownersGroup}`);
        args.publishers.forEach((member, i) => grant(`publisher-${i}`, "roles/storage.objectAdmin", member));
        grant("public-read", "roles/storage.objectViewer", "allUsers");
        this.buckets[base] = bucket.name;

        const backend = new gcp.compute.BackendBucket(`${name}-backend`, {
            project,
            name: `${base}-backend`,
            description: `The ${args.domains[0]} site from gs://${nameFor(ctx, "bucket", args.bucket)}, through Cloud CDN`,
            bucketName: bucket.name,
            enableCdn: true,
            compressionMode: "AUTOMATIC",
            cdnPolicy: {
                cacheMode: "CACHE_ALL_STATIC",
                defaultTtl: args.cdn.defaultTtl,
                maxTtl: args.cdn.maxTtl,
                clientTtl: args.cdn.clientTtl,
                negativeCaching: true,
                requestCoalescing: true,
                serveWhileStale: 86400,
            },
        }, this.child());

        // Google-managed: issued once the domains resolve to the address below (CAA allows pki.goog).
        // Auto-named, so that a change of domains makes the new certificate before the old one goes.
        const certificate = new gcp.compute.ManagedSslCertificate(`${name}-certificate`, {
            project,
            type: "MANAGED",
            managed: { domains: args.domains },
        }, this.child());
        const tls = new gcp.compute.SSLPolicy(`${name}-tls`, {
            project,
            name: `${base}-tls`,
            profile: "MODERN",
            minTlsVersion: "TLS_1_2",
        }, this.child());

        // Everything the domains' A records point at: keep it in prod.
        const address = new gcp.compute.GlobalAddress(`${name}-address`, {
            project,
            name: `${base}-address`,
            ipVersion: "IPV4",
            addressType: "EXTERNAL",
            labels: { ...ctx.labels },
        // Not state, but a released address is never got back (the DNS records point at it): protected in prod too.
        }, this.child({ protect: ctx.protect }));
        this.ipAddress = address.address;

        const urlMap = new gcp.compute.URLMap(`${name}-url-map`, {
            project,
            name: `${base}-https`,
            defaultService: backend.selfLink,
        }, this.child());
        const httpsProxy = new gcp.compute.TargetHttpsProxy(`${name}-https-proxy`, {
            project,
            name: `${base}-https-proxy`,
            urlMap: urlMap.selfLink,
            sslCertificates: [certificate.selfLink],
            sslPolicy: tls.selfLink,
        }, this.child());
        this.forwardingRule(name, project, base, "https", "443", httpsProxy.selfLink, address.address);

        // Plain HTTP only redirects to HTTPS.
        const redirect = new gcp.compute.URLMap(`${name}-http-redirect`, {
            project,
            name: `${base}-http-redirect`,
            defaultUrlRedirect: { httpsRedirect: true, stripQuery: false, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT" },
        }, this.child());
        const httpProxy = new gcp.compute.TargetHttpProxy(`${name}-http-proxy`, {
            project,
            name: `${base}-http-proxy`,
            urlMap: redirect.selfLink,
        }, this.child());
        this.forwardingRule(name, project, base, "http", "80", httpProxy.selfLink, address.address);

        this.finish({ buckets: this.buckets, ipAddress: this.ipAddress });
    }

    private forwardingRule(component: string, project: string, base: string, suffix: string, port: string, target: pulumi.Input<string>, ipAddress: pulumi.Input<string>): gcp.compute.GlobalForwardingRule {
        return new gcp.compute.GlobalForwardingRule(`${component}-${suffix}-rule`, {
            project,
            name: `${base}-${suffix}-rule`,
            target,
            ipAddress,
            ipProtocol: "TCP",
            portRange: port,
            loadBalancingScheme: "EXTERNAL_MANAGED",
            labels: { ...this.ctx.labels },
        }, this.child());
    }
}

export const websiteService: ServiceDefinition<"website"> = {
    deploy: (ctx, settings, opts) => {
        const website = new Website("website", { context: ctx, settings }, opts);
        return { component: website, exports: { buckets: website.buckets } };
    },
};
