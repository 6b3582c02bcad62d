// How a run went, from its event log, so that no report says "pass" for policies
// that did not run. The engine writes a summaryEvent once the deployment ran
// (engine/deployment.go run), with the result; a failure before that (a config
// value that cannot be decrypted, a pack that does not load) leaves only the
// cancelEvent that Update always writes last (engine/update.go), and the reason is
// in the CLI's own output, not the log. Error diagnostics carry the engine's words.

import { stripColors } from "./colors";
import { parseUrn } from "../../model/urn";
import { PackRun, notRunReason, packRuns } from "./policies";
import type { LocatedEvent, OperationResult, SummaryEvent } from "./types";

/**
 * succeeded, failed, canceled: the summaryEvent's result. stopped: no summaryEvent but
 * the closing cancelEvent: the engine stopped before the deployment ran. incomplete:
 * neither: the log ends before the engine did (the CLI was killed, or still runs).
 */
export type RunStatus = OperationResult | "stopped" | "incomplete";

export interface Outcome {
    status: RunStatus;
    /** From the summaryEvent: a preview (not `pulumi up`). */
    isPreview?: boolean;
    /** The engine's error diagnostics (and internal errorEvents), colour markup removed, in order. */
    errors: string[];
    /**
     * Steps the engine refused: error diagnostics on a resource other than the Stack (a
     * protected resource it will not replace or delete, a failed Check, a failed step).
     * A program's own error is on the Stack and is not one.
     */
    refused: { urn: string; message: string }[];
    /** The packs the engine was given or reported on, and what of them ran. */
    packs: PackRun[];
    /**
     * Why the policy results are not complete, one sentence each: empty only when the
     * run got to the end and every pack ran its resource and stack policies. A report
     * may say "pass" only then.
     */
    notRun: string[];
    /** The summaryEvent, when there is one. */
    summary?: SummaryEvent;
}

const STACK_TYPE = "pulumi:pulumi:Stack";

/** The outcome of a log's events. */
export function outcomeOf(events: readonly LocatedEvent[]): Outcome {
    const summary = [...events].reverse().find(e => e.event.summaryEvent)?.event.summaryEvent;
    const errors = errorsOf(events);
    const refused = refusedOf(events);
    const status = statusOf(summary, events.some(e => e.event.cancelEvent), errors);
    const packs = packRuns(events, summary);
    return {
        status,
        ...(summary?.isPreview !== undefined ? { isPreview: summary.isPreview } : {}),
        errors,
        refused,
        packs,
        notRun: notRunOf(status, packs),
        ...(summary ? { summary } : {}),
    };
}

function statusOf(summary: SummaryEvent | undefined, cancelled: boolean, errors: readonly string[]): RunStatus {
    if (!summary) return cancelled ? "stopped" : "incomplete";
    // A CLI older than the `result` field: an error diagnostic is what a failure leaves.
    if (!summary.result) return errors.length > 0 ? "failed" : "succeeded";
    return summary.result;
}

const RUN_NOT_FINISHED: Record<Exclude<RunStatus, OperationResult>, string> = {
    stopped: "the engine stopped before the deployment ran (the log has no summaryEvent, only the closing cancelEvent and what came before the deployment), so no policy ran; the CLI's output says why",
    incomplete: "the log ends before the engine finished (no summaryEvent, no closing cancelEvent): the CLI was stopped or is still running, so the policy results are incomplete",
};

function notRunOf(status: RunStatus, packs: readonly PackRun[]): string[] {
    if (status === "stopped" || status === "incomplete") return [RUN_NOT_FINISHED[status]];
    if (packs.length === 0) return ["no policy pack ran: the run was not given one (pulumi preview --policy-pack policy-pack)"];
    const reasons = packs.map(p => notRunReason(p, status !== "succeeded")).filter((r): r is string => r !== undefined);
    if (status === "canceled") reasons.unshift("the run was canceled");
    return reasons;
}

function errorsOf(events: readonly LocatedEvent[]): string[] {
    const errors: string[] = [];
    for (const { event } of events) {
        const d = event.diagnosticEvent;
        if (d?.severity === "error") errors.push(stripColors(d.message).trim());
        if (event.errorEvent) errors.push(`internal error: ${stripColors(event.errorEvent.error).trim()}`);
    }
    return errors.filter(e => e !== "");
}

function refusedOf(events: readonly LocatedEvent[]): { urn: string; message: string }[] {
    const refused: { urn: string; message: string }[] = [];
    for (const { event } of events) {
        const d = event.diagnosticEvent;
        if (d?.severity !== "error" || !d.urn || parseUrn(d.urn)?.type === STACK_TYPE) continue;
        refused.push({ urn: d.urn, message: stripColors(d.message).trim() });
    }
    return refused;
}
