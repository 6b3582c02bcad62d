// A project's GKE clusters, services/container/clusters/<name>.json (gcloud
// container clusters describe): the cluster's full state, of which the
// inventory keeps what decides where it runs, who may reach it and its pools.

import { z } from "zod";
import { ClusterNodeConfig, type Cluster } from "../../model/inventory/schema";
import type { People } from "./people";
import { AUDIT_ADVICE, Source, sortedRecord } from "./source";

type ClusterT = z.infer<typeof Cluster>;

const NodePool = z.looseObject({
    name: z.string(),
    initialNodeCount: z.number().int().optional(),
    config: z.looseObject({
        machineType: z.string().optional(), imageType: z.string().optional(),
        diskSizeGb: z.number().int().optional(), diskType: z.string().optional(),
        serviceAccount: z.string().optional(), oauthScopes: z.array(z.string()).optional(),
        shieldedInstanceConfig: z.looseObject({ enableSecureBoot: z.boolean().optional(), enableIntegrityMonitoring: z.boolean().optional() }).optional(),
        workloadMetadataConfig: z.looseObject({ mode: z.string().optional() }).optional(),
    }).optional(),
    management: z.looseObject({ autoRepair: z.boolean().optional(), autoUpgrade: z.boolean().optional() }).optional(),
    autoscaling: z.looseObject({
        minNodeCount: z.number().int().optional(), maxNodeCount: z.number().int().optional(), autoprovisioned: z.boolean().optional(),
    }).optional(),
});

const ClusterJson = z.looseObject({
    name: z.string(),
    location: z.string(),
    releaseChannel: z.looseObject({ channel: z.string().optional() }).optional(),
    network: z.string().optional(),
    subnetwork: z.string().optional(),
    workloadIdentityConfig: z.looseObject({ workloadPool: z.string().optional() }).optional(),
    authenticatorGroupsConfig: z.looseObject({ enabled: z.boolean().optional(), securityGroup: z.string().optional() }).optional(),
    privateClusterConfig: z.looseObject({ enablePrivateNodes: z.boolean().optional(), enablePrivateEndpoint: z.boolean().optional(), masterIpv4CidrBlock: z.string().optional() }).optional(),
    nodePools: z.array(NodePool).optional(),
    description: z.string().optional(),
    initialNodeCount: z.number().int().optional(),
    ipAllocationPolicy: z.looseObject({
        useIpAliases: z.boolean().optional(),
        clusterSecondaryRangeName: z.string().optional(),
        servicesSecondaryRangeName: z.string().optional(),
        stackType: z.string().optional(),
    }).optional(),
    networkConfig: z.looseObject({ datapathProvider: z.string().optional() }).optional(),
    nodeConfig: ClusterNodeConfig.loose().optional(),
});

export function readClusters(src: Source, projectRel: string, people: People): Record<string, ClusterT> {
    const dir = `${projectRel}/services/container/clusters`;
    const out: [string, ClusterT][] = [];
    for (const file of src.list(dir)) {
        if (!file.endsWith(".json") || !src.isFile(`${dir}/${file}`)) continue; // anything else: unread
        const name = file.slice(0, -".json".length);
        const c = src.jsonOf(`${dir}/${file}`, ClusterJson);
        if (!c) continue;
        if (c.name !== name) src.problem(`${dir}/${file}`, `describes cluster ${c.name}, not ${name} as its file name says; ${AUDIT_ADVICE}`);
        out.push([name, cluster(c, people)]);
    }
    return sortedRecord(out);
}

