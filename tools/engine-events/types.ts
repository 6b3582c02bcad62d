// The engine events `pulumi preview --event-log FILE` writes, one JSON object a line:
// apitype.EngineEvent of pulumi/pulumi v3.248.0 (sdk/go/common/apitype/events.go),
// made by backend/display.ConvertEngineEvent and written by startEventLogger
// (backend/display/display.go) before the display drops internal events. The
// Node.js SDK's automation types are used where they say what the Go code writes;
// the rest is declared here because the SDK's are missing or wrong:
// - SummaryEvent: the SDK says `policyPacks`, but the Go field's JSON tag is
//   `PolicyPacks` (capital P, kept for compatibility); `isPreview` and `result` are missing.
// - PolicyEvent: no `severity`, and levels "warning" | "mandatory", where the engine
//   writes apitype.EnforcementLevel (advisory, mandatory, remediate, disabled).
// - StepEventMetadata: `old`, `new` and `detailedDiff` have no omitempty: null when empty.
// - The policy summary, remediation and load events, progressEvent and errorEvent.

import type * as sdk from "@pulumi/pulumi/automation";
import type { EnforcementLevel, Severity } from "@pulumi/policy";

export type { CancelEvent, DiagnosticEvent, OpType, PreludeEvent, StartDebuggingEvent, StdoutEngineEvent } from "@pulumi/pulumi/automation";
export type { EnforcementLevel } from "@pulumi/policy";

/** apitype.OperationResult: the high-level outcome on the summary event. */
export type OperationResult = "succeeded" | "failed" | "canceled";

/** apitype.SummaryEvent: written once the deployment ran, whatever its result. */
export interface SummaryEvent {
    maybeCorrupt: boolean;
    /** Seconds, rounded up. */
    durationSeconds: number;
    /** Counts by op of the logical, non-internal steps that succeeded. */
    resourceChanges: sdk.OpMap | null;
    /** Pack name -> version of every pack the engine was given; a local pack's key is `<name>|local|<path>`. */
    PolicyPacks: Record<string, string> | null;
    isPreview?: boolean;
    /** Absent from CLIs older than the field; "" when not applicable. */
    result?: OperationResult | "";
}

/** apitype.StepEventStateMetadata, with the field the SDK's type lacks. */
export interface StepEventStateMetadata extends sdk.StepEventStateMetadata {
    /** A resource read with `get`: Pulumi does not own its lifecycle. */
    external?: boolean;
}

/** apitype.StepEventMetadata: one step of the engine on one resource. */
export interface StepEventMetadata extends Omit<sdk.StepEventMetadata, "old" | "new" | "detailedDiff"> {
    old?: StepEventStateMetadata | null;
    new?: StepEventStateMetadata | null;
    detailedDiff?: Record<string, sdk.PropertyDiff> | null;
}

export interface ResourcePreEvent { metadata: StepEventMetadata; planning?: boolean }
export interface ResOutputsEvent { metadata: StepEventMetadata; planning?: boolean }
/** Only `pulumi up` writes it; a failed preview step is an error diagnostic on its URN. */
export interface ResOpFailedEvent { metadata: StepEventMetadata; status: number; steps: number }

/** apitype.PolicyEvent: one violation. The message is the policy's description, a newline, the reported message. */
export interface PolicyEvent {
    resourceUrn?: string;
    message: string;
    color: string;
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    policyPackVersionTag: string;
    enforcementLevel: EnforcementLevel;
    severity?: Severity;
}

export interface PolicyRemediationEvent {
    resourceUrn?: string;
    color: string;
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    policyPackVersionTag: string;
    before?: Record<string, unknown>;
    after?: Record<string, unknown>;
}

/** After each Analyze (one per resource and pack) or Remediate call: which policies passed and failed. */
export interface PolicyResourceSummaryEvent {
    resourceUrn: string;
    policyPackName: string;
    policyPackVersion: string;
    policyPackVersionTag: string;
    passed?: string[];
    failed?: string[];
}

/** After the one AnalyzeStack call per pack, which the engine makes only when every step succeeded. */
export type PolicyAnalyzeStackSummaryEvent = Omit<PolicyResourceSummaryEvent, "resourceUrn">;

export type PolicyLoadEvent = Record<string, never>;

export interface ProgressEvent {
    type: string;
    id: string;
    message: string;
    /** apitype.ProgressEvent.Completed is tagged `received`. */
    received: number;
    total: number;
    done: boolean;
}

/** An internal engine error (e.g. a snapshot integrity failure), not a user-facing diagnostic. */
export interface ErrorEvent { error: string }

/** The payload of each kind of engine event, under its JSON field name. */
export interface EventPayloads {
    cancelEvent: sdk.CancelEvent;
    stdoutEvent: sdk.StdoutEngineEvent;
    diagnosticEvent: sdk.DiagnosticEvent;
    preludeEvent: sdk.PreludeEvent;
    summaryEvent: SummaryEvent;
    resourcePreEvent: ResourcePreEvent;
    resOutputsEvent: ResOutputsEvent;
    resOpFailedEvent: ResOpFailedEvent;
    policyEvent: PolicyEvent;
    policyRemediationEvent: PolicyRemediationEvent;
    policyLoadEvent: PolicyLoadEvent;
    policyAnalyzeSummaryEvent: PolicyResourceSummaryEvent;
    policyRemediateSummaryEvent: PolicyResourceSummaryEvent;
    policyAnalyzeStackSummaryEvent: PolicyAnalyzeStackSummaryEvent;
    startDebuggingEvent: sdk.StartDebuggingEvent;
    progressEvent: ProgressEvent;
    errorEvent: ErrorEvent;
}

export type EventKind = keyof EventPayloads;

/** Every kind, in the order of apitype.EngineEvent's fields. */
export const EVENT_KINDS = [
    "cancelEvent", "stdoutEvent", "diagnosticEvent", "preludeEvent", "summaryEvent", "resourcePreEvent",
    "resOutputsEvent", "resOpFailedEvent", "policyEvent", "policyRemediationEvent", "policyLoadEvent",
    "policyAnalyzeSummaryEvent", "policyRemediateSummaryEvent", "policyAnalyzeStackSummaryEvent",
    "startDebuggingEvent", "progressEvent", "errorEvent",
] as const satisfies readonly EventKind[];
// Compile-time: the list names every kind.
const _everyKind: Exclude<EventKind, (typeof EVENT_KINDS)[number]> extends never ? true : never = true;
void _everyKind;

/** apitype.EngineEvent: a sequence number, a timestamp and exactly one payload. */
export type EngineEvent = { sequence: number; timestamp: number } & { [K in EventKind]?: EventPayloads[K] };

/** An event and where it is in the log. */
export interface LocatedEvent {
    /** 1-based line of the log. */
    line: number;
    /** The payload's kind, or undefined for a kind this reader does not know (a newer CLI). */
    kind: EventKind | undefined;
    event: EngineEvent;
}
