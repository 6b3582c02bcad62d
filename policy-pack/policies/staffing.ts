// Staffing: every subproject that owns a deployed service has at least 3 distinct
// owners, and no organization holds more than 1/3 of them. The charter tolerates
// over-representation while bootstrapping: a live waiver turns that violation into
// an advisory that quotes the expiry and the plan; past the expiry it is mandatory,
// and so it is when the expiry lies more than MAX_WAIVER_DAYS after the day judged.
// Each staging area a stack makes (the artifact-staging service) is judged by the
// same two rules on its own owners; it has no phase and no waiver.

import { StackValidationPolicy } from "@pulumi/policy";
import { MAX_SHARE_TEXT, MIN_OWNERS, RULE } from "@k8s-infra/model/rules";
import { OrganizationShare, distinctOwners, representation, toRebalance } from "@k8s-infra/model/representation";
import { SERVICE_COMPONENT_PREFIX } from "@k8s-infra/model/resource-types";
import type { OwnerRecord } from "@k8s-infra/model/stack-model";
import { at, asArray, asString, eachKnown, stagingAreas, subprojects } from "../lib/resources";
import { CLOCK_CONFIG, today } from "../lib/clock";
import { tooLongMessage, waiverState } from "@k8s-infra/model/waivers";

export const subprojectStaffing: StackValidationPolicy = {
    name: RULE.staffing,
    description: `Every subproject that owns a deployed service has at least ${MIN_OWNERS} distinct owners (charter: Roles and Organization Management).`,
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        // Which subprojects own a service component in this stack.
        const deployed = new Map<string, string[]>();
        eachKnown(args.resources.filter(r => r.type.startsWith(SERVICE_COMPONENT_PREFIX)), r => {
            const owner = asString(r.props.subproject);
            const service = asString(r.props.service) ?? r.type.slice(SERVICE_COMPONENT_PREFIX.length);
            if (owner) deployed.set(owner, [...(deployed.get(owner) ?? []), service]);
        });
        eachKnown(subprojects(args.resources), ({ urn, record }) => {
            const services = deployed.get(record.name);
            if (!services) return;
            const short = understaffed(record.owners);
            if (short) reportViolation(`Subproject ${record.name}${at(record)} owns deployed service(s) ${services.join(", ")} but ${short}`, urn);
        });
        // Every staging area in the stack is deployed.
        eachKnown(stagingAreas(args.resources), ({ urn, record }) => {
            const short = understaffed(record.owners);
            if (short) reportViolation(`Staging area ${record.name}${at(record)} ${short}`, urn);
        });
    },
};

/** "has 2 distinct owner(s) (a, b); add 1 more to owners in the roster.", or undefined when `owners` are enough. */
function understaffed(ownerList: unknown): string | undefined {
    const owners = distinctOwners(asArray<{ github: string }>(ownerList));
    if (owners.length >= MIN_OWNERS) return undefined;
    return `has ${owners.length} distinct owner(s) (${owners.map(o => o.github).join(", ") || "none"}); ` +
        `add ${MIN_OWNERS - owners.length} more to owners in the roster.`;
}

/**
 * The over-represented organizations: who holds each share, how many owners to
 * add from elsewhere or rotate out, and the people.yaml line of each affiliation
 * (where the change that caused it, if one did, was made).
 */
function overText(over: readonly OrganizationShare[], total: number, owners: readonly OwnerRecord[]): string {
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    const shares = over.map(s => `${s.organization} holds ${s.count} of ${total} (${s.owners.join(", ")})`).join(" and ");
    const add = Math.max(...over.map(s => toRebalance(s, total).add));
    const rotate = over.map(s => `${plural(toRebalance(s, total).rotateOut, `${s.organization} owner`)}`).join(" and ");
    const lines = over.flatMap(s => s.owners).map(h => {
        const source = owners.find(o => o.github === h)?.affiliationSource;
        return typeof source === "string" && source ? `${h} ${source}` : h;
    });
    return `${shares}; no organization may hold more than ${MAX_SHARE_TEXT} of the owners. ` +
        `Add ${plural(add, "owner")} from other organizations, or rotate out ${rotate} for owners from elsewhere. ` +
        `Affiliations, if one changed: ${lines.join(", ")}.`;
}

interface Judged {
    urn: string;
    message: string;
    waiver?: { expires: string; plan: string; reason: string };
    /** Why no waiver applies (expired, or too long), for the mandatory message; "" when there is none. */
    note: string;
}

/** Over-represented subprojects, each with the live representation waiver, or why none applies; then staging areas, which have none. */
function overRepresented(resources: Parameters<StackValidationPolicy["validateStack"]>[0]["resources"], day: string): Judged[] {
    const judged: Judged[] = [];
    eachKnown(subprojects(resources), ({ urn, record }) => {
        const owners = asArray<OwnerRecord>(record.owners);
        const rep = representation(owners);
        if (rep.over.length === 0) return;
        const message = `Subproject ${record.name}${at(record)}: ${overText(rep.over, rep.total, owners)}`;
        const waivers = asArray<{ rule: string; expires: string; plan: string; reason: string }>(record.waivers)
            .filter(w => w.rule === RULE.representation)
            .sort((a, b) => b.expires.localeCompare(a.expires));
        const usable = record.phase === "bootstrapping" ? waivers : [];
        const live = usable.find(w => waiverState(w.expires, day) === "live");
        const tooLong = usable.find(w => waiverState(w.expires, day) === "too-long");
        const note = tooLong ? ` ${tooLongMessage(tooLong.expires, day)}`
            : waivers[0] ? ` The bootstrapping waiver expired on ${waivers[0].expires}.` : "";
        judged.push(live ? { urn, message, waiver: live, note: "" } : { urn, message, note });
    });
    eachKnown(stagingAreas(resources), ({ urn, record }) => {
        const owners = asArray<OwnerRecord>(record.owners);
        const rep = representation(owners);
        if (rep.over.length > 0) judged.push({ urn, message: `Staging area ${record.name}${at(record)}: ${overText(rep.over, rep.total, owners)}`, note: "" });
    });
    return judged;
}

export const maximalRepresentation: StackValidationPolicy = {
    name: RULE.representation,
    description: `No organization (aliases and subsidiaries counted together) holds more than ${MAX_SHARE_TEXT} of a subproject's owners.`,
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: CLOCK_CONFIG,
    validateStack: (args, reportViolation) => {
        for (const j of overRepresented(args.resources, today(args))) {
            if (j.waiver) continue;
            reportViolation(j.message + j.note, j.urn);
        }
    },
};

export const maximalRepresentationWaived: StackValidationPolicy = {
    name: RULE.representationWaived,
    // The description stays as recorded event logs quote it (tests/fixtures/event-logs); the bound is in the messages.
    description: "A bootstrapping subproject is over-represented under a live waiver: tolerated until the waiver expires (charter: bootstrapping exception).",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: CLOCK_CONFIG,
    validateStack: (args, reportViolation) => {
        for (const j of overRepresented(args.resources, today(args))) {
            if (!j.waiver) continue;
            reportViolation(`${j.message} Waived until ${j.waiver.expires}: ${j.waiver.reason} Plan: ${j.waiver.plan}`, j.urn);
        }
    },
};
