// BigQuery: the test results dataset that kettle fills (k8s.io's
// k8s_infra_kettle, formerly k8s-gubernator:build) and the billing export
// dataset. Datasets are stateful (protected in prod, never dropped with their
// tables), labelled, and shared with groups and service accounts only: the owners
// own the data, readers read, writers (kettle, the billing export) write.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { BigqueryConfig, DatasetConfig, datasetKey } from "../../model/service-config/bigquery";
import { ServiceComponent, projectId, ServiceArgs } from "../service-component";
import type { ServiceDefinition } from "../definition";

const DAY_MS = 24 * 60 * 60 * 1000;

export class Bigquery extends ServiceComponent {
    /** Dataset id -> project:dataset. */
    readonly datasets: Record<string, string> = {};

    constructor(name: string, { context: ctx, settings: args }: ServiceArgs<BigqueryConfig>, opts?: pulumi.ComponentResourceOptions) {
        super("Bigquery", name, { context: ctx, settings: args }, opts);
        const project = projectId(ctx, args.project);

        // Owners run queries (and loads) in the project that holds the data.
        new gcp.projects.IAMMember(`${name}-owners-jobuser`, {
            project, role: "roles/bigquery.jobUser", member: `group:${ctx.ownersGroup}`,
        }, this.child());
        for (const cfg of args.datasets) {
            this.dataset(name, project, cfg);
        }
        this.finish({ datasets: this.datasets });
    }

    private dataset(component: string, project: string, cfg: DatasetConfig): void {
        const ctx = this.ctx;
        const key = `${component}-${datasetKey(cfg.id)}`;
        const dataset = new gcp.bigquery.Dataset(key, {
            datasetId: cfg.id,
            project,
            location: cfg.location,
            description: cfg.description,
            friendlyName: cfg.id,
            defaultTableExpirationMs: cfg.tableExpirationDays ? cfg.tableExpirationDays * DAY_MS : undefined,
            labels: { ...ctx.labels, "purpose": cfg.purpose, "visibility": cfg.public ? "public" : "private" },
        }, this.child());

        const grant = (suffix: string, role: string, member: string) =>
            new gcp.bigquery.DatasetIamMember(`${key}-${suffix}`, { project, datasetId: dataset.datasetId, role, member }, this.child());
        grant("owners", "roles/bigquery.dataOwner", `group:${ctx.ownersGroup}`);
        cfg.readers.forEach((member, i) => grant(`reader-${i}`, "roles/bigquery.dataViewer", member));
        cfg.writers.forEach((member, i) => grant(`writer-${i}`, "roles/bigquery.dataEditor", member));
        if (cfg.public) {
            // Note: the iam-public-read-only policy accepts public grants only on public buckets, so it reports this one.
            grant("public-read", "roles/bigquery.dataViewer", "allUsers");
        }
        this.datasets[cfg.id] = `${project}:${cfg.id}`;
    }
}

export const bigqueryService: ServiceDefinition<"bigquery"> = {
    // No stack output holds datasets (model/outputs.ts); consumers use project:dataset from the config.
    deploy: (ctx, settings, opts) => ({ component: new Bigquery("bigquery", { context: ctx, settings }, opts), exports: {} }),
};
