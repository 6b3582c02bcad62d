// What is left of a roster file when some of its records break the schema: the
// records that pass, and the names the others still carry. With it, one run of
// the loader reports the schema problems and the cross-reference problems (an
// unknown handle, a voucher who is not a person) together. The refused records'
// names stay known, so that one bad record is not reported a second time as
// every reference to it.

import type { z } from "zod";
import { FILES } from "./schema";
import { foldKey } from "./fold";

type FileName = keyof typeof FILES;

/** The collection each file holds, and whether its records are a list or keyed. */
const COLLECTION: Partial<Record<FileName, { key: string; keyed: boolean }>> = {
    "organizations.yaml": { key: "organizations", keyed: false },
    "people.yaml": { key: "people", keyed: false },
    "subprojects.yaml": { key: "subprojects", keyed: false },
    "contacts-on-file.yaml": { key: "contactsOnFile", keyed: true },
    "services.yaml": { key: "services", keyed: true },
    "staging-areas.yaml": { key: "stagingAreas", keyed: false },
};

/** Names carried by records the schema refused: they count as present for the cross-references. */
export interface Refused {
    /** Lowercased GitHub handles of refused people. */
    handles: Set<string>;
    /** Folded names and aliases of refused organizations. */
    organizations: Set<string>;
    /** Keys of refused services.yaml entries. */
    services: Set<string>;
}

export const noneRefused = (): Refused => ({ handles: new Set(), organizations: new Set(), services: new Set() });

/** For each list salvage() kept part of: the index in the file of each record it kept. */
const FILE_INDEX = new WeakMap<object, number[]>();

/** The index in the file of the `i`th record of `list`: `i` itself, unless salvage() dropped records before it. */
export function fileIndex(list: readonly unknown[], i: number): number {
    return FILE_INDEX.get(list)?.[i] ?? i;
}

/**
 * The file's data without the records that have schema issues, parsed; undefined
 * when an issue is not inside one record (the file's shape itself is wrong) or
 * the rest does not parse either. The names of the dropped records go to `refused`.
 */
export function salvage<F extends FileName>(name: F, data: unknown, issues: readonly z.core.$ZodIssue[], refused: Refused):
    z.infer<(typeof FILES)[F]> | undefined {
    const collection = COLLECTION[name];
    if (!collection || !isObject(data)) return undefined;
    const records = data[collection.key];
    const bad = new Set<string>();
    for (const issue of issues) {
        if (issue.path.length < 2 || issue.path[0] !== collection.key) return undefined;
        bad.add(String(issue.path[1]));
    }
    let kept: unknown;
    let keptAt: number[] | undefined;
    if (Array.isArray(records) && !collection.keyed) {
        records.filter((_, i) => bad.has(String(i))).forEach(r => remember(name, r, refused));
        kept = records.filter((_, i) => !bad.has(String(i)));
        keptAt = records.map((_, i) => i).filter(i => !bad.has(String(i)));
    } else if (isObject(records) && collection.keyed) {
        if (name === "services.yaml") bad.forEach(k => refused.services.add(k));
        kept = Object.fromEntries(Object.entries(records).filter(([k]) => !bad.has(k)));
    } else {
        return undefined;
    }
    const result = FILES[name].safeParse({ ...data, [collection.key]: kept });
    if (!result.success) return undefined;
    const list = (result.data as Record<string, unknown>)[collection.key];
    if (keptAt && Array.isArray(list)) FILE_INDEX.set(list, keptAt);
    return result.data as z.infer<(typeof FILES)[F]>;
}

function remember(name: FileName, record: unknown, refused: Refused): void {
    if (!isObject(record)) return;
    if (name === "people.yaml" && typeof record.github === "string") refused.handles.add(record.github.toLowerCase());
    if (name === "organizations.yaml") {
        const names = [record.name, ...(Array.isArray(record.aliases) ? record.aliases : [])];
        names.filter((n): n is string => typeof n === "string").forEach(n => refused.organizations.add(foldKey(n)));
    }
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
