// The working group as a resource: who leads it, which groups hold org-wide
// access, and the break-glass accounts. Its args are what the ACL and vetting
// policies compare grants and vouchers against. It makes the group that may read
// owners' private contact details, with the leads as its members.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { WorkingGroupRecord } from "../../model/stack-model";
import { COMPONENT } from "../../model/resource-types";

export interface WorkingGroupArgs extends WorkingGroupRecord {
    customerId: string;
}

export class WorkingGroup extends pulumi.ComponentResource {
    readonly contactReadersGroup: pulumi.Output<string>;

    constructor(name: string, args: WorkingGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENT.workingGroup, name, args, opts);
        const readers = new gcp.cloudidentity.Group(`${name}-contact-readers`, {
            groupKey: { id: args.contactReadersGroup },
            parent: `customers/${args.customerId}`,
            displayName: `${args.name} owner contact readers`,
            description: "May read subproject owners' private contact details (charter: Roles and Organization Management).",
            labels: { "cloudidentity.googleapis.com/groups.discussion_forum": "" },
        }, { parent: this });
        args.leads.forEach((lead, i) => {
            new gcp.cloudidentity.GroupMembership(`${name}-contact-reader-${lead.toLowerCase()}`, {
                group: readers.id,
                preferredMemberKey: { id: args.leadEmails[i] },
                roles: [{ name: "MEMBER" }],
            }, { parent: this });
        });
        this.contactReadersGroup = pulumi.output(args.contactReadersGroup);
        const { customerId: _, ...record } = args;
        this.registerOutputs({ ...record });
    }
}
