// GCS: the buckets for logs, test artifacts, release tarballs, APT and RPM. Each
// bucket gets the lifecycle, retention, versioning, public or private access and
// access logging its purpose needs (set in the stack config), uniform
// bucket-level access, and IAM for the owning subproject's group and its writers.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { BucketConfig } from "../../model/config";
import { COMPONENT } from "../../model/resource-types";
import { Environment, makeName } from "../../model/naming";
import { standardLabels } from "../../model/labels";

export interface GcsArgs {
    environment: Environment;
    /** The owning subproject: its name, cost-label SIG and owners group. */
    subproject: string;
    sig: string;
    ownersGroup: string;
    project: string;
    location: string;
    buckets: BucketConfig[];
    protect: boolean;
}

export class Gcs extends pulumi.ComponentResource {
    readonly buckets: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: GcsArgs, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENT.gcs, name, args, opts);
        const labels = standardLabels({ subproject: args.subproject, sig: args.sig, environment: args.environment });

        // Where every other bucket writes its access logs; private, kept a year.
        const accessLogs = this.bucket(name, args, labels, {
            stem: `${args.subproject}-gcs-access-logs`, family: "infra", purpose: "access-logs", public: false,
            deleteAfterDays: 365, versioning: false, writers: ["group:cloud-storage-analytics@google.com"],
        }, undefined);

        const names: Record<string, pulumi.Output<string>> = { [accessLogs.purposeKey]: accessLogs.bucket.name };
        for (const cfg of args.buckets) {
            const made = this.bucket(name, args, labels, cfg, accessLogs.bucket.name);
            names[made.purposeKey] = made.bucket.name;
        }
        this.buckets = pulumi.output(names);
        // `subproject` tells the staffing policy which subproject this deployed service belongs to.
        this.registerOutputs({ service: "gcs", subproject: args.subproject, buckets: this.buckets });
    }

    private bucket(component: string, args: GcsArgs, labels: Record<string, string>, cfg: BucketConfig, logBucket: pulumi.Input<string> | undefined) {
        const name = makeName({ kind: "bucket", family: cfg.family, stem: cfg.stem, environment: args.environment });
        const key = cfg.stem;
        const bucket = new gcp.storage.Bucket(`${component}-${key}`, {
            name,
            project: args.project,
            location: args.location,
            uniformBucketLevelAccess: true,
            publicAccessPrevention: cfg.public ? "inherited" : "enforced",
            versioning: { enabled: cfg.versioning },
            lifecycleRules: cfg.deleteAfterDays
                ? [{ action: { type: "Delete" }, condition: { age: cfg.deleteAfterDays } }]
                : [],
            retentionPolicy: cfg.retentionDays ? { retentionPeriod: String(cfg.retentionDays * 86400) } : undefined,
            logging: logBucket ? { logBucket } : undefined,
            forceDestroy: false,
            labels: { ...labels, "purpose": cfg.purpose, "visibility": cfg.public ? "public" : "private" },
        }, { parent: this, protect: args.protect });

        const grant = (suffix: string, role: string, member: string) =>
            new gcp.storage.BucketIAMMember(`${component}-${key}-${suffix}`, { bucket: bucket.name, role, member }, { parent: this });
        grant("owners", "roles/storage.admin", `group:${args.ownersGroup}`);
        // Cloud Storage writes access logs as this group, and needs no more than to create objects.
        const writerRole = cfg.purpose === "access-logs" ? "roles/storage.objectCreator" : "roles/storage.objectAdmin";
        cfg.writers.forEach((member, i) => grant(`writer-${i}`, writerRole, member));
        if (cfg.public) {
            grant("public-read", "roles/storage.objectViewer", "allUsers");
        }
        return { bucket, purposeKey: key };
    }
}
