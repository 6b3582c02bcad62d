// One serving region's production `images` repository (REGION-docker.pkg.dev/
// k8s-artifacts-prod/images), which the redirector sends clients to. Public: anyone
// reads it. Written by the promoter alone (model/image-promoter.ts; the
// images-promoter-only policy blocks any other writer): not even its owners hold a
// role that writes it, as they change it through this program. Never cleaned up,
// tags immutable: a promoted image stays what it was.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { IMAGES_PURPOSE, IMAGES_READ_ROLES, IMAGES_REPOSITORY, PROMOTER_ROLE } from "../../model/image-promoter";

export interface ImagesRepositoryArgs {
    project: string;
    region: string;
    immutableTags: boolean;
    /** Cost labels (the service's). */
    labels: Record<string, string>;
    /** The promoter's IAM member. */
    promoter: pulumi.Input<string>;
    /** Protect it (prod): the repository and its deletion policy. */
}

export class ImagesRepository extends pulumi.ComponentResource {
    /** REGION-docker.pkg.dev/PROJECT/images */
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: ImagesRepositoryArgs, opts?: pulumi.ComponentResourceOptions) {
        const { promoter: _promoter, ...visible } = args;
        super("k8s-infra:gcr:ImagesRepository", name, visible, opts);
        const repo = new gcp.artifactregistry.Repository(name, {
            project: args.project,
            location: args.region,
            repositoryId: IMAGES_REPOSITORY,
            format: "DOCKER",
            mode: "STANDARD_REPOSITORY",
            description: "Production container images, served through registry.k8s.io. Written only by the image promoter.",
            dockerConfig: { immutableTags: args.immutableTags },
            cleanupPolicies: [],
            cleanupPolicyDryRun: false,
            labels: { ...args.labels, "purpose": IMAGES_PURPOSE, "visibility": "public" },
        }, { parent: this });
        const grant = (suffix: string, role: string, member: pulumi.Input<string>) => new gcp.artifactregistry.RepositoryIamMember(`${name}-${suffix}`, {
            project: repo.project,
            location: repo.location,
            repository: repo.repositoryId,
            role,
            member,
        }, { parent: this });
        grant("promoter", PROMOTER_ROLE, args.promoter);
        grant("public-read", IMAGES_READ_ROLES[0], "allUsers");
        this.url = repo.repositoryId.apply(id => `${args.region}-docker.pkg.dev/${args.project}/${id}`);
        this.registerOutputs({ url: this.url });
    }
}
