// Adoption: a resource the inventory says exists is imported, not created. A
// stack transformation looks up every resource of an adoptable type by its
// import id (model/import-ids.ts) in the inventory and, when it is there, sets
// Pulumi's `import` option to that id. The engine imports only while the
// resource is not in the stack's state with that id (after the first up it is a
// normal step), so the option stays in the program. Every decision is recorded
// and registered at the end as one Adoption component, which the adopt-existing
// policy reads: it blocks a create of a name that already exists.

import * as pulumi from "@pulumi/pulumi";
import { ADOPTABLE_TYPES, EXISTENCE_CHECKED_TYPES, existenceIdOf } from "../model/import-ids";
import { COMPONENT } from "../model/resource-types";
import type { CloudObject } from "../model/inventory/cloud-objects";
import type { Environment } from "../model/naming";
import type { AdoptionDecision, AdoptionRecord } from "../model/adoption-record";

export class AdoptionPlan {
    readonly decisions: AdoptionDecision[] = [];
    private readonly existing: Map<string, Set<string>>;

    constructor(private readonly environment: Environment, private readonly inventory: string | null, objects: readonly CloudObject[]) {
        this.existing = new Map(EXISTENCE_CHECKED_TYPES.map(t => [t, new Set<string>()]));
        for (const o of objects) this.existing.get(o.type)?.add(o.id);
    }

    /** Registers the transformation; call before the first resource. */
    install(): void {
        pulumi.runtime.registerStackTransformation(args => this.transform(args));
    }

    private transform(args: pulumi.ResourceTransformationArgs): pulumi.ResourceTransformationResult | undefined {
        if (!this.existing.has(args.type)) return undefined;
        const id = existenceIdOf(args.type, args.props as Record<string, unknown>) ?? null;
        const exists = id !== null && this.existing.get(args.type)!.has(id);
        // Only prod adopts, and only what has an import id: a staging name that exists is a collision,
        // and an existing group cannot be imported; the policies report both, nothing is taken over.
        const imported = exists && this.environment === "prod" && ADOPTABLE_TYPES.includes(args.type);
        this.decisions.push({ type: args.type, name: args.name, id, exists, imported });
        return imported ? { props: args.props, opts: { ...args.opts, import: id! } as pulumi.CustomResourceOptions } : undefined;
    }

    /** The decisions as one component, for the adopt-existing policy. Call after the last resource. */
    register(): void {
        const record: AdoptionRecord = { environment: this.environment, inventory: this.inventory, decisions: this.decisions };
        new AdoptionComponent("adoption", record);
    }
}

class AdoptionComponent extends pulumi.ComponentResource {
    constructor(name: string, record: AdoptionRecord) {
        super(COMPONENT.adoption, name, { record }, {});
        this.registerOutputs({ record });
    }
}
