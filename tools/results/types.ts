// The data that flows through the offline check: what the program registered
// (captured from Pulumi's mock monitor) and what the policy pack reported
// (from the Analyzer gRPC calls). Reports are made from these types only.

import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { EnforcementLevel, PolicyPackConfig as SdkPolicyPackConfig, Severity } from "@pulumi/policy";

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

/** An enforcement level, as @pulumi/policy defines it. */
export type Level = EnforcementLevel;
/** Every level and severity there is, levels in the engine's order (apitype.EnforcementLevel.IsValid); the record keys make the compiler check the SDK's unions are all here. */
const LEVEL_SET: Record<Level, true> = { advisory: true, mandatory: true, remediate: true, disabled: true };
export const ENFORCEMENT_LEVELS = Object.keys(LEVEL_SET) as readonly Level[];
const SEVERITY_SET: Record<Severity | "", true> = { "": true, low: true, medium: true, high: true, critical: true };
export const isLevel = (v: unknown): v is Level => typeof v === "string" && Object.prototype.hasOwnProperty.call(LEVEL_SET, v);
export const isSeverity = (v: unknown): v is Severity | "" => typeof v === "string" && Object.prototype.hasOwnProperty.call(SEVERITY_SET, v);

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: Level;
    /** As @pulumi/policy defines it; "" when the policy gives none. */
    severity: Severity | "";
}

/** One violation, as the engine reports it. */
export interface Violation {
    policy: string;
    pack: string;
    packVersion: string;
    level: Level;
    /** As @pulumi/policy defines it; "" when the policy gives none. */
    severity: Severity | "";
    /** The resource URN, or "" for the stack as a whole. */
    urn: string;
    /** The policy's description. */
    description: string;
    /** The message given to reportViolation. */
    message: string;
}

/** What a policy pack can be configured with: the JSON of `--policy-pack-config`, as @pulumi/policy defines it. */
export type PolicyPackConfig = SdkPolicyPackConfig;
