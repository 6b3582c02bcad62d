// What every report is made from, whatever the source: one StackReport per stack.
// The offline check's StackResult already is one (structurally); the event log of a
// real `pulumi preview` becomes one in from-event-log.ts, with resource changes,
// which the offline check cannot know, and how the preview went (`preview`). The
// verdict of a stack (pass, blocked, policies did not run, preview failed) and the
// exit code are decided here, once. Renderers (text, json, markdown, annotations,
// sarif) read this and nothing else.

import { RunNotes, staleOf } from "./generated";
import type { ResourceSummary } from "../results/result";
import type { Level, PolicyInfo, Violation } from "../results/types";
import type { Outcome } from "../engine-events";
import { nameOf, qualifiedTypeOf } from "../../model/urn";

/** One step of a preview: what the engine would do to one resource. */
export interface ResourceChange {
    /** The engine's ops on the resource, folded (engine-events OP_FOLD): create, update, delete, replace, read, import, discard. */
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
    /** How the preview went: only from an event log (the offline check runs every policy, or stops with bad input). */
    preview?: PreviewResult;
}

/** What a report says of how a preview went: its status, the engine's errors, and which policies did not run. */
export type PreviewResult = Pick<Outcome, "status" | "errors" | "notRun" | "packs"> & Partial<Pick<Outcome, "refused">>;

/**
 * pass: no mandatory violation, and (for a preview) it succeeded and every pack ran its
 * resource and stack policies. blocked: a mandatory violation, or a step the engine
 * refused (a protected resource it will not replace or delete), whatever else happened.
 * not-run: some policy did not run (also: the preview stopped early or was canceled), so
 * nothing can be said to pass. failed: every policy ran and none blocked, but the preview failed.
 */
export type Verdict = "pass" | "blocked" | "not-run" | "failed";

/** The stack of an event log that names none (the preview stopped before any resource) when --stack does not either. */
export const UNKNOWN_STACK = "(unknown stack)";

/** The stack's name, or undefined when it is not known. */
export function knownStack(r: StackReport): string | undefined {
    return r.stack === UNKNOWN_STACK ? undefined : r.stack;
}

/** "project/stack", or the stack alone when the project is not known. */
export function stackName(r: StackReport): string {
    return r.project ? `${r.project}/${r.stack}` : r.stack;
}

export const LEVEL_ORDER: readonly Level[] = ["mandatory", "remediate", "advisory", "disabled"];

export function countByLevel(r: StackReport): Record<Level, number> {
    const counts: Record<Level, number> = { mandatory: 0, remediate: 0, advisory: 0, disabled: 0 };
    for (const v of r.violations) counts[v.level] = (counts[v.level] ?? 0) + 1;
    return counts;
}

export function isBlocked(r: StackReport): boolean {
    return r.violations.some(v => v.level === "mandatory") || (r.preview?.refused?.length ?? 0) > 0;
}

export function verdictOf(r: StackReport): Verdict {
    if (isBlocked(r)) return "blocked";
    if (!r.preview) return "pass";
    if (r.preview.notRun.length > 0) return "not-run";
    return r.preview.status === "succeeded" ? "pass" : "failed";
}

/** Why a blocked stack is blocked, in words: the mandatory violations, the steps the engine refused, or both. */
export function blockedBecause(r: StackReport): string {
    const refused = r.preview?.refused?.length ?? 0;
    const parts = [
        ...(countByLevel(r).mandatory > 0 ? ["`pulumi up` would be refused until the mandatory violations are fixed"] : []),
        ...(refused > 0 ? [`the engine refused ${refused} step${refused === 1 ? "" : "s"} (its error is below)`] : []),
    ];
    return parts.join("; and ");
}

/** The verdict in words, for headlines and tables. */
export function verdictLabel(r: StackReport): string {
    switch (verdictOf(r)) {
        case "pass": return "pass";
        case "blocked": return "blocked";
        case "failed": return "preview failed";
        case "not-run": return notRunLabel(r);
    }
}

/** "policies did not run" when none ran, else "not every policy ran". */
export function notRunLabel(r: StackReport): string {
    return r.preview?.packs.some(p => p.analyzed > 0 || p.stackAnalyzed) ? "not every policy ran" : "policies did not run";
}

/**
 * The exit code of `npm run check` and `npm run report`: 0 when every stack passes;
 * 1 when one is blocked by a mandatory violation, and also when a preview failed, was
 * canceled or stopped before its policies (or some of them) ran: a report that cannot
 * say "pass" must not let CI go green. (2, bad input, and 3, an internal fault, are the CLIs'.)
 */
export function exitCode(reports: readonly StackReport[], notes: RunNotes = {}): 0 | 1 {
    return reports.every(r => verdictOf(r) === "pass") && staleOf(notes).length === 0 ? 0 : 1;
}

/** How many policies were checked: for a preview, those that ran (passed or failed); offline, the pack's. */
export function checkedCount(r: StackReport): number {
    if (!r.preview) return r.pack.policies.length;
    return r.preview.packs.reduce((n, p) => n + p.passed.length + p.failed.length, 0);
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