function cluster(c: z.infer<typeof ClusterJson>, people: People): ClusterT {
    const out: ClusterT = {
        location: c.location,
        privateCluster: c.privateClusterConfig?.enablePrivateNodes === true,
        networkingMode: c.ipAllocationPolicy?.useIpAliases ? "VPC_NATIVE" : "ROUTES",
        nodePools: sortedRecord((c.nodePools ?? []).map(p => [p.name, nodePool(p, people)])),
    };
    if (c.releaseChannel?.channel) out.releaseChannel = c.releaseChannel.channel;
    if (c.network) out.network = c.network;
    if (c.subnetwork) out.subnetwork = c.subnetwork;
    if (c.workloadIdentityConfig?.workloadPool) out.workloadPool = c.workloadIdentityConfig.workloadPool;
    const group = c.authenticatorGroupsConfig?.enabled ? c.authenticatorGroupsConfig.securityGroup : undefined;
    if (group) out.securityGroup = people.scrub(group);
    if (c.privateClusterConfig?.masterIpv4CidrBlock) out.masterIpv4CidrBlock = c.privateClusterConfig.masterIpv4CidrBlock;
    if (c.description) out.description = people.scrub(c.description);
    if (c.initialNodeCount !== undefined) out.initialNodeCount = c.initialNodeCount;
    const ip = c.ipAllocationPolicy;
    if (ip?.useIpAliases && (ip.clusterSecondaryRangeName || ip.servicesSecondaryRangeName || ip.stackType)) {
        out.ipAllocation = {
            ...(ip.clusterSecondaryRangeName ? { podsRange: ip.clusterSecondaryRangeName } : {}),
            ...(ip.servicesSecondaryRangeName ? { servicesRange: ip.servicesSecondaryRangeName } : {}),
            ...(ip.stackType ? { stackType: ip.stackType } : {}),
        };
    }
    if (c.networkConfig?.datapathProvider) out.datapathProvider = c.networkConfig.datapathProvider;
    if (c.nodeConfig) out.nodeConfig = nodeConfig(c.nodeConfig, people);
    return out;
}

/** The cluster-level node config, with its service account scrubbed like any address. */
function nodeConfig(n: NonNullable<z.infer<typeof ClusterJson>["nodeConfig"]>, people: People): NonNullable<ClusterT["nodeConfig"]> {
    const out: NonNullable<ClusterT["nodeConfig"]> = {};
    if (n.machineType) out.machineType = n.machineType;
    if (n.diskSizeGb !== undefined) out.diskSizeGb = n.diskSizeGb;
    if (n.diskType) out.diskType = n.diskType;
    if (n.imageType) out.imageType = n.imageType;
    if (n.serviceAccount) out.serviceAccount = people.scrub(n.serviceAccount);
    if (n.oauthScopes) out.oauthScopes = [...n.oauthScopes];
    return out;
}

/** A node pool: its size and machines, and what it was made with (so that adopting it replaces nothing). */
function nodePool(p: z.infer<typeof NodePool>, people: People): ClusterT["nodePools"][string] {
    const out: ClusterT["nodePools"][string] = {};
    const c = p.config;
    if (c?.machineType) out.machineType = c.machineType;
    if (c?.imageType) out.imageType = c.imageType;
    if (p.autoscaling?.minNodeCount !== undefined) out.minNodes = p.autoscaling.minNodeCount;
    if (p.autoscaling?.maxNodeCount !== undefined) out.maxNodes = p.autoscaling.maxNodeCount;
    if (p.initialNodeCount !== undefined) out.initialNodeCount = p.initialNodeCount;
    if (c?.diskSizeGb !== undefined) out.diskSizeGb = c.diskSizeGb;
    if (c?.diskType) out.diskType = c.diskType;
    if (c?.serviceAccount) out.serviceAccount = people.scrub(c.serviceAccount);
    if (c?.oauthScopes) out.oauthScopes = [...c.oauthScopes];
    if (c?.shieldedInstanceConfig) {
        out.secureBoot = c.shieldedInstanceConfig.enableSecureBoot === true;
        out.integrityMonitoring = c.shieldedInstanceConfig.enableIntegrityMonitoring === true;
    }
    if (c?.workloadMetadataConfig?.mode) out.workloadMetadata = c.workloadMetadataConfig.mode;
    if (p.management?.autoRepair !== undefined) out.autoRepair = p.management.autoRepair;
    if (p.management?.autoUpgrade !== undefined) out.autoUpgrade = p.management.autoUpgrade;
    if (p.autoscaling?.autoprovisioned) out.autoprovisioned = true;
    return out;
}
