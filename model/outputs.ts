// The stack-output contract: what other teams read from this project through
// StackReference. One schema, read by the program (to type what it exports), the
// policy pack (to block an update that would break consumers), the consumer
// module (consumers/) and the consumer guide (docs/consumers.md, from the
// `.describe()` texts below).
//
// Versioning. OUTPUTS_SCHEMA_VERSION is a major version: it changes only on a
// breaking change, and a consumer refuses a version it was not built for.
// - Breaking (bump OUTPUTS_SCHEMA_VERSION, and add a `## Version N` heading to
//   consumers/CHANGELOG.md saying what changed and what a consumer does about it):
//   removing or renaming an output or a field; changing its type (a string that
//   becomes an object, a field that becomes nullable or optional, a literal or an
//   enum that admits a new value); changing what it means (a key that names
//   something else, a value in another form).
// - Additive (no bump; an "Added" line under the current version in
//   consumers/CHANGELOG.md): a new output key, or a new field in an output's object.
//   Consumers read tolerantly (LooseStackOutputs: every known key and field is
//   checked, unknown ones are kept), so a consumer built against an older contract
//   reads a newer stack's outputs unharmed.
// The shapes here are strict on purpose: the stack-outputs-contract policy blocks an
// output or a field that is not here, so the contract is complete before anything is
// exported, and the loose reading shape is derived from it (loosen), never written twice.

import { z } from "zod";
import { ENVIRONMENTS } from "./naming";

export const OUTPUTS_SCHEMA_VERSION = 1;

const names = (text: string) => z.record(z.string(), z.string()).describe(text);

export const ClusterOutput = z.strictObject({
    name: z.string().describe("The GKE cluster's name."),
    location: z.string().describe("Its region or zone."),
    project: z.string().describe("The GCP project it runs in, in this stack's environment."),
});

export const MigrationOutput = z.strictObject({
    migrated: z.number().int().describe("Charter services migrated and owned by a SIG."),
    total: z.number().int().describe("All charter services."),
    services: z.record(z.string(), z.strictObject({
        status: z.string().describe("not-started, in-progress or migrated."),
        previously: z.string().describe("Where the service ran before."),
        sig: z.string().describe("The SIG that owns it."),
        subproject: z.string().nullable().describe("The subproject that runs it, or null."),
    })).describe("Charter service id -> its migration record (as `npm run status` prints it)."),
});

export const StackOutputs = z.strictObject({
    schemaVersion: z.literal(OUTPUTS_SCHEMA_VERSION)
        .describe("The contract's major version (OUTPUTS_SCHEMA_VERSION); it changes only on a breaking change (consumers/CHANGELOG.md)."),
    environment: z.enum(ENVIRONMENTS).describe("The stack's environment."),
    ownerGroups: names("Subproject -> the e-mail of its owners group."),
    contactReadersGroup: z.string().describe("E-mail of the group that may read the owners' contact details."),
    ownerContactsSecret: z.string().describe("Secret Manager secret id of the owners' contact details: the id, never the value."),
    registries: names("Key (images-<region>, staging-<name>) -> Artifact Registry repository URL (REGION-docker.pkg.dev/PROJECT/REPO)."),
    buckets: names("The bucket's prod name -> its name in this stack (in staging, with -stg)."),
    clusters: z.record(z.string(), ClusterOutput).describe("Cluster name -> the cluster's name, location and project."),
    dnsZones: names("DNS name (k8s.io.) -> Cloud DNS managed zone name."),
    serviceAccounts: names("Key -> service account e-mail."),
    secrets: names("Key -> Secret Manager secret id. Ids only: values are never exported."),
    migration: MigrationOutput.describe("The charter's migration: how many services are done, and each one's record."),
});
export type StackOutputs = z.infer<typeof StackOutputs>;

/** The parts of the outputs that services contribute to. */
export const SERVICE_EXPORT_KEYS = ["registries", "buckets", "clusters", "dnsZones", "serviceAccounts", "secrets"] as const;
export type ServiceExportKey = (typeof SERVICE_EXPORT_KEYS)[number];

/** A value as a tolerant reader sees it: every object also holds keys it does not know (unknown). */
export type Loose<T> =
    T extends readonly (infer U)[] ? Loose<U>[] :
    T extends object ? { [K in keyof T]: Loose<T[K]> } & { [extra: string]: unknown } :
    T;

/**
 * The same schema with every object, at any depth, loose instead of strict: known keys
 * are checked as before, unknown ones are kept (neither refused nor stripped).
 * Records, arrays, nullables and optionals are rebuilt around their loosened parts;
 * descriptions are carried over.
 */
