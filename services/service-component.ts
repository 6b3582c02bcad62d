// What every charter service component shares: the context it is deployed in
// (environment, owning subproject, its groups and labels, protection), and the
// outputs every service registers so that policies can tell which subproject a
// deployed service belongs to. Components extend ServiceComponent.

import * as pulumi from "@pulumi/pulumi";
import { Environment, NameKind, nameIn } from "../model/naming";
import { LabelKey, standardLabels } from "../model/labels";
import { ServiceId } from "../model/services";
import { SERVICE_COMPONENT_PREFIX } from "../model/resource-types";
import { withDeletionGuards } from "./deletion-guards";

/** Everything a service needs to know about where it is deployed and who owns it. */
export interface ServiceContext {
    service: ServiceId;
    environment: Environment;
    /** The org domain (kubernetes.io) for group e-mails. */
    domain: string;
    /** The owning subproject, its first SIG (for labels) and its owners group e-mail. */
    subproject: string;
    sig: string;
    ownersGroup: string;
    /** Monitoring notification channel (resource name) that reaches the subproject's on-call. */
    notificationChannel: pulumi.Input<string>;
    /** The monitoring project that holds notification channels and alert policies. */
    monitoringProject: string;
    /** The four cost-attribution labels. */
    labels: Record<LabelKey, string>;
    /** Protect stateful resources and set their deletion guards (prod): services/deletion-guards.ts. */
    protect: boolean;
}

export function serviceLabels(ctx: Pick<ServiceContext, "subproject" | "sig" | "environment">): Record<LabelKey, string> {
    return standardLabels({ subproject: ctx.subproject, sig: ctx.sig, environment: ctx.environment });
}

/** A name in this service's environment: `name` is its prod form, as stack config gives it (model/naming.ts). */
export function nameFor(ctx: Pick<ServiceContext, "environment" | "domain">, kind: NameKind, name: string): string {
    return nameIn({ kind, name, environment: ctx.environment, domain: ctx.domain });
}

/** The GCP project id in this environment for a project's prod id (the id itself in prod, plus -stg in staging). */
export function projectId(ctx: Pick<ServiceContext, "environment">, prodId: string): string {
    return nameIn({ kind: "project", name: prodId, environment: ctx.environment });
}

/**
 * A bucket location as GCS gives it back (upper case: US, US-CENTRAL1). The provider
 * takes either case, but the program writes the canonical form so that an adopted
 * bucket's Read and the program's inputs compare equal (no update, no replacement).
 */
export function bucketLocation(location: string): string {
    return location.toUpperCase();
}

/** What a service component is given, as Pulumi components take `(name, args, opts)`: where it is deployed, and its settings. */
export interface ServiceArgs<S> {
    context: ServiceContext;
    settings: S;
}

export abstract class ServiceComponent extends pulumi.ComponentResource {
    readonly ctx: ServiceContext;

    protected constructor(typeName: string, name: string, args: ServiceArgs<object>, opts?: pulumi.ComponentResourceOptions) {
        const ctx = args.context;
        // The settings are the component's inputs as policies see them: always with the owner.
        // Every child of a stateful type gets protect and its deletion guards from ctx.protect.
        super(`${SERVICE_COMPONENT_PREFIX}${typeName}`, name, { service: ctx.service, subproject: ctx.subproject, environment: ctx.environment, ...args.settings },
            withDeletionGuards(opts, ctx.protect));
        this.ctx = ctx;
    }

    /** Options for a child resource. */
    protected child(opts: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
        return { parent: this, ...opts };
    }

    /** Registers the outputs, always with `service` and `subproject` (the staffing policy reads them). */
    protected finish(outputs: Record<string, pulumi.Input<unknown>>): void {
        this.registerOutputs({ service: this.ctx.service, subproject: this.ctx.subproject, ...outputs });
    }
}
