// The result of checking one stack offline: what the program would register and
// what the policy pack says about it. Reports (text, JSON, and later Markdown,
// SARIF, annotations) are made from this and nothing else.

import type { CapturedResource, PolicyInfo, Violation } from "./types";

export interface ResourceSummary {
    type: string;
    name: string;
    urn: string;
    parent: string;
    protect: boolean;
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
    return { type: r.type, name: r.name, urn: r.urn, parent: r.parent, protect: r.protect };
}

export function mandatoryCount(result: StackResult): number {
    return result.violations.filter(v => v.level === "mandatory").length;
}
