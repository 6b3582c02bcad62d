// GKE: the clusters that run prow's builds and the community's bots and utilities
// (k8s.io's `aaa`, `prow-build` and `prow-build-trusted`, adopted as they were made).
// Each uses Workload Identity, a release channel and Cloud Logging/Monitoring (a new
// one is also private), runs its node pools as its own node service account (no
// keys), and pages the owning subproject's on-call through alert policies in the
// monitoring project.

import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import {
    CLOUD_PLATFORM_SCOPE, ClusterConfig, GkeConfig, NODE_ACCOUNT_PREFIX, NodePoolConfig, WorkloadAccountConfig, gkeProjects, regionOf,
} from "../../model/service-config/gke";
import { ServiceComponent, ServiceContext, nameFor, projectId, ServiceArgs } from "../service-component";
import type { ServiceDefinition } from "../definition";

/** What a node needs: write logs and metrics, read its own metadata (the predefined role for node service accounts). */
const NODE_ROLES = ["roles/container.defaultNodeServiceAccount", "roles/artifactregistry.reader"];

export interface ClusterExport {
    name: string;
    location: string;
    project: string;
}

export class Gke extends ServiceComponent {
    /** Cluster name -> name, location and project. */
    readonly clusters: Record<string, ClusterExport> = {};
    /** gke-nodes-<cluster> -> node service account e-mail; <name> -> workload service account e-mail. */
    readonly serviceAccounts: Record<string, string> = {};
    /** Node account e-mail -> its role bindings, for the clusters that share one. */
    private readonly nodeAccounts = new Map<string, pulumi.Resource[]>();

    constructor(name: string, { context: ctx, settings: args }: ServiceArgs<GkeConfig>, opts?: pulumi.ComponentResourceOptions) {
        super("Gke", name, { context: ctx, settings: args }, opts);

        for (const stem of gkeProjects(args)) {
            const project = projectId(ctx, stem);
            // The owners deploy to the clusters; they do not administer them (that is the program's job).
            new gcp.projects.IAMMember(`${name}-${stem}-owners-developer`, {
                project, role: "roles/container.developer", member: `group:${ctx.ownersGroup}`,
            }, this.child());
            // The monitoring project's alert policies see this project's metrics.
            new gcp.monitoring.MonitoredProject(`${name}-${stem}-monitored`, {
                metricsScope: `locations/global/metricsScopes/${ctx.monitoringProject}`,
                name: project,
            }, this.child());
        }
        // Private nodes have no external address: one Cloud NAT per project, region and network lets them out,
        // made here unless the network has its own already (an existing cluster's natRouter).
        const natKey = (c: ClusterConfig) => `${projectId(ctx, c.project ?? args.project)}/${regionOf(c.location)}/${c.network}`;
        const nats = new Set(args.clusters.filter(c => c.existing?.natRouter).map(natKey));
        for (const cluster of args.clusters) {
            if (!nats.has(natKey(cluster))) {
                nats.add(natKey(cluster));
                this.nat(`${name}-${cluster.name}`, projectId(ctx, cluster.project ?? args.project), regionOf(cluster.location), cluster.network);
            }
            this.cluster(name, args, cluster);
        }
        this.finish({ clusters: this.clusters, serviceAccounts: this.serviceAccounts });
    }

    private nat(key: string, project: string, region: string, network: string): void {
        const router = new gcp.compute.Router(`${key}-router`, {
            name: `gke-nat-${network}`, project, region, network,
            description: "Cloud Router for the Cloud NAT of private GKE nodes; managed by k8s-infra.",
        }, this.child());
        new gcp.compute.RouterNat(`${key}-nat`, {
            name: `gke-nat-${network}`, project, region, router: router.name,
            natIpAllocateOption: "AUTO_ONLY",
            sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
            logConfig: { enable: true, filter: "ERRORS_ONLY" },
        }, this.child());
    }

