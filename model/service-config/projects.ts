// Which GCP projects (by prod id) an enabled service uses, so that every one of them
// gets a project resource and a budget routed to the owning subproject. Each
// service's config has a `project`, but artifact-staging's, whose projects are its
// staging areas' (model/staging-areas.ts); a service that uses more says so here.

import type { DeployableService, ServicesConfig } from "../config";
import { poolProjects } from "./test-pool";
import { gkeProjects } from "./gke";

export function projectsOf<K extends DeployableService>(id: K, settings: NonNullable<ServicesConfig[K]>): string[] {
    const s = settings as { project?: string };
    const extra = EXTRA_PROJECTS[id]?.(settings) ?? [];
    return [...(s.project ? [s.project] : []), ...extra];
}

/** Services that use more than their main project. */
const EXTRA_PROJECTS: { [K in DeployableService]?: (settings: NonNullable<ServicesConfig[K]>) => string[] } = {
    "gcr": s => s.redirector ? [s.redirector.project] : [],
    "gcs": s => s.buckets.flatMap(b => b.project ? [b.project] : []),
    "test-pool": s => poolProjects(s),
    "gke": s => gkeProjects(s),
};
