// The result of checking one stack offline: what the program would register and
// what the policy pack says about it. Reports (text, JSON, and later Markdown,
// SARIF, annotations) are made from this and nothing else.

import type { Struct, Value } from "google-protobuf/google/protobuf/struct_pb";
import type { CapturedResource, PolicyInfo, Violation } from "./types";
import type { SubprojectRecord } from "../../model/stack-model";
import type { StagingAreaRecord } from "../../model/staging-areas";
import { NAMED_TYPES } from "../../model/resource-types";

export interface ResourceSummary {
    type: string;
    name: string;
    urn: string;
    parent: string;
    protect: boolean;
    /** Where in the roster the record it stands for is ("roster/subprojects.yaml:33"): a Subproject's or StagingArea's `source`. */
    source?: string;
    /** The name the naming scheme judges (model/resource-types.ts NAMED_TYPES), for a named type. */
    named?: string;
}

/** The record field that says where in the roster a component's record came from (model/stack-model.ts). */
export const RECORD_SOURCE: keyof SubprojectRecord & keyof StagingAreaRecord = "source";

/**
 * The facts a report locates a resource by, read from its own properties (a component's
 * registered record, a named resource's name input): locations travel as data, so no
 * report ever parses a policy's message for them. `read(path)` gives a property's string value.
 */
export function locationFacts(type: string, read: (dotted: string) => string | undefined): Pick<ResourceSummary, "source" | "named"> {
    const source = read(RECORD_SOURCE);
    const rule = NAMED_TYPES[type];
    const named = rule ? read(rule.property) : undefined;
    return { ...(source ? { source } : {}), ...(named !== undefined ? { named } : {}) };
}

export interface StackResult {
    stack: string;
    project: string;
    resources: ResourceSummary[];
    pack: { name: string; version: string; policies: PolicyInfo[] };
    violations: Violation[];
    seconds: number;
    /** Seconds spent running the program under mocks, and in the policy pack (start-up included). */
    phases: { program: number; policyPack: number };
}

export function summarize(r: CapturedResource): ResourceSummary {
    // A component's record is in its registered outputs; a custom resource's name in its inputs.
    const read = (dotted: string) => structString(r.outputs, dotted) ?? structString(r.inputs, dotted);
    return { type: r.type, name: r.name, urn: r.urn, parent: r.parent, protect: r.protect, ...locationFacts(r.type, read) };
}

/** A string at a dotted path of a protobuf Struct, without converting the whole Struct. */
function structString(struct: Struct | undefined, dotted: string): string | undefined {
    let value: Value | undefined;
    let at: Struct | undefined = struct;
    for (const key of dotted.split(".")) {
        if (!at) return undefined;
        value = at.getFieldsMap().get(key);
        at = value?.hasStructValue() ? value.getStructValue() : undefined;
    }
    return value?.hasStringValue() ? value.getStringValue() : undefined;
}

export function mandatoryCount(result: StackResult): number {
    return result.violations.filter(v => v.level === "mandatory").length;
}
