// Stack config for the BigQuery service (k8s-infra:services.bigquery): the test
// results dataset that kettle fills (k8s.io's k8s_infra_kettle, once
// k8s-gubernator:build) and the billing export dataset, with who reads and writes.

import { z } from "zod";
import { ProjectId } from "./names";
import { Member } from "./member";
import { uniqueBy } from "./unique";

export const DATASET_PURPOSES = ["test-results", "billing-export"] as const;

const PUBLIC_MEMBERS = ["allUsers", "allAuthenticatedUsers"];

export const DatasetConfig = z.strictObject({
    /** Dataset id: letters, digits and underscores (k8s_infra_kettle). Datasets are per project, so staging and prod may share it. */
    id: z.string().regex(/^[A-Za-z0-9_]{1,1024}$/, { message: "is not a BigQuery dataset id (letters, digits and underscores, like k8s_infra_kettle)" }),
    purpose: z.enum(DATASET_PURPOSES),
    description: z.string().min(1),
    /** BigQuery location: a multi-region (US, EU) or a region. */
    location: z.string().min(1).default("US"),
    /** Members that read the data (roles/bigquery.dataViewer): groups or service accounts. */
    readers: z.array(Member.refine(m => !PUBLIC_MEMBERS.includes(m), { message: "opens the dataset to everyone; set public: true instead" })).default([]),
    /** Members that write tables (roles/bigquery.dataEditor): kettle's service account, the billing export. */
    writers: z.array(Member.refine(m => !PUBLIC_MEMBERS.includes(m), { message: "would let everyone write; writers must be groups or service accounts" })).default([]),
    /**
     * Public read (allUsers dataViewer); the dataset is labelled visibility=public. Off by default:
     * the iam-public-read-only policy allows public grants only on buckets, so a public dataset fails it.
     */
    public: z.boolean().default(false),
    /** Tables expire this many days after creation; none: kept. */
    tableExpirationDays: z.number().int().positive().optional(),
}).refine(d => !(d.public && d.purpose === "billing-export"), { message: "billing data is never public; set public: false", path: ["public"] });
export type DatasetConfig = z.infer<typeof DatasetConfig>;

export const BigqueryConfig = z.strictObject({
    /** The project's prod id (model/naming.ts), e.g. kubernetes-public. */
    project: ProjectId,
    datasets: z.array(DatasetConfig).min(1).superRefine(uniqueBy("id", d => [datasetKey(d.id)])),
});
export type BigqueryConfig = z.infer<typeof BigqueryConfig>;

/** The name stem of a dataset's resources (services/bigquery): ids that differ only in case or _/- meet here. */
export function datasetKey(id: string): string {
    return id.toLowerCase().replace(/_/g, "-");
}
