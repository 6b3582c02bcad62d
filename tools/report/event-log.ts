// Reads the event log of a real `pulumi preview --policy-pack policy-pack --event-log FILE`
// (JSON lines, one engine event each: apitype.EngineEvent) into StackReports, so a
// preview is reported exactly like the offline check. Violations come from
// `policyEvent`s, which are written even when the preview then fails on a mandatory
// one (that is the point: `pulumi preview --json` and the pulumi/actions comment
// leave them out). Resource changes come from `resourcePreEvent` / `resOutputsEvent`
// steps, or the `summaryEvent`'s counts when there is one. The stack and project
// come from the URNs. A line that is not an engine event is an EventLogError that
// names the line.

import type { ResourceSummary } from "../check/result";
import type { Level, PolicyInfo, Violation } from "../check/types";
import { ResourceChange, StackReport } from "./model";
import { parseUrn } from "../../model/urn";

export class EventLogError extends Error {
    constructor(readonly file: string, readonly line: number | undefined, message: string) {
        super(line === undefined ? `${file}: ${message}` : `${file}:${line}: ${message}`);
        this.name = "EventLogError";
    }
}

/** What the reader knows about the pack beforehand (descriptions, severities); events win on levels. */
export interface KnownPack {
    name: string;
    version: string;
    policies: PolicyInfo[];
}

/** The engine's policyEvent.enforcementLevel → ours ("warning" is what older SDK typings call advisory). */
const LEVELS: Record<string, Level> = { mandatory: "mandatory", advisory: "advisory", warning: "advisory", remediate: "remediate", disabled: "disabled" };

/** Steps that make up one replacement fold into "replace", as the preview summary counts them. */
const FOLD: Record<string, string> = {
    "create-replacement": "replace", "delete-replaced": "replace", "replace": "replace",
    "read-replacement": "read", "import-replacement": "import", "discard": "delete", "discard-replaced": "replace",
};

interface StackAcc {
    stack: string;
    project: string;
    violations: Violation[];
    steps: Map<string, ResourceChange>;
    resources: Map<string, ResourceSummary>;
    diagnostics: string[];
    summary?: Record<string, number>;
    seconds: number;
    packs: Record<string, string>;
}

/** Colour markup the engine leaves in raw messages (`<{%fg 12%}>`, `<{%reset%}>`) and ANSI escapes. */
export function stripColors(s: string): string {
    return s.replace(/<\{%[^%]*%\}>/g, "").replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
}

