// Which policy packs the engine was given and which of their policies ran, from the
// summaryEvent's PolicyPacks and the policy summary events. A pack's resource
// policies ran when there is a policyAnalyzeSummaryEvent for it (one per Analyze
// call, pkg/resource/deploy/analyze_snapshot.go); its stack policies ran only when
// there is a policyAnalyzeStackSummaryEvent (the one AnalyzeStack call, which
// deployment_executor.go makes only when every step succeeded). Violations alone
// do not say a pack ran to the end.

import type { LocatedEvent, PolicyAnalyzeStackSummaryEvent, SummaryEvent } from "./types";

export interface PackRun {
    /** The pack's name, as its policy events name it. */
    name: string;
    version: string;
    /** For a local pack (`--policy-pack DIR`), the path the CLI was given. */
    local?: string;
    /** In the summaryEvent's PolicyPacks: the engine was given it. */
    named: boolean;
    /** Resources Analyze was called on (policyAnalyzeSummaryEvents). */
    analyzed: number;
    /** Resources Remediate was called on (policyRemediateSummaryEvents). */
    remediated: number;
    /** AnalyzeStack ran (a policyAnalyzeStackSummaryEvent). */
    stackAnalyzed: boolean;
    /** Policies that reported a violation or remediation somewhere, and those that ran and passed everywhere, sorted. */
    failed: string[];
    passed: string[];
}

/** A PolicyPacks key: `<name>|local|<path>` for a local pack (engine/update.go NameForEvents), else the name. */
export function parsePackKey(key: string): { name: string; local?: string } {
    const parts = key.split("|");
    if (parts.length === 3 && parts[1] === "local") return { name: parts[0], local: parts[2] };
    return { name: key };
}

interface Acc extends Omit<PackRun, "failed" | "passed"> {
    failed: Set<string>;
    passed: Set<string>;
}

/** Every pack the log names (PolicyPacks) or has events of, in that order. */
export function packRuns(events: readonly LocatedEvent[], summary: SummaryEvent | undefined): PackRun[] {
    const packs = new Map<string, Acc>();
    const pack = (name: string, version: string): Acc => {
        let p = packs.get(name);
        if (!p) {
            p = { name, version, named: false, analyzed: 0, remediated: 0, stackAnalyzed: false, failed: new Set(), passed: new Set() };
            packs.set(name, p);
        }
        if (!p.version) p.version = version;
        return p;
    };
    for (const [key, version] of Object.entries(summary?.PolicyPacks ?? {})) {
        const { name, local } = parsePackKey(key);
        // A pack that failed to load has no name yet: its key is `|local|<path>`.
        const p = pack(name || `(${local})`, version);
        p.named = true;
        if (local !== undefined) p.local = local;
    }
    for (const { event } of events) {
        const s = event.policyAnalyzeSummaryEvent ?? event.policyRemediateSummaryEvent ?? event.policyAnalyzeStackSummaryEvent;
        if (s) {
            const p = pack(s.policyPackName, s.policyPackVersion);
            if (event.policyAnalyzeSummaryEvent) p.analyzed++;
            else if (event.policyRemediateSummaryEvent) p.remediated++;
            else p.stackAnalyzed = true;
            record(p, s);
        }
        const v = event.policyEvent ?? event.policyRemediationEvent;
        if (v) pack(v.policyPackName, v.policyPackVersion).failed.add(v.policyName);
    }
    return [...packs.values()].map(p => ({
        ...p,
        failed: [...p.failed].sort(),
        passed: [...p.passed].filter(n => !p.failed.has(n)).sort(),
    }));
}

function record(p: Acc, s: PolicyAnalyzeStackSummaryEvent): void {
    for (const n of s.failed ?? []) p.failed.add(n);
    for (const n of s.passed ?? []) p.passed.add(n);
}

/** Why a pack's results are not complete, or undefined when its resource and stack policies both ran. */
export function notRunReason(p: PackRun, failedRun: boolean): string | undefined {
    const label = `${p.name}${p.version ? `@${p.version}` : ""}`;
    if (p.analyzed === 0 && !p.stackAnalyzed) {
        return `${label}: no policy ran (the log has no policyAnalyzeSummaryEvent or policyAnalyzeStackSummaryEvent for it)`;
    }
    if (!p.stackAnalyzed) {
        return failedRun
            ? `${label}: the stack policies did not run: the engine runs them (AnalyzeStack) only when every step succeeded, and this run failed`
            : `${label}: the stack policies did not run (the log has no policyAnalyzeStackSummaryEvent for it)`;
    }
    if (p.analyzed === 0) return `${label}: the resource policies did not run (the log has no policyAnalyzeSummaryEvent for it)`;
    return undefined;
}