export function loosen(schema: z.ZodType): z.ZodType {
    const rebuilt = loosenInner(schema);
    return schema.description !== undefined && rebuilt !== schema ? rebuilt.describe(schema.description) : rebuilt;
}

function loosenInner(schema: z.ZodType): z.ZodType {
    if (schema instanceof z.ZodObject) {
        return z.looseObject(Object.fromEntries(Object.entries(schema.shape).map(([k, v]) => [k, loosen(v as z.ZodType)])));
    }
    if (schema instanceof z.ZodRecord) {
        return z.record(schema.def.keyType as z.ZodString, loosen(schema.def.valueType as z.ZodType));
    }
    if (schema instanceof z.ZodArray) return z.array(loosen(schema.element as z.ZodType));
    if (schema instanceof z.ZodNullable) return loosen(schema.unwrap() as z.ZodType).nullable();
    if (schema instanceof z.ZodOptional) return loosen(schema.unwrap() as z.ZodType).optional();
    return schema;
}

/** The contract as consumers read it: derived from StackOutputs, so the two cannot drift. */
export const LooseStackOutputs = loosen(StackOutputs) as z.ZodType<Loose<StackOutputs>>;
export type LooseStackOutputs = Loose<StackOutputs>;

/** One output or field of the contract, for the consumer guide and the CHANGELOG check. */
export interface ContractField {
    /** `buckets`, `clusters.<key>.location`: record keys are written `<key>`. */
    path: string;
    /** string, integer, `1`, "staging" | "prod", map of string, map of object, object, ... */
    type: string;
    description: string;
}

/** An object of the contract (the root is ""), and whether it refuses unknown keys (strict) or keeps them (loose). */
export interface ContractObject {
    path: string;
    mode: "strict" | "loose" | "other";
}

/** Every output and every field inside it, depth first, in the schema's order. */
export function contractFields(schema: z.ZodType = StackOutputs): ContractField[] {
    return walk(schema).fields;
}

/** Every object of the contract, the root and record values included. */
export function contractObjects(schema: z.ZodType = StackOutputs): ContractObject[] {
    return walk(schema).objects;
}

function walk(schema: z.ZodType): { fields: ContractField[]; objects: ContractObject[] } {
    const fields: ContractField[] = [];
    const objects: ContractObject[] = [];
    const at = (path: string, key: string) => path === "" ? key : `${path}.${key}`;
    const visit = (s: z.ZodType, path: string) => {
        const inner = unwrapped(s);
        if (path !== "") fields.push({ path, type: typeName(s), description: s.description ?? inner.description ?? "" });
        if (inner instanceof z.ZodObject) visitObject(inner, path);
        else if (inner instanceof z.ZodRecord) {
            const value = unwrapped(inner.def.valueType as z.ZodType);
            if (value instanceof z.ZodObject) visitObject(value, at(path, "<key>"));
        }
    };
    const visitObject = (o: z.ZodObject, path: string) => {
        objects.push({ path, mode: objectMode(o) });
        for (const [k, v] of Object.entries(o.shape)) visit(v as z.ZodType, at(path, k));
    };
    visit(schema, "");
    return { fields, objects };
}

function unwrapped(s: z.ZodType): z.ZodType {
    return s instanceof z.ZodNullable || s instanceof z.ZodOptional ? unwrapped(s.unwrap() as z.ZodType) : s;
}

function objectMode(o: z.ZodObject): ContractObject["mode"] {
    const catchall = o.def.catchall as z.ZodType | undefined;
    if (catchall instanceof z.ZodNever) return "strict";
    if (catchall instanceof z.ZodUnknown) return "loose";
    return "other";
}

function typeName(s: z.ZodType): string {
    if (s instanceof z.ZodNullable) return `${typeName(s.unwrap() as z.ZodType)} or null`;
    if (s instanceof z.ZodOptional) return `${typeName(s.unwrap() as z.ZodType)}, optional`;
    if (s instanceof z.ZodLiteral) return s.values.size === 1 ? JSON.stringify([...s.values][0]) : [...s.values].map(v => JSON.stringify(v)).join(" | ");
    if (s instanceof z.ZodEnum) return s.options.map(v => JSON.stringify(v)).join(" | ");
    if (s instanceof z.ZodRecord) {
        const value = unwrapped(s.def.valueType as z.ZodType);
        return `map of ${value instanceof z.ZodObject ? "object" : typeName(s.def.valueType as z.ZodType)}`;
    }
    if (s instanceof z.ZodObject) return "object";
    if (s instanceof z.ZodArray) return `list of ${typeName(s.element as z.ZodType)}`;
    if (s instanceof z.ZodNumber) return s.format === "safeint" || s.isInt ? "integer" : "number";
    return s.def.type;
}
