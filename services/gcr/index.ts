// registry.k8s.io, the Kubernetes project's image registry: the public `images`
// repository in each serving region (model/registry-regions.ts), written only by
// the image promoter's service account (model/image-promoter.ts); the redirector,
// archeio on Cloud Run in the serving regions that run one, behind one global HTTPS
// load balancer guarded by Cloud Armor; and the S3 mirrors of the layers on AWS that
// the redirector sends AWS clients to. Each part is a small component of its own,
// in this folder. Images reach the repositories only through promotion from a
// staging area (the artifact-staging service).

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { GcrConfig, MirrorsConfig, RedirectorConfig } from "../../model/service-config/gcr";
import { IMAGES_REPOSITORY, PROMOTER_ACCOUNT } from "../../model/image-promoter";
import { MirrorRegion, redirectorRegions } from "../../model/registry-regions";
import { ServiceComponent, nameFor, projectId, ServiceArgs } from "../service-component";
import type { ServiceDefinition } from "../definition";
import { Promoter } from "./promoter";
import { ImagesRepository } from "./images-repository";
import { Redirector } from "./redirector";
import { LoadBalancer } from "./load-balancer";
import { S3Mirrors } from "./s3-mirrors";

/** The APIs the redirector's project uses (Cloud Run; the load balancer, NEGs and Cloud Armor are Compute Engine's). */
const REDIRECTOR_APIS = ["run.googleapis.com", "compute.googleapis.com"];

export class Gcr extends ServiceComponent {
    /** Key (images-<region>) -> REGION-docker.pkg.dev/PROJECT/images. */
    readonly registries: Record<string, pulumi.Output<string>> = {};
    /** The promoter's service account e-mail. */
    readonly promoter: pulumi.Output<string>;
    /** The redirector's service account e-mail, when the stack runs it. */
    readonly redirector?: pulumi.Output<string>;

    constructor(name: string, { context: ctx, settings: args }: ServiceArgs<GcrConfig>, opts?: pulumi.ComponentResourceOptions) {
        super("Gcr", name, { context: ctx, settings: args }, opts);
        const imagesProject = projectId(ctx, args.project);
        const promoter = new Promoter(`${name}-promoter`, {
            project: imagesProject,
            accountId: nameFor(ctx, "serviceAccount", PROMOTER_ACCOUNT),
            workloadIdentities: args.promoterWorkloadIdentities,
        }, { parent: this });
        this.promoter = promoter.email;

        for (const region of args.regions) {
            const repo = new ImagesRepository(`${name}-images-${region}`, {
                project: imagesProject, region, immutableTags: args.immutableTags, labels: ctx.labels, promoter: promoter.member,
            }, { parent: this });
            this.registries[`images-${region}`] = repo.url;
        }

        const mirrors = args.mirrors ? this.mirrors(name, args.mirrors) : {};
        if (args.redirector) this.redirector = this.redirectors(name, args, args.redirector, imagesProject, mirrors);
        this.finish({ registries: this.registries, promoter: this.promoter, redirector: this.redirector });
    }

    /** The S3 mirrors; returns each region's bucket name. */
    private mirrors(name: string, m: MirrorsConfig): Partial<Record<MirrorRegion, string>> {
        const buckets = Object.fromEntries(m.regions.map(region => [region, nameFor(this.ctx, "bucket", `${m.bucketPrefix}-${region}`)]));
        new S3Mirrors(`${name}-mirrors`, {
            accountId: m.accountId, deployRoleArn: m.deployRoleArn, buckets, source: m.source, replicationRoleArn: m.replicationRoleArn,
            tags: this.ctx.labels,
        }, { parent: this });
        return buckets;
    }

    /** The redirector in each of its regions and the load balancer in front of them; returns its service account's e-mail. */
    private redirectors(name: string, args: GcrConfig, r: RedirectorConfig, imagesProject: string, mirrors: Partial<Record<MirrorRegion, string>>): pulumi.Output<string> {
        const project = projectId(this.ctx, r.project);
        const apis = REDIRECTOR_APIS.map(api => new gcp.projects.Service(`${name}-redirector-${api.split(".")[0]}`, {
            project, service: api, disableOnDestroy: false, disableDependentServices: false,
        }, this.child()));
        const account = new gcp.serviceaccount.Account(`${name}-redirector`, {
            project,
            accountId: nameFor(this.ctx, "serviceAccount", r.serviceAccount),
            displayName: "Minimal Service Account for OCI Proxy",
            description: `registry.k8s.io's redirector runs as it; it holds no role: it reads nothing that is not public.`,
        }, this.child());
        const email = account.accountId.apply(id => `${id}@${project}.iam.gserviceaccount.com`);
        const negs = redirectorRegions(args.regions).map(({ region, mirror }) => {
            const bucket = mirrors[mirror] as string; // the schema refuses a redirector region whose mirror the stack does not make
            return new Redirector(`${name}-redirector-${region}`, {
                project, region,
                serviceName: `${project}-${region}`,
                negName: `${project}--${region}--neg`,
                serviceAccount: email,
                upstreamEndpoint: `https://${region}-docker.pkg.dev`,
                upstreamPath: `${imagesProject}/${IMAGES_REPOSITORY}`,
                defaultAwsBaseUrl: `https://${bucket}.s3.dualstack.${mirror}.amazonaws.com`,
                settings: r, labels: this.ctx.labels, protect: this.ctx.protect,
            }, { parent: this, dependsOn: apis }).neg;
        });
        new LoadBalancer(`${name}-lb`, {
            project, domain: r.domain, negs, rateLimit: r.rateLimit, ipv6: r.ipv6, labels: this.ctx.labels, protect: this.ctx.protect,
        }, { parent: this, dependsOn: apis });
        return email;
    }
}

export const gcrService: ServiceDefinition<"gcr"> = {
    deploy: (ctx, settings, opts) => {
        const gcr = new Gcr("gcr", { context: ctx, settings }, opts);
        const serviceAccounts: Record<string, pulumi.Output<string>> = { promoter: gcr.promoter };
        if (gcr.redirector) serviceAccounts.redirector = gcr.redirector;
        return { component: gcr, exports: { registries: gcr.registries, serviceAccounts } };
    },
};
