// A resource's property at a dotted path ("groupKey.id", "nodeConfig.machineType"):
// one walk for the policies, the import ids and the reports, which all read inputs
// and outputs by the paths model/resource-types.ts and model/import-ids.ts name.

/** The value at `dotted` in `obj`; undefined when any step is missing or is not an object. */
export function propertyAt(obj: unknown, dotted: string): unknown {
    let cur: unknown = obj;
    for (const key of dotted.split(".")) {
        if (cur === null || typeof cur !== "object") return undefined;
        cur = (cur as Record<string, unknown>)[key];
    }
    return cur;
}
