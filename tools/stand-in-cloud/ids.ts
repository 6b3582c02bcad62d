// The ids the stand-in cloud gives what it creates. A type with a natural key
// gets the id its real provider would give, built from the inputs that make up
// that key (a bucket's name, `projects/<projectId>` for a project): the same
// inputs always give the same id, and the format is the one `pulumi import`
// takes for that type, so an inventory written from real data lines up. A type
// whose real id is made by the server (a Cloud Identity group, an alert policy),
// or whose key is incomplete (an input left to the provider's default, or
// unknown), gets `<name>-<hash of its URN>` instead.
//
// The ids of the types the inventory describes are model/import-ids.ts's, the
// ones the program adopts with.
//
// Creating a natural-key id the cloud already holds fails ("already exists", as
// a 409 would), except for types whose real create adopts what is there (`adopts`).

import { createHash } from "crypto";
import { parseUrn } from "../../model/urn";
import { IMPORT_IDS } from "../../model/import-ids";
import { Props, containsUnknown, valueAt } from "./values";

export interface NaturalKey {
    /** The id, with `{path}` for an input's value (dotted paths reach into blocks). */
    template: string;
    /** Creating an id that exists succeeds and takes it over (IAM bindings, enabled APIs, record sets). */
    adopts?: boolean;
}

const iam = (resource: string): NaturalKey => ({ template: `${resource}/{role}/{member}`, adopts: true });

export const NATURAL_KEYS: Readonly<Record<string, NaturalKey>> = {
    "gcp:organizations/project:Project": { template: IMPORT_IDS["gcp:organizations/project:Project"] },
    "gcp:projects/service:Service": { template: "{project}/{service}", adopts: true },
    "gcp:projects/iAMMember:IAMMember": iam("{project}"),
    "gcp:serviceaccount/account:Account": { template: IMPORT_IDS["gcp:serviceaccount/account:Account"] },
    "gcp:serviceaccount/iAMMember:IAMMember": iam("{serviceAccountId}"),
    "gcp:iam/workloadIdentityPool:WorkloadIdentityPool": { template: "projects/{project}/locations/global/workloadIdentityPools/{workloadIdentityPoolId}" },
    "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider":
        { template: "projects/{project}/locations/global/workloadIdentityPools/{workloadIdentityPoolId}/providers/{workloadIdentityPoolProviderId}" },
    "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": iam("{cryptoKeyId}"),
    "gcp:organizations/iAMMember:IAMMember": iam("{orgId}"),
    "gcp:secretmanager/secret:Secret": { template: IMPORT_IDS["gcp:secretmanager/secret:Secret"] },
    "gcp:secretmanager/secretIamMember:SecretIamMember": iam("projects/{project}/secrets/{secretId}"),
    "gcp:storage/bucket:Bucket": { template: IMPORT_IDS["gcp:storage/bucket:Bucket"] },
    "gcp:storage/bucketIAMMember:BucketIAMMember": iam("b/{bucket}"),
    "gcp:bigquery/dataset:Dataset": { template: IMPORT_IDS["gcp:bigquery/dataset:Dataset"] },
    "gcp:bigquery/datasetIamMember:DatasetIamMember": iam("projects/{project}/datasets/{datasetId}"),
    "gcp:artifactregistry/repository:Repository": { template: "projects/{project}/locations/{location}/repositories/{repositoryId}" },
    "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember": iam("projects/{project}/locations/{location}/repositories/{repository}"),
    "gcp:dns/managedZone:ManagedZone": { template: IMPORT_IDS["gcp:dns/managedZone:ManagedZone"] },
    "gcp:dns/recordSet:RecordSet": { template: IMPORT_IDS["gcp:dns/recordSet:RecordSet"], adopts: true },
    "gcp:dns/dnsManagedZoneIamMember:DnsManagedZoneIamMember": iam("projects/{project}/managedZones/{managedZone}"),
    "gcp:certificateauthority/caPool:CaPool": { template: "projects/{project}/locations/{location}/caPools/{name}" },
    "gcp:certificateauthority/caPoolIamMember:CaPoolIamMember": iam("{caPool}"),
    "gcp:certificateauthority/authority:Authority": { template: "projects/{project}/locations/{location}/caPools/{pool}/certificateAuthorities/{certificateAuthorityId}" },
    "gcp:compute/globalAddress:GlobalAddress": { template: "projects/{project}/global/addresses/{name}" },
    "gcp:compute/globalForwardingRule:GlobalForwardingRule": { template: "projects/{project}/global/forwardingRules/{name}" },
    "gcp:compute/managedSslCertificate:ManagedSslCertificate": { template: "projects/{project}/global/sslCertificates/{name}" },
    "gcp:compute/sSLPolicy:SSLPolicy": { template: "projects/{project}/global/sslPolicies/{name}" },
    "gcp:compute/uRLMap:URLMap": { template: "projects/{project}/global/urlMaps/{name}" },
    "gcp:compute/targetHttpProxy:TargetHttpProxy": { template: "projects/{project}/global/targetHttpProxies/{name}" },
    "gcp:compute/targetHttpsProxy:TargetHttpsProxy": { template: "projects/{project}/global/targetHttpsProxies/{name}" },
    "gcp:compute/backendBucket:BackendBucket": { template: "projects/{project}/global/backendBuckets/{name}" },
    "gcp:compute/backendService:BackendService": { template: "projects/{project}/global/backendServices/{name}" },
    "gcp:compute/securityPolicy:SecurityPolicy": { template: "projects/{project}/global/securityPolicies/{name}" },
    "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup": { template: "projects/{project}/regions/{region}/networkEndpointGroups/{name}" },
    "gcp:cloudrunv2/service:Service": { template: "projects/{project}/locations/{location}/services/{name}" },
    "gcp:cloudrunv2/serviceIamMember:ServiceIamMember": iam("projects/{project}/locations/{location}/services/{name}"),
    "gcp:compute/router:Router": { template: "projects/{project}/regions/{region}/routers/{name}" },
    "gcp:compute/routerNat:RouterNat": { template: "{project}/{region}/{router}/{name}" },
    "gcp:container/cluster:Cluster": { template: IMPORT_IDS["gcp:container/cluster:Cluster"] },
    "gcp:container/nodePool:NodePool": { template: IMPORT_IDS["gcp:container/nodePool:NodePool"] },
    "gcp:cloudbuild/workerPool:WorkerPool": { template: "projects/{project}/locations/{location}/workerPools/{name}" },
    "gcp:appengine/application:Application": { template: "{project}" },
    "gcp:appengine/standardAppVersion:StandardAppVersion": { template: "apps/{project}/services/{service}/versions/{versionId}" },
    "gcp:appengine/engineSplitTraffic:EngineSplitTraffic": { template: "apps/{project}/services/{service}", adopts: true },
    "gcp:appengine/applicationUrlDispatchRules:ApplicationUrlDispatchRules": { template: "{project}", adopts: true },
    "gcp:monitoring/monitoredProject:MonitoredProject": { template: "{metricsScope}/projects/{name}" },
    "aws:iam/role:Role": { template: "{name}" },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { template: "{role}/{policyArn}", adopts: true },
    "aws:budgets/budget:Budget": { template: "{accountId}:{name}" },
    "aws:s3/bucket:Bucket": { template: "{bucket}" },
    // A bucket's settings: creating one on a bucket that has it sets it (the API is a PUT on the bucket).
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": { template: "{bucket}", adopts: true },
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": { template: "{bucket}", adopts: true },
    "aws:s3/bucketPolicy:BucketPolicy": { template: "{bucket}", adopts: true },
    "aws:s3/bucketVersioning:BucketVersioning": { template: "{bucket}", adopts: true },
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": { template: "{bucket}", adopts: true },
};

