// Stack config for the GKE service (k8s-infra:services.gke): the clusters that
// run prow's builds and the community's bots and utilities (k8s.io's `aaa`,
// `prow-build`, `prow-build-trusted`), each with its node pools, and the
// thresholds of their alerts. An existing cluster or node pool says what GKE fixed
// when it was made (`existing`), so that adopting it never replaces it.

import { z } from "zod";
import { ProjectId } from "./names";
import { refineUniqueAt, uniqueBy } from "./unique";
import { Environment, STAGING_TOKEN } from "../naming";

/** GKE and GCE resource names: lowercase letters, digits and hyphens, starting with a letter. */
const RESOURCE_NAME = /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/;
/** The node service account is gke-nodes-<cluster> (-stg in staging), and a service account id has at most 30 characters. */
export const NODE_ACCOUNT_PREFIX = "gke-nodes-";
const MAX_ACCOUNT_ID = 30;
/** The longest cluster name: its node account must fit in prod (prow-build-trusted is 18); staging takes 4 fewer (gkeEnvironmentIssues). */
export const MAX_CLUSTER_NAME = MAX_ACCOUNT_ID - NODE_ACCOUNT_PREFIX.length;

/**
 * A node pool that exists, as it was made: what GKE cannot change in place (the inventory's
 * node pools hold these). A new pool starts with max(minNodes, 1) nodes and Secure Boot on.
 */
export const ExistingNodePoolConfig = z.strictObject({
    initialNodeCount: z.number().int().min(0).default(1),
    /** Shielded nodes' Secure Boot: k8s.io's pools were made without it. */
    secureBoot: z.boolean().default(false),
});
export type ExistingNodePoolConfig = z.infer<typeof ExistingNodePoolConfig>;

export const NodePoolConfig = z.strictObject({
    /** Node pool name, unique in its cluster (pool5-20210928124956061000000001, pool6-arm64). */
    name: z.string().regex(RESOURCE_NAME, { message: "is not a node pool name (lowercase letters, digits and hyphens, starting with a letter)" }).max(40),
    /** GCE machine type (e2-standard-4, c3d-highmem-8-lssd, t2a-standard-8). */
    machineType: z.string().min(1),
    /** Autoscaling bounds, per zone of the cluster's location. */
    minNodes: z.number().int().min(0).default(1),
    maxNodes: z.number().int().positive(),
    diskSizeGb: z.number().int().min(10, { message: "must be at least 10 (GB)" }).default(100),
    diskType: z.enum(["pd-standard", "pd-balanced", "pd-ssd", "hyperdisk-balanced"]).default("pd-balanced"),
    /** Node image: COS by default; prow's build pool runs Ubuntu. */
    imageType: z.enum(["COS_CONTAINERD", "UBUNTU_CONTAINERD"]).default("COS_CONTAINERD"),
    /** Spot VMs: cheaper, can be taken away at any time. */
    spot: z.boolean().default(false),
    /** Set for a pool that exists (adopted as it was made); absent for a new one. */
    existing: ExistingNodePoolConfig.optional(),
}).refine(p => p.minNodes <= p.maxNodes, { message: "minNodes is larger than maxNodes; lower minNodes or raise maxNodes", path: ["minNodes"] });
export type NodePoolConfig = z.infer<typeof NodePoolConfig>;

export const WorkloadAccountConfig = z.strictObject({
    /** Service account id stem (prow-build, kettle): the account is <name>(-stg)@<project>.iam.gserviceaccount.com. */
    name: z.string().regex(RESOURCE_NAME, { message: "is not a service account name (lowercase letters, digits and hyphens)" })
        .min(6, { message: "needs at least 6 characters (a service account id has 6-30)" })
        .max(26, { message: "is longer than 26 characters; with -stg the service account id must fit in 30" }),
    /** The Kubernetes namespace and service account that act as it through Workload Identity. */
    namespace: z.string().regex(RESOURCE_NAME, { message: "is not a Kubernetes namespace" }),
    kubernetesServiceAccount: z.string().regex(RESOURCE_NAME, { message: "is not a Kubernetes service account name" }).optional(),
});
export type WorkloadAccountConfig = z.infer<typeof WorkloadAccountConfig>;

/** The scope a node service account needs for its IAM roles to decide what it may do. */
export const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

