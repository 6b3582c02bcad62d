// The GKE service: private, Workload Identity clusters with their own node pools and
// node service accounts (no keys), a Cloud NAT, alert policies that reach the
// owning subproject's on-call, developer (not admin) access for the owners group,
// names, labels, protection in prod only, exports, and the config's checks.

import { deployService, testContext } from "../helpers/service";
import { checkName } from "../../model/naming";
import { LABEL_KEYS } from "../../model/labels";
import { GkeConfig, gkeEnvironmentIssues } from "../../model/service-config/gke";
import { StackConfig } from "../../model/config";
import { projectsOf } from "../../model/service-config/projects";

const CLUSTER = "gcp:container/cluster:Cluster";
const POOL = "gcp:container/nodePool:NodePool";
const SA = "gcp:serviceaccount/account:Account";
const ALERT = "gcp:monitoring/alertPolicy:AlertPolicy";
const PROJECT_IAM = "gcp:projects/iAMMember:IAMMember";
const SA_IAM = "gcp:serviceaccount/iAMMember:IAMMember";
const IAM_TYPE = /(?:IAM|Iam)(?:Member|Binding|Policy)$/;

const settings = GkeConfig.parse({
    project: "kubernetes-public",
    clusters: [
        {
            name: "aaa", purpose: "utility", location: "us-central1", securityGroup: "gke-security-groups@kubernetes.io",
            nodePools: [{ name: "pool1", machineType: "n2-standard-8", minNodes: 1, maxNodes: 6 }],
            workloadAccounts: [{ name: "kettle", namespace: "kettle" }],
        },
        {
            name: "prow-build", purpose: "prow-build", project: "k8s-infra-prow-build", location: "us-central1", masterIpv4CidrBlock: "172.16.0.16/28",
            nodePools: [
                { name: "pool5", machineType: "c3d-highmem-8-lssd", imageType: "UBUNTU_CONTAINERD", minNodes: 1, maxNodes: 80 },
                { name: "pool6-arm64", machineType: "t2a-standard-8", minNodes: 0, maxNodes: 10 },
            ],
            workloadAccounts: [{ name: "prow-build", namespace: "test-pods" }],
        },
    ],
});

