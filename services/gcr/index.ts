// GCR, now Artifact Registry: the public `images` repository in each prod region
// that registry.k8s.io serves from, written only by the image promoter's service
// account, and one staging repository per staging name (kind, cluster-api, ...)
// in the shared staging project, written by its k8s-infra-staging-<name>@ group
// and cleaned up on a schedule. Images reach prod only through the promoter.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { GcrConfig, StagingCleanup } from "../../model/service-config/gcr";
import { ServiceComponent, ServiceContext, nameFor, projectId } from "../service-component";
import { stagingWritersGroupName } from "../../model/group-names";
import type { ServiceDefinition } from "../definition";

const DAY_SECONDS = 86400;
/** The promoter's service account id in k8s.io (k8s-artifacts-prod). */
export const PROMOTER_ACCOUNT = "k8s-infra-promoter";

export class Gcr extends ServiceComponent {
    /** Key (images-<region>, staging-<name>) -> REGION-docker.pkg.dev/PROJECT/REPO. */
    readonly registries: Record<string, pulumi.Output<string>> = {};
    /** The promoter's service account e-mail. */
    readonly promoter: pulumi.Output<string>;

    constructor(ctx: ServiceContext, name: string, args: GcrConfig, opts?: pulumi.ComponentResourceOptions) {
        super(ctx, "Gcr", name, args, opts);
        const prodProject = projectId(ctx, args.project);
        const stagingProject = projectId(ctx, args.stagingProject);

        // The promoter: no keys; prow's trusted cluster acts as it through Workload Identity.
        const account = new gcp.serviceaccount.Account(`${name}-promoter`, {
            project: prodProject,
            accountId: nameFor(ctx, "serviceAccount", PROMOTER_ACCOUNT),
            displayName: "Image promoter",
            description: "Copies images from staging repositories to the production images repositories (kpromo). Owned by the artifacts subproject.",
        }, this.child());
        this.promoter = account.accountId.apply(id => `${id}@${prodProject}.iam.gserviceaccount.com`);
        const promoterMember = pulumi.interpolate`serviceAccount:${this.promoter}`;
        args.promoterWorkloadIdentities.forEach((ksa, i) => new gcp.serviceaccount.IAMMember(`${name}-promoter-workload-identity-${i}`, {
            serviceAccountId: pulumi.interpolate`projects/${prodProject}/serviceAccounts/${this.promoter}`,
            role: "roles/iam.workloadIdentityUser",
            member: `serviceAccount:${ksa}`,
        }, this.child()));

        for (const region of args.regions) {
            const repo = this.repository(`${name}-images-${region}`, prodProject, region, "images", {
                description: "Production container images, served through registry.k8s.io. Written only by the image promoter.",
                visibility: "public",
                immutableTags: args.immutableTags,
            });
            this.grant(repo, `${name}-images-${region}-owners`, "roles/artifactregistry.repoAdmin", `group:${ctx.ownersGroup}`);
            this.grant(repo, `${name}-images-${region}-promoter`, "roles/artifactregistry.writer", promoterMember);
            this.grant(repo, `${name}-images-${region}-public-read`, "roles/artifactregistry.reader", "allUsers");
            this.registries[`images-${region}`] = urlOf(repo, region, prodProject);
        }

        for (const staging of args.staging) {
            const repo = this.repository(`${name}-staging-${staging}`, stagingProject, args.stagingLocation, staging, {
                description: `Staging images of ${staging}, pushed by k8s-infra-staging-${staging}@; promoted to production by the image promoter.`,
                visibility: "private",
                immutableTags: false,
                cleanup: args.stagingCleanup,
            });
            this.grant(repo, `${name}-staging-${staging}-owners`, "roles/artifactregistry.repoAdmin", `group:${ctx.ownersGroup}`);
            this.grant(repo, `${name}-staging-${staging}-writers`, "roles/artifactregistry.writer", `group:${nameFor(ctx, "group", stagingWritersGroupName(staging))}`);
            this.grant(repo, `${name}-staging-${staging}-promoter`, "roles/artifactregistry.reader", promoterMember);
            this.registries[`staging-${staging}`] = urlOf(repo, args.stagingLocation, stagingProject);
        }

        this.finish({ registries: this.registries, promoter: this.promoter });
    }

    private repository(resourceName: string, project: string, location: string, repositoryId: string, o: {
        description: string; visibility: "public" | "private"; immutableTags: boolean; cleanup?: StagingCleanup;
    }): gcp.artifactregistry.Repository {
        return new gcp.artifactregistry.Repository(resourceName, {
            project,
            location,
            repositoryId,
            format: "DOCKER",
            mode: "STANDARD_REPOSITORY",
            description: o.description,
            dockerConfig: { immutableTags: o.immutableTags },
            cleanupPolicies: o.cleanup ? cleanupPolicies(o.cleanup) : [],
            cleanupPolicyDryRun: o.cleanup?.dryRun ?? false,
            deletionPolicy: this.ctx.protect ? "PREVENT" : "DELETE",
            labels: { ...this.ctx.labels, "purpose": o.visibility === "public" ? "images" : "staging", "visibility": o.visibility },
        }, this.stateful());
    }

    private grant(repo: gcp.artifactregistry.Repository, resourceName: string, role: string, member: pulumi.Input<string>): void {
        new gcp.artifactregistry.RepositoryIamMember(resourceName, {
            project: repo.project,
            location: repo.location,
            repository: repo.repositoryId,
            role,
            member,
        }, this.child());
    }
}

/** Artifact Registry cleanup: untagged images go first, everything after a while, the newest versions stay. */
export function cleanupPolicies(c: StagingCleanup): gcp.types.input.artifactregistry.RepositoryCleanupPolicy[] {
    const policies: gcp.types.input.artifactregistry.RepositoryCleanupPolicy[] = [
        { id: "delete-untagged", action: "DELETE", condition: { tagState: "UNTAGGED", olderThan: `${c.deleteUntaggedAfterDays * DAY_SECONDS}s` } },
        { id: "delete-old", action: "DELETE", condition: { tagState: "ANY", olderThan: `${c.deleteAfterDays * DAY_SECONDS}s` } },
    ];
    if (c.keepRecent > 0) policies.push({ id: "keep-recent", action: "KEEP", mostRecentVersions: { keepCount: c.keepRecent } });
    return policies;
}

function urlOf(repo: gcp.artifactregistry.Repository, location: string, project: string): pulumi.Output<string> {
    return repo.repositoryId.apply(id => `${location}-docker.pkg.dev/${project}/${id}`);
}

export const gcrService: ServiceDefinition<"gcr"> = {
    deploy: (ctx, settings, opts) => {
        const gcr = new Gcr(ctx, "gcr", settings, opts);
        return { component: gcr, exports: { registries: gcr.registries, serviceAccounts: { promoter: gcr.promoter } } };
    },
};
