// Which input properties force a replacement when they change, per type token:
// the stand-in cloud's Diff reports these in `replaces` (with DIFF_SOME), and any
// other change as an update. It covers every gcp and aws type the program
// registers (tests/stand-in-cloud/replace-table.test.ts keeps it so), taken
// from the Terraform providers the Pulumi ones bridge (`ForceNew` in
// terraform-provider-google / -aws), limited to what a change of the program
// can touch. A dotted path ("nodeConfig.machineType") compares one field of a
// nested block. Types not listed fall back to DEFAULT_REPLACE_ON_CHANGE.
//
// This is test infrastructure: when a real provider's plan disagrees with this
// table, the provider is right; fix the table.

/** For types the table does not list: the usual identity properties of a GCP or AWS resource. */
export const DEFAULT_REPLACE_ON_CHANGE: readonly string[] = ["name", "project", "location", "region", "zone"];

const IAM_MEMBER = ["role", "member", "condition"];
/** Node settings GKE cannot change in place (a new pool, or cluster, is made); Secure Boot is one (shielded_instance_config is ForceNew). */
const NODE_CONFIG_FORCE_NEW = ["nodeConfig.oauthScopes", "nodeConfig.serviceAccount", "nodeConfig.spot",
    "nodeConfig.preemptible", "nodeConfig.localSsdCount", "nodeConfig.guestAccelerators", "nodeConfig.shieldedInstanceConfig"];

