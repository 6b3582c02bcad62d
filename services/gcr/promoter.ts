// The image promoter's identity (model/image-promoter.ts): the one service account that
// writes the production images repositories. It has no key: prow's trusted cluster
// runs the promotion jobs (post-k8sio-image-promo) as a Kubernetes service account
// that acts as it through Workload Identity. Its grants are on each repository
// (./images-repository.ts), never on the project.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";

export interface PromoterArgs {
    /** The images project, in this environment. */
    project: string;
    /** The account id, in this environment (k8s-infra-promoter, k8s-infra-promoter-stg). */
    accountId: string;
    /** Kubernetes service accounts that act as it (PROJECT.svc.id.goog[NAMESPACE/KSA]). */
    workloadIdentities: readonly string[];
}

export class Promoter extends pulumi.ComponentResource {
    /** Its e-mail, and the IAM member it is granted as. */
    readonly email: pulumi.Output<string>;
    readonly member: pulumi.Output<string>;

    constructor(name: string, args: PromoterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("k8s-infra:gcr:Promoter", name, args, opts);
        // Its own name, not the component's: a URN's last part names one resource of the stack.
        const account = new gcp.serviceaccount.Account(`${name}-account`, {
            project: args.project,
            accountId: args.accountId,
            // k8s.io's own name for it: adopting it leaves it as it is.
            displayName: "artifact promoter",
            description: "Copies images from staging repositories to the production images repositories (kpromo). Owned by the artifacts subproject.",
        }, { parent: this });
        this.email = account.accountId.apply(id => `${id}@${args.project}.iam.gserviceaccount.com`);
        this.member = pulumi.interpolate`serviceAccount:${this.email}`;
        args.workloadIdentities.forEach((ksa, i) => new gcp.serviceaccount.IAMMember(`${name}-workload-identity-${i}`, {
            serviceAccountId: pulumi.interpolate`projects/${args.project}/serviceAccounts/${this.email}`,
            role: "roles/iam.workloadIdentityUser",
            member: `serviceAccount:${ksa}`,
        }, { parent: this }));
        this.registerOutputs({ email: this.email });
    }
}