    private cluster(component: string, args: GkeConfig, c: ClusterConfig): void {
        const ctx = this.ctx;
        const project = projectId(ctx, c.project ?? args.project);
        const key = `${component}-${c.name}`;

        const { email, roles: nodeRoles } = this.nodeAccount(key, project, c);

        const labels = { ...ctx.labels, purpose: c.purpose };
        const cluster = new gcp.container.Cluster(key, {
            name: c.name,
            project,
            location: c.location,
            // Node pools are separate resources, so that changing one never recreates the cluster.
            removeDefaultNodePool: true,
            ...fixedAtCreation(ctx, c, email),
            releaseChannel: { channel: c.releaseChannel },
            workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` },
            network: c.network,
            authenticatorGroupsConfig: c.securityGroup ? { securityGroup: c.securityGroup } : undefined,
            enableShieldedNodes: true,
            verticalPodAutoscaling: { enabled: true },
            loggingService: "logging.googleapis.com/kubernetes",
            monitoringService: "monitoring.googleapis.com/kubernetes",
            loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "WORKLOADS"] },
            // Workload metrics come through Managed Service for Prometheus (GKE dropped the WORKLOADS component).
            monitoringConfig: { enableComponents: ["SYSTEM_COMPONENTS"], managedPrometheus: { enabled: true } },
            maintenancePolicy: { dailyMaintenanceWindow: { startTime: c.maintenanceStart } },
            resourceLabels: labels,
        }, this.child({ dependsOn: nodeRoles }));

        for (const pool of c.nodePools) this.nodePool(key, project, c, pool, email, labels, cluster);
        for (const wa of c.workloadAccounts) {
            this.workloadAccount(key, project, c, wa, cluster);
        }
        this.alerts(key, args, c, project);
        this.clusters[c.name] = { name: c.name, location: c.location, project };
        this.serviceAccounts[`gke-nodes-${c.name}`] = email;
    }

    /**
     * The nodes' own identity, with only the roles a node needs; workloads get theirs through
     * Workload Identity. gke-nodes-<cluster>, or the account an existing cluster was made with,
     * declared once however many clusters share it.
     */
    private nodeAccount(key: string, project: string, c: ClusterConfig): { email: string; roles: pulumi.Resource[] } {
        const ctx = this.ctx;
        const accountId = c.existing?.nodeServiceAccount ?? nameFor(ctx, "serviceAccount", `${NODE_ACCOUNT_PREFIX}${c.name}`);
        const email = `${accountId}@${project}.iam.gserviceaccount.com`;
        const known = this.nodeAccounts.get(email);
        if (known) return { email, roles: known };
        const shared = c.existing?.nodeServiceAccount !== undefined;
        const account = new gcp.serviceaccount.Account(`${key}-nodes`, {
            accountId, project,
            displayName: shared ? `GKE nodes of ${project}` : `GKE nodes of ${c.name}`,
            description: `Node service account of the ${shared ? `clusters of ${project}` : `${c.name} cluster (${c.purpose})`}; managed by k8s-infra, owned by ${ctx.subproject}.`,
        }, this.child());
        const roles = NODE_ROLES.map(role => new gcp.projects.IAMMember(`${key}-nodes-${role.split("/")[1]}`, {
            project, role, member: `serviceAccount:${email}`,
        }, this.child({ dependsOn: [account] })));
        this.nodeAccounts.set(email, roles);
        return { email, roles };
    }

    /**
     * A node pool, run as the cluster's node account. The cluster is named as a plain string (the
     * dependency is explicit), so that the pool's import id is known when it is declared and an
     * existing pool (config `existing`, from the inventory) is adopted, keeping what it was made with.
     */
    private nodePool(key: string, project: string, c: ClusterConfig, pool: NodePoolConfig, email: string,
        labels: Record<string, string>, cluster: gcp.container.Cluster): void {
        const e = pool.existing;
        new gcp.container.NodePool(`${key}-${pool.name}`, {
            name: pool.name,
            cluster: c.name,
            project,
            location: c.location,
            initialNodeCount: e ? e.initialNodeCount : Math.max(pool.minNodes, 1),
            autoscaling: { minNodeCount: pool.minNodes, maxNodeCount: pool.maxNodes },
            management: { autoRepair: true, autoUpgrade: true },
            nodeConfig: {
                machineType: pool.machineType,
                diskSizeGb: pool.diskSizeGb,
                diskType: pool.diskType,
                imageType: pool.imageType,
                ...(pool.spot ? { spot: true } : {}),
                serviceAccount: email,
                oauthScopes: [CLOUD_PLATFORM_SCOPE],
                workloadMetadataConfig: { mode: "GKE_METADATA" },
                shieldedInstanceConfig: { enableSecureBoot: e ? e.secureBoot : true, enableIntegrityMonitoring: true },
                resourceLabels: { ...labels, "node-pool": pool.name },
            },
        }, this.child({ dependsOn: [cluster] }));
    }

    /** A Google service account for the cluster's workloads: a Kubernetes service account acts as it, no key needed. */
    private workloadAccount(key: string, project: string, c: ClusterConfig, wa: WorkloadAccountConfig, cluster: gcp.container.Cluster): void {
        const ctx = this.ctx;
        const accountId = nameFor(ctx, "serviceAccount", wa.name);
        const ksa = `${wa.namespace}/${wa.kubernetesServiceAccount ?? wa.name}`;
        const account = new gcp.serviceaccount.Account(`${key}-wi-${wa.name}`, {
            accountId, project,
            displayName: `${wa.name} (${c.name} ${ksa})`,
            description: `Workloads of ${ksa} on the ${c.name} cluster act as this account through Workload Identity; managed by k8s-infra.`,
        }, this.child());
        // The workload pool exists once the cluster does.
        new gcp.serviceaccount.IAMMember(`${key}-wi-${wa.name}-workload-identity`, {
            serviceAccountId: account.name,
            role: "roles/iam.workloadIdentityUser",
            member: `serviceAccount:${project}.svc.id.goog[${wa.namespace}/${wa.kubernetesServiceAccount ?? wa.name}]`,
        }, this.child({ dependsOn: [cluster] }));
        this.serviceAccounts[wa.name] = `${accountId}@${project}.iam.gserviceaccount.com`;
    }

    /** Alert policies in the monitoring project that page the owning subproject's on-call. */
    private alerts(key: string, args: GkeConfig, c: ClusterConfig, project: string): void {
        const ctx = this.ctx;
        const scope = `resource.labels.project_id = "${project}" AND resource.labels.cluster_name = "${c.name}"`;
        const policy = (suffix: string, title: string, what: string, condition: gcp.types.input.monitoring.AlertPolicyConditionConditionThreshold) =>
            new gcp.monitoring.AlertPolicy(`${key}-${suffix}`, {
                project: ctx.monitoringProject,
                displayName: `[${ctx.environment}] GKE ${c.name}: ${title}`,
                combiner: "OR",
                severity: "WARNING",
                conditions: [{ displayName: title, conditionThreshold: condition }],
                notificationChannels: [ctx.notificationChannel],
                alertStrategy: { autoClose: "86400s" },
                documentation: {
                    mimeType: "text/markdown",
                    subject: `GKE ${c.name} (${project}): ${title}`,
                    content: `${what}\n\nCluster \`${c.name}\` in \`${project}\` (${c.location}) is run by the ${ctx.subproject} subproject ` +
                        `(owners: ${ctx.ownersGroup}). Its config is \`k8s-infra:services.gke\` in Pulumi.${ctx.environment}.yaml.`,
                },
                userLabels: { ...ctx.labels, cluster: c.name },
            }, this.child());

