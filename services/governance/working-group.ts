// The working group as a resource: who leads it, which groups hold org-wide
// access, and the break-glass accounts. Its args are what the ACL and vetting
// policies compare grants and vouchers against. Its groups (the contact readers:
// the leads) are referred to by address only: k8s.io's groups reconciler makes
// them from the groups.yaml that `npm run docs` writes (tools/docs/groups.ts).

import * as pulumi from "@pulumi/pulumi";
import { WorkingGroupRecord } from "../../model/stack-model";
import { COMPONENT } from "../../model/resource-types";

export type WorkingGroupArgs = WorkingGroupRecord;

export class WorkingGroup extends pulumi.ComponentResource {
    readonly contactReadersGroup: pulumi.Output<string>;

    constructor(name: string, args: WorkingGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENT.workingGroup, name, args, opts);
        this.contactReadersGroup = pulumi.output(args.contactReadersGroup);
        this.registerOutputs({ ...args });
    }
}
