// The real estate per charter service, from the inventory and the adoption plan
// (tools/adopt): what exists, what the stack adopts, what it creates new and
// what exists but is left unmanaged. Counted with model/estate.ts's one rule.

import { SERVICE_IDS, ServiceId } from "../../model/services";
import { serviceOfObject } from "../../model/estate";
import type { AdoptPlan, PlanEntry } from "../adopt/plan";

export interface EstateRow {
    /** A service id, or "shared" for what no single service owns. */
    service: ServiceId | "shared";
    exists: number;
    adopted: number;
    create: number;
    left: number;
}

export function estateByService(plan: AdoptPlan): EstateRow[] {
    const rows = new Map<EstateRow["service"], EstateRow>(
        [...SERVICE_IDS, "shared" as const].map(s => [s, { service: s, exists: 0, adopted: 0, create: 0, left: 0 }]));
    const row = (e: PlanEntry) => rows.get(serviceOfObject(e.type, e.id) ?? "shared")!;
    for (const e of plan.adopt) { row(e).adopted++; row(e).exists++; }
    for (const e of plan.create) { row(e).create++; if (e.exists) row(e).exists++; }
    for (const e of plan.unmanaged) { row(e).left++; row(e).exists++; }
    return [...rows.values()];
}

export function renderEstateText(stack: string, rows: readonly EstateRow[]): string {
    const header = ["service", "exists", "adopted", "to create", "left (unmanaged)"];
    const cells = rows.map(r => [r.service, String(r.exists), String(r.adopted), String(r.create), String(r.left)]);
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map(c => c[i].length)));
    const line = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ");
    return [
        `Real estate of the ${stack} stack, from the inventory (npm run adopt -- --stack ${stack} lists each object):`,
        "", line(header), line(widths.map(w => "-".repeat(w))), ...cells.map(line), "",
    ].join("\n");
}
