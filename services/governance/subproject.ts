// A subproject as a resource: its owners group and memberships. The component's
// args are the subproject's staffing record (owners, organizations, vetting,
// on-call, waivers), so the policy pack judges the charter's staffing rules on
// exactly what is being deployed.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { SubprojectRecord } from "../../model/stack-model";
import { COMPONENT } from "../../model/resource-types";

export interface SubprojectArgs extends SubprojectRecord {
    /** Cloud Identity customer id of the domain the owners group lives in. */
    customerId: string;
    /** The project holding monitoring notification channels and alert policies. */
    monitoringProject: string;
}

export class Subproject extends pulumi.ComponentResource {
    readonly ownersGroup: pulumi.Output<string>;
    /** The monitoring channel that reaches this subproject's on-call (budgets and alerts route here). */
    readonly notificationChannel: pulumi.Output<string>;

    constructor(name: string, args: SubprojectArgs, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENT.subproject, name, args, opts);
        const group = new gcp.cloudidentity.Group(`${name}-owners`, {
            groupKey: { id: args.ownersGroup },
            parent: `customers/${args.customerId}`,
            displayName: `${args.name} owners`,
            description: `Owners of the ${args.name} infra subproject (SIG ${args.sigs.join(", ")}). Managed in roster/subprojects.yaml.`,
            labels: { "cloudidentity.googleapis.com/groups.discussion_forum": "" },
        }, { parent: this });
        for (const owner of args.owners) {
            new gcp.cloudidentity.GroupMembership(`${name}-owner-${owner.github.toLowerCase()}`, {
                group: group.id,
                preferredMemberKey: { id: owner.email },
                roles: [{ name: "MEMBER" }],
            }, { parent: this });
        }
        const channel = new gcp.monitoring.NotificationChannel(`${name}-oncall`, {
            project: args.monitoringProject,
            type: "email",
            displayName: `${args.name} on-call (${args.oncall?.rotation ?? "no rotation"})`,
            labels: { email_address: args.ownersGroup },
            userLabels: { subproject: args.name },
        }, { parent: this });
        this.ownersGroup = pulumi.output(args.ownersGroup);
        this.notificationChannel = channel.name;
        // The record is registered as outputs too: stack policies see component outputs.
        const { customerId: _, monitoringProject: __, ...record } = args;
        this.registerOutputs({ ...record });
    }
}
