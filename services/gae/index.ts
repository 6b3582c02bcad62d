// App Engine: the application that serves Gubernator and Testgrid. One App Engine
// application per project (it cannot be deleted, only its project can); each app
// is a standard-environment version deployed from an archive in a bucket, runs as
// its own service account (not the App Engine default account, which is an
// editor), gets all traffic, and is dispatched from its domain.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { AppConfig, GaeConfig, serviceIdOf } from "../../model/service-config/gae";
import { ServiceComponent, nameFor, projectId, ServiceArgs } from "../service-component";
import type { ServiceDefinition } from "../definition";

/** gs://bucket/path -> the https URL App Engine deploys from. */
export function sourceUrl(gsUrl: string): string {
    return gsUrl.replace(/^gs:\/\//, "https://storage.googleapis.com/");
}

export class Gae extends ServiceComponent {
    /** gae-<app> -> runtime service account e-mail. */
    readonly serviceAccounts: Record<string, string> = {};

    constructor(name: string, { context: ctx, settings: args }: ServiceArgs<GaeConfig>, opts?: pulumi.ComponentResourceOptions) {
        super("Gae", name, { context: ctx, settings: args }, opts);
        const project = projectId(ctx, args.project);

        // App Engine cannot delete an application: protect it in prod like any stateful resource.
        const app = new gcp.appengine.Application(name, {
            project,
            locationId: args.location,
            servingStatus: "SERVING",
        }, this.child());

        new gcp.projects.IAMMember(`${name}-owners-deployer`, {
            project, role: "roles/appengine.deployer", member: `group:${ctx.ownersGroup}`,
        }, this.child());

        // App Engine creates the default service first; the others follow it.
        const ordered = [...args.apps].sort((a, b) => Number(serviceIdOf(args, b) === "default") - Number(serviceIdOf(args, a) === "default"));
        const deployed: pulumi.Resource[] = [];
        let defaultVersion: pulumi.Resource | undefined;
        for (const cfg of ordered) {
            const version = this.app(name, project, args, cfg, [app, ...(defaultVersion ? [defaultVersion] : [])]);
            if (serviceIdOf(args, cfg) === "default") defaultVersion = version;
            deployed.push(version);
        }

        const rules = ordered.filter(a => a.domain).map(a => ({ domain: a.domain!, path: "/*", service: serviceIdOf(args, a) }));
        if (rules.length > 0) {
            new gcp.appengine.ApplicationUrlDispatchRules(`${name}-dispatch`, {
                project, dispatchRules: rules,
            }, this.child({ dependsOn: deployed }));
        }
        this.finish({ application: project, serviceAccounts: this.serviceAccounts });
    }

    private app(component: string, project: string, args: GaeConfig, cfg: AppConfig, after: pulumi.Resource[]): pulumi.Resource {
        const ctx = this.ctx;
        const key = `${component}-${cfg.name}`;
        const service = serviceIdOf(args, cfg);

        const accountId = nameFor(ctx, "serviceAccount", `gae-${cfg.name}`);
        const email = `${accountId}@${project}.iam.gserviceaccount.com`;
        const account = new gcp.serviceaccount.Account(`${key}-runtime`, {
            accountId, project,
            displayName: `App Engine ${cfg.name}`,
            description: `Runtime service account of ${cfg.name} on App Engine; managed by k8s-infra, owned by ${ctx.subproject}.`,
        }, this.child());
        // Deploying a version that runs as this account takes actAs on it.
        const actAs = new gcp.serviceaccount.IAMMember(`${key}-runtime-owners-user`, {
            serviceAccountId: account.name, role: "roles/iam.serviceAccountUser", member: `group:${ctx.ownersGroup}`,
        }, this.child());

        const version = new gcp.appengine.StandardAppVersion(key, {
            project,
            service,
            versionId: cfg.version,
            runtime: cfg.runtime,
            entrypoint: { shell: cfg.entrypoint },
            deployment: { zip: { sourceUrl: sourceUrl(cfg.source) } },
            instanceClass: cfg.instanceClass,
            automaticScaling: { standardSchedulerSettings: { minInstances: cfg.minInstances, maxInstances: cfg.maxInstances } },
            serviceAccount: email,
            envVariables: cfg.env,
            // A new version replaces the old one: in prod the old one stays, stopped of traffic, to roll back to.
            noopOnDestroy: ctx.protect,
            // Never delete the service (its URL) with its last version.
            deleteServiceOnDestroy: false,
        }, this.child({ dependsOn: [...after, account, actAs] }));

        new gcp.appengine.EngineSplitTraffic(`${key}-traffic`, {
            project, service,
            migrateTraffic: false,
            split: { shardBy: "IP", allocations: { [cfg.version]: "1" } },
        }, this.child({ dependsOn: [version] }));

        this.serviceAccounts[`gae-${cfg.name}`] = email;
        return version;
    }
}

export const gaeService: ServiceDefinition<"gae"> = {
    deploy: (ctx, settings, opts) => {
        const gae = new Gae("gae", { context: ctx, settings }, opts);
        return { component: gae, exports: { serviceAccounts: gae.serviceAccounts } };
    },
};
