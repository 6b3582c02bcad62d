// Entries of a stack config list that would make resources of one name: two buckets
// named alike, two zones whose Cloud DNS names meet, two datasets whose ids differ
// only in case... The engine refuses such a program (duplicate URN); the schema
// refuses the config first, at the second entry, naming the first (`duplicateOf`,
// which program/config.ts turns into its file:line). Every schema uses this one rule.

import type { z } from "zod";
import { formatPath } from "../errors";

/** The issue param that names the other entry, as a path relative to the list. */
export const DUPLICATE_OF = "duplicateOf";

/**
 * Adds an issue at each entry of `items` one of whose `keys` an earlier entry has.
 * `keyName` says what collides (name, id, domain); `path` is the list's, relative to the refined value.
 */
export function refineUnique<T>(ctx: z.RefinementCtx, items: readonly T[], keyName: string, keys: (item: T) => string[], path: PropertyKey[] = []): void {
    refineUniqueAt(ctx, items.map((item, i) => [[...path, i], item]), keyName, keys);
}

/** The same over entries from several lists (each given with its path), e.g. every cluster's workload accounts. */
export function refineUniqueAt<T>(ctx: z.RefinementCtx, entries: readonly [PropertyKey[], T][], keyName: string, keys: (item: T) => string[]): void {
    const first = new Map<string, PropertyKey[]>();
    for (const [at, item] of entries) {
        for (const key of new Set(keys(item))) {
            const other = first.get(key);
            if (other === undefined) { first.set(key, at); continue; }
            ctx.addIssue({
                code: "custom",
                path: at,
                message: `has the same ${keyName} ("${key}") as ${formatPath(other) || "another entry"}: both would make a resource of one name, which pulumi preview refuses (duplicate URN); rename or remove one`,
                params: { [DUPLICATE_OF]: other },
            });
            break;
        }
    }
}

/** A list schema's superRefine: entries unique by `keys`. */
export function uniqueBy<T>(keyName: string, keys: (item: T) => string[]): (items: T[], ctx: z.RefinementCtx) => void {
    return (items, ctx) => refineUnique(ctx, items, keyName, keys);
}