export const REPLACE_ON_CHANGE: Readonly<Record<string, readonly string[]>> = {
    // Projects, billing, APIs and quotas
    "gcp:organizations/project:Project": ["projectId"],
    "gcp:billing/budget:Budget": ["billingAccount"],
    "gcp:projects/service:Service": ["project", "service"],
    "gcp:serviceusage/consumerQuotaOverride:ConsumerQuotaOverride": ["project", "service", "metric", "limit", "dimensions"],
    // IAM bindings: every part of the binding is its identity
    "gcp:projects/iAMMember:IAMMember": ["project", ...IAM_MEMBER],
    "gcp:serviceaccount/iAMMember:IAMMember": ["serviceAccountId", ...IAM_MEMBER],
    "gcp:secretmanager/secretIamMember:SecretIamMember": ["project", "secretId", ...IAM_MEMBER],
    "gcp:storage/bucketIAMMember:BucketIAMMember": ["bucket", ...IAM_MEMBER],
    "gcp:bigquery/datasetIamMember:DatasetIamMember": ["project", "datasetId", ...IAM_MEMBER],
    "gcp:dns/dnsManagedZoneIamMember:DnsManagedZoneIamMember": ["project", "managedZone", ...IAM_MEMBER],
    "gcp:certificateauthority/caPoolIamMember:CaPoolIamMember": ["project", "location", "caPool", ...IAM_MEMBER],
    "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember": ["project", "location", "repository", ...IAM_MEMBER],
    "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": ["cryptoKeyId", ...IAM_MEMBER],
    "gcp:organizations/iAMMember:IAMMember": ["orgId", ...IAM_MEMBER],
    // Identity
    "gcp:serviceaccount/account:Account": ["project", "accountId"],
    "gcp:cloudidentity/group:Group": ["groupKey", "parent", "initialGroupConfig"],
    "gcp:cloudidentity/groupMembership:GroupMembership": ["group", "preferredMemberKey", "memberKey"],
    "gcp:iam/workloadIdentityPool:WorkloadIdentityPool": ["project", "workloadIdentityPoolId"],
    "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider": ["project", "workloadIdentityPoolId", "workloadIdentityPoolProviderId"],
    // Secrets and certificates
    "gcp:secretmanager/secret:Secret": ["project", "secretId", "replication"],
    "gcp:secretmanager/secretVersion:SecretVersion": ["secret", "secretData"],
    "gcp:certificateauthority/caPool:CaPool": ["project", "location", "name", "tier"],
    "gcp:certificateauthority/authority:Authority": ["project", "location", "pool", "certificateAuthorityId",
        "config", "keySpec", "lifetime", "type"],
    // Storage, data and artifacts
    "gcp:storage/bucket:Bucket": ["project", "name", "location", "customPlacementConfig"],
    "gcp:bigquery/dataset:Dataset": ["project", "datasetId", "location"],
    "gcp:artifactregistry/repository:Repository": ["project", "location", "repositoryId", "format", "mode", "kmsKeyName"],
    // DNS
    "gcp:dns/managedZone:ManagedZone": ["project", "name", "dnsName", "visibility"],
    "gcp:dns/recordSet:RecordSet": ["project", "managedZone", "name"],
    // Load balancing (global resources are immutable but for a few fields)
    "gcp:compute/globalAddress:GlobalAddress": ["project", "name", "description", "address", "addressType",
        "ipVersion", "prefixLength", "purpose", "network"],
    "gcp:compute/globalForwardingRule:GlobalForwardingRule": ["project", "name", "description", "ipAddress",
        "ipProtocol", "ipVersion", "loadBalancingScheme", "portRange", "network"],
    "gcp:compute/managedSslCertificate:ManagedSslCertificate": ["project", "name", "description", "managed", "type"],
    "gcp:compute/sSLPolicy:SSLPolicy": ["project", "name", "description"],
    "gcp:compute/uRLMap:URLMap": ["project", "name"],
    "gcp:compute/targetHttpProxy:TargetHttpProxy": ["project", "name", "description"],
    "gcp:compute/targetHttpsProxy:TargetHttpsProxy": ["project", "name", "description"],
    "gcp:compute/backendBucket:BackendBucket": ["project", "name"],
    // registry.k8s.io's redirector (services/gcr): Cloud Run, its NEGs, backend service and Cloud Armor
    "gcp:compute/backendService:BackendService": ["project", "name"],
    "gcp:compute/securityPolicy:SecurityPolicy": ["project", "name"],
    "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup": ["project", "region", "name", "networkEndpointType", "cloudRun"],
    "gcp:cloudrunv2/service:Service": ["project", "location", "name"],
    "gcp:cloudrunv2/serviceIamMember:ServiceIamMember": ["project", "location", "name", ...IAM_MEMBER],
    // Networking
    "gcp:compute/router:Router": ["project", "region", "name", "network"],
    "gcp:compute/routerNat:RouterNat": ["project", "region", "router", "name"],
    // GKE
    "gcp:container/cluster:Cluster": ["project", "location", "name", "description", "network", "subnetwork", "datapathProvider",
        "networkingMode", "initialNodeCount", "ipAllocationPolicy", "privateClusterConfig.masterIpv4CidrBlock",
        ...NODE_CONFIG_FORCE_NEW, "nodeConfig.machineType", "nodeConfig.diskSizeGb", "nodeConfig.diskType"],
    "gcp:container/nodePool:NodePool": ["project", "location", "cluster", "name", "initialNodeCount", ...NODE_CONFIG_FORCE_NEW],
    // Build, App Engine, monitoring
    "gcp:cloudbuild/workerPool:WorkerPool": ["project", "location", "name", "networkConfig"],
    "gcp:appengine/application:Application": ["project", "locationId"],
    "gcp:appengine/standardAppVersion:StandardAppVersion": ["project", "service", "versionId"],
    "gcp:appengine/engineSplitTraffic:EngineSplitTraffic": ["project", "service"],
    "gcp:appengine/applicationUrlDispatchRules:ApplicationUrlDispatchRules": ["project"],
    "gcp:monitoring/monitoredProject:MonitoredProject": ["metricsScope", "name"],
    "gcp:monitoring/notificationChannel:NotificationChannel": ["project"],
    "gcp:monitoring/alertPolicy:AlertPolicy": ["project"],
    // AWS
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": ["url"],
    "aws:iam/role:Role": ["name", "namePrefix", "path"],
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["role", "policyArn"],
    "aws:budgets/budget:Budget": ["accountId", "name", "namePrefix"],
    // registry.k8s.io's S3 mirrors (services/gcr): a bucket and its per-bucket settings
    "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix", "region", "objectLockEnabled"],
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": ["bucket", "region"],
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": ["bucket", "region"],
    "aws:s3/bucketPolicy:BucketPolicy": ["bucket", "region"],
    "aws:s3/bucketVersioning:BucketVersioning": ["bucket", "region", "expectedBucketOwner"],
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": ["bucket", "region"],
};

/** The property paths whose change replaces a resource of this type. */
export function replaceOnChange(type: string): readonly string[] {
    return REPLACE_ON_CHANGE[type] ?? DEFAULT_REPLACE_ON_CHANGE;
}
