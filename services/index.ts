// The service catalog's constructors: one entry per charter service that has a
// component. A stack turns a service on by config (k8s-infra:services.<id>); the
// program looks the constructor up here. Adding a service means adding a component
// folder and one line here, never a conditional elsewhere.

import * as pulumi from "@pulumi/pulumi";
import { ServicesConfig } from "../model/config";
import { EnabledService, StackModel } from "../model/stack-model";
import { makeName } from "../model/naming";
import { Gcs } from "./gcs";

export type ServiceFactory<K extends keyof ServicesConfig> =
    (service: EnabledService<K>, model: StackModel, opts: pulumi.ComponentResourceOptions) => pulumi.ComponentResource;

export const SERVICE_FACTORIES: { [K in keyof ServicesConfig]-?: ServiceFactory<K> } = {
    gcs: (service, model, opts) => new Gcs("gcs", {
        environment: model.environment,
        subproject: service.owner.name,
        sig: service.owner.sigs[0],
        ownersGroup: service.owner.ownersGroup,
        project: makeName({ kind: "project", family: "infra", stem: service.settings.project, environment: model.environment }),
        location: service.settings.location,
        buckets: service.settings.buckets,
        protect: model.config.protect,
    }, opts),
};

export function deployService(service: EnabledService, model: StackModel, opts: pulumi.ComponentResourceOptions = {}): pulumi.ComponentResource {
    const factory = SERVICE_FACTORIES[service.id] as ServiceFactory<typeof service.id>;
    return factory(service as EnabledService<typeof service.id>, model, opts);
}
