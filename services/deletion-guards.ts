// The deletion guards of stateful resources, applied in one place: a transformation
// that every component puts on its children (ServiceComponent, and the governance
// components that hold state), so that each child of a stateful type
// (model/resource-types.ts STATEFUL_TYPES) gets the protect option and the provider's
// guards from the stack's k8s-infra:protect, and no component sets them by hand.

import * as pulumi from "@pulumi/pulumi";
import { STATEFUL_TYPES } from "../model/resource-types";

/** Sets protect and each deletion guard on a resource of a stateful type; leaves every other resource alone. */
export function deletionGuards(protect: boolean): pulumi.ResourceTransformation {
    return ({ type, props, opts }) => {
        const rule = STATEFUL_TYPES[type];
        if (!rule) return undefined;
        const guarded: Record<string, unknown> = { ...props };
        for (const [property, guard] of Object.entries(rule.guards ?? {})) {
            guarded[property] = protect ? guard.protected : guard.unprotected;
        }
        return { props: guarded, opts: { ...opts, protect } };
    };
}

/** A component's options with the deletion guards added, for its children (and theirs). */
export function withDeletionGuards<T extends pulumi.ComponentResourceOptions>(opts: T | undefined, protect: boolean): T {
    return { ...opts, transformations: [...(opts?.transformations ?? []), deletionGuards(protect)] } as T;
}
