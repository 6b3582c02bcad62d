// Cost-attribution labels (GCP) and tags (AWS): the four keys every labelable
// resource carries, how their values are made, and which resource types take them
// under which property. Components call standardLabels(); the labels policy reads
// LABEL_PROPERTY to know where to look.

import { Environment } from "./naming";

export const LABEL_KEYS = ["subproject", "sig", "environment", "managed-by"] as const;
export type LabelKey = (typeof LABEL_KEYS)[number];
export const MANAGED_BY = "pulumi";

/** GCP label values: lowercase letters, digits, - and _, at most 63 characters. */
export function labelValue(text: string): string {
    return text.toLowerCase().replace(/[^a-z0-9_-]/g, "-").slice(0, 63);
}

export interface LabelSource {
    subproject: string;
    sig: string;
    environment: Environment;
}

export function standardLabels(src: LabelSource): Record<LabelKey, string> {
    return {
        "subproject": labelValue(src.subproject),
        "sig": labelValue(src.sig),
        "environment": src.environment,
        "managed-by": MANAGED_BY,
    };
}

/**
 * Resource types that take labels or tags, and the input property that holds them.
 * A type that is not here is not checked: add it when a component starts using it.
 */
export const LABEL_PROPERTY: Readonly<Record<string, string>> = {
    // GCP
    "gcp:organizations/project:Project": "labels",
    "gcp:storage/bucket:Bucket": "labels",
    "gcp:container/cluster:Cluster": "resourceLabels",
    "gcp:bigquery/dataset:Dataset": "labels",
    "gcp:secretmanager/secret:Secret": "labels",
    "gcp:dns/managedZone:ManagedZone": "labels",
    "gcp:compute/globalAddress:GlobalAddress": "labels",
    "gcp:compute/globalForwardingRule:GlobalForwardingRule": "labels",
    "gcp:certificateauthority/caPool:CaPool": "labels",
    "gcp:certificateauthority/authority:Authority": "labels",
    "gcp:artifactregistry/repository:Repository": "labels",
    "gcp:cloudrunv2/service:Service": "labels",
    "gcp:compute/securityPolicy:SecurityPolicy": "labels",
    "gcp:compute/instance:Instance": "labels",
    "gcp:pubsub/topic:Topic": "labels",
    "gcp:monitoring/alertPolicy:AlertPolicy": "userLabels",
    // AWS
    "aws:s3/bucket:Bucket": "tags",
    "aws:s3/bucketV2:BucketV2": "tags",
    "aws:iam/role:Role": "tags",
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": "tags",
    "aws:ec2/instance:Instance": "tags",
    "aws:ec2/vpc:Vpc": "tags",
    "aws:budgets/budget:Budget": "tags",
};