/**
 * A cluster that exists, as it was made: what GKE fixes at creation, so that adopting it
 * recreates nothing (the inventory's clusters hold these). A new cluster has none of this:
 * it is made private and VPC-native, with a description. A field left out here is one the
 * cluster was made without (k8s.io's terraform module sets no first node count, disk or
 * scopes on the cluster itself), and the program leaves it as it is.
 */
export const ExistingClusterConfig = z.strictObject({
    subnetwork: z.string().regex(RESOURCE_NAME, { message: "is not a subnetwork name" }),
    networkingMode: z.enum(["VPC_NATIVE", "ROUTES"]),
    /** Secondary range names of a VPC-native cluster's pods and services. */
    podsRange: z.string().regex(RESOURCE_NAME).optional(),
    servicesRange: z.string().regex(RESOURCE_NAME).optional(),
    /** IPV4_IPV6 for a dual-stack cluster (prow's), when it was made so. */
    stackType: z.enum(["IPV4", "IPV4_IPV6"]).optional(),
    /** ADVANCED_DATAPATH (Dataplane V2), when it was made so. */
    datapathProvider: z.enum(["ADVANCED_DATAPATH", "LEGACY_DATAPATH"]).optional(),
    /** Made with private nodes: its control plane has the cluster's masterIpv4CidrBlock. */
    privateNodes: z.boolean().default(false),
    initialNodeCount: z.number().int().min(1).optional(),
    /** The node service account id it was made with, when that is not gke-nodes-<cluster> (k8s-infra-prow's two share gke-nodes). */
    nodeServiceAccount: z.string().regex(RESOURCE_NAME, { message: "is not a service account id" }).min(6).max(MAX_ACCOUNT_ID).optional(),
    /** The Cloud Router whose NAT already serves the cluster's network and region (k8s-infra-prow: prow-nat): the program makes no NAT there. */
    natRouter: z.string().regex(RESOURCE_NAME, { message: "is not a Cloud Router name" }).optional(),
    /** The cluster's own node config (of its first, default pool). */
    defaultNodes: z.strictObject({
        machineType: z.string().min(1),
        diskSizeGb: z.number().int().min(10).optional(),
        diskType: z.enum(["pd-standard", "pd-balanced", "pd-ssd", "hyperdisk-balanced"]).optional(),
        imageType: z.enum(["COS_CONTAINERD", "UBUNTU_CONTAINERD"]).default("COS_CONTAINERD"),
        oauthScopes: z.array(z.string().url()).optional(),
    }),
}).refine(e => e.networkingMode === "VPC_NATIVE" || (!e.podsRange && !e.servicesRange && !e.stackType),
    { message: "a ROUTES cluster has no secondary ranges or stack type; drop podsRange, servicesRange and stackType", path: ["podsRange"] });
export type ExistingClusterConfig = z.infer<typeof ExistingClusterConfig>;

export const ClusterConfig = z.strictObject({
    /** Cluster name, also the key in the `clusters` stack output (aaa, prow-build). */
    name: z.string()
        .regex(RESOURCE_NAME, { message: "is not a cluster name (lowercase letters, digits and hyphens, starting with a letter)" })
        .max(MAX_CLUSTER_NAME, { message: `is longer than ${MAX_CLUSTER_NAME} characters; the node service account ${NODE_ACCOUNT_PREFIX}<name> must fit in ${MAX_ACCOUNT_ID}` }),
    /** What runs on it (prow: prow.k8s.io's control plane); becomes the `purpose` label. */
    purpose: z.enum(["prow", "prow-build", "utility", "bots"]),
    /** The prod id of the cluster's project; the service's `project` when not given. */
    project: ProjectId.optional(),
    /** Region (regional cluster) or zone (zonal cluster). */
    location: z.string().regex(/^[a-z]+-[a-z]+[0-9](?:-[a-z])?$/, { message: "is not a GCP region or zone like us-central1 or us-central1-b" }),
    releaseChannel: z.enum(["RAPID", "REGULAR", "STABLE", "EXTENDED"]).default("REGULAR"),
    /** VPC network of the nodes; a Cloud NAT in it gives the private nodes their way out. */
    network: z.string().regex(RESOURCE_NAME, { message: "is not a VPC network name like default" }).default("default"),
    /** The /28 the private cluster's control plane gets; unique among the clusters of one network. */
    masterIpv4CidrBlock: z.string().regex(/^(?:[0-9]{1,3}\.){3}[0-9]{1,3}\/28$/, { message: "is not a /28 CIDR block like 172.16.0.0/28" }).default("172.16.0.0/28"),
    /** Google Groups for RBAC: the group whose member groups can be bound in cluster RBAC (gke-security-groups@kubernetes.io). */
    securityGroup: z.string().email({ message: "is not a group e-mail like gke-security-groups@kubernetes.io" }).optional(),
    /** Daily maintenance window start, UTC (aaa: 11:00). */
    maintenanceStart: z.string().regex(/^(?:[01][0-9]|2[0-3]):[0-5][0-9]$/, { message: "is not a time like 11:00 (HH:MM, UTC)" }).default("11:00"),
    /** Google service accounts that the cluster's workloads act as, through Workload Identity (prow jobs in test-pods). */
    workloadAccounts: z.array(WorkloadAccountConfig).default([]),
    /** Set for a cluster that exists (adopted as it was made, in prod); absent for a new one. */
    existing: ExistingClusterConfig.optional(),
    nodePools: z.array(NodePoolConfig).min(1, { message: "needs at least one node pool (the default pool is removed)" })
        .superRefine(uniqueBy("name", p => [p.name])),
});
export type ClusterConfig = z.infer<typeof ClusterConfig>;

