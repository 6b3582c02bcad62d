// The one reader of `pulumi preview --event-log FILE` logs, for `npm run report` and
// `npm run risk` alike (both import it; it imports neither): the events checked
// against the engine's format (parse.ts), each resource's steps folded (fold.ts),
// the policy events, and the run's outcome (outcome.ts): did it get to the end, and
// did the policies run. An event log is one stack's run: every URN in it names the
// same stack.

import * as fs from "fs";
import * as zlib from "zlib";
import { parseUrn } from "../../model/urn";
import { type FoldedSteps, foldSteps } from "./fold";
import { type Outcome, outcomeOf } from "./outcome";
import { EventLogError, parseEventLog } from "./parse";
import type { EngineEvent, LocatedEvent, PolicyEvent } from "./types";

export { stripColors } from "./colors";
export { FOLDED, OP_FOLD, countOps, foldOp, isInternalStep } from "./fold";
export type { FoldedOp, FoldedSteps, ResourceSteps } from "./fold";
export type { Outcome, RunStatus } from "./outcome";
export { EventLogError, enforcementLevel, parseEventLog } from "./parse";
export { parsePackKey } from "./policies";
export type { PackRun } from "./policies";
export * from "./types";

export interface EventLog {
    file: string;
    events: LocatedEvent[];
    /** The stack and project its URNs name; absent when no event has a URN (a run that stopped early). */
    stack?: string;
    project?: string;
    /** The preludeEvent's config (secret values blinded), when the deployment started. */
    config?: Record<string, string>;
    steps: FoldedSteps;
    /** The policyEvents (violations), in order. */
    violations: { line: number; event: PolicyEvent }[];
    outcome: Outcome;
}

/** Reads a log's text; throws EventLogError naming the bad lines, or when there are no events. */
export function readEventLog(text: string, file: string): EventLog {
    const events = parseEventLog(text, file);
    const where = stackOf(events, file);
    const config = events.find(e => e.event.preludeEvent)?.event.preludeEvent?.config;
    return {
        file,
        events,
        ...where,
        ...(config ? { config } : {}),
        steps: foldSteps(events),
        violations: events.flatMap(({ line, event }) => event.policyEvent ? [{ line, event: event.policyEvent }] : []),
        outcome: outcomeOf(events),
    };
}

/** The text of the log at `file`, gunzipped when it ends in .gz (as CI archives keep them); an unreadable file is an EventLogError. */
export function readEventLogText(file: string): string {
    try {
        const bytes = fs.readFileSync(file);
        return (file.endsWith(".gz") ? zlib.gunzipSync(bytes) : bytes).toString("utf8");
    } catch (e) {
        throw new EventLogError(file, [{ file, message: `cannot be read: ${(e as Error).message}` }]);
    }
}

/** Reads the log at `file` (plain or gzipped JSON lines). */
export function readEventLogFile(file: string): EventLog {
    return readEventLog(readEventLogText(file), file);
}

/** The URNs an event names. */
function urnsOf(e: EngineEvent): string[] {
    const md = (e.resourcePreEvent ?? e.resOutputsEvent ?? e.resOpFailedEvent)?.metadata;
    const urn = md?.urn ?? e.policyEvent?.resourceUrn ?? e.policyRemediationEvent?.resourceUrn ??
        e.policyAnalyzeSummaryEvent?.resourceUrn ?? e.policyRemediateSummaryEvent?.resourceUrn ?? e.diagnosticEvent?.urn;
    return urn ? [urn] : [];
}

function stackOf(events: readonly LocatedEvent[], file: string): { stack?: string; project?: string } {
    let first: { stack: string; project: string; line: number } | undefined;
    for (const { line, event } of events) {
        for (const urn of urnsOf(event)) {
            const parsed = parseUrn(urn)!; // parse.ts checked every URN
            if (!first) first = { stack: parsed.stack, project: parsed.project, line };
            else if (parsed.stack !== first.stack || parsed.project !== first.project) {
                throw new EventLogError(file, [{
                    file, line, message: `names stack ${parsed.project}/${parsed.stack}, but line ${first.line} ` +
                        `named ${first.project}/${first.stack}: an event log is one stack's run`,
                }]);
            }
        }
    }
    return first ? { stack: first.stack, project: first.project } : {};
}
