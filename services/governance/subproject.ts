// A subproject as a resource: its staffing record (owners, organizations,
// vetting, on-call, waivers) as the component's args, so the policy pack judges
// the charter's staffing rules on exactly what is being deployed, and the
// monitoring channel that reaches its on-call. Its owners group is referred to
// by address only: k8s.io's groups reconciler makes and fills it from the
// groups.yaml that `npm run docs` writes from the roster (tools/docs/groups.ts),
// and deletes any group no groups.yaml lists, so the program makes none.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { SubprojectRecord } from "../../model/stack-model";
import { COMPONENT } from "../../model/resource-types";

export interface SubprojectArgs extends SubprojectRecord {
    /** The project holding monitoring notification channels and alert policies. */
    monitoringProject: string;
}

export class Subproject extends pulumi.ComponentResource {
    readonly ownersGroup: pulumi.Output<string>;
    /** The monitoring channel that reaches this subproject's on-call (budgets and alerts route here). */
    readonly notificationChannel: pulumi.Output<string>;

    constructor(name: string, args: SubprojectArgs, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENT.subproject, name, args, opts);
        const channel = new gcp.monitoring.NotificationChannel(`${name}-oncall`, {
            project: args.monitoringProject,
            type: "email",
            displayName: `${args.name} on-call (${args.oncall?.rotation ?? "no rotation"})`,
            labels: { email_address: args.ownersGroup },
            userLabels: { subproject: args.name },
        }, { parent: this });
        this.ownersGroup = pulumi.output(args.ownersGroup);
        this.notificationChannel = channel.name;
        const { monitoringProject: _, ...record } = args;
        this.registerOutputs({ ...record });
    }
}
