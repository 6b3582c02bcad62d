// Roster + stack config -> the model the components are made from. Pure data,
// no Pulumi: each subproject with its owners resolved (canonical organization,
// vetting, which contact details are on record) and each enabled service with the
// subproject that owns it. Policies later judge these facts; nothing is judged here.

import { DeployableService, ServicesConfig, StackConfig } from "./config";
import { InputError, Problem } from "./errors";
import { Environment, nameIn } from "./naming";
import { ownersGroupName, workingGroupGroupName } from "./group-names";
import { Location, Roster } from "./roster/load";
import { SERVICES, SERVICE_IDS, ServiceId } from "./services";
import { projectsOf } from "./service-config/projects";
import { StagingAreaRecord, buildStagingAreas } from "./staging-areas";

export interface OwnerRecord {
    github: string;
    name: string;
    /** As written in the roster. */
    affiliation: string;
    /** Where the affiliation is written, e.g. roster/people.yaml:24: the line an over-representation may have come from. */
    affiliationSource: string;
    /** Canonical top-level organization, or null for an independent owner. */
    organization: string | null;
    timezone: string;
    vetting: { vouchedBy: string[]; date: string } | null;
    /** Which private contact details are on record (the values are secret). */
    contact: { alternateEmail: boolean; phone: boolean };
}

export interface WaiverRecord {
    rule: string;
    reason: string;
    expires: string;
    plan: string;
}

/** Everything the policies need to know about a subproject; sent as the Subproject component's args. */
export interface SubprojectRecord {
    name: string;
    environment: Environment;
    sigs: string[];
    services: string[];
    phase: "bootstrapping" | "steady";
    owners: OwnerRecord[];
    oncall: { rotation: string; escalation: string[] } | null;
    waivers: WaiverRecord[];
    ownersGroup: string;
    /** Where the subproject is written down, e.g. roster/subprojects.yaml:33. */
    source: string;
}

export interface WorkingGroupRecord {
    name: string;
    environment: Environment;
    domain: string;
    leads: string[];
    /** By handle as written: the day each lead took office (who may vouch from when). */
    leadsSince: Record<string, string>;
    orgAdminsGroup: string;
    contactReadersGroup: string;
    breakGlass: string[];
}

export interface EnabledService<K extends DeployableService = DeployableService> {
    id: K;
    owner: SubprojectRecord;
    settings: NonNullable<ServicesConfig[K]>;
}

/** A GCP project the stack uses, the subproject that owns it, and its monthly budget. */
export interface ProjectRecord {
    /** The prod id, as config gives it. */
    name: string;
    /** The id in this stack's environment. */
    id: string;
    subproject: string;
    sig: string;
    monthlyUsd: number;
}

/** A charter service's migration, as the status report and the stack outputs show it. */
export interface MigrationRecord {
    id: ServiceId;
    title: string;
    previously: string;
    status: "not-started" | "in-progress" | "migrated";
    sig: string;
    subproject: string | null;
}

export interface StackModel {
    environment: Environment;
    config: StackConfig;
    workingGroup: WorkingGroupRecord;
    subprojects: SubprojectRecord[];
    services: EnabledService[];
    projects: ProjectRecord[];
    migration: MigrationRecord[];
    /** The staging areas the artifact-staging service makes in this stack (none when it is off). */
    stagingAreas: StagingAreaRecord[];
}

export function buildModel(
    roster: Roster,
    config: StackConfig,
    configFile: string,
): StackModel {
    const environment = config.environment;
    const domain = config.org.domain;
    const group = (name: string) => nameIn({ kind: "group", name, environment, domain });

    const subprojects: SubprojectRecord[] = roster.subprojects.map(sub => ({
        name: sub.name,
        environment,
        sigs: sub.sigs,
        services: sub.services,
        phase: sub.phase,
        owners: sub.owners.map(handle => ownerRecord(roster, handle)),
        oncall: sub.oncall ?? null,
        waivers: sub.waivers,
        ownersGroup: group(ownersGroupName(sub.name)),
        source: sourceOf(roster.locate("subproject", sub.name)),
    }));

    const wg = roster.workingGroup;
    const workingGroup: WorkingGroupRecord = {
        name: wg.name,
        environment,
        domain,
        leads: wg.leads,
        leadsSince: wg.leadsSince,
        orgAdminsGroup: group(workingGroupGroupName(wg.groups.orgAdmins)),
        contactReadersGroup: group(workingGroupGroupName(wg.groups.contactReaders)),
        breakGlass: wg.breakGlass,
    };

    const { services, stagingAreas } = ownedServices(roster, config, configFile, subprojects);
    const migration: MigrationRecord[] = SERVICE_IDS.map(id => ({
        id,
        title: SERVICES[id].title,
        ...roster.migration[id],
        subproject: subprojects.find(s => s.services.includes(id))?.name ?? null,
    }));
    return { environment, config, workingGroup, subprojects, services, projects: projectRecords(config, wg.name, services, stagingAreas), migration, stagingAreas };
}

