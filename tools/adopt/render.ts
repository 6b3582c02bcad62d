// The adoption plan as text, for a person: counts first, then each list, with
// the differing properties shown as inventory -> program.

import type { AdoptPlan, PlanEntry } from "./plan";

const shortType = (type: string) => type.split(":").pop()!;
const value = (v: unknown) => v === null ? "(unset)" : JSON.stringify(v);

function list(title: string, entries: PlanEntry[], line: (e: PlanEntry) => string): string[] {
    if (entries.length === 0) return [];
    return [``, `${title} (${entries.length}):`, ...entries.map(e => `  ${line(e)}`)];
}

export function renderText(stack: string, plan: AdoptPlan): string {
    const collisions = plan.create.filter(e => e.exists).length;
    const lines = [
        `adopt plan for ${stack}: ${plan.adopt.length} to adopt, ${plan.create.length} to create, ` +
        `${plan.unmanaged.length} unmanaged, ${plan.differs.length} adopted with differing settings`,
        ...list("to adopt (exists; imported)", plan.adopt, e => `${shortType(e.type)} ${e.id}`),
        ...list("to create (new)", plan.create, e => `${shortType(e.type)} ${e.id}${e.exists ? "  <- EXISTS: would be created over; adopt it" : ""}`),
        ...list("differs (adopted; the next up changes these)", plan.differs, e => `${shortType(e.type)} ${e.id}`),
    ];
    for (const d of plan.differs) {
        lines.push(`  ${shortType(d.type)} ${d.id}:`, ...d.properties.map(p => `      ${p.property}: ${value(p.inventory)} -> ${value(p.program)}`));
    }
    const unmanagedByType = new Map<string, number>();
    for (const e of plan.unmanaged) unmanagedByType.set(shortType(e.type), (unmanagedByType.get(shortType(e.type)) ?? 0) + 1);
    lines.push("", `unmanaged (exists; no resource of the program; --format json lists them): ${[...unmanagedByType].map(([t, n]) => `${n} ${t}`).join(", ") || "none"}`);
    if (collisions > 0) lines.push("", `${collisions} create(s) of names that already exist: the adopt-existing policy blocks them.`);
    return lines.join("\n") + "\n";
}
