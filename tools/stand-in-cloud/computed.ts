// The outputs a real provider computes that this program reads from one resource
// into another (a zone's name servers into its canary's NS record, a service
// account's name into its IAM members, a project's number into its budget, the
// self-links that chain the website's load balancer). Without them, what the
// program derived from them would be undefined after an update and unknown in the
// next preview, so `pulumi preview --expect-no-changes` could never pass. Each is
// made deterministically from the inputs and the id, in the real format; inputs
// always win. Only Create, Update and Read add them: in a preview the engine uses
// the inputs as the state, as the offline check's mocks do.

import { createHash } from "crypto";
import type { Props } from "./values";

type Compute = (inputs: Props, id: string) => Props;

const digits = (seed: string, n: number): string => {
    const hex = createHash("sha256").update(seed).digest("hex");
    return (BigInt(`0x${hex}`) % 10n ** BigInt(n)).toString().padStart(n, "1");
};
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const globalLink = (collection: string): Compute => (inputs, id) =>
    ({ selfLink: `https://www.googleapis.com/compute/v1/projects/${str(inputs.project)}/global/${collection}/${str(inputs.name) || id}` });

export const COMPUTED: Readonly<Record<string, Compute>> = {
    "gcp:organizations/project:Project": inputs => ({ number: digits(str(inputs.projectId), 12) }),
    "gcp:dns/managedZone:ManagedZone": (inputs, id) => {
        const shard = Number(digits(id, 2)) % 26;
        const letter = String.fromCharCode("a".charCodeAt(0) + shard);
        return { nameServers: [1, 2, 3, 4].map(n => `ns-cloud-${letter}${n}.googledomains.com.`) };
    },
    "gcp:serviceaccount/account:Account": inputs => {
        const email = `${str(inputs.accountId)}@${str(inputs.project)}.iam.gserviceaccount.com`;
        return { email, name: `projects/${str(inputs.project)}/serviceAccounts/${email}`, uniqueId: digits(email, 21), member: `serviceAccount:${email}` };
    },
    "gcp:monitoring/notificationChannel:NotificationChannel": (inputs, id) =>
        ({ name: `projects/${str(inputs.project)}/notificationChannels/${digits(id, 19)}` }),
    "gcp:compute/globalAddress:GlobalAddress": (inputs, id) => {
        const n = digits(`${str(inputs.project)}/${id}`, 6);
        return { address: `34.${Number(n.slice(0, 2)) % 256}.${Number(n.slice(2, 4)) % 256}.${Number(n.slice(4)) % 254 + 1}`, ...globalLink("addresses")(inputs, id) };
    },
    "gcp:compute/backendBucket:BackendBucket": globalLink("backendBuckets"),
    "gcp:compute/uRLMap:URLMap": globalLink("urlMaps"),
    "gcp:compute/managedSslCertificate:ManagedSslCertificate": globalLink("sslCertificates"),
    "gcp:compute/sSLPolicy:SSLPolicy": globalLink("sslPolicies"),
    "gcp:compute/targetHttpsProxy:TargetHttpsProxy": globalLink("targetHttpsProxies"),
    "gcp:compute/targetHttpProxy:TargetHttpProxy": globalLink("targetHttpProxies"),
    "gcp:compute/globalForwardingRule:GlobalForwardingRule": globalLink("forwardingRules"),
    "aws:iam/role:Role": inputs => ({ arn: `arn:aws:iam::000000000000:role/${str(inputs.name)}` }),
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": inputs =>
        ({ arn: `arn:aws:iam::000000000000:oidc-provider/${str(inputs.url).replace(/^https:\/\//, "")}` }),
};

/** The inputs as the state, with the type's computed outputs where the inputs do not set them. */
export function withComputed(type: string, id: string, inputs: Props): Props {
    const compute = COMPUTED[type];
    if (!compute) return inputs;
    return { ...compute(inputs, id), ...inputs };
}