describe.each(["staging", "prod"] as const)("in %s", env => {
    const stg = env === "staging" ? "-stg" : "";
    const apps = `kubernetes-public${stg}`;
    const prowBuild = `k8s-infra-prow-build${stg}`;
    const ctx = testContext("gke", env, "prow", "testing");

    test("makes private, Workload Identity clusters on a release channel, logged and monitored, labelled, protected in prod only", async () => {
        const d = await deployService("gke", settings, env, ctx);
        const clusters = d.inputsOf(CLUSTER);
        expect(clusters.map(c => `${c.project}/${c.location}/${c.name}`).sort()).toEqual([`${prowBuild}/us-central1/prow-build`, `${apps}/us-central1/aaa`]);
        for (const c of clusters) {
            expect(c.workloadIdentityConfig.workloadPool).toBe(`${c.project}.svc.id.goog`);
            expect(c.privateClusterConfig.enablePrivateNodes).toBe(true);
            expect(c.releaseChannel.channel).toBe("REGULAR");
            expect(c.loggingConfig.enableComponents).toEqual(["SYSTEM_COMPONENTS", "WORKLOADS"]);
            expect(c.monitoringConfig.enableComponents).toContain("SYSTEM_COMPONENTS");
            expect(c.monitoringConfig.managedPrometheus.enabled).toBe(true);
            expect(c.removeDefaultNodePool).toBe(true);
            expect(c.deletionProtection).toBe(env === "prod");
            expect(Object.keys(c.resourceLabels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
            expect(c.resourceLabels.subproject).toBe("prow");
        }
        expect(clusters.find(c => c.name === "aaa")!.authenticatorGroupsConfig.securityGroup).toBe("gke-security-groups@kubernetes.io");
        expect(clusters.find(c => c.name === "prow-build")!.privateClusterConfig.masterIpv4CidrBlock).toBe("172.16.0.16/28");
        expect(d.ofType(CLUSTER).map(r => r.protect)).toEqual([env === "prod", env === "prod"]);
        // Node pools and IAM are not stateful: never protected.
        expect(d.ofType(POOL).every(r => !r.protect)).toBe(true);
        // Private nodes get out through one Cloud NAT per project and region.
        expect(d.inputsOf("gcp:compute/routerNat:RouterNat").map(n => n.project).sort()).toEqual([prowBuild, apps]);
    });

    test("node pools from config run as the cluster's own node service account, named by the scheme, with no key", async () => {
        const d = await deployService("gke", settings, env, ctx);
        const pools = d.inputsOf(POOL);
        expect(pools.map(p => `${p.project}/${p.name} ${p.nodeConfig.machineType} ${p.autoscaling.minNodeCount}-${p.autoscaling.maxNodeCount}`).sort()).toEqual([
            `${prowBuild}/pool5 c3d-highmem-8-lssd 1-80`,
            `${prowBuild}/pool6-arm64 t2a-standard-8 0-10`,
            `${apps}/pool1 n2-standard-8 1-6`,
        ]);
        const pool5 = pools.find(p => p.name === "pool5")!;
        expect(pool5.nodeConfig.serviceAccount).toBe(`gke-nodes-prow-build${stg}@${prowBuild}.iam.gserviceaccount.com`);
        expect(pool5.nodeConfig.imageType).toBe("UBUNTU_CONTAINERD");
        expect(pool5.nodeConfig.workloadMetadataConfig.mode).toBe("GKE_METADATA");
        const accounts = d.inputsOf(SA);
        expect(accounts.map(a => a.accountId).sort()).toEqual([`gke-nodes-aaa${stg}`, `gke-nodes-prow-build${stg}`, `kettle${stg}`, `prow-build${stg}`]);
        for (const a of accounts) expect(checkName("serviceAccount", a.accountId, env)).toBeUndefined();
        expect(d.ofType("gcp:serviceaccount/key:Key")).toHaveLength(0);
    });

    test("alert policies live in the monitoring project and notify the subproject's on-call", async () => {
        const d = await deployService("gke", settings, env, ctx);
        const alerts = d.inputsOf(ALERT);
        expect(alerts).toHaveLength(4); // node CPU and container restarts, per cluster
        for (const a of alerts) {
            expect(a.project).toBe(ctx.monitoringProject);
            expect(a.notificationChannels).toEqual([ctx.notificationChannel]);
            expect(Object.keys(a.userLabels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
            expect(a.conditions[0].conditionThreshold.filter).toContain(`resource.labels.cluster_name = "${a.userLabels.cluster}"`);
        }
        const metrics = alerts.map(a => a.conditions[0].conditionThreshold.filter.match(/metric.type = "([^"]+)"/)[1]);
        expect(new Set(metrics)).toEqual(new Set(["kubernetes.io/node/cpu/allocatable_utilization", "kubernetes.io/container/restart_count"]));
        expect(alerts.find(a => a.displayName.includes("CPU"))!.conditions[0].conditionThreshold.thresholdValue).toBe(0.9);
        // The monitoring project sees both cluster projects' metrics.
        expect(d.inputsOf("gcp:monitoring/monitoredProject:MonitoredProject").map(m => m.name).sort()).toEqual([prowBuild, apps]);
    });

    test("grants: owners get container.developer (not admin) per project, nodes their node roles, workloads act through Workload Identity", async () => {
        const d = await deployService("gke", settings, env, ctx);
        const grants = d.inputsOf(PROJECT_IAM).map(g => `${g.project} ${g.role} ${g.member}`);
        const owners = `group:k8s-infra-prow-owners${stg}@kubernetes.io`;
        expect(grants.filter(g => g.endsWith(owners)).sort()).toEqual([
            `${prowBuild} roles/container.developer ${owners}`, `${apps} roles/container.developer ${owners}`,
        ]);
        expect(grants.some(g => /roles\/(container\.admin|owner|editor)\b/.test(g))).toBe(false);
        expect(grants).toContain(`${prowBuild} roles/container.defaultNodeServiceAccount serviceAccount:gke-nodes-prow-build${stg}@${prowBuild}.iam.gserviceaccount.com`);
        const wi = d.inputsOf(SA_IAM);
        expect(wi.map(g => `${g.role} ${g.member}`).sort()).toEqual([
            `roles/iam.workloadIdentityUser serviceAccount:${prowBuild}.svc.id.goog[test-pods/prow-build]`,
            `roles/iam.workloadIdentityUser serviceAccount:${apps}.svc.id.goog[kettle/kettle]`,
        ]);
        for (const r of d.resources.filter(r => IAM_TYPE.test(r.type))) {
            expect(r.inputs.toJavaScript().member).toMatch(/^(group|serviceAccount):/);
        }
    });

    test("exports each cluster's name, location and project, and the service accounts", async () => {
        const d = await deployService("gke", settings, env, ctx);
        expect(d.exports).toEqual({
            clusters: {
                "aaa": { name: "aaa", location: "us-central1", project: apps },
                "prow-build": { name: "prow-build", location: "us-central1", project: prowBuild },
            },
            serviceAccounts: {
                "gke-nodes-aaa": `gke-nodes-aaa${stg}@${apps}.iam.gserviceaccount.com`,
                "gke-nodes-prow-build": `gke-nodes-prow-build${stg}@${prowBuild}.iam.gserviceaccount.com`,
                "kettle": `kettle${stg}@${apps}.iam.gserviceaccount.com`,
                "prow-build": `prow-build${stg}@${prowBuild}.iam.gserviceaccount.com`,
            },
        });
    });
});

describe("config", () => {
    const cluster = { name: "aaa", purpose: "utility", location: "us-central1", nodePools: [{ name: "p", machineType: "e2-standard-4", maxNodes: 3 }] };

    test("every cluster project gets a project resource and a budget", () => {
        expect(new Set(projectsOf("gke", settings))).toEqual(new Set(["kubernetes-public", "k8s-infra-prow-build"]));
    });

    test("defaults: REGULAR channel, one node minimum, COS", () => {
        const c = GkeConfig.parse({ project: "kubernetes-public", clusters: [cluster] }).clusters[0];
        expect(c.releaseChannel).toBe("REGULAR");
        expect(c.nodePools[0]).toMatchObject({ minNodes: 1, imageType: "COS_CONTAINERD" });
    });

    test.each([
        ["a name too long for its node service account", { ...cluster, name: "a-very-long-cluster-name" }, /node service account/],
        ["minNodes above maxNodes", { ...cluster, nodePools: [{ name: "p", machineType: "e2-standard-4", minNodes: 5, maxNodes: 3 }] }, /minNodes is larger than maxNodes/],
        ["no node pool", { ...cluster, nodePools: [] }, /at least one node pool/],
        ["a location that is not a region or zone", { ...cluster, location: "US" }, /region or zone/],
    ])("rejects %s", (_what, c, message) => {
        const result = GkeConfig.safeParse({ project: "kubernetes-public", clusters: [c] });
        expect(result.success).toBe(false);
        expect(result.error!.issues.map(i => i.message).join("\n")).toMatch(message);
    });

    test("rejects a project that is not a GCP project id (a bare stem, say), naming what to give", () => {
        for (const project of ["apps", "Kubernetes_Public"]) {
            const result = GkeConfig.safeParse({ project, clusters: [cluster] });
            expect(result.success).toBe(false);
            expect(result.error!.issues.map(i => `${i.path.join(".")}: ${i.message}`).join("\n")).toMatch(/^project: .*give the prod id/m);
        }
        const onCluster = GkeConfig.safeParse({ project: "kubernetes-public", clusters: [{ ...cluster, project: "prow" }] });
        expect(onCluster.error!.issues.map(i => i.path.join("."))).toEqual(["clusters.0.project"]);
    });

    test("a name of up to 20 characters fits its node account in prod (prow-build-trusted); staging, where it gains -stg, takes 16", () => {
        const trusted = GkeConfig.parse({ project: "k8s-infra-prow-build-trusted", clusters: [{ ...cluster, name: "prow-build-trusted" }] });
        expect(gkeEnvironmentIssues(trusted, "prod")).toEqual([]);
        expect(gkeEnvironmentIssues(trusted, "staging")).toEqual([{ path: ["clusters", 0, "name"],
            message: expect.stringMatching(/gke-nodes-prow-build-trusted-stg, 32 characters in staging .* at most 16 characters/) }]);
        expect(GkeConfig.safeParse({ project: "kubernetes-public", clusters: [{ ...cluster, name: "x".repeat(21) }] }).error!.issues[0].message)
            .toMatch(/longer than 20 characters; the node service account gke-nodes-<name> must fit in 30/);
    });

    test("staging adopts nothing: an existing cluster or node pool there is refused, at its line", () => {
        const existing = { subnetwork: "default", networkingMode: "ROUTES", defaultNodes: { machineType: "n1-highmem-8" } };
        const pools = [{ name: "p", machineType: "e2-standard-4", maxNodes: 3, existing: {} }];
        const g = GkeConfig.parse({ project: "kubernetes-public", clusters: [{ ...cluster, existing, nodePools: pools }] });
        expect(gkeEnvironmentIssues(g, "staging").map(i => i.path.join("."))).toEqual(["clusters.0.existing", "clusters.0.nodePools.0.existing"]);
        expect(gkeEnvironmentIssues(g, "prod")).toEqual([]);
        // The stack's schema asks, with the path under services.gke.
        const stack = {
            environment: "staging", org: { domain: "kubernetes.io" }, governance: { project: "k8s-infra-public-pii", region: "us-central1" },
            billing: { account: "000000-AAAAAA-BBBBBB", parent: "organizations/1", defaultMonthlyUsd: 10 },
            services: { gke: { project: "kubernetes-public", clusters: [{ ...cluster, existing, nodePools: pools }] } },
        };
        expect(StackConfig.safeParse(stack).error!.issues.map(i => `${i.path.join(".")}: ${i.message}`)).toEqual([
            "services.gke.clusters.0.existing: staging adopts nothing (its names are its own, with -stg): remove existing; staging makes a new cluster",
            "services.gke.clusters.0.nodePools.0.existing: staging adopts nothing: remove existing; staging makes a new node pool",
        ]);
        expect(StackConfig.safeParse({ ...stack, environment: "prod" }).success).toBe(true);
    });

    test("an existing node pool's defaults: one first node, made without Secure Boot", () => {
        const g = GkeConfig.parse({ project: "kubernetes-public", clusters: [{ ...cluster, nodePools: [{ name: "p", machineType: "e2-standard-4", maxNodes: 3, existing: {} }] }] });
        expect(g.clusters[0].nodePools[0].existing).toEqual({ initialNodeCount: 1, secureBoot: false });
        expect(GkeConfig.safeParse({ project: "kubernetes-public", clusters: [{ ...cluster,
            nodePools: [{ name: "p", machineType: "e2-standard-4", maxNodes: 3, existing: { initialNodeCount: -1 } }] }] }).success).toBe(false);
    });

    test("rejects two clusters with the same name", () => {
        const result = GkeConfig.safeParse({ project: "kubernetes-public", clusters: [cluster, cluster] });
        expect(result.error!.issues.map(i => i.message).join("\n")).toMatch(/same name/);
    });
});

describe("an existing cluster keeps what GKE fixed when it was made", () => {
    const base = { name: "prow-build", purpose: "prow-build", location: "us-central1", nodePools: [{ name: "pool5", machineType: "e2-standard-4", maxNodes: 3 }] };
    const existing = { subnetwork: "default", networkingMode: "ROUTES", initialNodeCount: 1,
        defaultNodes: { machineType: "n1-highmem-8", imageType: "UBUNTU_CONTAINERD", diskSizeGb: 100, diskType: "pd-standard", oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"] } };
    const deploy = async (c: object) => (await deployService("gke", GkeConfig.parse({ project: "k8s-infra-prow-build", clusters: [c] }), "prod", testContext("gke", "prod", "prow", "testing"))).inputsOf(CLUSTER)[0];

    test("a routes-based existing cluster: no description, not private, its subnetwork, default nodes and mode; a new one is private and VPC-native", async () => {
        const adopted = await deploy({ ...base, existing });
        expect(adopted.description).toBeUndefined();
        expect(adopted.privateClusterConfig).toBeUndefined();
        expect(adopted.ipAllocationPolicy).toBeUndefined();
        expect(adopted).toMatchObject({ networkingMode: "ROUTES", subnetwork: "default", initialNodeCount: 1 });
        expect(adopted.nodeConfig).toEqual({ serviceAccount: "gke-nodes-prow-build@k8s-infra-prow-build.iam.gserviceaccount.com",
            oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"], machineType: "n1-highmem-8", diskSizeGb: 100, diskType: "pd-standard", imageType: "UBUNTU_CONTAINERD" });
        // What it was made without stays unset: no first node count, disk or scopes of the program's own.
        const bare = await deploy({ ...base, existing: { ...existing, initialNodeCount: undefined, defaultNodes: { machineType: "n1-highmem-8" } } });
        expect(bare.initialNodeCount).toBeUndefined();
        expect(bare.nodeConfig).toEqual({ serviceAccount: "gke-nodes-prow-build@k8s-infra-prow-build.iam.gserviceaccount.com", machineType: "n1-highmem-8", imageType: "COS_CONTAINERD" });
        const fresh = await deploy(base);
        expect(fresh).toMatchObject({ networkingMode: "VPC_NATIVE", privateClusterConfig: { enablePrivateNodes: true } });
        expect(fresh.description).toContain("managed by k8s-infra");
    });

    test("an existing node pool keeps its first node count and its Secure Boot; a new one starts at minNodes with Secure Boot; both name the cluster plainly", async () => {
        const d = await deployService("gke", GkeConfig.parse({ project: "k8s-infra-prow-build", clusters: [{ ...base, nodePools: [
            { name: "pool5-20210928124956061000000001", machineType: "n1-highmem-8", minNodes: 1, maxNodes: 80, existing: { initialNodeCount: 3 } },
            { name: "pool6", machineType: "e2-standard-4", minNodes: 2, maxNodes: 4 },
        ] }] }), "prod", testContext("gke", "prod", "prow", "testing"));
        const [adopted, fresh] = d.inputsOf(POOL);
        expect(adopted).toMatchObject({ cluster: "prow-build", initialNodeCount: 3, nodeConfig: { shieldedInstanceConfig: { enableSecureBoot: false, enableIntegrityMonitoring: true } } });
        expect(fresh).toMatchObject({ cluster: "prow-build", initialNodeCount: 2, nodeConfig: { shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true } } });
        // Spot only when asked for: an absent spot is GKE's false, and a pool's spot is fixed at creation.
        expect(adopted.nodeConfig.spot).toBeUndefined();
    });

    test("a VPC-native existing cluster keeps its secondary ranges; a routes one may not name any", async () => {
        const vpc = await deploy({ ...base, existing: { ...existing, networkingMode: "VPC_NATIVE", podsRange: "pods", servicesRange: "svc" } });
        expect(vpc.ipAllocationPolicy).toEqual({ clusterSecondaryRangeName: "pods", servicesSecondaryRangeName: "svc" });
        const bad = GkeConfig.safeParse({ project: "k8s-infra-prow-build", clusters: [{ ...base, existing: { ...existing, podsRange: "pods" } }] });
        expect(bad.success).toBe(false);
        expect(bad.error!.issues.map(i => i.message).join("\n")).toMatch(/ROUTES cluster has no secondary ranges/);
    });
});
