// The contract between the program and a service: given where it is deployed
// (ServiceContext) and its stack config, a service makes its component and says
// what it contributes to the stack outputs (model/outputs.ts).

import * as pulumi from "@pulumi/pulumi";
import type { DeployableService, ServicesConfig } from "../model/config";
import type { ServiceExportKey, StackOutputs } from "../model/outputs";
import type { ServiceContext } from "./service-component";
import type { Environment } from "../model/naming";
import type { Inventory } from "../model/inventory/load";
import type { StackModel } from "../model/stack-model";

/** What a service adds to the stack outputs: for each key, entries of that output's map. */
export type ServiceExports = {
    [K in ServiceExportKey]?: Record<string, pulumi.Input<StackOutputs[K][string]>>;
};

export interface Deployed {
    component: pulumi.ComponentResource;
    exports: ServiceExports;
}

export interface ServiceDefinition<K extends DeployableService, Prepared = undefined> {
    /**
     * Reads and checks what the service needs besides its config (zone files, say),
     * before the program registers any resource: bad input throws an InputError and
     * nothing is half-applied. Its result is handed to deploy(). Paths in the settings
     * are relative to `projectDir` (where Pulumi.yaml is; `--project-dir` for the check).
     * `inventory` is what exists, when the stack reads one (a DNS zone's DNSSEC state, say);
     * `model` is the stack's model, for what a service makes from the roster (staging areas).
     */
    prepare?(settings: NonNullable<ServicesConfig[K]>, environment: Environment, projectDir: string, inventory?: Inventory, model?: StackModel): Prepared;
    deploy(ctx: ServiceContext, settings: NonNullable<ServicesConfig[K]>, opts?: pulumi.ComponentResourceOptions, prepared?: Prepared): Deployed;
}
