// GCS: the buckets for logs, test artifacts, release tarballs, APT and RPM. Each
// bucket gets the lifecycle, retention, versioning, public or private access and
// access logging its purpose needs (set in the stack config), uniform
// bucket-level access, and IAM for the owning subproject's group and its writers.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { BucketConfig, GcsConfig } from "../../model/service-config/gcs";
import { ServiceComponent, bucketLocation, nameFor, projectId, ServiceArgs } from "../service-component";
import type { ServiceDefinition } from "../definition";

export class Gcs extends ServiceComponent {
    /** Bucket stem -> bucket name. */
    readonly buckets: Record<string, pulumi.Output<string>> = {};

    constructor(name: string, { context: ctx, settings: args }: ServiceArgs<GcsConfig>, opts?: pulumi.ComponentResourceOptions) {
        super("Gcs", name, { context: ctx, settings: args }, opts);
        const project = projectId(ctx, args.project);

        // Where every other bucket writes its access logs; private, kept a year.
        const accessLogs = this.bucket(name, project, args.location, {
            name: `k8s-infra-${ctx.subproject}-gcs-access-logs`, purpose: "access-logs", public: false,
            deleteAfterDays: 365, versioning: false, writers: ["group:cloud-storage-analytics@google.com"],
        }, undefined);
        for (const cfg of args.buckets) {
            this.bucket(name, project, args.location, cfg, accessLogs);
        }
        this.finish({ buckets: this.buckets });
    }

    private bucket(component: string, project: string, location: string, cfg: BucketConfig, logBucket: pulumi.Input<string> | undefined): pulumi.Output<string> {
        const ctx = this.ctx;
        const key = cfg.name;
        const bucket = new gcp.storage.Bucket(`${component}-${key}`, {
            name: nameFor(ctx, "bucket", cfg.name),
            project: cfg.project ? projectId(ctx, cfg.project) : project,
            location: bucketLocation(cfg.location ?? location),
            uniformBucketLevelAccess: true,
            publicAccessPrevention: cfg.public ? "inherited" : "enforced",
            versioning: { enabled: cfg.versioning },
            lifecycleRules: cfg.deleteAfterDays
                ? [{ action: { type: "Delete" }, condition: { age: cfg.deleteAfterDays } }]
                : [],
            retentionPolicy: cfg.retentionDays ? { retentionPeriod: String(cfg.retentionDays * 86400) } : undefined,
            logging: logBucket ? { logBucket } : undefined,
            labels: { ...ctx.labels, "purpose": cfg.purpose, "visibility": cfg.public ? "public" : "private" },
        }, this.child());

        const grant = (suffix: string, role: string, member: string) =>
            new gcp.storage.BucketIAMMember(`${component}-${key}-${suffix}`, { bucket: bucket.name, role, member }, this.child());
        grant("owners", "roles/storage.admin", `group:${ctx.ownersGroup}`);
        // Cloud Storage writes access logs as this group, and needs no more than to create objects.
        const writerRole = cfg.purpose === "access-logs" ? "roles/storage.objectCreator" : "roles/storage.objectAdmin";
        cfg.writers.forEach((member, i) => grant(`writer-${i}`, writerRole, member));
        if (cfg.public) {
            grant("public-read", "roles/storage.objectViewer", "allUsers");
        }
        this.buckets[key] = bucket.name;
        return bucket.name;
    }
}

export const gcsService: ServiceDefinition<"gcs"> = {
    deploy: (ctx, settings, opts) => {
        const gcs = new Gcs("gcs", { context: ctx, settings }, opts);
        return { component: gcs, exports: { buckets: gcs.buckets } };
    },
};
