// Owners' private contact details (alternate e-mails, phone numbers) live in one
// Secret Manager secret that only one named group may read: the charter's "when and
// how it is appropriate to share these" as an access rule anyone can audit. The
// program makes the secret and its one grant, never its versions: the WG leads add
// those (gcloud secrets versions add), so the values are in no stack config, state
// file or preview, and no identity that previews a pull request can read them.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { COMPONENT } from "../../model/resource-types";
import type { Environment } from "../../model/naming";
import { standardLabels } from "../../model/labels";
import { withDeletionGuards } from "../deletion-guards";

export interface OwnerContactsArgs {
    environment: Environment;
    project: string;
    /** The secret's id (model/personal-data.ts ownerContactsSecretId): an input, so that policies see which secret to guard. */
    secretId: string;
    /** The only group that may read the secret. */
    readersGroup: string;
    /** The working group, for cost labels. */
    workingGroup: string;
    protect: boolean;
}

export class OwnerContacts extends pulumi.ComponentResource {
    readonly secretId: pulumi.Output<string>;

    constructor(name: string, args: OwnerContactsArgs, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENT.ownerContacts, name, args, withDeletionGuards(opts, args.protect));
        const secretId = args.secretId;
        const secret = new gcp.secretmanager.Secret(`${name}-secret`, {
            project: args.project,
            secretId,
            replication: { auto: {} },
            labels: standardLabels({ subproject: args.workingGroup, sig: "k8s-infra", environment: args.environment }),
        }, { parent: this });
        new gcp.secretmanager.SecretIamMember(`${name}-readers`, {
            project: args.project,
            secretId: secret.secretId,
            role: "roles/secretmanager.secretAccessor",
            member: `group:${args.readersGroup}`,
        }, { parent: this });
        this.secretId = secret.secretId;
        this.registerOutputs({ secretId: this.secretId, project: args.project, readersGroup: args.readersGroup });
    }
}