/**
 * Types the program uses whose real id the server makes (or that holds what the inputs
 * lack, as an OIDC provider's ARN holds the account id): they always get the fallback id.
 */
export const SERVER_ASSIGNED_IDS: readonly string[] = [
    "gcp:billing/budget:Budget",
    "gcp:cloudidentity/group:Group",
    "gcp:cloudidentity/groupMembership:GroupMembership",
    "gcp:secretmanager/secretVersion:SecretVersion",
    "gcp:serviceusage/consumerQuotaOverride:ConsumerQuotaOverride",
    "gcp:monitoring/notificationChannel:NotificationChannel",
    "gcp:monitoring/alertPolicy:AlertPolicy",
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
];

export interface DerivedId {
    id: string;
    /** true when the id came from the type's natural key, false for the URN-hash fallback. */
    natural: boolean;
}

/** The id from the type's natural key, or undefined when it has none or an input it needs is missing or unknown. */
export function naturalId(type: string, inputs: Props): string | undefined {
    const key = NATURAL_KEYS[type];
    if (!key) return undefined;
    let complete = true;
    const id = key.template.replace(/\{([^}]+)\}/g, (_, path: string) => {
        const v = valueAt(inputs, path);
        if ((typeof v !== "string" || v === "") && typeof v !== "number") complete = false;
        if (containsUnknown(v)) complete = false;
        return String(v);
    });
    return complete ? id : undefined;
}

/**
 * `<name>-<12 hex digits of sha256(URN)>`; `attempt` > 1 hashes `URN#attempt`, for when
 * the first choice is taken (a replacement created before its old self is deleted).
 */
export function fallbackId(urn: string, attempt = 1): string {
    const name = parseUrn(urn)?.name ?? "resource";
    const seed = attempt > 1 ? `${urn}#${attempt}` : urn;
    return `${name}-${createHash("sha256").update(seed).digest("hex").slice(0, 12)}`;
}

/** The id a Create of these inputs gets (before any clash with what the cloud holds is considered). */
export function deriveId(type: string, inputs: Props, urn: string): DerivedId {
    const id = naturalId(type, inputs);
    return id !== undefined ? { id, natural: true } : { id: fallbackId(urn), natural: false };
}

/** Whether a create of this type takes over an existing object with the same natural key. */
export function adoptsExisting(type: string): boolean {
    return NATURAL_KEYS[type]?.adopts === true;
}
