// The charter's change-risk classes ("Deploying Changes") as data: what each class
// asks for, and the rules that put a resource change into a class. It lives in
// model/ (plain data, no Pulumi) so that `npm run risk`, the docs generator and the
// policy pack can all read the same rules; tools/risk/classify.ts applies them.

import { GCP, STATEFUL_TYPES } from "./resource-types";

export const RISK_CLASSES = ["low", "medium", "high"] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

/** The kinds of change a rule looks at (the engine's ops, folded: create-replacement etc. are `replace`). */
export const CHANGE_OPS = ["create", "update", "replace", "delete"] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];

export interface RiskClassInfo {
    /** The pull request label: risk/<class>. */
    label: string;
    /** The charter's description of the class. */
    means: string;
    /** What the charter asks for before a change of this class is deployed. */
    asks: string;
}

/** Quoted from the charter's "Deploying Changes" section. */
export const RISK_CLASS_INFO: Readonly<Record<RiskClass, RiskClassInfo>> = {
    low: {
        label: "risk/low",
        means: "Does not break existing contributor workflows, is easy to roll back, and impacts at most a few project repos or SIGs.",
        asks: "Review by another member of WG K8s Infra or the affected SIG(s), preferably an approver.",
    },
    medium: {
        label: "risk/medium",
        means: "May impact existing contributor workflows, should be easy to roll back, and may impact all of the project's repos.",
        asks: "Share with the appropriate SIGs; may require a lazy consensus issue with kubernetes-dev@ notice.",
    },
    high: {
        label: "risk/high",
        means: "Likely breaks existing contributor workflows, may be difficult to roll back, and likely impacts all of the project's repos.",
        asks: "Consultation with SIG Contributor Experience as well as any other owning SIGs, and a lazy consensus issue with kubernetes-dev@ notice.",
    },
};

/** What a change of no rule below is: the charter's low class. */
export const LOW_WHY = "no high or medium rule matches: easy to roll back, affects at most a few repos or SIGs";

/** A value at `path` (dotted, in the resource's inputs) that makes a rule match. */
export interface InputMatch {
    path: string;
    values: readonly string[];
}

export interface RiskRule {
    id: string;
    risk: Exclude<RiskClass, "low">;
    /** The changes this rule is about. */
    ops: readonly ChangeOp[];
    /** Resource type tokens; absent: any type. */
    types?: readonly string[];
    /** Only resources whose old state has the `protect` option. */
    protected?: true;
    /** Only resources inside a component of this type (their URN's type chain names it). */
    inComponent?: string;
    /** Only resources with at least one of these input values (old or new state). */
    anyInput?: readonly InputMatch[];
    /**
     * Only resources of this environment: the resource's `environment` label, else the
     * stack's k8s-infra:environment, else the stack's name. Unknown counts as prod.
     */
    environment?: "prod";
    /** Why a change this rule matches is in its class, for the report. */
    why: string;
}

const ORG_IAM_TYPES = [
    "gcp:organizations/iAMMember:IAMMember",
    "gcp:organizations/iAMBinding:IAMBinding",
    "gcp:organizations/iAMPolicy:IAMPolicy",
    "gcp:organizations/iAMCustomRole:IAMCustomRole",
    "gcp:organizations/iamAuditConfig:IamAuditConfig",
    "gcp:folder/iAMMember:IAMMember",
    "gcp:folder/iAMBinding:IAMBinding",
    "gcp:folder/iAMPolicy:IAMPolicy",
    "gcp:folder/iamAuditConfig:IamAuditConfig",
    // Organization policy constraints: not IAM, but org-wide in the same way.
    "gcp:organizations/policy:Policy",
    "gcp:folder/organizationPolicy:OrganizationPolicy",
] as const;

