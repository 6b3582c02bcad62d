// What the inventory says exists, as the provider would describe it: for each
// type the program can adopt (model/import-ids.ts), the import id and the
// properties a Read after `pulumi import` gives, named as the SDK's inputs. It
// is what `npm run adopt` compares the program's resources with, and what the
// stand-in cloud serves Read from in the adoption test, so both see one truth.
//
// Only what the audit records is filled in, plus the values the provider sets
// on import for its own settings (a bucket's forceDestroy, a project's
// deletionPolicy): an input the audit does not know is absent here, and a
// program that sets it shows as differing from "(not in the inventory)".

import type { Inventory } from "./load";
import type { ProjectFile } from "./schema";
import { importIdOf } from "../import-ids";
import { recordSetObjects } from "./dns-record-sets";

export interface CloudObject {
    type: string;
    id: string;
    /** The project it is in (its own id for a project; "" for a group, which is the organization's). */
    project: string;
    props: Record<string, unknown>;
}

const T = {
    project: "gcp:organizations/project:Project",
    bucket: "gcp:storage/bucket:Bucket",
    account: "gcp:serviceaccount/account:Account",
    secret: "gcp:secretmanager/secret:Secret",
    dataset: "gcp:bigquery/dataset:Dataset",
    zone: "gcp:dns/managedZone:ManagedZone",
    cluster: "gcp:container/cluster:Cluster",
    nodePool: "gcp:container/nodePool:NodePool",
} as const;

function object(type: string, project: string, props: Record<string, unknown>): CloudObject {
    const id = importIdOf(type, props);
    if (!id) throw new Error(`inventory object of ${type} in ${project} lacks its key inputs`);
    return { type, id, project, props };
}

function projectObject(p: ProjectFile): CloudObject {
    const [kind, parentId] = p.parent.split("/");
    return object(T.project, p.id, {
        projectId: p.id,
        name: p.id,
        ...(kind === "organizations" ? { orgId: parentId } : { folderId: parentId }),
        labels: {},
        // What the provider sets for its own (virtual) settings on import.
        autoCreateNetwork: true,
        deletionPolicy: "PREVENT",
    });
}

function bucketObjects(p: ProjectFile): CloudObject[] {
    return Object.entries(p.buckets).map(([name, b]) => object(T.bucket, p.id, {
        name,
        project: p.id,
        location: b.location,
        storageClass: b.storageClass,
        uniformBucketLevelAccess: b.uniformAccess,
        publicAccessPrevention: b.publicAccessPrevention,
        versioning: { enabled: b.versioning },
        lifecycleRules: b.lifecycle,
        ...(b.retention ? { retentionPolicy: { retentionPeriod: String(b.retention.seconds), isLocked: b.retention.locked } } : {}),
        ...(b.logging ? { logging: { logBucket: b.logging.bucket, ...(b.logging.prefix ? { logObjectPrefix: b.logging.prefix } : {}) } } : {}),
        labels: b.labels,
        forceDestroy: false,
    }));
}

function accountObjects(p: ProjectFile): CloudObject[] {
    // Only accounts the project's users make (<id>@<project>.iam.gserviceaccount.com); Google's own are not adoptable.
    return Object.entries(p.serviceAccounts)
        .filter(([email]) => email.endsWith(`@${p.id}.iam.gserviceaccount.com`))
        .map(([email, a]) => object(T.account, p.id, {
            project: p.id,
            accountId: email.split("@")[0],
            ...(a.displayName !== undefined ? { displayName: a.displayName } : {}),
            ...(a.description !== undefined ? { description: a.description } : {}),
            disabled: a.disabled,
        }));
}

function secretObjects(p: ProjectFile): CloudObject[] {
    return Object.entries(p.secrets).map(([secretId, s]) => object(T.secret, p.id, {
        project: p.id,
        secretId,
        replication: s.replication === "automatic" ? { auto: {} } : { userManaged: { replicas: s.replication.locations.map(location => ({ location })) } },
        labels: s.labels,
        deletionProtection: false,
    }));
}

function datasetObjects(p: ProjectFile): CloudObject[] {
    return Object.entries(p.datasets).map(([datasetId, d]) => object(T.dataset, p.id, {
        project: p.id,
        datasetId,
        location: d.location,
        ...(d.description !== undefined ? { description: d.description } : {}),
        labels: d.labels,
    }));
}

function zoneObjects(p: ProjectFile): CloudObject[] {
    return Object.entries(p.dnsZones).map(([name, z]) => object(T.zone, p.id, {
        project: p.id,
        name,
        dnsName: z.dnsName,
        description: z.description,
        visibility: z.visibility,
        dnssecConfig: { state: z.dnssec ? "on" : "off" },
        forceDestroy: false,
    }));
}

