// The stack-output contract: what other teams read from this project through
// StackReference. One schema, read by the program (to type what it exports), the
// policy pack (to block an update that would break consumers) and the consumer
// module (consumers/). Bump OUTPUTS_SCHEMA_VERSION on any breaking change.

import { z } from "zod";
import { ENVIRONMENTS } from "./naming";

export const OUTPUTS_SCHEMA_VERSION = 1;

const Names = z.record(z.string(), z.string());

export const ClusterOutput = z.strictObject({ name: z.string(), location: z.string(), project: z.string() });

export const MigrationOutput = z.strictObject({
    /** Services migrated and owned by a SIG, out of all charter services. */
    migrated: z.number().int(),
    total: z.number().int(),
    services: z.record(z.string(), z.strictObject({
        status: z.string(),
        previously: z.string(),
        sig: z.string(),
        subproject: z.string().nullable(),
    })),
});

export const StackOutputs = z.strictObject({
    schemaVersion: z.literal(OUTPUTS_SCHEMA_VERSION),
    environment: z.enum(ENVIRONMENTS),
    /** Subproject -> its owners group e-mail. */
    ownerGroups: Names,
    /** Contact-readers group e-mail, and the id (never the value) of the owner contacts secret. */
    contactReadersGroup: z.string(),
    ownerContactsSecret: z.string(),
    /** Key -> Artifact Registry repository URL (REGION-docker.pkg.dev/PROJECT/REPO). */
    registries: Names,
    /** Key -> bucket name. */
    buckets: Names,
    /** Key -> cluster name, location and project. */
    clusters: z.record(z.string(), ClusterOutput),
    /** DNS name (k8s.io.) -> Cloud DNS managed zone name. */
    dnsZones: Names,
    /** Key -> service account e-mail. */
    serviceAccounts: Names,
    /** Key -> Secret Manager secret id. Ids only: values are never exported. */
    secrets: Names,
    migration: MigrationOutput,
});
export type StackOutputs = z.infer<typeof StackOutputs>;

/** The parts of the outputs that services contribute to. */
export const SERVICE_EXPORT_KEYS = ["registries", "buckets", "clusters", "dnsZones", "serviceAccounts", "secrets"] as const;
export type ServiceExportKey = (typeof SERVICE_EXPORT_KEYS)[number];
