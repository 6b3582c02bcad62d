// Terminal text for `npm run check` (and `npm run report -- --format text`): the
// verdict over every stack first (the line a reader needs), then per stack resources
// by type and violations grouped by policy with their level, resource and message,
// then one verdict line per stack, in the spirit of `pulumi preview`'s policy section. A preview's event log adds the resource changes it knows, how
// the preview went, the engine's errors, and which policies did not run.

import { RunNotes, staleOf, staleSentence } from "./generated";
import { StackReport, checkedCount, countByLevel, countByType, groupByPolicy, resourceLabel, stackName, verdictLabel, verdictOf } from "./model";

export function renderText(reports: readonly StackReport[], notes: RunNotes = {}): string {
    const stale = staleSentence(notes);
    const out: string[] = [staleOf(notes).length > 0 ? withStale(headline(reports)) : headline(reports), "", ...(stale ? [stale, ""] : [])];
    for (const r of reports) {
        if (r.source === "preview") {
            out.push(`Stack ${stackName(r)}: ${r.resources.length} resources (preview event log, ` +
                `policies from ${r.pack.name}@${r.pack.version})`);
            out.push(`    preview: ${r.preview?.status ?? "not known"}`);
            out.push(`    changes: ${changeLine(r)}`);
            for (const c of r.changes?.steps ?? []) out.push(`    ${(OP_SIGN[c.op] ?? "?").padEnd(2)} ${c.op.padEnd(8)} ${c.type} ${c.name}${c.protect ? " (protected)" : ""}`);
            for (const d of r.preview?.errors ?? []) out.push(`    error: ${d.replace(/\n/g, "\n           ")}`);
        } else {
            out.push(`Stack ${stackName(r)}: ${r.resources.length} resources (offline: program under mocks, ` +
                `policies from ${r.pack.name}@${r.pack.version}, ${r.seconds.toFixed(1)}s)`);
            for (const [type, n] of countByType(r)) out.push(`    + ${String(n).padStart(4)}  ${type}`);
        }
        out.push("");
        if (r.violations.length === 0) {
            out.push(verdictOf(r) === "pass" ? `  Policies: ${checkedCount(r)} checked, no violations.` : "  Policies: no violations reported.");
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
        for (const why of r.preview?.notRun ?? []) out.push(`  Not run: ${why}`);
        out.push("");
    }
    out.push(...verdictLines(reports));
    return out.join("\n") + "\n";
}

/** The headline when generated files are stale: that blocks too, whatever the stacks say. */
function withStale(line: string): string {
    return line.startsWith("ok: ") ? `blocked: generated files out of date; ${line.slice(4)}` : `${line}; generated files out of date`;
}

/**
 * The first line: the verdict over every stack, e.g. "blocked: 2 mandatory violations in prod;
 * staging passes", "FAIL: policies did not run in staging", "ok: staging, prod pass".
 */
export function headline(reports: readonly StackReport[]): string {
    const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
    const passing = reports.filter(r => verdictOf(r) === "pass").map(r => r.stack);
    if (passing.length === reports.length) {
        const advisory = reports.reduce((n, r) => n + countByLevel(r).advisory, 0);
        if (reports.length === 0) return "ok: no stack to judge";
        return `ok: ${passing.join(", ")} pass${passing.length === 1 ? "es" : ""}${advisory > 0 ? ` (${plural(advisory, "advisory violation")})` : ""}`;
    }
    const failing = reports.filter(r => verdictOf(r) !== "pass").map(r => {
        if (verdictOf(r) !== "blocked") return `${verdictLabel(r)} in ${r.stack}`;
        const mandatory = countByLevel(r).mandatory, refused = r.preview?.refused?.length ?? 0;
        const why = [...(mandatory > 0 ? [plural(mandatory, "mandatory violation")] : []), ...(refused > 0 ? [`the engine refused ${plural(refused, "step")}`] : [])];
        return `${why.join(" and ")} in ${r.stack}`;
    });
    const word = reports.some(r => verdictOf(r) === "blocked") ? "blocked" : "FAIL";
    const rest = passing.length > 0 ? `; ${passing.join(", ")} pass${passing.length === 1 ? "es" : ""}` : "";
    return `${word}: ${failing.join("; ")}${rest}`;
}

export function verdictLines(reports: readonly StackReport[]): string[] {
    return reports.map(r => {
        const n = countByLevel(r);
        const v = verdictOf(r);
        const notAll = v === "blocked" && (r.preview?.notRun.length ?? 0) > 0 ? "; not every policy ran" : "";
        const verdict = v === "pass" ? "ok" : v === "blocked" ? `FAIL: an update would be blocked${refusedNote(r)}${notAll}` : `FAIL: ${verdictLabel(r)}`;
        return `${r.stack}: ${n.mandatory} mandatory, ${n.advisory} advisory violation(s): ${verdict}`;
    });
}

/** The CLI's signs (pkg/resource/deploy/step.go Prefix) for the folded ops. */
const OP_SIGN: Record<string, string> = { create: "+", update: "~", delete: "-", replace: "+-", read: ">", import: "=", discard: "<" };

/** "2 to create, 1 to delete, 40 unchanged", or what is not known. */
export function changeLine(r: StackReport): string {
    if (!r.changes) return r.source === "preview" ? "not in the event log" : "not known offline";
    const parts = Object.entries(r.changes.counts).filter(([, n]) => n > 0)
        .sort((a, b) => OP_RANK(a[0]) - OP_RANK(b[0]))
        .map(([op, n]) => op === "same" ? `${n} unchanged` : `${n} to ${op}`);
    return parts.length ? parts.join(", ") : "no resources";
}

const OP_RANK = (op: string) => {
    const i = ["create", "update", "replace", "delete", "read", "import", "discard", "same"].indexOf(op);
    return i < 0 ? 6.5 : i;
};

/** " (the engine refused N steps)" when it did; offline, nothing. */
function refusedNote(r: StackReport): string {
    const n = r.preview?.refused?.length ?? 0;
    return n > 0 ? ` (the engine refused ${n} step${n === 1 ? "" : "s"})` : "";
}
