// The one global external HTTPS load balancer in front of every redirector (k8s.io:
// the lb-http module in infra/gcp/terraform/modules/oci-proxy/network.tf, whose names
// it keeps): one backend service with each region's serverless NEG, so a client
// reaches the nearest redirector, guarded by the Cloud Armor policy; a URL map; an
// HTTPS proxy with a Google-managed certificate for the registry's name; plain HTTP
// answered with a redirect to HTTPS (as k8s.io's https_redirect); the global
// addresses the name's A and AAAA records point at, and a forwarding rule per
// address and port.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { SECURITY_POLICY_NAME, securityPolicyRules } from "./cloud-armor";
import type { RedirectorConfig } from "../../model/service-config/gcr";

export interface LoadBalancerArgs {
    /** The redirector's project in this environment; also the base of every name (k8s.io: k8s-infra-oci-proxy-prod). */
    project: string;
    domain: string;
    /** Each redirector's NEG. */
    negs: pulumi.Input<string>[];
    rateLimit: RedirectorConfig["rateLimit"];
    ipv6: boolean;
    labels: Record<string, string>;
    /** Keep the addresses (prod): the DNS records point at them. */
    protect: boolean;
}

export class LoadBalancer extends pulumi.ComponentResource {
    /** The addresses registry.k8s.io's A (and AAAA) records point at. */
    readonly ipv4: pulumi.Output<string>;
    readonly ipv6?: pulumi.Output<string>;

    constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        const { negs: _negs, ...visible } = args;
        super("k8s-infra:gcr:LoadBalancer", name, visible, opts);
        const { project } = args;
        const base = project;
        const child = { parent: this };

        const backend = this.backendService(name, args);

        // Google-managed: issued once the name resolves to the addresses below. Auto-named (k8s.io adds a random
        // suffix too), so that a change of name makes the new certificate before the old one goes.
        const certificate = new gcp.compute.ManagedSslCertificate(`${name}-certificate`, {
            project,
            type: "MANAGED",
            managed: { domains: [args.domain] },
        }, child);
        const tls = new gcp.compute.SSLPolicy(`${name}-tls`, { project, name: `${base}-tls`, profile: "MODERN", minTlsVersion: "TLS_1_2" }, child);
        const urlMap = new gcp.compute.URLMap(`${name}-url-map`, { project, name: `${base}-url-map`, defaultService: backend.id }, child);
        const httpsProxy = new gcp.compute.TargetHttpsProxy(`${name}-https-proxy`, {
            project,
            name: `${base}-https-proxy`,
            urlMap: urlMap.id,
            sslCertificates: [certificate.id],
            sslPolicy: tls.id,
        }, child);
        // Plain HTTP only redirects to HTTPS.
        const redirect = new gcp.compute.URLMap(`${name}-https-redirect`, {
            project,
            name: `${base}-https-redirect`,
            defaultUrlRedirect: { httpsRedirect: true, stripQuery: false, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT" },
        }, child);
        const httpProxy = new gcp.compute.TargetHttpProxy(`${name}-http-proxy`, { project, name: `${base}-http-proxy`, urlMap: redirect.id }, child);

        const v4 = this.address(`${name}-ipv4`, project, base, "IPV4", args);
        this.ipv4 = v4.address;
        this.forwardingRules(name, project, base, "", v4.address, httpProxy.id, httpsProxy.id, args.labels);
        if (args.ipv6) {
            const v6 = this.address(`${name}-ipv6`, project, `${base}-v6`, "IPV6", args);
            this.ipv6 = v6.address;
            this.forwardingRules(name, project, base, "-ipv6", v6.address, httpProxy.id, httpsProxy.id, args.labels);
        }
        this.registerOutputs({ ipv4: this.ipv4, ipv6: this.ipv6 });
    }

    /** The backend: every region's redirector (a serverless NEG each) behind the Cloud Armor policy. */
    private backendService(name: string, args: LoadBalancerArgs): gcp.compute.BackendService {
        const { project } = args;
        const base = project;
        const child = { parent: this };
        const armor = new gcp.compute.SecurityPolicy(`${name}-armor`, {
            project,
            name: SECURITY_POLICY_NAME,
            description: `Guards ${args.domain}: only the paths it serves, and a rate limit per client IP.`,
            type: "CLOUD_ARMOR",
            rules: securityPolicyRules(args.rateLimit),
            labels: { ...args.labels },
        }, child);
        return new gcp.compute.BackendService(`${name}-backend`, {
            project,
            name: `${base}-backend-default`,
            description: `The redirectors of ${args.domain}, one serverless NEG per region`,
            protocol: "HTTPS",
            loadBalancingScheme: "EXTERNAL_MANAGED",
            backends: args.negs.map(group => ({ group })),
            securityPolicy: armor.id,
            enableCdn: false,
            logConfig: { enable: true, sampleRate: 1 },
        }, child);
    }

    private address(resourceName: string, project: string, name: string, ipVersion: "IPV4" | "IPV6", args: LoadBalancerArgs): gcp.compute.GlobalAddress {
        return new gcp.compute.GlobalAddress(resourceName, {
            project, name, ipVersion, addressType: "EXTERNAL", labels: { ...args.labels },
        }, { parent: this, protect: args.protect });
    }

    /** k8s.io's names: <base> and <base>-https for IPv4, <base>-ipv6-http and <base>-ipv6-https for IPv6. */
    private forwardingRules(component: string, project: string, base: string, family: "" | "-ipv6", ipAddress: pulumi.Input<string>,
        http: pulumi.Input<string>, https: pulumi.Input<string>, labels: Record<string, string>): void {
        const rule = (suffix: string, name: string, portRange: string, target: pulumi.Input<string>) => new gcp.compute.GlobalForwardingRule(
            `${component}${family}-${suffix}`, {
                project, name, target, ipAddress, portRange, ipProtocol: "TCP", loadBalancingScheme: "EXTERNAL_MANAGED", labels: { ...labels },
            }, { parent: this });
        rule("http", family ? `${base}${family}-http` : base, "80", http);
        rule("https", `${base}${family}-https`, "443", https);
    }
}
