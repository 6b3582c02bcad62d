// Terminal text for `npm run check`: resources by type, then violations grouped by
// policy with their level, resource and message, then one verdict line per stack,
// in the spirit of `pulumi preview`'s policy section.

import type { StackResult } from "../check/result";
import { mandatoryCount } from "../check/result";
import type { Violation } from "../check/types";

const LEVEL_ORDER = ["mandatory", "remediate", "advisory", "disabled"];

export function renderText(results: readonly StackResult[]): string {
    const out: string[] = [];
    for (const r of results) {
        out.push(`Stack ${r.project}/${r.stack}: ${r.resources.length} resources (offline: program under mocks, ` +
            `policies from ${r.pack.name}@${r.pack.version}, ${r.seconds.toFixed(1)}s)`);
        const byType = new Map<string, number>();
        for (const res of r.resources) byType.set(res.type, (byType.get(res.type) ?? 0) + 1);
        for (const [type, n] of [...byType].sort((a, b) => a[0].localeCompare(b[0]))) {
            out.push(`    + ${String(n).padStart(4)}  ${type}`);
        }
        out.push("");
        if (r.violations.length === 0) {
            out.push(`  Policies: ${r.pack.policies.length} checked, no violations.`);
        } else {
            out.push("  Policy violations:");
            for (const [policy, vs] of groupByPolicy(r.violations)) {
                out.push(`    [${vs[0].level}]  ${policy}  (${vs.length})`);
                out.push(`        ${vs[0].description}`);
                for (const v of vs) {
                    out.push(`        - ${resourceLabel(v.urn)}`);
                    out.push(`          ${v.message.replace(/\n/g, "\n          ")}`);
                }
            }
        }
        out.push("");
    }
    out.push(...verdictLines(results));
    return out.join("\n") + "\n";
}

export function verdictLines(results: readonly StackResult[]): string[] {
    return results.map(r => {
        const mandatory = mandatoryCount(r);
        const advisory = r.violations.filter(v => v.level === "advisory").length;
        const verdict = mandatory > 0 ? "FAIL: an update would be blocked" : "ok";
        return `${r.stack}: ${mandatory} mandatory, ${advisory} advisory violation(s): ${verdict}`;
    });
}

function groupByPolicy(violations: readonly Violation[]): [string, Violation[]][] {
    const groups = new Map<string, Violation[]>();
    for (const v of violations) groups.set(v.policy, [...(groups.get(v.policy) ?? []), v]);
    return [...groups].sort((a, b) =>
        LEVEL_ORDER.indexOf(a[1][0].level) - LEVEL_ORDER.indexOf(b[1][0].level) || a[0].localeCompare(b[0]));
}

/** "type name" from a URN, or "(stack)" for a stack-wide violation. */
export function resourceLabel(urn: string): string {
    if (!urn) return "(stack)";
    const parts = urn.split("::");
    const type = (parts[2] ?? "").split("$").pop();
    return `${type} ${parts[3] ?? ""}`.trim();
}
