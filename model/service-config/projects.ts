// Which GCP projects (by stem) an enabled service uses, so that every one of them
// gets a project resource and a budget routed to the owning subproject. Each
// service's config has a `project`; a service that uses more says so here.

import type { DeployableService, ServicesConfig } from "../config";
import { poolStems } from "./test-pool";
import { gkeProjectStems } from "./gke";

export function projectStemsOf<K extends DeployableService>(id: K, settings: NonNullable<ServicesConfig[K]>): string[] {
    const s = settings as { project: string };
    const extra = EXTRA_PROJECTS[id]?.(settings) ?? [];
    return [s.project, ...extra];
}

/** Services that use more than their main project. */
const EXTRA_PROJECTS: { [K in DeployableService]?: (settings: NonNullable<ServicesConfig[K]>) => string[] } = {
    "gcr": s => [s.stagingProject],
    "test-pool": s => poolStems(s),
    "gke": s => gkeProjectStems(s),
};
