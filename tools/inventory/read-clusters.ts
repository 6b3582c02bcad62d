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
    config: z.looseObject({ machineType: z.string().optional(), imageType: z.string().optional() }).optional(),
    autoscaling: z.looseObject({ minNodeCount: z.number().int().optional(), maxNodeCount: z.number().int().optional() }).optional(),
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
    }).optional(),
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
        nodePools: sortedRecord((c.nodePools ?? []).map(p => [p.name, nodePool(p)])),
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
    if (ip?.useIpAliases && (ip.clusterSecondaryRangeName || ip.servicesSecondaryRangeName)) {
        out.ipAllocation = {
            ...(ip.clusterSecondaryRangeName ? { podsRange: ip.clusterSecondaryRangeName } : {}),
            ...(ip.servicesSecondaryRangeName ? { servicesRange: ip.servicesSecondaryRangeName } : {}),
        };
    }
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

function nodePool(p: z.infer<typeof NodePool>): ClusterT["nodePools"][string] {
    const out: ClusterT["nodePools"][string] = {};
    if (p.config?.machineType) out.machineType = p.config.machineType;
    if (p.config?.imageType) out.imageType = p.config.imageType;
    if (p.autoscaling?.minNodeCount !== undefined) out.minNodes = p.autoscaling.minNodeCount;
    if (p.autoscaling?.maxNodeCount !== undefined) out.maxNodes = p.autoscaling.maxNodeCount;
    return out;
}
