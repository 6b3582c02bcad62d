// Stack config for the App Engine service (k8s-infra:services.gae): the App
// Engine application and the apps it serves (Gubernator, Testgrid), each from a
// deployment archive in a bucket, at a version, on a domain.

import { z } from "zod";
import { ProjectId } from "./names";
import { uniqueBy } from "./unique";

/** App Engine service ids: lowercase letters, digits and hyphens. */
const SERVICE_ID = /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/;
/** The runtime service account is gae-<name>(-stg), and a service account id has 6-30 characters. */
export const MAX_APP_NAME = 30 - "gae-".length - "-stg".length;

export const AppConfig = z.strictObject({
    /** The app (gubernator, testgrid): its App Engine service id, unless it is the default service. */
    name: z.string()
        .regex(SERVICE_ID, { message: "is not an App Engine service id (lowercase letters, digits and hyphens, starting with a letter)" })
        .min(2, { message: "needs at least 2 characters (its service account is gae-<name>)" })
        .max(MAX_APP_NAME, { message: `is longer than ${MAX_APP_NAME} characters; its service account gae-<name>-stg must fit in 30` })
        .refine(n => n !== "default", { message: "is reserved: name the app (gubernator) and set defaultService to it instead" }),
    /** App Engine standard runtime (python312, go122). */
    runtime: z.string().regex(/^[a-z]+[0-9]+$/, { message: "is not an App Engine standard runtime like python312 or go122" }),
    /** The command that starts the app (gunicorn -b :$PORT main:app). */
    entrypoint: z.string().min(1),
    /** The deployment archive: gs://<bucket>/<path>.zip, built and uploaded by the app's release job. */
    source: z.string().regex(/^gs:\/\/[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]\/\S+\.zip$/, { message: "is not a deployment archive like gs://<bucket>/<path>.zip" }),
    /** The version id to deploy and send all traffic to (v20250101); a new id deploys a new version. */
    version: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, { message: "is not an App Engine version id (lowercase letters, digits and hyphens, like v20250101)" })
        .refine(v => !v.startsWith("ah-"), { message: "starts with ah-, which App Engine reserves" }),
    instanceClass: z.enum(["F1", "F2", "F4", "F4_1G"]).default("F1"),
    minInstances: z.number().int().min(0).default(0),
    maxInstances: z.number().int().positive().default(5),
    /** Custom domain that dispatches to this app (gubernator.k8s.io); none: only the appspot.com URLs. */
    domain: z.string().regex(/^(?:[a-z0-9-]+\.)+[a-z]{2,}$/, { message: "is not a domain like gubernator.k8s.io" }).optional(),
    /** Environment variables (no secrets: these are plain text in the version). */
    env: z.record(z.string(), z.string()).default({}),
}).refine(a => a.minInstances <= a.maxInstances, { message: "minInstances is larger than maxInstances", path: ["minInstances"] });
export type AppConfig = z.infer<typeof AppConfig>;

export const GaeConfig = z.strictObject({
    /** The project's prod id (model/naming.ts), e.g. kubernetes-public. One App Engine application per project. */
    project: ProjectId,
    /** App Engine location id. Note App Engine's own names: us-central, europe-west (no trailing 1). */
    location: z.string()
        .regex(/^[a-z]+-[a-z]+[0-9]*$/, { message: "is not an App Engine location like us-central or europe-west2" })
        .refine(l => l !== "us-central1" && l !== "europe-west1", { message: "is the Compute Engine name; App Engine calls this region us-central or europe-west" }),
    /** The app App Engine serves as its `default` service (App Engine needs one before any other). */
    defaultService: z.string().min(1),
    apps: z.array(AppConfig).min(1)
        .superRefine(uniqueBy("name", a => [a.name]))
        .superRefine(uniqueBy("domain (one domain dispatches to one app)", a => a.domain ? [a.domain] : [])),
}).refine(g => g.apps.some(a => a.name === g.defaultService),
    { message: "names no app in apps; set it to the name of the app App Engine serves by default", path: ["defaultService"] });
export type GaeConfig = z.infer<typeof GaeConfig>;

/** The App Engine service id an app is deployed as. */
export function serviceIdOf(settings: Pick<GaeConfig, "defaultService">, app: Pick<AppConfig, "name">): string {
    return app.name === settings.defaultService ? "default" : app.name;
}