export const AlertsConfig = z.strictObject({
    /** Alert when a node's allocatable CPU utilization stays above this fraction for 15 minutes. */
    nodeCpuUtilization: z.number().gt(0).max(1, { message: "is a fraction: between 0 and 1 (0.9 = 90%)" }).default(0.9),
    /** Alert when the containers of one namespace restart more than this many times in 10 minutes. */
    containerRestarts: z.number().int().positive().default(10),
});

export const GkeConfig = z.strictObject({
    /** The project's prod id (model/naming.ts); the project of clusters that name none. */
    project: ProjectId,
    clusters: z.array(ClusterConfig).min(1).superRefine(uniqueBy("name", c => [c.name])),
    alerts: AlertsConfig.default({ nodeCpuUtilization: 0.9, containerRestarts: 10 }),
}).superRefine((g, ctx) => refineUniqueAt(ctx,
    g.clusters.flatMap((c, i) => c.workloadAccounts.map((w, k): [PropertyKey[], string] => [["clusters", i, "workloadAccounts", k], w.name])),
    "service account name (the keys of the serviceAccounts output, in every cluster)", name => [name]));
export type GkeConfig = z.infer<typeof GkeConfig>;

/** The region of a cluster location (a zone's region, or the region itself). */
export function regionOf(location: string): string {
    return location.replace(/-[a-z]$/, "");
}

/** The prod ids of the clusters' projects, the service's own first. */
export function gkeProjects(settings: GkeConfig): string[] {
    return [...new Set([settings.project, ...settings.clusters.map(c => c.project ?? settings.project)])];
}

/** A stack config problem at a path under services.gke. */
export interface GkeEnvironmentIssue {
    path: PropertyKey[];
    message: string;
}

/**
 * What fits prod but not the stack's environment, which the schema cannot tell: in staging a
 * node account gains -stg (so a cluster name takes at most 16 characters), and nothing there
 * exists to adopt (a staging name that exists is a collision), so `existing` is prod's only.
 */
export function gkeEnvironmentIssues(settings: GkeConfig, environment: Environment): GkeEnvironmentIssue[] {
    if (environment !== "staging") return [];
    return settings.clusters.flatMap((c, i) => {
        const issues: GkeEnvironmentIssue[] = [];
        const account = `${NODE_ACCOUNT_PREFIX}${c.name}-${STAGING_TOKEN}`;
        if (account.length > MAX_ACCOUNT_ID) {
            issues.push({ path: ["clusters", i, "name"], message: `makes the node service account ${account}, ${account.length} characters in staging ` +
                `(a service account id takes at most ${MAX_ACCOUNT_ID}); give the staging cluster a name of at most ${MAX_ACCOUNT_ID - account.length + c.name.length} characters` });
        }
        if (c.existing) issues.push({ path: ["clusters", i, "existing"], message: "staging adopts nothing (its names are its own, with -stg): remove existing; staging makes a new cluster" });
        c.nodePools.forEach((p, k) => {
            if (p.existing) issues.push({ path: ["clusters", i, "nodePools", k, "existing"], message: "staging adopts nothing: remove existing; staging makes a new node pool" });
        });
        return issues;
    });
}
