// Diffs two offline snapshots of the stacks' resources (base and head) by URN into
// the changes the classifier looks at. Without providers nothing says which input
// changes force a replacement, so an update is reported as "replacement not known
// offline", except that a stateful resource whose name or place changes is taken
// as replaced (model/risk.ts OFFLINE_REPLACE_KEYS): the conservative reading.

import { OFFLINE_REPLACE_KEYS } from "../../model/risk";
import { STATEFUL_TYPES } from "../../model/resource-types";
import type { Change } from "./classify";
import type { SnapshotResource, TreeSnapshot } from "./snapshot-child";

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
export const NOT_KNOWN_OFFLINE = "replacement not known offline";

export interface OfflineDiff {
    changes: Change[];
    /** Stack name -> k8s-infra:environment (head's, else base's). */
    environments: Record<string, string>;
    /** Stacks only one side has. */
    addedStacks: string[];
    removedStacks: string[];
}

export function diffSnapshots(base: TreeSnapshot, head: TreeSnapshot): OfflineDiff {
    const changes: Change[] = [];
    const environments: Record<string, string> = {};
    const stacks = [...new Set([...Object.keys(base.stacks), ...Object.keys(head.stacks)])].sort();
    for (const stack of stacks) {
        const env = head.stacks[stack]?.environment ?? base.stacks[stack]?.environment;
        if (env) environments[stack] = env;
        changes.push(...diffResources(base.stacks[stack]?.resources ?? [], head.stacks[stack]?.resources ?? []));
    }
    return {
        changes,
        environments,
        addedStacks: stacks.filter(s => !base.stacks[s]),
        removedStacks: stacks.filter(s => !head.stacks[s]),
    };
}

/** One stack's resources at base and at head -> creates, deletes, updates and (known) replaces. */
export function diffResources(base: readonly SnapshotResource[], head: readonly SnapshotResource[]): Change[] {
    const before = new Map(base.filter(r => r.type !== ROOT_STACK_TYPE).map(r => [r.urn, r]));
    const after = new Map(head.filter(r => r.type !== ROOT_STACK_TYPE).map(r => [r.urn, r]));
    const changes: Change[] = [];
    for (const [urn, r] of after) {
        const old = before.get(urn);
        if (!old) {
            changes.push({ urn, type: r.type, op: "create", new: { protect: r.protect, inputs: r.inputs } });
            continue;
        }
        const changed = changedKeys(old.inputs, r.inputs);
        if (changed.length === 0) continue; // a change of options alone (protect, ...) is no step the engine shows
        const forcing = STATEFUL_TYPES[r.type] ? changed.filter(k => OFFLINE_REPLACE_KEYS.includes(k)) : [];
        changes.push({
            urn, type: r.type,
            op: forcing.length > 0 ? "replace" : "update",
            old: { protect: old.protect, inputs: old.inputs },
            new: { protect: r.protect, inputs: r.inputs },
            note: forcing.length > 0
                ? `taken as a replacement offline: ${forcing.join(", ")} changed on a stateful resource`
                : `${NOT_KNOWN_OFFLINE}; changes ${changed.join(", ")}`,
        });
    }
    for (const [urn, r] of before) {
        if (!after.has(urn)) changes.push({ urn, type: r.type, op: "delete", old: { protect: r.protect, inputs: r.inputs } });
    }
    return changes;
}

/** Top-level input keys whose values differ (deep, key order ignored). */
export function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.filter(k => canonical(a[k]) !== canonical(b[k]));
}

function canonical(v: unknown): string {
    return JSON.stringify(v, (_k, value) => {
        if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
        return Object.fromEntries(Object.keys(value).sort().map(k => [k, (value as Record<string, unknown>)[k]]));
    }) ?? "undefined";
}
