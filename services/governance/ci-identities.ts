// The identities GitHub Actions previews and deploys as, so that the prod
// approval is a real boundary. In the project that holds the Pulumi state and the
// stacks' KMS keys (k8s-infra-pulumi-state, bootstrapped by a WG lead), one
// workload identity pool with one GitHub OIDC provider that accepts tokens of this
// repository only, and three service accounts (model/ci-identities.ts):
//
// - preview (k8s-infra-ci-preview): used by pull requests of this repository
//   (preview.yml) and by the plan job of a push to main (deploy.yml). It reads:
//   roles/viewer where the stacks' projects are (metadata, for the engine's reads
//   of what it imports; it has no secretmanager.versions.access, so no secret
//   value, never the owners' contact details), the state bucket's objects, and
//   decrypt with each stack's secrets key (the state's secrets are encrypted with
//   it). It writes nothing: a preview on the DIY backend takes no lock.
// - deploy-staging (k8s-infra-ci-deploy-staging): only from the `staging`
//   environment. Writes the staging stack's state objects only (an IAM condition
//   on their names) and decrypts with the staging key only.
// - deploy-prod (k8s-infra-ci-deploy-prod): only from the `production`
//   environment, whose required reviewers approve the plan. Writes the prod
//   stack's state objects only and decrypts with the prod key only.
//
// "Only from" is the roles/iam.workloadIdentityUser grant on each account: to the
// principal of exactly one OIDC subject (repo:<repo>:environment:production for
// prod), never to a principalSet of the pool; the ci-identities policy blocks any
// other grant that would let someone act as a deploy identity, and any role that
// would let the preview identity read a secret.
//
// Why in the prod stack only (the config refuses k8s-infra:ci in staging): whoever
// can update the stack that holds these grants decides who may act as the prod
// deploy identity. Were they in the staging stack, the staging deploy identity,
// which runs without an approval, could grant itself prod; in the prod stack, only
// an approved prod deploy can change them. The staging stack's own copies (-stg
// names) would be used by nothing, since both stacks share one state bucket and one
// pool. What the deploy identities may change in the estate (org-level roles) is
// granted by the org admins outside the stacks, for the same reason: a stack that
// granted its own deployer's power could be made by that deployer to grant more.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { COMPONENT } from "../../model/resource-types";
import type { Environment } from "../../model/naming";
import {
    CiIdentitiesRecord, CiIdentityRecord, GITHUB_ISSUER, poolName, stackStateCondition,
} from "../../model/ci-identities";

export interface CiIdentitiesArgs extends CiIdentitiesRecord {
    environment: Environment;
    /** The state bucket (gs://<bucket>). */
    stateBucket: string;
    /** Each stack's secrets key (projects/.../cryptoKeys/...). */
    secretsKeys: Record<Environment, string>;
    /** Where the stacks' projects are (organizations/<id> or folders/<id>): the preview identity views there. */
    viewerOn: string;
}

/** Read roles of the preview identity on the stacks' parent: what a `pulumi preview` (imports included) reads, and no secret value. */
export const PREVIEW_VIEWER_ROLES = ["roles/viewer"] as const;
const DECRYPT = "roles/cloudkms.cryptoKeyDecrypter";
const READ_OBJECTS = "roles/storage.objectViewer";
const WRITE_OBJECTS = "roles/storage.objectUser";

export class CiIdentities extends pulumi.ComponentResource {
    /** The provider's resource name: the workflows' GCP_WORKLOAD_IDENTITY_PROVIDER. */
    readonly workloadIdentityProvider: string;
    /** Identity key -> service account e-mail (GCP_PREVIEW_SERVICE_ACCOUNT, ...). */
    readonly serviceAccounts: Record<string, string>;

