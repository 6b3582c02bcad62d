// The credential store: Secret Manager secrets with per-subproject access. Each
// secret belongs to one roster subproject, whose owners group administers it;
// only the listed groups and service accounts read its values; the store's own
// owners see metadata, not values. Values are added out of band (gcloud or the
// owning subproject's tooling): nothing here ever holds one.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { CredentialStoreConfig, SecretConfig } from "../../model/service-config/credential-store";
import { labelValue } from "../../model/labels";
import { ServiceComponent, nameFor, projectId, ServiceArgs } from "../service-component";
import { ownersGroupName } from "../../model/group-names";
import type { ServiceDefinition } from "../definition";

export class CredentialStore extends ServiceComponent {
    /** Secret stem -> secret id. */
    readonly secrets: Record<string, pulumi.Output<string>> = {};

    constructor(name: string, { context: ctx, settings: args }: ServiceArgs<CredentialStoreConfig>, opts?: pulumi.ComponentResourceOptions) {
        super("CredentialStore", name, { context: ctx, settings: args }, opts);
        const project = projectId(ctx, args.project);
        for (const cfg of args.secrets) this.secret(name, project, cfg);
        this.finish({ secrets: this.secrets });
    }

    private secret(component: string, project: string, cfg: SecretConfig): void {
        const ctx = this.ctx;
        const key = `${component}-${cfg.id}`;
        const secret = new gcp.secretmanager.Secret(key, {
            project,
            secretId: nameFor(ctx, "secret", cfg.id),
            replication: { auto: {} },
            labels: { ...ctx.labels, "secret-owner": labelValue(cfg.subproject) },
            annotations: cfg.description ? { description: cfg.description } : undefined,
        }, this.child());

        const grant = (suffix: string, role: string, member: string) =>
            new gcp.secretmanager.SecretIamMember(`${key}-${suffix}`, { project, secretId: secret.secretId, role, member }, this.child());
        grant("owners", "roles/secretmanager.admin", `group:${nameFor(ctx, "group", ownersGroupName(cfg.subproject))}`);
        if (cfg.subproject !== ctx.subproject) {
            // The store's operators see that the secret exists and its metadata, never its value.
            grant("store-owners", "roles/secretmanager.viewer", `group:${ctx.ownersGroup}`);
        }
        cfg.accessors.forEach((member, i) => grant(`accessor-${i}`, "roles/secretmanager.secretAccessor", member));
        this.secrets[cfg.id] = secret.secretId;
    }
}

export const credentialStoreService: ServiceDefinition<"credential-store"> = {
    deploy: (ctx, settings, opts) => {
        const store = new CredentialStore("credential-store", { context: ctx, settings }, opts);
        return { component: store, exports: { secrets: store.secrets } };
    },
};
