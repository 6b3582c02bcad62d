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
        const bucket = this.siteBucket(name, args, project);
        const backend = this.backendBucket(name, args, project, bucket);
        this.ipAddress = this.frontend(name, args, project, backend);
        this.finish({ buckets: this.buckets, ipAddress: this.ipAddress });
    }

    /** The bucket the site is published to, readable by all, written by its publishers. */
    private siteBucket(name: string, args: WebsiteConfig, project: string): gcp.storage.Bucket {
        const ctx = this.ctx;
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
        return bucket;
    }

    /** The bucket behind Cloud CDN. */
    private backendBucket(name: string, args: WebsiteConfig, project: string, bucket: gcp.storage.Bucket): gcp.compute.BackendBucket {
        return new gcp.compute.BackendBucket(`${name}-backend`, {
            project,
            name: `${args.bucket}-backend`,
            description: `The ${args.domains[0]} site from gs://${nameFor(this.ctx, "bucket", args.bucket)}, through Cloud CDN`,
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
    }

    /** HTTPS in front of the backend (a managed certificate, modern TLS), HTTP redirected to it; returns the address. */
    private frontend(name: string, args: WebsiteConfig, project: string, backend: gcp.compute.BackendBucket): pulumi.Output<string> {
        const ctx = this.ctx;
        const base = args.bucket;
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

        // Everything the domains' A records point at: not state, but a released address is never got back, so kept in prod.
        const address = new gcp.compute.GlobalAddress(`${name}-address`, {
            project,
            name: `${base}-address`,
            ipVersion: "IPV4",
            addressType: "EXTERNAL",
            labels: { ...ctx.labels },
        }, this.child({ protect: ctx.protect }));

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
        return address.address;
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
