// A real preview's event log (read by tools/engine-events) as the changes the
// classifier looks at: each resource's steps folded by the same table the reports
// use (engine-events/fold.ts: a replacement's steps are one replace; reads,
// discards and refreshes change nothing), with its old and new inputs and protect,
// what forced a replacement or changed, and the stack's environment from the
// preludeEvent config. A preview that did not finish is said in the notes, since
// its steps stop where it failed; one that stopped before any step is refused.

import { EventLog, EventLogError, FOLDED, ResourceSteps, StepEventStateMetadata, readEventLogFile } from "../engine-events";
import type { Change, ResourceState } from "./classify";

export interface EventLogChanges {
    changes: Change[];
    /** Stack name -> k8s-infra:environment from the preview's preludeEvent config, when given. */
    environments: Record<string, string>;
    /** Steps with an op this tool does not know, taken as updates. */
    unknownOps: string[];
    /** What the reader should know: the preview failed, or stopped early. */
    notes: string[];
}

/** Reads the log at `file` (EventLogError on bad input: an unreadable or empty file, a bad line, no steps at all). */
export function readEventLogChanges(file: string, namespace = "k8s-infra"): EventLogChanges {
    return changesFromEventLog(readEventLogFile(file), namespace);
}

export function changesFromEventLog(log: EventLog, namespace = "k8s-infra"): EventLogChanges {
    const { outcome } = log;
    if (log.steps.resources.length === 0 && (outcome.status === "stopped" || outcome.status === "incomplete")) {
        const why = outcome.status === "stopped"
            ? "the preview stopped before the deployment ran (only the closing cancelEvent, no summaryEvent; the CLI's output says why)"
            : "the log ends before the engine wrote any step";
        throw new EventLogError(log.file, [{ file: log.file, message: `has no steps to class: ${why}` }]);
    }
    const changes = log.steps.resources.flatMap(s => {
        const change = changeOf(s);
        return change ? [change] : [];
    });
    const environment = log.config?.[`${namespace}:environment`];
    const environments: Record<string, string> = environment && log.stack ? { [log.stack]: environment } : {};
    const notes: string[] = [];
    if (outcome.status !== "succeeded") {
        const error = outcome.errors[0] ? `: ${outcome.errors[0].split("\n")[0]}` : "";
        notes.push(`the preview ${outcome.status === "incomplete" ? "did not finish (the log ends early)" : outcome.status}${error}; ` +
            "steps it did not get to are not in the log, so the class may be too low");
    }
    return { changes, environments, unknownOps: log.steps.unknownOps, notes };
}

function changeOf(s: ResourceSteps): Change | undefined {
    const op = FOLDED[s.op].change;
    if (op === null) return undefined;
    const old = stateOf(s.old);
    const neu = stateOf(s.new);
    let note: string | undefined;
    if (op === "replace" && s.keys.length > 0) note = `replaced because ${[...s.keys].sort().join(", ")} changed`;
    else if (op === "update" && s.diffs.length > 0) note = `changes ${[...s.diffs].sort().join(", ")}`;
    return { urn: s.urn, type: s.type, op, ...(old ? { old } : {}), ...(neu ? { new: neu } : {}), ...(note ? { note } : {}) };
}

function stateOf(v: StepEventStateMetadata | undefined): ResourceState | undefined {
    // `protect` is omitempty in StepEventStateMetadata: absent means false.
    return v ? { protect: v.protect === true, inputs: v.inputs ?? {} } : undefined;
}