        const cpu = args.alerts.nodeCpuUtilization;
        policy("node-cpu", `node CPU above ${Math.round(cpu * 100)}%`,
            `A node has used more than ${Math.round(cpu * 100)}% of its allocatable CPU for 15 minutes: the pool may be too small, or its autoscaler at its maximum.`, {
                filter: `resource.type = "k8s_node" AND metric.type = "kubernetes.io/node/cpu/allocatable_utilization" AND ${scope}`,
                comparison: "COMPARISON_GT",
                thresholdValue: cpu,
                duration: "900s",
                aggregations: [{ alignmentPeriod: "300s", perSeriesAligner: "ALIGN_MEAN" }],
                trigger: { count: 1 },
            });
        const restarts = args.alerts.containerRestarts;
        policy("container-restarts", `more than ${restarts} container restarts in 10 minutes`,
            `The containers of one namespace restarted more than ${restarts} times in 10 minutes: something is crash-looping.`, {
                filter: `resource.type = "k8s_container" AND metric.type = "kubernetes.io/container/restart_count" AND ${scope}`,
                comparison: "COMPARISON_GT",
                thresholdValue: restarts,
                duration: "0s",
                aggregations: [{
                    alignmentPeriod: "600s", perSeriesAligner: "ALIGN_DELTA",
                    crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.label.namespace_name"],
                }],
                trigger: { count: 1 },
            });
    }
}

export const gkeService: ServiceDefinition<"gke"> = {
    deploy: (ctx, settings, opts) => {
        const gke = new Gke("gke", { context: ctx, settings }, opts);
        return { component: gke, exports: { clusters: gke.clusters, serviceAccounts: gke.serviceAccounts } };
    },
};

/**
 * What GKE fixes when a cluster is made. A new cluster is private, VPC-native and described;
 * an existing one (config `existing`, from the inventory) keeps what it was made with, so
 * adopting it is an import and an update, never a replacement.
 */
function fixedAtCreation(ctx: ServiceContext, c: ClusterConfig, email: string): Partial<gcp.container.ClusterArgs> {
    const e = c.existing;
    if (!e) {
        return {
            description: `${c.purpose} cluster of ${ctx.subproject}; managed by k8s-infra.`,
            initialNodeCount: 1,
            nodeConfig: { serviceAccount: email, oauthScopes: [CLOUD_PLATFORM_SCOPE] },
            networkingMode: "VPC_NATIVE",
            ipAllocationPolicy: { stackType: "IPV4" },
            privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false, masterIpv4CidrBlock: c.masterIpv4CidrBlock },
        };
    }
    const ranges = { clusterSecondaryRangeName: e.podsRange, servicesSecondaryRangeName: e.servicesRange, stackType: e.stackType };
    return defined({
        initialNodeCount: e.initialNodeCount,
        nodeConfig: defined({ serviceAccount: email, ...e.defaultNodes }),
        subnetwork: e.subnetwork,
        networkingMode: e.networkingMode,
        ipAllocationPolicy: Object.values(ranges).some(v => v !== undefined) ? defined(ranges) : undefined,
        datapathProvider: e.datapathProvider,
        privateClusterConfig: e.privateNodes ? { enablePrivateNodes: true, masterIpv4CidrBlock: c.masterIpv4CidrBlock } : undefined,
    });
}

/** `o` without its undefined fields: an input left out is one the program does not set. */
function defined<T extends object>(o: T): T {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
