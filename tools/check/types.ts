// The data that flows through the offline check: what the program registered
// (captured from Pulumi's mock monitor) and what the policy pack reported
// (from the Analyzer gRPC calls). Reports are made from these types only.

import type { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** One resource the program registered, as the engine would send it to an analyzer. */
export interface CapturedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    /** Parent URN ("" for none; resources without an explicit parent are parented to the Stack). */
    parent: string;
    /** Provider reference "urn::id" as the engine writes it, "" when none. */
    provider: string;
    protect: boolean;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    ignoreChanges: string[];
    additionalSecretOutputs: string[];
    deleteBeforeReplace: boolean;
    aliases: string[];
    /** Inputs exactly as the SDK serialized them (secrets and unknowns as the engine sees them). */
    inputs: Struct;
    /** Outputs: the mock's state for custom resources; registered outputs for components and the Stack. */
    outputs: Struct;
    /** Read with `get` (or the `id` option), not managed: the engine never sends it to Analyze, only to AnalyzeStack. */
    external?: boolean;
}

export type Level = "advisory" | "mandatory" | "remediate" | "disabled";

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: Level;
    severity: string;
}

/** One violation, as the engine reports it. */
export interface Violation {
    policy: string;
    pack: string;
    packVersion: string;
    level: Level;
    severity: string;
    /** The resource URN, or "" for the stack as a whole. */
    urn: string;
    /** The policy's description. */
    description: string;
    /** The message given to reportViolation. */
    message: string;
}

/** What a policy pack can be configured with: the JSON of `--policy-pack-config`. */
export type PolicyPackConfig = Record<string, Level | { enforcementLevel?: Level; [property: string]: unknown }>;
