// Type tokens: this project's own component types, and the cloud types the
// policies look at. Policies match on these strings instead of importing the
// provider SDKs, so the pack stays small and fast to load.

export const COMPONENT = {
    workingGroup: "k8s-infra:governance:WorkingGroup",
    subproject: "k8s-infra:governance:Subproject",
    /** A staging area of the artifact-staging service: its staffing record, judged as a subproject's. */
    stagingArea: "k8s-infra:governance:StagingArea",
    ownerContacts: "k8s-infra:governance:OwnerContacts",
    billing: "k8s-infra:governance:Billing",
    adoption: "k8s-infra:governance:Adoption",
    ciIdentities: "k8s-infra:governance:CiIdentities",
    awsCiIdentities: "k8s-infra:governance:AwsCiIdentities",
} as const;

/** Component types that stand for a deployed charter service (args carry `subproject`). */
export const SERVICE_COMPONENT_PREFIX = "k8s-infra:services:";

export const GCP = {
    bucket: "gcp:storage/bucket:Bucket",
    project: "gcp:organizations/project:Project",
    group: "gcp:cloudidentity/group:Group",
    groupMembership: "gcp:cloudidentity/groupMembership:GroupMembership",
    secret: "gcp:secretmanager/secret:Secret",
    secretVersion: "gcp:secretmanager/secretVersion:SecretVersion",
    serviceAccount: "gcp:serviceaccount/account:Account",
    serviceAccountKey: "gcp:serviceaccount/key:Key",
} as const;

/** Which naming kind each named type follows, and the input property that holds the name. */
export const NAMED_TYPES: Readonly<Record<string, { kind: "project" | "bucket" | "group" | "serviceAccount" | "secret"; property: string }>> = {
    [GCP.bucket]: { kind: "bucket", property: "name" },
    [GCP.project]: { kind: "project", property: "projectId" },
    [GCP.group]: { kind: "group", property: "groupKey.id" },
    [GCP.secret]: { kind: "secret", property: "secretId" },
    [GCP.serviceAccount]: { kind: "serviceAccount", property: "accountId" },
};

/** A deletion guard: the input's value where the stack protects its state (prod), and where it does not (staging). */
export interface DeletionGuard {
    protected: unknown;
    unprotected: unknown;
}
/** Never empty a bucket or zone to delete it, in any stack. */
const NEVER_FORCE: DeletionGuard = { protected: false, unprotected: false };
/** The provider's deletion policy: a delete fails in prod. */
const PREVENT: DeletionGuard = { protected: "PREVENT", unprotected: "DELETE" };
/** The API's own deletion protection: on in prod. */
const PROTECTION: DeletionGuard = { protected: true, unprotected: false };

/**
 * Stateful types: what a deletion would lose. In prod they carry the protect option
 * and, where the provider has one, a deletion guard (property -> its values). This is
 * the one place they are set: every component applies them to each child of these types
 * (services/deletion-guards.ts), and the protection policy checks them.
 * `labels` is the property whose `environment` label says which environment it is in.
 */
export const STATEFUL_TYPES: Readonly<Record<string, { labels?: string; guards?: Record<string, DeletionGuard> }>> = {
    [GCP.bucket]: { labels: "labels", guards: { forceDestroy: NEVER_FORCE } },
    [GCP.project]: { labels: "labels", guards: { deletionPolicy: PREVENT } },
    [GCP.secret]: { labels: "labels", guards: { deletionProtection: PROTECTION } },
    // Data is precious: destroying the dataset fails while it has tables.
    "gcp:bigquery/dataset:Dataset": { labels: "labels", guards: { deleteContentsOnDestroy: NEVER_FORCE, deletionPolicy: PREVENT } },
    "gcp:dns/managedZone:ManagedZone": { labels: "labels", guards: { forceDestroy: NEVER_FORCE } },
    "gcp:container/cluster:Cluster": { labels: "resourceLabels", guards: { deletionProtection: PROTECTION, deletionPolicy: PREVENT } },
    "gcp:artifactregistry/repository:Repository": { labels: "labels", guards: { deletionPolicy: PREVENT } },
    "gcp:certificateauthority/authority:Authority": { labels: "labels", guards: { deletionProtection: PROTECTION } },
    "gcp:certificateauthority/caPool:CaPool": { labels: "labels" },
    "gcp:appengine/application:Application": {},
    // registry.k8s.io's S3 mirrors: a deleted bucket's name could be taken, and the redirector sends clients to it.
    "aws:s3/bucket:Bucket": { labels: "tags", guards: { forceDestroy: NEVER_FORCE } },
};
