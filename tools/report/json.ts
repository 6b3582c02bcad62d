// The JSON document `npm run check -- --format json` prints: every stack's
// resources and violations in flat lists (each entry names its stack), the policies
// that ran, and `ok` (no mandatory violation). Bad input prints `errors` instead.

import type { Problem } from "../../model/errors";
import type { StackResult } from "../check/result";
import { mandatoryCount } from "../check/result";

export interface CheckDocument {
    ok: boolean;
    stacks: { stack: string; project: string; resources: number; mandatory: number; advisory: number; seconds: number }[];
    resources: { stack: string; type: string; name: string; urn: string; parent: string; protect: boolean }[];
    violations: { stack: string; policy: string; level: string; severity: string; urn: string; description: string; message: string; pack: string; packVersion: string }[];
    policies: { name: string; enforcementLevel: string; severity: string; description: string }[];
    errors: Problem[];
}

export function renderJson(results: readonly StackResult[]): string {
    const doc: CheckDocument = {
        ok: results.every(r => mandatoryCount(r) === 0),
        stacks: results.map(r => ({
            stack: r.stack, project: r.project, resources: r.resources.length,
            mandatory: mandatoryCount(r), advisory: r.violations.filter(v => v.level === "advisory").length,
            seconds: Number(r.seconds.toFixed(3)),
        })),
        resources: results.flatMap(r => r.resources.map(res => ({ stack: r.stack, ...res }))),
        violations: results.flatMap(r => r.violations.map(v => ({ stack: r.stack, ...v }))),
        policies: results[0]?.pack.policies.map(p => ({ name: p.name, enforcementLevel: p.enforcementLevel, severity: p.severity, description: p.description })) ?? [],
        errors: [],
    };
    return JSON.stringify(doc, null, 2) + "\n";
}

export function renderJsonErrors(errors: Problem[]): string {
    const doc: CheckDocument = { ok: false, stacks: [], resources: [], violations: [], policies: [], errors };
    return JSON.stringify(doc, null, 2) + "\n";
}
