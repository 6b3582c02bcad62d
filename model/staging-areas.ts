// The roster's staging areas as a stack makes them: which areas its config selects
// (k8s-infra:services.artifact-staging.areas), each with the names it has in the
// stack's environment (project and bucket k8s-staging-<name>, writers group
// k8s-infra-staging-<name>@) and its owners resolved as a subproject's are, so the
// staffing policies judge them by the same rules. Pure data, no Pulumi.

import type { ArtifactStagingConfig } from "./service-config/artifact-staging";
import type { Problem } from "./errors";
import { Environment, checkName, nameIn } from "./naming";
import { stagingWritersGroupName } from "./group-names";
import { didYouMean } from "./did-you-mean";
import type { StagingArea } from "./roster/schema";
import type { OwnerRecord } from "./stack-model";

/** A staging area's project id, and its bucket's name, in prod form (k8s.io: k8s-staging-<name>). */
export function stagingProjectName(area: string): string {
    return `k8s-staging-${area}`;
}

/** Everything the components and the policies need about one staging area; the StagingArea component's args. */
export interface StagingAreaRecord {
    name: string;
    environment: Environment;
    /** The SIG that owns the area (its cost label). */
    sig: string;
    description: string | null;
    /** The project's prod id, as the inventory and the billing config know it. */
    prodProject: string;
    /** The project id, bucket name and writers group address in this stack's environment. */
    project: string;
    bucket: string;
    writersGroup: string;
    /** The subproject that runs the artifact-staging service. */
    subproject: string;
    owners: OwnerRecord[];
    /** Where the area is written down, e.g. roster/staging-areas.yaml:12. */
    source: string;
}

/** The areas `selection` makes, in the roster's order: all of them, or the ones it names. */
export function selectedAreas(areas: readonly StagingArea[], selection: ArtifactStagingConfig["areas"]): StagingArea[] {
    return selection === "all" ? [...areas] : areas.filter(a => selection.includes(a.name));
}

export interface StagingAreaContext {
    environment: Environment;
    domain: string;
    /** The stack file, for problems with the selection. */
    configFile: string;
    /** The subproject that runs the service. */
    subproject: string;
    ownerOf(handle: string): OwnerRecord;
    sourceOf(area: string): string;
}

/** The records of the areas the config selects, and the problems: a name the roster lacks, a name too long for this environment. */
export function buildStagingAreas(areas: readonly StagingArea[], settings: ArtifactStagingConfig, ctx: StagingAreaContext):
    { records: StagingAreaRecord[]; problems: Problem[] } {
    const problems: Problem[] = [];
    const at = (i?: number) => `k8s-infra:services.artifact-staging.areas${i === undefined ? "" : `[${i}]`}`;
    if (settings.areas !== "all") {
        settings.areas.forEach((name, i) => {
            if (areas.some(a => a.name === name)) return;
            problems.push({ file: ctx.configFile, at: at(i), message: `unknown staging area "${name}"; add it to roster/staging-areas.yaml first, ` +
                `or name one the roster has.${didYouMean(name, areas.map(a => a.name))}` });
        });
    }
    for (const name of Object.keys(settings.bucket.retentionSeconds)) {
        if (areas.some(a => a.name === name)) continue;
        problems.push({ file: ctx.configFile, at: `k8s-infra:services.artifact-staging.bucket.retentionSeconds.${name}`,
            message: `unknown staging area "${name}"; name one of roster/staging-areas.yaml.${didYouMean(name, areas.map(a => a.name))}` });
    }
    const env = ctx.environment;
    const records = selectedAreas(areas, settings.areas).map(area => {
        const prodProject = stagingProjectName(area.name);
        const project = nameIn({ kind: "project", name: prodProject, environment: env });
        const tooLong = checkName("project", project, env);
        if (tooLong) {
            problems.push({ file: ctx.configFile, at: at(), message: `staging area ${area.name} would have project ${project} in ${env}: ${tooLong.reason}; ` +
                `make a staging area with a shorter name in this stack` });
        }
        return {
            name: area.name,
            environment: env,
            sig: area.sig,
            description: area.description ?? null,
            prodProject,
            project,
            bucket: nameIn({ kind: "bucket", name: prodProject, environment: env }),
            writersGroup: nameIn({ kind: "group", name: stagingWritersGroupName(area.name), environment: env, domain: ctx.domain }),
            subproject: ctx.subproject,
            owners: area.owners.map(h => ctx.ownerOf(h)),
            source: ctx.sourceOf(area.name),
        };
    });
    return { records, problems };
}
