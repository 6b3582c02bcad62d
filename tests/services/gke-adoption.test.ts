// Adopting GKE as it is: a cluster and a node pool that exist (the fixture inventory,
// tests/fixtures/gke-inventory) are declared with what GKE fixed when they were made
// (`existing`), so that their import ids are known when declared and the provider's
// diff after the import is an update, never a replacement (the stand-in cloud's
// replace table, which follows the Terraform provider's ForceNew). Without `existing`
// the same config would replace both: the test can fail.

import * as path from "path";
import { deployService, testContext } from "../helpers/service";
import { CLOUD_PLATFORM_SCOPE, GkeConfig } from "../../model/service-config/gke";
import { loadInventory } from "../../model/inventory/load";
import { cloudObjects, indexObjects } from "../../model/inventory/cloud-objects";
import { importIdOf } from "../../model/import-ids";
import { diffResource } from "../../tools/stand-in-cloud/diff";

const CLUSTER = "gcp:container/cluster:Cluster";
const POOL = "gcp:container/nodePool:NodePool";
const FIXTURE = path.join(__dirname, "..", "fixtures", "gke-inventory");
const objects = indexObjects(cloudObjects(loadInventory(FIXTURE, "tests/fixtures/gke-inventory")));

const POOL_NAME = "pool1-20210101000000000000000001";
const pool = { name: POOL_NAME, machineType: "n1-highmem-8", imageType: "UBUNTU_CONTAINERD", diskSizeGb: 200, diskType: "pd-ssd", minNodes: 2, maxNodes: 12 };
const cluster = {
    name: "fixture-build", purpose: "prow-build", location: "us-central1", securityGroup: "gke-security-groups@kubernetes.io",
    existing: {
        subnetwork: "default", networkingMode: "ROUTES", initialNodeCount: 1,
        defaultNodes: { machineType: "n1-highmem-8", imageType: "UBUNTU_CONTAINERD", diskSizeGb: 100, diskType: "pd-standard", oauthScopes: [CLOUD_PLATFORM_SCOPE] },
    },
    nodePools: [{ ...pool, existing: { initialNodeCount: 3, secureBoot: false } }],
};

/** Each cluster and node pool of the config: its import id and what the provider would replace after importing it. */
async function adoption(...clusters: object[]) {
    const d = await deployGke(...clusters);
    return [CLUSTER, POOL].flatMap(type => d.inputsOf(type).map(inputs => {
        const id = importIdOf(type, inputs);
        const found = id ? objects.get(type)?.get(id) : undefined;
        return { type, name: inputs.name as string, id, exists: found !== undefined,
            replaces: found ? diffResource(type, found.id, found.props, inputs).replaces : undefined };
    }));
}

function deployGke(...clusters: object[]) {
    const settings = GkeConfig.parse({ project: "k8s-infra-fixture-build", clusters });
    return deployService("gke", settings, "prod", testContext("gke", "prod", "prow", "testing"));
}

test("the inventory names the clusters and their pools by their import ids; node auto-provisioning's pool is left to GKE", () => {
    expect([...objects.get(CLUSTER)!.keys()].filter(id => id.includes("fixture-build"))).toEqual(["projects/k8s-infra-fixture-build/locations/us-central1/clusters/fixture-build"]);
    expect([...objects.get(POOL)!.keys()].filter(id => id.includes("fixture-build"))).toEqual([`k8s-infra-fixture-build/us-central1/fixture-build/${POOL_NAME}`]);
});

test("an existing cluster and node pool are found by the ids the program declares and adopted without a replacement", async () => {
    expect(await adoption(cluster)).toEqual([
        { type: CLUSTER, name: "fixture-build", id: "projects/k8s-infra-fixture-build/locations/us-central1/clusters/fixture-build", exists: true, replaces: [] },
        { type: POOL, name: POOL_NAME, id: `k8s-infra-fixture-build/us-central1/fixture-build/${POOL_NAME}`, exists: true, replaces: [] },
    ]);
});