    constructor(name: string, args: CiIdentitiesArgs, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENT.ciIdentities, name, args, opts);
        const project = args.project;
        const pool = new gcp.iam.WorkloadIdentityPool(`${name}-pool`, {
            project,
            workloadIdentityPoolId: args.pool,
            displayName: "GitHub Actions",
            description: `Workflows of ${args.repository}: preview and deploy of k8s-infra`,
        }, { parent: this });
        const provider = new gcp.iam.WorkloadIdentityPoolProvider(`${name}-github`, {
            project,
            workloadIdentityPoolId: pool.workloadIdentityPoolId,
            workloadIdentityPoolProviderId: args.provider,
            displayName: "GitHub",
            description: `GitHub Actions OIDC tokens of ${args.repository} only`,
            attributeMapping: {
                "google.subject": "assertion.sub",
                "attribute.repository": "assertion.repository",
                "attribute.ref": "assertion.ref",
                "attribute.actor": "assertion.actor",
            },
            // The pool accepts no other repository's tokens, whatever a grant says.
            attributeCondition: `assertion.repository == "${args.repository}"`,
            oidc: { issuerUri: GITHUB_ISSUER },
        }, { parent: this });
        this.workloadIdentityProvider = `${poolName(args.projectNumber, args.pool)}/providers/${args.provider}`;
        this.serviceAccounts = {};
        for (const identity of args.identities) {
            this.identity(name, identity, args, [provider]);
            this.serviceAccounts[identity.key] = identity.email;
        }
        // The record again as outputs: a stack policy sees a component's outputs (ci-identity-boundaries reads them).
        this.registerOutputs({
            project, projectNumber: args.projectNumber, repository: args.repository, pool: args.pool, provider: args.provider,
            identities: args.identities, workloadIdentityProvider: this.workloadIdentityProvider, serviceAccounts: this.serviceAccounts,
        });
    }

    private identity(component: string, id: CiIdentityRecord, args: CiIdentitiesArgs, after: pulumi.Resource[]): void {
        const key = `${component}-${id.key}`;
        const account = new gcp.serviceaccount.Account(key, {
            project: args.project,
            accountId: id.accountId,
            displayName: id.deploys ? `CI: deploys the ${id.deploys} stack` : "CI: previews both stacks (read only)",
            description: id.githubEnvironment
                ? `pulumi up of k8s-infra ${id.deploys}, from the ${id.githubEnvironment} environment of ${args.repository} only`
                : `pulumi preview of k8s-infra, from pull requests and main of ${args.repository}; reads, never secret values`,
        }, { parent: this });
        const member = `serviceAccount:${id.email}`;
        const on = { parent: this, dependsOn: [account] };
        // Written out rather than read from the account, so that the grant (and the policy that judges it) is known in preview.
        const serviceAccountId = `projects/${args.project}/serviceAccounts/${id.email}`;
        id.members.forEach((principal, i) => new gcp.serviceaccount.IAMMember(`${key}-wif-${i}`, {
            serviceAccountId, role: "roles/iam.workloadIdentityUser", member: principal,
        }, { parent: this, dependsOn: [account, ...after] }));

        // The state: every identity lists and reads it; a deploy identity writes its own stack's objects only.
        new gcp.storage.BucketIAMMember(`${key}-state-read`, { bucket: args.stateBucket, role: READ_OBJECTS, member }, on);
        if (id.deploys) {
            new gcp.storage.BucketIAMMember(`${key}-state-write`, {
                bucket: args.stateBucket, role: WRITE_OBJECTS, member,
                condition: {
                    title: `${id.deploys} stack state only`,
                    description: `The objects pulumi up of the ${id.deploys} stack writes: its checkpoint, history, backups and locks`,
                    expression: stackStateCondition(args.stateBucket, pulumi.getProject(), id.deploys),
                },
            }, on);
        }
        // Secrets keys: the preview identity decrypts with both (it previews both stacks), a deploy identity with its own.
        const stacks: Environment[] = id.deploys ? [id.deploys] : ["staging", "prod"];
        for (const stack of stacks) {
            new gcp.kms.CryptoKeyIAMMember(`${key}-decrypt-${stack}`, { cryptoKeyId: args.secretsKeys[stack], role: DECRYPT, member }, on);
        }
        if (!id.deploys) {
            const [kind, parentId] = args.viewerOn.split("/");
            for (const role of PREVIEW_VIEWER_ROLES) {
                const grant = `${key}-${role.replace(/^roles\//, "").replace(/\./g, "-")}`;
                if (kind === "organizations") new gcp.organizations.IAMMember(grant, { orgId: parentId, role, member }, on);
                else new gcp.folder.IAMMember(grant, { folder: args.viewerOn, role, member }, on);
            }
        }
    }
}
