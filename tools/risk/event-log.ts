// Reads the event log of a real `pulumi preview --event-log FILE` (JSON lines, one
// apitype.EngineEvent each) into the changes the classifier looks at. Field names
// follow pulumi/pulumi sdk/go/common/apitype/events.go (EngineEvent, ResourcePreEvent,
// StepEventMetadata, StepEventStateMetadata, PreludeEvent) and the op names of
// apitype.OpType (sdk/go/common/apitype/updates.go).

import * as fs from "fs";
import { InputError, Problem } from "../../model/errors";
import type { ChangeOp } from "../../model/risk";
import type { Change, ResourceState } from "./classify";
import { stackOf } from "../../model/urn";

/** The engine's step ops, folded into the four kinds a rule looks at; absent: no change (ignored). */
const OPS: Readonly<Record<string, ChangeOp | null>> = {
    "create": "create",
    "import": "create",
    "update": "update",
    "delete": "delete",
    "replace": "replace",
    "create-replacement": "replace",
    "delete-replaced": "replace",
    "import-replacement": "replace",
    // No change to a cloud resource: reading, refreshing, or dropping read/pending state.
    "same": null,
    "read": null,
    "read-replacement": null,
    "refresh": null,
    "discard": null,
    "discard-replaced": null,
    "remove-pending-replace": null,
};
/** Folding the steps of one URN: a replacement's three steps are one replace. */
const STRENGTH: Readonly<Record<ChangeOp, number>> = { create: 0, update: 1, delete: 2, replace: 3 };

export interface EventLog {
    changes: Change[];
    /** Stack name -> k8s-infra:environment from the preview's preludeEvent config, when given. */
    environments: Record<string, string>;
    /** Steps with an op this tool does not know, taken as updates. */
    unknownOps: string[];
}

export function readEventLog(file: string, namespace = "k8s-infra"): EventLog {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new InputError(`event log ${file}`, [{ file, message: `cannot be read: ${(e as Error).message}` }]);
    }
    return parseEventLog(text, file, namespace);
}

export function parseEventLog(text: string, file: string, namespace = "k8s-infra"): EventLog {
    const problems: Problem[] = [];
    const byUrn = new Map<string, { change: Change; keys: Set<string>; diffs: Set<string> }>();
    const unknownOps: string[] = [];
    let environment: string | undefined;
    text.split(/\r?\n/).forEach((raw, i) => {
        const line = i + 1;
        if (raw.trim() === "") return;
        let event: unknown;
        try {
            event = JSON.parse(raw);
        } catch (e) {
            problems.push({ file, line, message: `is not JSON (${(e as Error).message}); an event log has one engine event per line` });
            return;
        }
        if (!isObject(event)) {
            problems.push({ file, line, message: "is not an engine event (a JSON object like {\"sequence\": 1, \"resourcePreEvent\": ...})" });
            return;
        }
        const prelude = event.preludeEvent;
        if (isObject(prelude) && isObject(prelude.config)) {
            const env = prelude.config[`${namespace}:environment`];
            if (typeof env === "string") environment = env;
        }
        if (event.resourcePreEvent === undefined) return; // summary, policy, diagnostic, outputs...: not steps to class
        const md = isObject(event.resourcePreEvent) ? event.resourcePreEvent.metadata : undefined;
        if (!isObject(md) || typeof md.op !== "string" || typeof md.urn !== "string" || typeof md.type !== "string") {
            problems.push({ file, line, at: "resourcePreEvent.metadata", message: "needs op, urn and type (strings)" });
            return;
        }
        const old = stateOf(md.old, file, line, "old", problems);
        const neu = stateOf(md.new, file, line, "new", problems);
        let op = OPS[md.op];
        if (op === null) return;
        if (op === undefined) {
            unknownOps.push(`${md.op} (line ${line})`);
            op = "update";
        }
        const seen = byUrn.get(md.urn) ?? { change: { urn: md.urn, type: md.type, op }, keys: new Set<string>(), diffs: new Set<string>() };
        const change = seen.change;
        if (STRENGTH[op] > STRENGTH[change.op]) change.op = op;
        if (old && !change.old) change.old = old;
        if (neu) change.new = neu;
        for (const k of strings(md.keys)) seen.keys.add(k);
        for (const k of strings(md.diffs)) seen.diffs.add(k);
        byUrn.set(md.urn, seen);
    });
    if (problems.length > 0) throw new InputError(`event log ${file}`, problems);

    const changes = [...byUrn.values()].map(({ change, keys, diffs }) => {
        if (change.op === "replace" && keys.size > 0) change.note = `replaced because ${[...keys].sort().join(", ")} changed`;
        else if (change.op === "update" && diffs.size > 0) change.note = `changes ${[...diffs].sort().join(", ")}`;
        return change;
    });
    const environments: Record<string, string> = {};
    if (environment) for (const c of changes) environments[stackOf(c.urn)] = environment;
    return { changes, environments, unknownOps };
}

function stateOf(v: unknown, file: string, line: number, side: string, problems: Problem[]): ResourceState | undefined {
    if (v === null || v === undefined) return undefined;
    if (!isObject(v)) {
        problems.push({ file, line, at: `resourcePreEvent.metadata.${side}`, message: "must be an object or null" });
        return undefined;
    }
    const inputs = v.inputs ?? {};
    if (!isObject(inputs)) {
        problems.push({ file, line, at: `resourcePreEvent.metadata.${side}.inputs`, message: "must be an object" });
        return undefined;
    }
    // `protect` is omitempty in StepEventStateMetadata: absent means false.
    return { protect: v.protect === true, inputs };
}

function strings(v: unknown): string[] {
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === "string") : [];
}

function isObject(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}