export const DNS_ZONE = "gcp:dns/managedZone:ManagedZone";
export const DNS_RECORD_SET = "gcp:dns/recordSet:RecordSet";
const CLUSTER_TYPES = ["gcp:container/cluster:Cluster", "gcp:container/nodePool:NodePool"] as const;
const REGISTRY = "gcp:artifactregistry/repository:Repository";
const REGISTRY_IAM = [
    "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember",
    "gcp:artifactregistry/repositoryIamBinding:RepositoryIamBinding",
    "gcp:artifactregistry/repositoryIamPolicy:RepositoryIamPolicy",
] as const;
/** Bucket `purpose` labels of the CI buckets every repo's jobs write to (see model/service-config/gcs.ts). */
export const CI_BUCKET_PURPOSES = ["logs", "test-artifacts"] as const;
/** The component type of the e2e test pool (services/test-pool). */
export const TEST_POOL_COMPONENT = "k8s-infra:services:TestPool";

const REMOVE: readonly ChangeOp[] = ["delete", "replace"];
const CHANGE: readonly ChangeOp[] = ["update", "replace", "delete"];
const ANY: readonly ChangeOp[] = CHANGE_OPS;

/** In order: the first matching rule of the highest class gives a change its reason. */
export const RISK_RULES: readonly RiskRule[] = [
    {
        id: "protected-removed", risk: "high", ops: REMOVE, protected: true,
        why: "deletes or replaces a protected resource",
    },
    {
        id: "stateful-removed", risk: "high", ops: REMOVE, types: Object.keys(STATEFUL_TYPES),
        why: "deletes or replaces a stateful resource: what it holds is lost, and it is hard to roll back",
    },
    {
        id: "dns-zone", risk: "high", ops: CHANGE, types: [DNS_ZONE],
        why: "changes a DNS zone: every name in it, and every repo's links, depend on it",
    },
    {
        id: "org-iam", risk: "high", ops: ANY, types: ORG_IAM_TYPES,
        why: "changes organization- or folder-level IAM or policy: it reaches every project",
    },
    {
        id: "kms-key-removed", risk: "high", ops: REMOVE,
        types: ["gcp:kms/keyRing:KeyRing", "gcp:kms/cryptoKey:CryptoKey", "gcp:kms/cryptoKeyVersion:CryptoKeyVersion"],
        why: "destroys a KMS key: what it encrypted (state, secrets) cannot be decrypted again",
    },
    {
        id: "app-engine-app", risk: "high", ops: ["create", "replace", "delete"], types: ["gcp:appengine/application:Application"],
        why: "creates, replaces or deletes an App Engine app: an app can never be deleted and its region never changes",
    },
    {
        id: "prow-cluster", risk: "medium", ops: CHANGE, types: CLUSTER_TYPES,
        why: "changes a prow cluster or node pool that every repo's jobs run on",
    },
    {
        id: "ci-bucket", risk: "medium", ops: CHANGE, types: [GCP.bucket],
        anyInput: [{ path: "labels.purpose", values: CI_BUCKET_PURPOSES }],
        why: "changes a CI bucket (logs, test artifacts) that every repo's jobs write to",
    },
    {
        id: "shared-registry", risk: "medium", ops: CHANGE, types: [REGISTRY, ...REGISTRY_IAM], environment: "prod",
        anyInput: [{ path: "labels.purpose", values: ["images"] }, { path: "repositoryId", values: ["images"] }, { path: "repository", values: ["images"] }],
        why: "changes a prod images registry (or who may read or write it) that registry.k8s.io serves every repo's images from",
    },
    {
        id: "prod-dns-records", risk: "medium", ops: ANY, types: [DNS_RECORD_SET], environment: "prod",
        why: "changes a DNS record set of a prod zone (k8s.io, kubernetes.io, x-k8s.io)",
    },
    {
        id: "test-pool", risk: "medium", ops: ANY, inComponent: TEST_POOL_COMPONENT,
        why: "changes the e2e test pool that every repo's jobs rent projects from",
    },
];

/**
 * Offline (no provider to ask), an update of a stateful resource that changes one of these
 * inputs is taken as a replacement: they name or place the resource, and the GCP provider
 * replaces a bucket, project, secret, dataset, zone, cluster, registry or CA when they change.
 */
export const OFFLINE_REPLACE_KEYS: readonly string[] = [
    "name", "project", "projectId", "location", "locationId", "secretId", "datasetId", "dnsName",
    "repositoryId", "certificateAuthorityId", "pool",
];

export function riskRank(risk: RiskClass): number {
    return RISK_CLASSES.indexOf(risk);
}
