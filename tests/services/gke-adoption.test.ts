// Adopting GKE as it is: a cluster and a node pool that exist (the fixture inventory,
// tests/fixtures/gke-inventory) are declared with what GKE fixed when they were made
// (`existing`), so that their import ids are known when declared and the provider's
// diff after the import is an update, never a replacement (the stand-in cloud's
// replace table, which follows the Terraform provider's ForceNew). Without `existing`
// the same config would replace both: the test can fail.

import * as path from "path";
import { deployService, testContext } from "../helpers/service";
import { GkeConfig } from "../../model/service-config/gke";
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
    existing: { subnetwork: "default", networkingMode: "ROUTES", defaultNodes: { machineType: "n1-highmem-8", imageType: "UBUNTU_CONTAINERD" } },
    nodePools: [{ ...pool, existing: { initialNodeCount: 3, secureBoot: false } }],
};

/** Each cluster and node pool of the config: its import id and what the provider would replace after importing it. */
async function adoption(c: object) {
    const settings = GkeConfig.parse({ project: "k8s-infra-fixture-build", clusters: [c] });
    const d = await deployService("gke", settings, "prod", testContext("gke", "prod", "prow", "testing"));
    return [CLUSTER, POOL].flatMap(type => d.inputsOf(type).map(inputs => {
        const id = importIdOf(type, inputs);
        const found = id ? objects.get(type)?.get(id) : undefined;
        return { type, name: inputs.name as string, id, exists: found !== undefined,
            replaces: found ? diffResource(type, found.id, found.props, inputs).replaces : undefined };
    }));
}

test("the inventory names the cluster and its pool by their import ids; node auto-provisioning's pool is left to GKE", () => {
    expect([...objects.get(CLUSTER)!.keys()]).toEqual(["projects/k8s-infra-fixture-build/locations/us-central1/clusters/fixture-build"]);
    expect([...objects.get(POOL)!.keys()]).toEqual([`k8s-infra-fixture-build/us-central1/fixture-build/${POOL_NAME}`]);
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