/** Reads an event log's text; `stack` names the stack when no event carries a URN. */
export function readEventLog(text: string, file: string, known?: KnownPack, stack?: string): StackReport[] {
    const accs = new Map<string, StackAcc>();
    const acc = (urn: string | undefined, line: number): StackAcc | undefined => {
        const parsed = urn ? parseUrn(urn) : undefined;
        if (urn && !parsed) throw new EventLogError(file, line, `"${urn}" is not a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>)`);
        const name = parsed?.stack ?? stack ?? [...accs.keys()][0];
        if (!name) return undefined;
        let a = accs.get(name);
        if (!a) {
            a = { stack: name, project: parsed?.project ?? "", violations: [], steps: new Map(), resources: new Map(), diagnostics: [], seconds: 0, packs: {} };
            accs.set(name, a);
        }
        if (!a.project && parsed) a.project = parsed.project;
        return a;
    };
    const pending: { line: number; apply: () => void }[] = []; // events that name no stack, applied once one is known
    const lines = text.split(/\r?\n/);
    let events = 0;
    lines.forEach((raw, i) => {
        const line = i + 1;
        if (raw.trim() === "") return;
        let event: Record<string, any>;
        try {
            event = JSON.parse(raw);
        } catch (err) {
            throw new EventLogError(file, line, `not JSON (${(err as Error).message}); an event log has one engine event per line`);
        }
        if (!event || typeof event !== "object" || Array.isArray(event) || typeof event.sequence !== "number") {
            throw new EventLogError(file, line, "not an engine event: expected an object with a numeric `sequence` and one *Event field");
        }
        events++;
        if (event.policyEvent) {
            const p = event.policyEvent;
            for (const field of ["policyName", "policyPackName", "enforcementLevel", "message"]) {
                if (typeof p[field] !== "string") throw new EventLogError(file, line, `policyEvent has no ${field}`);
            }
            const level = LEVELS[p.enforcementLevel];
            if (!level) throw new EventLogError(file, line, `policyEvent has an unknown enforcementLevel "${p.enforcementLevel}"`);
            const a = acc(p.resourceUrn || undefined, line);
            const add = (target: StackAcc) => target.violations.push(violation(p, level, known));
            if (a) add(a); else pending.push({ line, apply: () => add(acc(undefined, line)!) });
        } else if (event.resourcePreEvent || event.resOutputsEvent) {
            const m = (event.resourcePreEvent ?? event.resOutputsEvent).metadata;
            if (!m || typeof m.urn !== "string" || typeof m.op !== "string") throw new EventLogError(file, line, "a resource event without metadata.urn and metadata.op");
            const a = acc(m.urn, line)!;
            const state = m.new ?? m.old ?? {};
            const parsed = parseUrn(m.urn)!;
            const op = FOLD[m.op] ?? m.op;
            const prev = a.steps.get(m.urn);
            // A replacement is several steps on one URN; keep the strongest.
            if (!prev || (prev.op !== "replace" && op !== "same")) {
                a.steps.set(m.urn, { op, urn: m.urn, type: m.type ?? parsed.type, name: parsed.name, protect: !!(m.old?.protect ?? m.new?.protect) });
            }
            if (op !== "delete") {
                a.resources.set(m.urn, { type: m.type ?? parsed.type, name: parsed.name, urn: m.urn, parent: state.parent ?? "", protect: !!state.protect });
            }
        } else if (event.diagnosticEvent) {
            const d = event.diagnosticEvent;
            if (d.severity === "error" && typeof d.message === "string") {
                const msg = stripColors(d.message).trim();
                const a = acc(d.urn || undefined, line);
                if (a) a.diagnostics.push(msg); else pending.push({ line, apply: () => acc(undefined, line)!.diagnostics.push(msg) });
            }
        } else if (event.summaryEvent) {
            const s = event.summaryEvent;
            const a = acc(undefined, line);
            const apply = (target: StackAcc) => {
                if (s.resourceChanges && typeof s.resourceChanges === "object") target.summary = { ...s.resourceChanges };
                if (typeof s.durationSeconds === "number") target.seconds = s.durationSeconds;
                if (s.policyPacks && typeof s.policyPacks === "object") target.packs = { ...s.policyPacks };
            };
            if (a) apply(a); else pending.push({ line, apply: () => apply(acc(undefined, line)!) });
        }
        // preludeEvent, stdoutEvent, cancelEvent, policyLoadEvent, ... carry nothing a report shows.
    });
    if (events === 0) throw new EventLogError(file, undefined, "has no events; give the file `pulumi preview --event-log FILE` wrote");
    if (accs.size === 0 && pending.length > 0) {
        throw new EventLogError(file, pending[0].line, "no event names a stack (no URN); give it with --stack");
    }
    for (const p of pending) p.apply();
    return [...accs.values()].map(a => toReport(a, known));
}

function violation(p: Record<string, any>, level: Level, known?: KnownPack): Violation {
    const text = stripColors(p.message).replace(/\s+$/, "");
    const policy = known?.policies.find(k => k.name === p.policyName && known.name === p.policyPackName);
    let description = policy?.description ?? "";
    let message = text;
    if (description && (text === description || text.startsWith(description + "\n"))) {
        message = text === description ? description : text.slice(description.length + 1);
    } else if (!policy && text.includes("\n")) {
        // The engine writes "<description>\n<message>"; without the pack at hand, split there.
        description = text.slice(0, text.indexOf("\n"));
        message = text.slice(text.indexOf("\n") + 1);
    }
    return {
        policy: p.policyName,
        pack: p.policyPackName,
        packVersion: p.policyPackVersion ?? "",
        level,
        severity: typeof p.severity === "string" && p.severity ? p.severity : policy?.severity ?? "",
        urn: p.resourceUrn ?? "",
        description,
        message: message.trim(),
    };
}

function toReport(a: StackAcc, known?: KnownPack): StackReport {
    const steps = [...a.steps.values()];
    let counts: Record<string, number> | undefined = a.summary;
    if (!counts && steps.length > 0) {
        counts = {};
        for (const s of steps) counts[s.op] = (counts[s.op] ?? 0) + 1;
    }
    const packName = a.violations[0]?.pack ?? Object.keys(a.packs)[0] ?? known?.name ?? "";
    const packVersion = a.violations[0]?.packVersion ?? a.packs[packName] ?? (known?.name === packName ? known.version : "");
    const policies = known && known.name === packName ? known.policies : [];
    return {
        stack: a.stack,
        project: a.project,
        source: "preview",
        resources: [...a.resources.values()],
        pack: { name: packName, version: packVersion, policies },
        violations: a.violations,
        seconds: a.seconds,
        ...(counts ? { changes: { counts, steps: steps.filter(s => s.op !== "same") } } : {}),
        ...(a.diagnostics.length ? { diagnostics: a.diagnostics } : {}),
    };
}
