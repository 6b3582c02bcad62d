// The adoption plan: the program's adoptable resources (as the offline run
// registers them) set against what the inventory says exists. Four lists:
// adopt (exists, the program imports it), create (new), unmanaged (exists, no
// resource of the program is it) and differs (adopted, with the properties whose
// settings differ, both values). A property differs as the engine compares an
// import's Read with the program's inputs: a top-level input whose value is not
// the same on both sides, one side absent included.

import { isDeepStrictEqual } from "util";
import type { CloudObject } from "../../model/inventory/cloud-objects";
import type { AdoptionDecision } from "../../model/adoption-record";

export interface PlanEntry {
    type: string;
    /** The program's logical name; for unmanaged objects, the object's own name (the last part of its id). */
    name: string;
    id: string;
    /** For unmanaged entries: the project the object is in. */
    project?: string;
    /** On a create: the name exists, yet the program does not import it (the adopt-existing policy blocks this). */
    exists?: true;
}

export interface DiffersEntry extends PlanEntry {
    properties: { property: string; inventory: unknown; program: unknown }[];
}

export interface AdoptPlan {
    adopt: PlanEntry[];
    create: PlanEntry[];
    unmanaged: PlanEntry[];
    differs: DiffersEntry[];
}

export interface ProgramResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

/** Top-level properties whose values differ between the inventory object and the program's inputs. */
export function differingProperties(inventory: Record<string, unknown>, program: Record<string, unknown>): DiffersEntry["properties"] {
    const keys = [...new Set([...Object.keys(inventory), ...Object.keys(program)])].sort();
    return keys
        .filter(k => !isDeepStrictEqual(inventory[k], program[k]))
        .map(property => ({ property, inventory: inventory[property] ?? null, program: program[property] ?? null }));
}

const byTypeThenName = (a: PlanEntry, b: PlanEntry) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export function makePlan(decisions: readonly AdoptionDecision[], resources: readonly ProgramResource[], objects: readonly CloudObject[]): AdoptPlan {
    const inputsOf = new Map(resources.map(r => [`${r.type}|${r.name}`, r.inputs]));
    const objectOf = new Map(objects.map(o => [`${o.type}|${o.id}`, o]));
    const plan: AdoptPlan = { adopt: [], create: [], unmanaged: [], differs: [] };
    const used = new Set<string>();
    for (const d of decisions) {
        const entry = { type: d.type, name: d.name, id: d.id ?? "(unknown until deployed)" };
        if (d.id !== null) used.add(`${d.type}|${d.id}`);
        if (!d.exists) { plan.create.push(entry); continue; }
        if (!d.imported) { plan.create.push({ ...entry, exists: true }); continue; }
        plan.adopt.push(entry);
        const object = objectOf.get(`${d.type}|${d.id}`)!;
        const properties = differingProperties(object.props, inputsOf.get(`${d.type}|${d.name}`) ?? {});
        if (properties.length > 0) plan.differs.push({ ...entry, properties });
    }
    for (const o of objects) {
        if (!used.has(`${o.type}|${o.id}`)) plan.unmanaged.push({ type: o.type, name: o.id.split("/").pop()!, id: o.id, ...(o.project ? { project: o.project } : {}) });
    }
    for (const list of Object.values(plan)) (list as PlanEntry[]).sort(byTypeThenName);
    return plan;
}
