// Projects and billing: every GCP project the stack uses, under the organization (or a folder), on
// the CNCF billing account, each with a budget whose alerts go to the on-call of
// the subproject that owns it (the project's history shows costs found late).

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { COMPONENT } from "../../model/resource-types";
import { ProjectRecord } from "../../model/stack-model";
import { Environment } from "../../model/naming";
import { standardLabels } from "../../model/labels";
import { withDeletionGuards } from "../deletion-guards";

export interface BillingArgs {
    environment: Environment;
    account: string;
    /** organizations/<id> or folders/<id> */
    parent: string;
    /** The projects that exist already (the inventory), id -> parent: each keeps its parent and the network it was made with. */
    existing: Readonly<Record<string, string>>;
    projects: ProjectRecord[];
    thresholds: number[];
    protect: boolean;
    /** Subproject -> its on-call notification channel. */
    channels: Record<string, pulumi.Input<string>>;
}

export class Billing extends pulumi.ComponentResource {
    /** Project prod id -> project id in this environment. */
    readonly projectIds: Record<string, pulumi.Output<string>> = {};

    constructor(name: string, args: BillingArgs, opts?: pulumi.ComponentResourceOptions) {
        const { channels, existing: _existing, ...visible } = args;
        super(COMPONENT.billing, name, visible, withDeletionGuards(opts, args.protect));
        for (const p of args.projects) {
            const project = new gcp.organizations.Project(`project-${p.name}`, {
                projectId: p.id,
                name: p.id,
                // A new project goes under the configured parent; one that exists stays where it is (k8s-infra-prow is in a folder).
                ...parentOf(args.existing[p.id] ?? args.parent),
                billingAccount: args.account,
                // Fixed when a project is made: a new one gets no default network. One that exists keeps its own:
                // true is what the provider records for it on import, so adopting it changes nothing here.
                autoCreateNetwork: p.id in args.existing,
                labels: standardLabels({ subproject: p.subproject, sig: p.sig, environment: args.environment }),
            }, { parent: this });
            const channel = channels[p.subproject];
            new gcp.billing.Budget(`budget-${p.name}`, {
                billingAccount: args.account,
                displayName: `${p.id} (${p.subproject})`,
                budgetFilter: { projects: [pulumi.interpolate`projects/${project.number}`], calendarPeriod: "MONTH" },
                amount: { specifiedAmount: { currencyCode: "USD", units: String(p.monthlyUsd) } },
                thresholdRules: args.thresholds.map(t => ({ thresholdPercent: t })),
                allUpdatesRule: { monitoringNotificationChannels: channel ? [channel] : [], disableDefaultIamRecipients: false },
            }, { parent: this });
            this.projectIds[p.name] = project.projectId;
        }
        this.registerOutputs({ projects: args.projects.map(p => ({ id: p.id, subproject: p.subproject, monthlyUsd: p.monthlyUsd })) });
    }
}

/** The project's parent as the provider takes it: orgId for organizations/<id>, folderId for folders/<id>. */
function parentOf(parent: string): { orgId: string } | { folderId: string } {
    const [kind, id] = parent.split("/");
    return kind === "organizations" ? { orgId: id } : { folderId: id };
}
