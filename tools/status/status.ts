// The migration status and disband readiness, from the roster alone: for each
// charter service, where it ran before, its status, its SIG, the subproject that
// runs it, that subproject's staffing and representation, and any waiver. The
// working group disbands when every service is migrated and owned by a SIG; the
// text says first whether it may.

import { Roster } from "../../model/roster/load";
import { SERVICES, SERVICE_IDS, ServiceId } from "../../model/services";
import { MIN_OWNERS, RULE } from "../../model/rules";
import { WaiverState, waiverState } from "../../model/waivers";
import { distinctOwners, representation } from "../../model/representation";

export interface ServiceStatus {
    id: ServiceId;
    title: string;
    status: string;
    previously: string;
    sig: string;
    subproject: string | null;
    owners: number;
    staffed: boolean;
    /** "ok", or the organizations over 1/3, e.g. "Google 2/3". */
    representation: string;
    representationOk: boolean;
    /** Expiry of a representation waiver, and how it stands on the day judged (model/waivers.ts). */
    waiver: { expires: string; state: WaiverState } | null;
}

export interface StatusReport {
    asOf: string;
    services: ServiceStatus[];
    migrated: number;
    total: number;
    /** Subprojects that own a service and meet staffing and representation without a waiver. */
    subprojectsReady: number;
    subprojects: number;
    disbandReady: boolean;
    blockers: string[];
}

export function statusReport(roster: Roster, asOf: string): StatusReport {
    const services = SERVICE_IDS.map((id): ServiceStatus => {
        const m = roster.migration[id];
        const sub = roster.subprojects.find(s => s.services.includes(id));
        const owners = sub ? distinctOwners(sub.owners.map(h => ({ github: h }))) : [];
        const rep = representation(owners.map(o => ({
            github: o.github,
            organization: roster.organizations.rootOf(roster.people.get(o.github.toLowerCase())?.affiliation ?? "independent"),
        })));
        const waiver = sub?.waivers.filter(w => w.rule === RULE.representation).sort((a, b) => b.expires.localeCompare(a.expires))[0];
        return {
            id,
            title: SERVICES[id].title,
            status: m.status,
            previously: m.previously,
            sig: m.sig,
            subproject: sub?.name ?? null,
            owners: owners.length,
            staffed: owners.length >= MIN_OWNERS,
            representation: rep.over.length === 0 ? "ok" : rep.over.map(s => `${s.organization} ${s.count}/${rep.total}`).join(", "),
            representationOk: rep.over.length === 0,
            waiver: waiver ? { expires: waiver.expires, state: waiverState(waiver.expires, asOf) } : null,
        };
    });
    const migrated = services.filter(s => s.status === "migrated" && s.sig !== "").length;
    const owning = [...new Set(services.map(s => s.subproject).filter((s): s is string => s !== null))];
    const ready = owning.filter(name => services.filter(s => s.subproject === name).every(s => s.staffed && s.representationOk));
    const blockers = [
        ...services.filter(s => s.status !== "migrated").map(s => `${s.id} is ${s.status}`),
        ...services.filter(s => !s.subproject).map(s => `${s.id} has no owning subproject`),
        ...owning.filter(n => !ready.includes(n)).map(n => `${n} does not meet staffing or representation`),
    ];
    return {
        asOf, services, migrated, total: services.length,
        subprojectsReady: ready.length, subprojects: owning.length,
        disbandReady: blockers.length === 0, blockers,
    };
}

export function renderStatusText(r: StatusReport): string {
    const header = ["service", "status", "SIG", "subproject", "owners", "representation", "waiver expires", "previously"];
    const rows = r.services.map(s => [
        s.id, s.status, s.sig, s.subproject ?? "-", `${s.owners}${s.staffed ? "" : " (<3)"}`, s.representation,
        s.waiver ? `${s.waiver.expires}${s.waiver.state === "live" ? "" : ` (${s.waiver.state})`}` : "-", s.previously,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(row => row[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => i === cells.length - 1 ? c : c.padEnd(widths[i])).join("  ").trimEnd();
    // The verdict first: whether the working group may disband, and what is left to do.
    return [
        r.disbandReady ? "Disband criteria: met." : `Disband criteria: not met (${r.blockers.length} to go): ${r.blockers.join("; ")}.`,
        `WG K8s Infra migration status as of ${r.asOf}`,
        "",
        line(header),
        line(widths.map(w => "-".repeat(w))),
        ...rows.map(line),
        "",
        `Migrated and owned by a SIG: ${r.migrated} of ${r.total} services.`,
        `Subprojects meeting staffing and representation: ${r.subprojectsReady} of ${r.subprojects}.`,
        "",
    ].join("\n");
}