test("without existing, the pool would be made anew: three first nodes become two (minNodes), Secure Boot goes on, and that replaces it", async () => {
    const [, declared] = await adoption({ ...cluster, nodePools: [pool] });
    expect(declared).toMatchObject({ type: POOL, exists: true, replaces: ["initialNodeCount", "nodeConfig.shieldedInstanceConfig"] });
});

test("without existing, the cluster would be made private and VPC-native, which replaces it", async () => {
    const [declared] = await adoption({ ...cluster, existing: undefined });
    expect(declared.exists).toBe(true);
    expect(declared.replaces).toEqual(expect.arrayContaining(["networkingMode", "description"]));
});

// prow.k8s.io's clusters as k8s.io's terraform module made them (declared/k8s-infra-prow.yaml): private,
// dual-stack, Dataplane V2, one node account for both, the network's own NAT, nothing set on the cluster's
// removed default pool but its machine, image and account.
const modulePool = (machineType: string, diskType: string, minNodes: number, maxNodes: number) =>
    ({ name: "prod-v1", machineType, diskType, minNodes, maxNodes, existing: { initialNodeCount: 1, secureBoot: true } });
const moduleCluster = (name: string, range: string, cidr: string, machineType: string, pool: object) => ({
    name, purpose: "prow", project: "k8s-infra-fixture-prow", location: "us-central1", network: "prow", masterIpv4CidrBlock: cidr,
    securityGroup: "gke-security-groups@kubernetes.io",
    existing: {
        subnetwork: "subnet-01", networkingMode: "VPC_NATIVE", podsRange: `${range}-pods`, servicesRange: `${range}-services`,
        stackType: "IPV4_IPV6", datapathProvider: "ADVANCED_DATAPATH", privateNodes: true, nodeServiceAccount: "gke-nodes", natRouter: "prow-nat",
        defaultNodes: { machineType, imageType: "COS_CONTAINERD" },
    },
    nodePools: [pool],
});
const prow = moduleCluster("fixture-prow", "prow", "10.254.0.16/28", "c4-standard-16", modulePool("c4-standard-16", "hyperdisk-balanced", 2, 3));
const utility = moduleCluster("fixture-utility", "utility", "10.254.0.0/28", "c3-standard-4", modulePool("c3-standard-4", "pd-ssd", 1, 10));

test("private dual-stack clusters made by k8s.io's terraform module are adopted, pools too, without a replacement", async () => {
    const found = await adoption(prow, utility);
    expect(found.map(f => [f.name, f.exists, f.replaces])).toEqual([
        ["fixture-prow", true, []], ["fixture-utility", true, []], ["prod-v1", true, []], ["prod-v1", true, []],
    ]);
});

test("without what the module made them with, the same clusters would be replaced", async () => {
    const plain = (c: typeof prow) => ({ ...c, existing: { ...c.existing, stackType: undefined, datapathProvider: undefined, privateNodes: false } });
    const [declared] = await adoption(plain(prow));
    expect(declared.replaces).toEqual(expect.arrayContaining(["ipAllocationPolicy", "privateClusterConfig.masterIpv4CidrBlock"]));
});

test("clusters sharing a node account declare it once, and a network with its own NAT gets none from the program", async () => {
    const d = await deployGke(prow, utility);
    expect(d.inputsOf("gcp:serviceaccount/account:Account").filter(a => a.accountId.startsWith("gke-nodes")).map(a => `${a.accountId}@${a.project}`))
        .toEqual(["gke-nodes@k8s-infra-fixture-prow"]);
    expect(d.inputsOf("gcp:compute/router:Router")).toEqual([]);
    // The same clusters with no NAT of their own: the program makes one for their network.
    const withoutNat = (c: typeof prow) => ({ ...c, existing: { ...c.existing, natRouter: undefined } });
    expect((await deployGke(withoutNat(prow), withoutNat(utility))).inputsOf("gcp:compute/router:Router").map(r => r.name)).toEqual(["gke-nat-prow"]);
});
