// Cloud Build for release builds: a private worker pool, one build service
// account per builder (k8s.io's gcb-builder-<name>; no keys: builds run as it and
// prow impersonates it), the roles its builds need, and a private bucket for
// build logs. The owners group submits builds and may act as the builders.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { BuilderConfig, GcbConfig } from "../../model/service-config/gcb";
import { ServiceComponent, bucketLocation, nameFor, projectId, ServiceArgs } from "../service-component";
import type { ServiceDefinition } from "../definition";

export class Gcb extends ServiceComponent {
    /** gcb-builder-<name> -> service account e-mail. */
    readonly serviceAccounts: Record<string, string> = {};
    /** Logs bucket stem -> bucket name. */
    readonly buckets: Record<string, pulumi.Output<string>> = {};

    constructor(name: string, { context: ctx, settings: args }: ServiceArgs<GcbConfig>, opts?: pulumi.ComponentResourceOptions) {
        super("Gcb", name, { context: ctx, settings: args }, opts);
        const project = projectId(ctx, args.project);

        const pool = new gcp.cloudbuild.WorkerPool(`${name}-${args.pool.name}`, {
            name: args.pool.name,
            project,
            location: args.region,
            displayName: `${ctx.subproject} release builds`,
            workerConfig: { machineType: args.pool.machineType, diskSizeGb: args.pool.diskSizeGb },
            // Worker pools take annotations, not labels: the same keys, for whoever reads them.
            annotations: { ...ctx.labels },
        }, this.child());

        const logs = new gcp.storage.Bucket(`${name}-${args.logs.bucket}`, {
            name: nameFor(ctx, "bucket", args.logs.bucket),
            project,
            location: bucketLocation(args.region),
            uniformBucketLevelAccess: true,
            publicAccessPrevention: "enforced",
            versioning: { enabled: false },
            lifecycleRules: [{ action: { type: "Delete" }, condition: { age: args.logs.deleteAfterDays } }],
            labels: { ...ctx.labels, "purpose": "logs", "visibility": "private" },
        }, this.child());
        new gcp.storage.BucketIAMMember(`${name}-${args.logs.bucket}-owners`, {
            bucket: logs.name, role: "roles/storage.admin", member: `group:${ctx.ownersGroup}`,
        }, this.child());
        this.buckets[args.logs.bucket] = logs.name;

        // The owners submit builds (into the pool) and read their logs.
        new gcp.projects.IAMMember(`${name}-owners-builds-editor`, {
            project, role: "roles/cloudbuild.builds.editor", member: `group:${ctx.ownersGroup}`,
        }, this.child());
        new gcp.projects.IAMMember(`${name}-owners-pool-user`, {
            project, role: "roles/cloudbuild.workerPoolUser", member: `group:${ctx.ownersGroup}`,
        }, this.child({ dependsOn: [pool] }));

        for (const builder of args.builders) {
            this.builder(name, project, builder, logs);
        }
        this.finish({ pool: pool.name, buckets: this.buckets, serviceAccounts: this.serviceAccounts });
    }

    private builder(component: string, project: string, cfg: BuilderConfig, logs: gcp.storage.Bucket): void {
        const ctx = this.ctx;
        const key = `${component}-builder-${cfg.name}`;
        const accountId = nameFor(ctx, "serviceAccount", `gcb-builder-${cfg.name}`);
        const email = `${accountId}@${project}.iam.gserviceaccount.com`;
        const member = `serviceAccount:${email}`;
        const account = new gcp.serviceaccount.Account(key, {
            accountId, project,
            displayName: `Cloud Build builder ${cfg.name}`,
            description: `Release builds of ${cfg.name} run as this account; managed by k8s-infra, owned by ${ctx.subproject}.`,
        }, this.child());

        for (const role of ["roles/cloudbuild.builds.builder", ...cfg.roles]) {
            new gcp.projects.IAMMember(`${key}-${role.split("/").pop()}`, { project, role, member }, this.child({ dependsOn: [account] }));
        }
        new gcp.storage.BucketIAMMember(`${key}-logs-writer`, {
            bucket: logs.name, role: "roles/storage.objectAdmin", member,
        }, this.child({ dependsOn: [account] }));
        // The owners run builds as this account (gcloud builds submit --service-account).
        new gcp.serviceaccount.IAMMember(`${key}-owners-user`, {
            serviceAccountId: account.name, role: "roles/iam.serviceAccountUser", member: `group:${ctx.ownersGroup}`,
        }, this.child());

        this.serviceAccounts[`gcb-builder-${cfg.name}`] = email;
    }
}

export const gcbService: ServiceDefinition<"gcb"> = {
    deploy: (ctx, settings, opts) => {
        const gcb = new Gcb("gcb", { context: ctx, settings }, opts);
        return { component: gcb, exports: { serviceAccounts: gcb.serviceAccounts, buckets: gcb.buckets } };
    },
};
