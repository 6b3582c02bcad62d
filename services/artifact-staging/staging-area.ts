// One staging area as k8s.io's ensure-staging-storage.sh makes it, in its own
// k8s-staging-<name> project (the project and its budget are Billing's): the APIs
// its bucket, registry and builds use; a bucket whose objects are deleted after a
// while (k8s.io: 60 days); an image registry with cleanup; and its writers group
// k8s-infra-staging-<name>@, referred to by address, which writes both and runs
// Cloud Build. The component's args are the area's staffing record (owners and
// organizations, roster line), which the staffing policies judge as a subproject's.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { COMPONENT } from "../../model/resource-types";
import { standardLabels } from "../../model/labels";
import { nameIn } from "../../model/naming";
import type { StagingAreaRecord } from "../../model/staging-areas";
import {
    ArtifactStagingConfig, BUILDER_ROLE, PUBLIC_BUCKET_ROLE, PUBLIC_REGISTRY_ROLE, StagingCleanup,
    WRITER_BUCKET_ROLE, WRITER_PROJECT_ROLES, WRITER_REGISTRY_ROLE,
} from "../../model/service-config/artifact-staging";
import { bucketLocation } from "../service-component";

const DAY_SECONDS = 86400;

export interface StagingAreaArgs {
    /** The area's staffing record, from the roster through the stack model. */
    record: StagingAreaRecord;
    settings: ArtifactStagingConfig;
    /** Protect the bucket and registry (the stack's setting). */
}

export class StagingArea extends pulumi.ComponentResource {
    /** The bucket's name and the registry's URL (REGION-docker.pkg.dev/PROJECT/REPO). */
    readonly bucket: pulumi.Output<string>;
    readonly registry: pulumi.Output<string>;

    constructor(name: string, args: StagingAreaArgs, opts?: pulumi.ComponentResourceOptions) {
        const { record, settings } = args;
        super(COMPONENT.stagingArea, name, record, opts);
        const key = `artifact-staging-${record.name}`;
        const project = record.project;
        const writers = `group:${record.writersGroup}`;
        const labels = { ...standardLabels({ subproject: record.subproject, sig: record.sig, environment: record.environment }),
            "purpose": "staging", "staging-area": record.name };
        const child = { parent: this };

        const apis = settings.apis.map(api => new gcp.projects.Service(`${key}-${api.split(".")[0]}`, {
            project, service: api, disableOnDestroy: false, disableDependentServices: false,
        }, child));
        for (const role of WRITER_PROJECT_ROLES) {
            new gcp.projects.IAMMember(`${key}-writers-${role.split("/")[1]}`, { project, role, member: writers }, child);
        }
        settings.builders.forEach((member, i) => new gcp.projects.IAMMember(`${key}-builder-${i}`, { project, role: BUILDER_ROLE, member }, child));

        const b = settings.bucket;
        const retention = b.retentionSeconds[record.name];
        const bucket = new gcp.storage.Bucket(`${key}-bucket`, {
            name: record.bucket,
            project,
            location: bucketLocation(b.location),
            storageClass: "STANDARD",
            uniformBucketLevelAccess: true,
            publicAccessPrevention: b.public ? "inherited" : "enforced",
            versioning: { enabled: false },
            lifecycleRules: [{ action: { type: "Delete" }, condition: { age: b.deleteAfterDays } }],
            retentionPolicy: retention === undefined ? undefined : { retentionPeriod: String(retention), isLocked: false },
            // As k8s.io logs them: into one bucket, each under its own bucket's name.
            logging: b.accessLogs ? { logBucket: nameIn({ kind: "bucket", name: b.accessLogs, environment: record.environment }), logObjectPrefix: record.bucket } : undefined,
            labels: { ...labels, "visibility": b.public ? "public" : "private" },
        }, { parent: this });
        new gcp.storage.BucketIAMMember(`${key}-bucket-writers`, { bucket: bucket.name, role: WRITER_BUCKET_ROLE, member: writers }, child);
        if (b.public) new gcp.storage.BucketIAMMember(`${key}-bucket-public-read`, { bucket: bucket.name, role: PUBLIC_BUCKET_ROLE, member: "allUsers" }, child);

        const r = settings.registry;
        const repo = new gcp.artifactregistry.Repository(`${key}-registry`, {
            project,
            location: r.location,
            repositoryId: r.repository,
            format: "DOCKER",
            mode: "STANDARD_REPOSITORY",
            description: `Staging images of ${record.name}, pushed by ${record.writersGroup}; promoted to production by the image promoter.`,
            dockerConfig: { immutableTags: false },
            cleanupPolicies: cleanupPolicies(r.cleanup),
            cleanupPolicyDryRun: r.cleanup.dryRun,
            labels: { ...labels, "visibility": r.public ? "public" : "private" },
        }, { parent: this, dependsOn: apis });
        const grant = (suffix: string, role: string, member: string) => new gcp.artifactregistry.RepositoryIamMember(`${key}-registry-${suffix}`, {
            project: repo.project, location: repo.location, repository: repo.repositoryId, role, member,
        }, child);
        grant("writers", WRITER_REGISTRY_ROLE, writers);
        if (r.public) grant("public-read", PUBLIC_REGISTRY_ROLE, "allUsers");

        this.bucket = bucket.name;
        this.registry = repo.repositoryId.apply(id => `${r.location}-docker.pkg.dev/${project}/${id}`);
        this.registerOutputs({ ...record, bucket: this.bucket, registry: this.registry });
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
