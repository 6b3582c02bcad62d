// Owners' private contact details (alternate e-mails, phone numbers), kept in a
// credential-store secret that only one named group may read. This is how the
// charter's "when and how it is appropriate to share these" becomes an access rule
// anyone can audit. The values arrive as Pulumi secret config and stay secret.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { Contacts } from "../../model/config";
import { COMPONENT } from "../../model/resource-types";
import { Environment, makeName } from "../../model/naming";
import { standardLabels } from "../../model/labels";

export interface OwnerContactsArgs {
    environment: Environment;
    project: string;
    /** The only group that may read the secret. */
    readersGroup: string;
    /** The working group, for cost labels. */
    workingGroup: string;
    contacts: pulumi.Output<Contacts> | undefined;
    protect: boolean;
}

export class OwnerContacts extends pulumi.ComponentResource {
    readonly secretId: pulumi.Output<string>;

    constructor(name: string, args: OwnerContactsArgs, opts?: pulumi.ComponentResourceOptions) {
        const { contacts, ...visible } = args;
        super(COMPONENT.ownerContacts, name, visible, opts);
        const secretId = makeName({ kind: "secret", family: "infra", stem: "owner-contacts", environment: args.environment });
        const secret = new gcp.secretmanager.Secret(`${name}-secret`, {
            project: args.project,
            secretId,
            replication: { auto: {} },
            labels: standardLabels({ subproject: args.workingGroup, sig: "k8s-infra", environment: args.environment }),
            deletionProtection: args.protect,
        }, { parent: this, protect: args.protect });
        if (contacts) {
            new gcp.secretmanager.SecretVersion(`${name}-version`, {
                secret: secret.id,
                secretData: pulumi.secret(contacts.apply(c => JSON.stringify(c))),
            }, { parent: this });
        }
        new gcp.secretmanager.SecretIamMember(`${name}-readers`, {
            project: args.project,
            secretId: secret.secretId,
            role: "roles/secretmanager.secretAccessor",
            member: `group:${args.readersGroup}`,
        }, { parent: this });
        this.secretId = secret.secretId;
        this.registerOutputs({ secretId: this.secretId, readersGroup: args.readersGroup });
    }
}