function clusterObjects(p: ProjectFile): CloudObject[] {
    return Object.entries(p.clusters).map(([name, c]) => object(T.cluster, p.id, {
        project: p.id,
        name,
        location: c.location,
        ...(c.releaseChannel ? { releaseChannel: { channel: c.releaseChannel } } : {}),
        ...(c.network ? { network: c.network } : {}),
        ...(c.subnetwork ? { subnetwork: c.subnetwork } : {}),
        ...(c.workloadPool ? { workloadIdentityConfig: { workloadPool: c.workloadPool } } : {}),
        ...(c.securityGroup ? { authenticatorGroupsConfig: { securityGroup: c.securityGroup } } : {}),
        ...(c.privateCluster && c.masterIpv4CidrBlock ? { privateClusterConfig: { enablePrivateNodes: true, masterIpv4CidrBlock: c.masterIpv4CidrBlock } } : {}),
        ...(c.description ? { description: c.description } : {}),
        ...(c.initialNodeCount !== undefined ? { initialNodeCount: c.initialNodeCount } : {}),
        networkingMode: c.networkingMode,
        ...(c.ipAllocation ? { ipAllocationPolicy: {
            ...(c.ipAllocation.podsRange ? { clusterSecondaryRangeName: c.ipAllocation.podsRange } : {}),
            ...(c.ipAllocation.servicesRange ? { servicesSecondaryRangeName: c.ipAllocation.servicesRange } : {}),
            ...(c.ipAllocation.stackType ? { stackType: c.ipAllocation.stackType } : {}),
        } } : {}),
        ...(c.datapathProvider ? { datapathProvider: c.datapathProvider } : {}),
        ...(c.nodeConfig ? { nodeConfig: { ...c.nodeConfig } } : {}),
    }));
}

/** The clusters' node pools, but those node auto-provisioning made: GKE makes and removes them, nobody adopts them. */
function nodePoolObjects(p: ProjectFile): CloudObject[] {
    return Object.entries(p.clusters).flatMap(([cluster, c]) => Object.entries(c.nodePools)
        .filter(([, n]) => !n.autoprovisioned)
        .map(([name, n]) => object(T.nodePool, p.id, {
            project: p.id,
            location: c.location,
            cluster,
            name,
            ...(n.initialNodeCount !== undefined ? { initialNodeCount: n.initialNodeCount } : {}),
            ...(n.autoRepair !== undefined || n.autoUpgrade !== undefined ? { management: {
                ...(n.autoRepair !== undefined ? { autoRepair: n.autoRepair } : {}),
                ...(n.autoUpgrade !== undefined ? { autoUpgrade: n.autoUpgrade } : {}),
            } } : {}),
            ...(n.minNodes !== undefined || n.maxNodes !== undefined ? { autoscaling: {
                ...(n.minNodes !== undefined ? { minNodeCount: n.minNodes } : {}),
                ...(n.maxNodes !== undefined ? { maxNodeCount: n.maxNodes } : {}),
            } } : {}),
            nodeConfig: {
                ...(n.machineType ? { machineType: n.machineType } : {}),
                ...(n.diskSizeGb !== undefined ? { diskSizeGb: n.diskSizeGb } : {}),
                ...(n.diskType ? { diskType: n.diskType } : {}),
                ...(n.imageType ? { imageType: n.imageType } : {}),
                ...(n.serviceAccount ? { serviceAccount: n.serviceAccount } : {}),
                ...(n.oauthScopes ? { oauthScopes: [...n.oauthScopes] } : {}),
                ...(n.workloadMetadata ? { workloadMetadataConfig: { mode: n.workloadMetadata } } : {}),
                ...(n.secureBoot !== undefined || n.integrityMonitoring !== undefined ? { shieldedInstanceConfig: {
                    ...(n.secureBoot !== undefined ? { enableSecureBoot: n.secureBoot } : {}),
                    ...(n.integrityMonitoring !== undefined ? { enableIntegrityMonitoring: n.integrityMonitoring } : {}),
                } } : {}),
            },
        })));
}

/** The groups, known by address (they have no import id the inventory could hold: model/import-ids.ts). */
function groupObjects(inv: Inventory): CloudObject[] {
    return inv.groups.flatMap(file => file.groups.map(g => ({
        type: "gcp:cloudidentity/group:Group", id: g.email, project: "",
        props: { groupKey: { id: g.email }, displayName: g.name, ...(g.description !== undefined ? { description: g.description } : {}) },
    })));
}

/** Every object the inventory holds of a type the program records existence for, projects first. */
export function cloudObjects(inv: Inventory): CloudObject[] {
    return [...[...inv.projects.values()].flatMap(p => [
        projectObject(p), ...bucketObjects(p), ...accountObjects(p), ...secretObjects(p),
        ...datasetObjects(p), ...zoneObjects(p), ...clusterObjects(p), ...nodePoolObjects(p),
    ]), ...recordSetObjects(inv), ...groupObjects(inv)];
}

/** The objects by type and id, for lookups. */
export function indexObjects(objects: readonly CloudObject[]): Map<string, Map<string, CloudObject>> {
    const index = new Map<string, Map<string, CloudObject>>();
    for (const o of objects) {
        if (!index.has(o.type)) index.set(o.type, new Map());
        index.get(o.type)!.set(o.id, o);
    }
    return index;
}
