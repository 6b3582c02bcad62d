// What every report is made from, whatever the source: one StackReport per stack.
// The offline check's StackResult already is one (structurally); the event log of a
// real `pulumi preview` becomes one in event-log.ts, with resource changes, which
// the offline check cannot know. Renderers (text, json, markdown, annotations,
// sarif) read this and nothing else.

import type { ResourceSummary } from "../check/result";
import type { Level, PolicyInfo, Violation } from "../check/types";
import { nameOf, qualifiedTypeOf } from "../../model/urn";

/** One step of a preview: what the engine would do to one resource. */
export interface ResourceChange {
    /** The engine's op, folded: create, update, delete, replace, same, read, import, ... */
    op: string;
    urn: string;
    type: string;
    name: string;
    /** Protected before the change (old state), or as registered (new state) when there is no old state. */
    protect: boolean;
}

export interface ChangeSummary {
    /** Counts by op, as the preview's summary prints them. */
    counts: Record<string, number>;
    /** Every step that is not `same`, in the order the engine reported them. */
    steps: ResourceChange[];
}

export interface StackReport {
    stack: string;
    project: string;
    /** Where the results come from; absent means the offline check. */
    source?: "offline" | "preview";
    resources: ResourceSummary[];
    pack: { name: string; version: string; policies: PolicyInfo[] };
    violations: Violation[];
    seconds: number;
    /** Known only from a real preview's event log. */
    changes?: ChangeSummary;
    /** Error diagnostics the engine reported (a failed preview), colour codes removed. */
    diagnostics?: string[];
}

export const LEVEL_ORDER: readonly Level[] = ["mandatory", "remediate", "advisory", "disabled"];

export function countByLevel(r: StackReport): Record<Level, number> {
    const counts: Record<Level, number> = { mandatory: 0, remediate: 0, advisory: 0, disabled: 0 };
    for (const v of r.violations) counts[v.level] = (counts[v.level] ?? 0) + 1;
    return counts;
}

export function isBlocked(r: StackReport): boolean {
    return r.violations.some(v => v.level === "mandatory");
}

/** The exit code of `npm run check` and `npm run report`: 1 when any stack has a mandatory violation. */
export function exitCode(reports: readonly StackReport[]): 0 | 1 {
    return reports.some(isBlocked) ? 1 : 0;
}

/** Violations grouped by policy, mandatory first, then by name. */
export function groupByPolicy(violations: readonly Violation[]): [string, Violation[]][] {
    const groups = new Map<string, Violation[]>();
    for (const v of violations) groups.set(v.policy, [...(groups.get(v.policy) ?? []), v]);
    return [...groups].sort((a, b) =>
        LEVEL_ORDER.indexOf(a[1][0].level) - LEVEL_ORDER.indexOf(b[1][0].level) || a[0].localeCompare(b[0]));
}

/** "type name" from a URN (the type without its parents), or "(stack)" for a stack-wide violation. */
export function resourceLabel(urn: string): string {
    if (!urn) return "(stack)";
    const type = qualifiedTypeOf(urn).split("$").pop();
    return `${type} ${nameOf(urn)}`.trim();
}

/** The message, preceded by the resource unless the message already names it. */
export function withResource(v: { urn: string; message: string }): string {
    const name = nameOf(v.urn);
    return v.urn && !(name && v.message.includes(name)) ? `${resourceLabel(v.urn)}: ${v.message}` : v.message;
}

/** The stack and project named in a URN `urn:pulumi:<stack>::<project>::...`. */


/** Resources by type, sorted by type. */
export function countByType(r: StackReport): [string, number][] {
    const byType = new Map<string, number>();
    for (const res of r.resources) byType.set(res.type, (byType.get(res.type) ?? 0) + 1);
    return [...byType].sort((a, b) => a[0].localeCompare(b[0]));
}

/** Policies of a report: the pack's list, plus any that only appear in violations. */
export function policiesOf(reports: readonly StackReport[]): PolicyInfo[] {
    const byName = new Map<string, PolicyInfo>();
    for (const r of reports) for (const p of r.pack.policies) if (!byName.has(p.name)) byName.set(p.name, p);
    for (const r of reports) {
        for (const v of r.violations) {
            if (!byName.has(v.policy)) {
                byName.set(v.policy, { name: v.policy, description: v.description, enforcementLevel: v.level, severity: v.severity });
            }
        }
    }
    return [...byName.values()];
}
