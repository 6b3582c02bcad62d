// The JSON document `npm run check -- --format json` prints: every stack's
// resources and violations in flat lists (each entry names its stack), the policies
// that ran, and `ok` (every stack passes: the report's exit code is 0). Bad input
// prints `errors` instead. A preview's event log adds `source: "preview"`, per stack
// the verdict, change counts, the engine's errors (`diagnostics`) and how the
// preview went (`preview`: status, the steps the engine refused, which policies did not run, the packs), and the
// changed resources. readCheckDocument reads it back, so CI can check once and
// render every other format from the saved document (`npm run report -- --check-json`).

import type { Problem } from "../../model/errors";
import { Level, isLevel, isSeverity } from "../results/types";
import type { ResourceSummary } from "../results/result";
import type { Severity } from "@pulumi/policy";
import { RunNotes, readGenerated } from "./generated";
import { PreviewResult, ResourceChange, StackReport, Verdict, countByLevel, exitCode, verdictOf } from "./model";

export interface CheckDocument {
    ok: boolean;
    stacks: {
        stack: string; project: string; resources: number; mandatory: number; advisory: number; seconds: number;
        source?: "offline" | "preview"; pack?: { name: string; version: string };
        changes?: Record<string, number>; diagnostics?: string[];
        /** Only for a preview: the offline check's verdict is `ok`'s. */
        verdict?: Verdict; preview?: Omit<PreviewResult, "errors">;
    }[];
    resources: ({ stack: string } & ResourceSummary)[];
    violations: { stack: string; policy: string; level: string; severity: string; urn: string; description: string; message: string; pack: string; packVersion: string }[];
    policies: { name: string; enforcementLevel: string; severity: string; description: string }[];
    /** The resources a preview would change (not `same`); only from an event log. */
    changes?: ({ stack: string } & ResourceChange)[];
    /** Generated files `npm run docs` would rewrite (./generated.ts); only when the check compared them. */
    generated?: RunNotes["generated"];
    errors: Problem[];
}

export function renderJson(reports: readonly StackReport[], notes: RunNotes = {}): string {
    const preview = reports.some(r => r.source === "preview");
    const doc: CheckDocument = {
        ok: exitCode(reports, notes) === 0,
        stacks: reports.map(r => ({
            stack: r.stack, project: r.project, resources: r.resources.length,
            mandatory: countByLevel(r).mandatory, advisory: countByLevel(r).advisory,
            seconds: Number(r.seconds.toFixed(3)),
            source: r.source ?? "offline",
            pack: { name: r.pack.name, version: r.pack.version },
            ...(r.changes ? { changes: r.changes.counts } : {}),
            ...(r.preview?.errors.length ? { diagnostics: r.preview.errors } : {}),
            ...(r.preview ? { verdict: verdictOf(r), preview: { status: r.preview.status, refused: r.preview.refused ?? [], notRun: r.preview.notRun, packs: r.preview.packs } } : {}),
        })),
        resources: reports.flatMap(r => r.resources.map(res => ({
            stack: r.stack, type: res.type, name: res.name, urn: res.urn, parent: res.parent, protect: res.protect,
            ...(res.source ? { source: res.source } : {}), ...(res.named !== undefined ? { named: res.named } : {}),
        }))),
        violations: reports.flatMap(r => r.violations.map(v => ({ stack: r.stack, ...v }))),
        policies: reports[0]?.pack.policies.map(p => ({ name: p.name, enforcementLevel: p.enforcementLevel, severity: p.severity, description: p.description })) ?? [],
        ...(preview ? { changes: reports.flatMap(r => (r.changes?.steps ?? []).map(c => ({ stack: r.stack, ...c }))) } : {}),
        ...(notes.generated ? { generated: notes.generated } : {}),
        errors: [],
    };
    return JSON.stringify(doc, null, 2) + "\n";
}

export function renderJsonErrors(errors: Problem[]): string {
    const doc: CheckDocument = { ok: false, stacks: [], resources: [], violations: [], policies: [], errors };
    return JSON.stringify(doc, null, 2) + "\n";
}

/** The input problems a check document records (the check stopped at bad input, exit 2), or undefined when it judged stacks. */
export function problemsOf(value: unknown): Problem[] | undefined {
    const errors = (value as CheckDocument | null)?.errors;
    return Array.isArray(errors) && errors.length > 0 ? errors : undefined;
}

function level(value: unknown, at: string): Level {
    if (!isLevel(value)) throw new Error(`${at} is ${JSON.stringify(value)}, not an enforcement level (advisory, mandatory, remediate, disabled)`);
    return value;
}

function severity(value: unknown, at: string): Severity | "" {
    if (!isSeverity(value)) throw new Error(`${at} is ${JSON.stringify(value)}, not a severity (low, medium, high, critical, or "")`);
    return value;
}

/** The reports a document stands for; throws with what is wrong when it is not one this module wrote. */
export function readCheckDocument(value: unknown): StackReport[] {
    const doc = value as CheckDocument;
    if (!doc || typeof doc !== "object" || !Array.isArray(doc.stacks) || !Array.isArray(doc.resources) ||
        !Array.isArray(doc.violations) || !Array.isArray(doc.policies)) {
        throw new Error("not a check document: expected ok, stacks, resources, violations, policies (npm run check -- --format json)");
    }
    if (Array.isArray(doc.errors) && doc.errors.length > 0) {
        throw new Error(`the check document records bad input (${doc.errors.length} problem(s)); nothing was checked`);
    }
    const policies = doc.policies.map((p, i) => ({
        name: p.name, description: p.description,
        enforcementLevel: level(p.enforcementLevel, `policies[${i}].enforcementLevel`), severity: severity(p.severity, `policies[${i}].severity`),
    }));
    const bad = doc.stacks.find(s => s.preview && (typeof s.preview.status !== "string" || !Array.isArray(s.preview.notRun) || !Array.isArray(s.preview.packs)));
    if (bad) throw new Error(`stack ${bad.stack}: \`preview\` must have status, notRun and packs`);
    return doc.stacks.map(s => {
        const violations = doc.violations.map((v, i) => ({ v, i })).filter(({ v }) => v.stack === s.stack)
            .map(({ v: { stack: _, ...v }, i }) => ({ ...v, level: level(v.level, `violations[${i}].level`), severity: severity(v.severity, `violations[${i}].severity`) }));
        const steps = (doc.changes ?? []).filter(c => c.stack === s.stack).map(({ stack: _, ...c }) => c);
        return {
            stack: s.stack,
            project: s.project,
            source: s.source ?? "offline",
            resources: doc.resources.filter(r => r.stack === s.stack).map(resourceOf),
            pack: { name: s.pack?.name ?? violations[0]?.pack ?? "", version: s.pack?.version ?? violations[0]?.packVersion ?? "", policies },
            violations,
            seconds: s.seconds,
            ...(s.changes ? { changes: { counts: s.changes, steps } } : {}),
            ...(s.preview ? { preview: { ...s.preview, errors: s.diagnostics ?? [] } } : {}),
        };
    });
}

/** A resource of the document; its location facts only when they are strings. */
function resourceOf({ stack: _, source, named, ...r }: { stack: string } & ResourceSummary): ResourceSummary {
    return { ...r, ...(typeof source === "string" ? { source } : {}), ...(typeof named === "string" ? { named } : {}) };
}

/** The run notes a document records (stale generated files); throws when they are malformed. */
export function readCheckNotes(value: unknown): RunNotes {
    const generated = readGenerated((value as CheckDocument | null)?.generated);
    return generated ? { generated } : {};
}
