// Artifact staging: one k8s-staging-<name> project per staging area of the roster
// (roster/staging-areas.yaml), where the area's team builds and pushes images and
// binaries before the image promoter copies them to production. Which areas a stack
// makes is its config (all in prod, a few in staging); each one is a StagingArea
// (./staging-area.ts). Existing projects and buckets are adopted by their import ids.

import * as pulumi from "@pulumi/pulumi";
import type { ArtifactStagingConfig } from "../../model/service-config/artifact-staging";
import type { StagingAreaRecord } from "../../model/staging-areas";
import { ServiceComponent, ServiceArgs } from "../service-component";
import type { ServiceDefinition } from "../definition";
import { StagingArea } from "./staging-area";

export class ArtifactStaging extends ServiceComponent {
    /** staging-<name> -> the area's registry URL. */
    readonly registries: Record<string, pulumi.Output<string>> = {};
    /** The bucket's prod name (k8s-staging-<name>) -> its name in this stack. */
    readonly buckets: Record<string, pulumi.Output<string>> = {};

    constructor(name: string, { context: ctx, settings: args, areas }: ServiceArgs<ArtifactStagingConfig> & { areas: readonly StagingAreaRecord[] }, opts?: pulumi.ComponentResourceOptions) {
        super("ArtifactStaging", name, { context: ctx, settings: { ...args, areaNames: areas.map(a => a.name) } }, opts);
        for (const record of areas) {
            const area = new StagingArea(record.name, { record, settings: args }, { parent: this });
            this.registries[`staging-${record.name}`] = area.registry;
            this.buckets[record.prodProject] = area.bucket;
        }
        this.finish({ registries: this.registries, buckets: this.buckets });
    }
}

export const artifactStagingService: ServiceDefinition<"artifact-staging", readonly StagingAreaRecord[]> = {
    // The areas come from the roster through the stack model (model/staging-areas.ts), checked before any resource.
    prepare: (_settings, _environment, _projectDir, _inventory, model) => model?.stagingAreas ?? [],
    deploy: (ctx, settings, opts, areas = []) => {
        const staging = new ArtifactStaging("artifact-staging", { context: ctx, settings, areas }, opts);
        return { component: staging, exports: { registries: staging.registries, buckets: staging.buckets } };
    },
};
