// A real preview's event log (read by tools/engine-events) as a StackReport, so a
// preview is reported exactly like the offline check: violations from its
// policyEvents (written even when the preview then fails on a mandatory one, which
// `pulumi preview --json` and the pulumi/actions comment leave out), with the
// policies' descriptions and severities from the pack at hand; resource changes from
// the folded steps, counted as the summaryEvent counts them when there is one; and
// how the preview went (`preview`), so no renderer says "pass" for policies that
// did not run.

import { ResourceSummary, locationFacts } from "../results/result";
import type { Violation } from "../results/types";
import { EventLog, PolicyEvent, ResourceSteps, countOps, enforcementLevel, stripColors } from "../engine-events";
import { ResourceChange, StackReport, UNKNOWN_STACK } from "./model";
import type { KnownPack } from "./pack";
import { parseUrn } from "../../model/urn";
import { propertyAt } from "../../model/property-path";

/** One log is one stack's preview; `stack` names it when no event does. */
export function reportFromEventLog(log: EventLog, known?: KnownPack, stack?: string): StackReport[] {
    const { outcome } = log;
    const violations = log.violations.map(v => violation(v.event, known));
    const steps = log.steps.resources;
    const counts = outcome.summary ? { ...outcome.summary.resourceChanges } : steps.length > 0 ? countOps(steps) : undefined;
    const packName = violations[0]?.pack ?? outcome.packs[0]?.name ?? known?.name ?? "";
    const packVersion = violations[0]?.packVersion ?? outcome.packs.find(p => p.name === packName)?.version ??
        (known?.name === packName ? known.version : "");
    return [{
        stack: log.stack ?? stack ?? UNKNOWN_STACK,
        project: log.project ?? "",
        source: "preview",
        resources: steps.filter(s => s.op !== "delete" && s.op !== "discard").map(resource),
        pack: { name: packName, version: packVersion, policies: known && known.name === packName ? known.policies : [] },
        violations,
        seconds: outcome.summary?.durationSeconds ?? 0,
        ...(counts ? { changes: { counts: counts as Record<string, number>, steps: steps.filter(s => s.op !== "same").map(change) } } : {}),
        preview: { status: outcome.status, errors: outcome.errors, refused: outcome.refused, notRun: outcome.notRun, packs: outcome.packs },
    }];
}

function resource(s: ResourceSteps): ResourceSummary {
    const state = s.new ?? s.old;
    const name = parseUrn(s.urn)!.name;
    // A component's record is in its outputs (resOutputsEvent); a custom resource's name in its inputs.
    const read = (dotted: string) => stringAt(state?.outputs, dotted) ?? stringAt(state?.inputs, dotted);
    return { type: s.type, name, urn: s.urn, parent: state?.parent ?? "", protect: state?.protect === true, ...locationFacts(s.type, read) };
}

function stringAt(obj: unknown, dotted: string): string | undefined {
    const v = propertyAt(obj, dotted);
    return typeof v === "string" ? v : undefined;
}

function change(s: ResourceSteps): ResourceChange {
    // `protect` is omitempty: absent is false. The old state says whether the change touches a protected resource.
    const protect = s.old ? s.old.protect === true : s.new?.protect === true;
    return { op: s.op, urn: s.urn, type: s.type, name: parseUrn(s.urn)!.name, protect };
}

function violation(p: PolicyEvent, known?: KnownPack): Violation {
    const text = stripColors(p.message).replace(/\s+$/, "");
    const policy = known?.name === p.policyPackName ? known.policies.find(k => k.name === p.policyName) : undefined;
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
        level: enforcementLevel(p),
        severity: p.severity || policy?.severity || "",
        urn: p.resourceUrn ?? "",
        description,
        message: message.trim(),
    };
}
