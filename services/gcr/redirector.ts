// registry.k8s.io's redirector in one region: archeio on Cloud Run (k8s.io:
// infra/gcp/terraform/modules/oci-proxy/main.tf), which answers every request with a
// redirect, to a layer's copy in the S3 mirror nearest an AWS client, else to the
// images repository (of this region, or the one nearest a GCP client). It holds
// nothing. Ingress only from the load balancer, so Cloud Armor's rules and rate limit
// cannot be gone around; the public invokes it (roles/run.invoker to allUsers, which
// iam-public-read-only allows on a service labelled visibility=public). A serverless
// network endpoint group puts it behind the load balancer's one backend service.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import type { RedirectorConfig } from "../../model/service-config/gcr";

export interface RedirectorArgs {
    /** The redirector's project, in this environment. */
    project: string;
    region: string;
    /** The service's name (k8s.io: <project>-<region>) and its NEG's (<project>--<region>--neg). */
    serviceName: string;
    negName: string;
    /** The service account e-mail it runs as. */
    serviceAccount: pulumi.Input<string>;
    /** Environment: where the images are (https://REGION-docker.pkg.dev, PROJECT/images) and the default S3 mirror's URL. */
    upstreamEndpoint: string;
    upstreamPath: string;
    defaultAwsBaseUrl: string;
    settings: Pick<RedirectorConfig, "image" | "verbosity" | "maxInstances" | "concurrency">;
    labels: Record<string, string>;
    /** Refuse to delete the service (prod). */
    protect: boolean;
}

export class Redirector extends pulumi.ComponentResource {
    /** The serverless NEG's id, a backend of the load balancer. */
    readonly neg: pulumi.Output<string>;

    constructor(name: string, args: RedirectorArgs, opts?: pulumi.ComponentResourceOptions) {
        const { serviceAccount: _sa, ...visible } = args;
        super("k8s-infra:gcr:Redirector", name, visible, opts);
        const s = args.settings;
        const service = new gcp.cloudrunv2.Service(name, {
            project: args.project,
            location: args.region,
            name: args.serviceName,
            description: "registry.k8s.io's redirector (archeio): redirects image pulls to the images repositories and the S3 mirrors.",
            ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
            deletionProtection: args.protect,
            labels: { ...args.labels, "purpose": "registry-redirector", "visibility": "public" },
            template: {
                serviceAccount: args.serviceAccount,
                scaling: { maxInstanceCount: s.maxInstances },
                // About 1k requests a second per core; some headroom before another instance starts.
                maxInstanceRequestConcurrency: s.concurrency,
                // It only redirects: a minute is long.
                timeout: "60s",
                containers: [{
                    image: s.image,
                    args: [`-v=${s.verbosity}`],
                    envs: [
                        { name: "UPSTREAM_REGISTRY_ENDPOINT", value: args.upstreamEndpoint },
                        { name: "UPSTREAM_REGISTRY_PATH", value: args.upstreamPath },
                        { name: "DEFAULT_AWS_BASE_URL", value: args.defaultAwsBaseUrl },
                        // Matches the CPU limit.
                        { name: "GOMAXPROCS", value: "1" },
                    ],
                    resources: { limits: { cpu: "1000m", memory: "512Mi" } },
                }],
            },
        }, { parent: this });
        new gcp.cloudrunv2.ServiceIamMember(`${name}-public-invoke`, {
            project: args.project,
            location: args.region,
            name: service.name,
            role: "roles/run.invoker",
            member: "allUsers",
        }, { parent: this });
        const neg = new gcp.compute.RegionNetworkEndpointGroup(`${name}-neg`, {
            project: args.project,
            region: args.region,
            name: args.negName,
            networkEndpointType: "SERVERLESS",
            cloudRun: { service: service.name },
        }, { parent: this });
        this.neg = neg.id;
        this.registerOutputs({ neg: this.neg });
    }
}
