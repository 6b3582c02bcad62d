// The one fold of the engine's step ops (apitype.OpType, sdk/go/common/apitype/history.go)
// into what happens to each resource, for the reports' change lists and the risk
// classes alike. The engine writes several steps for one replacement, and some ops
// change nothing in the cloud; each op's meaning is decided here, once, from how
// pkg/resource/deploy (step.go, step_generator.go) makes the step and how
// engine/update.go counts it in the summary's resourceChanges.

import type { ChangeOp } from "../../model/risk";
import { parseUrn } from "../../model/urn";
import type { LocatedEvent, OpType, StepEventMetadata, StepEventStateMetadata } from "./types";

/** What one resource's steps amount to. */
export type FoldedOp = "same" | "read" | "discard" | "import" | "create" | "update" | "delete" | "replace";

/** Each op of the engine, folded. Every op the engine has is here (the type says so). */
export const OP_FOLD: Readonly<Record<OpType, FoldedOp>> = {
    "same": "same",
    "create": "create",
    "update": "update",
    "delete": "delete",
    // A replacement is a `replace` step (the one the summary counts) with the steps
    // that do it; all of them on one URN are one replace.
    "replace": "replace",
    "create-replacement": "replace",
    "delete-replaced": "replace",
    // A managed resource given up for a read one with another ID: the engine emits it
    // with a `replace` step and deletes the old resource (delete-replaced). Not a read.
    "read-replacement": "replace",
    // An existing resource imported in place of a managed one, which is then deleted
    // (with a `replace` step, as the summary counts it). Not a plain import.
    "import-replacement": "replace",
    // A read resource replaced by a managed one: the old one is only forgotten, but the
    // URN has its create-replacement and `replace` steps, and the engine calls it a replace.
    "discard-replaced": "replace",
    // Reading a resource the program does not own (`get`): nothing changes.
    "read": "read",
    // `--refresh` reads the cloud's state into Pulumi's: nothing changes in the cloud.
    "refresh": "same",
    // A read resource the program no longer reads is dropped from the state; the cloud
    // resource is untouched (DeleteStep of an external resource). Not a delete.
    "discard": "discard",
    // The resource was already deleted (a delete-before-replace whose create failed);
    // its entry leaves the state. Internal: the CLI neither shows nor counts it.
    "remove-pending-replace": "same",
    // Pulumi starts managing an existing cloud resource.
    "import": "import",
};

/** How strong a folded op is when one URN has several steps, and the change a risk rule looks at (null: no change). */
export const FOLDED: Readonly<Record<FoldedOp, { rank: number; change: ChangeOp | null }>> = {
    same: { rank: 0, change: null },
    read: { rank: 1, change: null },
    discard: { rank: 2, change: null },
    // An import changes nothing in the cloud, but from now on Pulumi owns the resource:
    // a rule about creating a resource (the App Engine app) is about owning it too.
    import: { rank: 3, change: "create" },
    create: { rank: 4, change: "create" },
    update: { rank: 5, change: "update" },
    delete: { rank: 6, change: "delete" },
    replace: { rank: 7, change: "replace" },
};

/** The folded op of an engine op, or undefined for one this reader does not know (a newer CLI). */
export function foldOp(op: string): FoldedOp | undefined {
    return Object.prototype.hasOwnProperty.call(OP_FOLD, op) ? OP_FOLD[op as OpType] : undefined;
}

/**
 * engine/update.go isInternalStep: default providers' steps and remove-pending-replace.
 * The event log has them (it is written before the display drops internal events),
 * but the CLI neither shows nor counts them, and they change no resource of the program.
 */
export function isInternalStep(md: Pick<StepEventMetadata, "op" | "urn">): boolean {
    const parsed = parseUrn(md.urn);
    const defaultProvider = !!parsed && parsed.type.startsWith("pulumi:providers:") && parsed.name.startsWith("default");
    return md.op === "remove-pending-replace" || defaultProvider;
}

/** One resource's steps in the log, folded. */
export interface ResourceSteps {
    urn: string;
    type: string;
    /** The strongest of its steps' folded ops. */
    op: FoldedOp;
    /** The engine's ops, in the order of the log. */
    ops: string[];
    /** State before (the first step's), after (the last step's); absent for none. */
    old?: StepEventStateMetadata;
    new?: StepEventStateMetadata;
    /** Keys that force the replacement, and keys that change, over all its steps. */
    keys: string[];
    diffs: string[];
    /** Line of its first step. */
    line: number;
}

export interface FoldedSteps {
    /** In the order of each URN's first step; internal steps left out. */
    resources: ResourceSteps[];
    /** Ops this reader does not know, "op (line N)", each taken as an update. */
    unknownOps: string[];
}

/** Folds the resourcePreEvent and resOutputsEvent steps of a log, per URN. */
export function foldSteps(events: readonly LocatedEvent[]): FoldedSteps {
    const byUrn = new Map<string, ResourceSteps>();
    const unknownOps: string[] = [];
    for (const { line, event } of events) {
        const md = (event.resourcePreEvent ?? event.resOutputsEvent)?.metadata;
        if (!md || isInternalStep(md)) continue;
        let op = foldOp(md.op);
        if (op === undefined) {
            if (event.resourcePreEvent) unknownOps.push(`${md.op} (line ${line})`);
            op = "update";
        }
        const seen = byUrn.get(md.urn);
        if (!seen) {
            byUrn.set(md.urn, {
                urn: md.urn, type: md.type, op, ops: [md.op], line,
                ...(md.old ? { old: md.old } : {}), ...(md.new ? { new: md.new } : {}),
                keys: [...(md.keys ?? [])], diffs: [...(md.diffs ?? [])],
            });
            continue;
        }
        if (FOLDED[op].rank > FOLDED[seen.op].rank) seen.op = op;
        if (event.resourcePreEvent) seen.ops.push(md.op);
        if (md.old && !seen.old) seen.old = md.old;
        if (md.new) seen.new = md.new;
        for (const k of md.keys ?? []) if (!seen.keys.includes(k)) seen.keys.push(k);
        for (const k of md.diffs ?? []) if (!seen.diffs.includes(k)) seen.diffs.push(k);
    }
    return { resources: [...byUrn.values()], unknownOps };
}

/** Counts by folded op, as the summary's resourceChanges would have them: for a log without a summaryEvent. */
export function countOps(resources: readonly ResourceSteps[]): Partial<Record<FoldedOp, number>> {
    const counts: Partial<Record<FoldedOp, number>> = {};
    for (const r of resources) counts[r.op] = (counts[r.op] ?? 0) + 1;
    return counts;
}