/**
 * The services the stack turns on, each with its owning subproject, and the staging areas the
 * artifact-staging config selects; every service without an owner, and every subproject the
 * config names that the roster lacks, is a problem, thrown together.
 */
function ownedServices(roster: Roster, config: StackConfig, configFile: string, subprojects: SubprojectRecord[]): { services: EnabledService[]; stagingAreas: StagingAreaRecord[] } {
    const problems: Problem[] = [];
    const services: EnabledService[] = [];
    for (const [id, settings] of Object.entries(config.services) as [DeployableService, ServicesConfig[DeployableService]][]) {
        if (!settings) continue;
        const owner = subprojects.find(s => s.services.includes(id));
        if (!owner) {
            problems.push({ file: configFile, at: `k8s-infra:services.${id}`, message: `service ${id} is on, but no subproject in the roster owns it; add it to a subproject's services in subprojects.yaml` });
            continue;
        }
        services.push({ id, owner, settings } as EnabledService);
    }
    // Config that names a subproject must name one the roster has.
    config.services["credential-store"]?.secrets.forEach((secret, i) => {
        if (!subprojects.some(sp => sp.name === secret.subproject)) {
            problems.push({ file: configFile, at: `k8s-infra:services.credential-store.secrets[${i}].subproject`,
                message: `unknown subproject "${secret.subproject}"; use one from roster/subprojects.yaml (${subprojects.map(sp => sp.name).join(", ")})` });
        }
    });
    // The staging areas the artifact-staging config selects, owned as the service is.
    const staging = services.find(s => s.id === "artifact-staging") as EnabledService<"artifact-staging"> | undefined;
    const areas = staging ? buildStagingAreas(roster.stagingAreas, staging.settings, {
        environment: config.environment, domain: config.org.domain, configFile, subproject: staging.owner.name,
        ownerOf: handle => ownerRecord(roster, handle),
        sourceOf: area => sourceOf(roster.locate("staging-area", area)),
    }) : { records: [], problems: [] };
    problems.push(...areas.problems);
    if (problems.length > 0) {
        throw new InputError("stack model", problems);
    }
    return { services, stagingAreas: areas.records };
}

/** Every project a service uses (and the governance project, and each staging area's), each owned by one subproject. */
function projectRecords(config: StackConfig, workingGroup: string, services: EnabledService[], areas: StagingAreaRecord[]): ProjectRecord[] {
    const projects = new Map<string, ProjectRecord>();
    const addProject = (name: string, subproject: string, sig: string) => {
        if (projects.has(name)) return;
        const monthlyUsd = config.billing.monthlyUsd[name] ?? config.billing.defaultMonthlyUsd;
        projects.set(name, { name, id: nameIn({ kind: "project", name, environment: config.environment }), subproject, sig, monthlyUsd });
    };
    addProject(config.governance.project, workingGroup, "k8s-infra");
    for (const s of services) {
        for (const name of projectsOf(s.id, s.settings)) addProject(name, s.owner.name, s.owner.sigs[0]);
    }
    for (const area of areas) addProject(area.prodProject, area.subproject, area.sig);
    return [...projects.values()];
}

/** An owner as the policies judge them: canonical organization, where the affiliation is written, vetting, contacts on record. */
export function ownerRecord(roster: Roster, handle: string): OwnerRecord {
    const p = roster.people.get(handle.toLowerCase())!;
    return {
        github: p.github,
        name: p.name,
        affiliation: p.affiliation,
        affiliationSource: sourceOf(roster.locate("person", p.github, "affiliation")),
        organization: roster.organizations.rootOf(p.affiliation),
        timezone: p.timezone,
        vetting: p.vetting ? { vouchedBy: p.vetting.vouchedBy, date: p.vetting.date } : null,
        contact: contactOnFile(roster, p.github),
    };
}

/** Which private details the leads hold for a person (roster/contacts-on-file.yaml): presence only. */
function contactOnFile(roster: Roster, handle: string): { alternateEmail: boolean; phone: boolean } {
    const filed = roster.contactsOnFile.get(handle.toLowerCase());
    return { alternateEmail: !!filed?.alternateEmail, phone: !!filed?.phone };
}

/** A roster location as messages quote it: file:line, or the file alone. */
function sourceOf(where: Location): string {
    return where.line ? `${where.file}:${where.line}` : where.file;
}
