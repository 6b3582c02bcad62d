// Turns the text of an event log into LocatedEvents, checking every line against
// the engine's format (types.ts) for the fields this project reads, so that a file
// that is not what the engine writes is refused with each bad line named
// (file:line: field: what is wrong) instead of being half read. Nothing here
// interprets the events; fold.ts, policies.ts and outcome.ts do.

import { InputError, Problem } from "../../model/errors";
import { parseUrn } from "../../model/urn";
import { EVENT_KINDS, EnforcementLevel, EngineEvent, EventKind, LocatedEvent, OperationResult, PolicyEvent } from "./types";

/** A log that cannot be read, with every problem's file and line: exit 2 in the CLIs. */
export class EventLogError extends InputError {
    constructor(readonly file: string, problems: Problem[]) {
        super(`event log ${file}`, problems);
        this.name = "EventLogError";
    }

    /** The line of the first problem. */
    get line(): number | undefined {
        return this.problems[0]?.line;
    }
}

/**
 * The engine's enforcement levels. v3.248 writes apitype.EnforcementLevel; "warning"
 * and "none" are what apitype's comment and the Node.js SDK's typings still call
 * advisory and disabled, so a log from an older CLI reads the same.
 */
const LEVELS: Readonly<Record<string, EnforcementLevel>> = {
    advisory: "advisory", mandatory: "mandatory", remediate: "remediate", disabled: "disabled", warning: "advisory", none: "disabled",
};

export function enforcementLevel(p: PolicyEvent): EnforcementLevel {
    return LEVELS[p.enforcementLevel];
}

const RESULTS: readonly (OperationResult | "")[] = ["succeeded", "failed", "canceled", ""];
const MAX_PROBLEMS = 20;

type Obj = Record<string, unknown>;
type Add = (message: string, at?: string) => void;

/** The events of a log's text, in order; throws EventLogError for a bad line or a log without events. */
export function parseEventLog(text: string, file: string): LocatedEvent[] {
    const problems: Problem[] = [];
    const events: LocatedEvent[] = [];
    const lines = text.split(/\r?\n/);
    let last = -1;
    for (let i = 0; i < lines.length; i++) {
        if (lines[i].trim() === "") continue;
        if (problems.length >= MAX_PROBLEMS) {
            problems.push({ file, line: i + 1, message: `not read: stopped after ${MAX_PROBLEMS} problems` });
            break;
        }
        const line = i + 1;
        const add: Add = (message, at) => problems.push({ file, line, ...(at ? { at } : {}), message });
        const parsed = parseLine(lines[i], add);
        if (!parsed) continue;
        const { sequence } = parsed.event;
        if (sequence <= last) add(`${sequence} after ${last}: the engine numbers events in the order it writes them (two logs in one file?)`, "sequence");
        last = Math.max(last, sequence);
        events.push({ line, ...parsed });
    }
    if (problems.length > 0) throw new EventLogError(file, problems);
    if (events.length === 0) {
        const what = text.length === 0 ? "is empty" : "has no engine events";
        throw new EventLogError(file, [{ file, message: `${what}; give the file \`pulumi preview --event-log FILE\` wrote` }]);
    }
    return events;
}

function parseLine(raw: string, add: Add): Omit<LocatedEvent, "line"> | undefined {
    let value: unknown;
    try {
        value = JSON.parse(raw);
    } catch (e) {
        add(`is not JSON (${(e as Error).message}); an event log has one engine event per line`);
        return undefined;
    }
    if (!isObject(value)) {
        add("is not an engine event: expected a JSON object like {\"sequence\": 1, \"timestamp\": 1767225600, \"resourcePreEvent\": {...}}");
        return undefined;
    }
    if (!Number.isInteger(value.sequence) || !Number.isInteger(value.timestamp)) {
        add("is not an engine event: expected an integer `sequence` and `timestamp` (apitype.EngineEvent)");
        return undefined;
    }
    const event = value as EngineEvent;
    const kinds = EVENT_KINDS.filter(k => value[k] !== undefined && value[k] !== null);
    if (kinds.length > 1) {
        add(`has ${kinds.join(" and ")}: an engine event has exactly one payload`);
        return undefined;
    }
    const kind: EventKind | undefined = kinds[0];
    if (kind === undefined) {
        // A payload this reader does not know (a newer CLI) is kept and ignored; no payload at all is not an event.
        if (Object.keys(value).some(k => k.endsWith("Event"))) return { kind, event };
        add("is not an engine event: it has no payload (cancelEvent, diagnosticEvent, resourcePreEvent, ...)");
        return undefined;
    }
    const payload = value[kind];
    if (!isObject(payload)) add("must be an object", kind);
    else CHECKS[kind]?.(payload, (message, at) => add(message, at ? `${kind}.${at}` : kind));
    return { kind, event };
}

/** The fields the readers rely on, per kind. */
const CHECKS: Partial<Record<EventKind, (p: Obj, add: Add) => void>> = {
    summaryEvent: checkSummary,
    resourcePreEvent: checkStep,
    resOutputsEvent: checkStep,
    resOpFailedEvent: checkStep,
    policyEvent: checkPolicyEvent,
    diagnosticEvent: (p, add) => {
        strings(p, ["message", "severity"], add);
        urn(p, "urn", add);
    },
    preludeEvent: (p, add) => {
        if (!recordOf(p.config, "string")) add("must be an object of strings", "config");
    },
    policyAnalyzeSummaryEvent: checkPolicySummary,
    policyRemediateSummaryEvent: checkPolicySummary,
    policyAnalyzeStackSummaryEvent: checkPolicySummary,
    policyRemediationEvent: (p, add) => {
        strings(p, ["policyName", "policyPackName"], add);
        urn(p, "resourceUrn", add);
    },
    errorEvent: (p, add) => strings(p, ["error"], add),
};

function checkSummary(p: Obj, add: Add): void {
    if ("policyPacks" in p && !("PolicyPacks" in p)) {
        add("the engine writes PolicyPacks, with a capital P (the JSON tag of apitype.SummaryEvent.PolicyPacks)", "policyPacks");
    }
    if (p.resourceChanges != null && !recordOf(p.resourceChanges, "number")) add("must be an object of counts by op", "resourceChanges");
    if (p.PolicyPacks != null && !recordOf(p.PolicyPacks, "string")) add("must be an object of pack -> version", "PolicyPacks");
    if (typeof p.durationSeconds !== "number") add("is missing or not a number", "durationSeconds");
    if (p.result !== undefined && !RESULTS.includes(p.result as OperationResult)) {
        add(`is ${JSON.stringify(p.result)}, not one of succeeded, failed, canceled (apitype.OperationResult)`, "result");
    }
}

function checkStep(p: Obj, add: Add): void {
    const md = p.metadata;
    if (!isObject(md)) return add("is missing or not an object", "metadata");
    const at = (message: string, field?: string) => add(message, field ? `metadata.${field}` : "metadata");
    strings(md, ["op", "urn", "type"], at);
    if (md.urn === "") at("is empty", "urn");
    urn(md, "urn", at);
    for (const side of ["old", "new"]) {
        const state = md[side];
        if (state === null || state === undefined) continue;
        if (!isObject(state)) at("must be an object or null", side);
        else if (state.inputs != null && !isObject(state.inputs)) at("must be an object", `${side}.inputs`);
    }
    for (const list of ["keys", "diffs"]) {
        if (md[list] != null && !isStringList(md[list])) at("must be a list of strings", list);
    }
}

function checkPolicyEvent(p: Obj, add: Add): void {
    strings(p, ["policyName", "policyPackName", "enforcementLevel", "message"], add);
    if (typeof p.enforcementLevel === "string" && !LEVELS[p.enforcementLevel]) {
        add(`is "${p.enforcementLevel}", not one of advisory, mandatory, remediate, disabled`, "enforcementLevel");
    }
    urn(p, "resourceUrn", add);
}

function checkPolicySummary(p: Obj, add: Add): void {
    strings(p, ["policyPackName"], add);
    urn(p, "resourceUrn", add);
    for (const list of ["passed", "failed"]) {
        if (p[list] != null && !isStringList(p[list])) add("must be a list of policy names", list);
    }
}

function strings(p: Obj, fields: readonly string[], add: Add): void {
    for (const f of fields) if (typeof p[f] !== "string") add("is missing or not a string", f);
}

/** A URN field, when present and not empty, must be a URN. */
function urn(p: Obj, field: string, add: Add): void {
    const v = p[field];
    if (typeof v === "string" && v !== "" && !parseUrn(v)) add(`"${v}" is not a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>)`, field);
}

function recordOf(v: unknown, type: "string" | "number"): boolean {
    return isObject(v) && Object.values(v).every(x => typeof x === type);
}

function isStringList(v: unknown): boolean {
    return Array.isArray(v) && v.every(x => typeof x === "string");
}

function isObject(v: unknown): v is Obj {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}
