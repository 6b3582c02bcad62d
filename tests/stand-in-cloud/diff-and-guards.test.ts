// The stand-in cloud's Diff (update vs replacement, secrets, unknowns, nested
// paths, delete-before-replace) and its deletion guards, without a process.

import { withComputed } from "../../tools/stand-in-cloud/computed";
import { diffResource } from "../../tools/stand-in-cloud/diff";
import { deleteVerdict } from "../../tools/stand-in-cloud/protection";

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const BUCKET = "gcp:storage/bucket:Bucket";
const POOL = "gcp:container/nodePool:NodePool";

describe("diffResource", () => {
    const olds = { name: "b", project: "p", location: "US", labels: { a: "1" } };

    test("equal inputs: no change", () => {
        expect(diffResource(BUCKET, "b", olds, { ...olds })).toMatchObject({ changes: false, replaces: [], changed: [] });
    });

    test("a value that only became secret is no change", () => {
        expect(diffResource(BUCKET, "b", olds, { ...olds, labels: secret({ a: "1" }) }).changes).toBe(false);
    });

    test("an added or removed property is a change", () => {
        expect(diffResource(BUCKET, "b", olds, { ...olds, versioning: { enabled: true } }).changed).toEqual(["versioning"]);
        const { labels: _, ...without } = olds;
        expect(diffResource(BUCKET, "b", olds, without).changed).toEqual(["labels"]);
    });

    test("a replace-forcing property that is unknown (preview) plans a replacement", () => {
        expect(diffResource(BUCKET, "b", olds, { ...olds, project: UNKNOWN })).toMatchObject({ changes: true, replaces: ["project"] });
    });

    test("an unlisted type replaces on name/project/location/region/zone only", () => {
        const type = "gcp:compute/network:Network";
        expect(diffResource(type, "n", { name: "n", mtu: 1460 }, { name: "n", mtu: 1500 }).replaces).toEqual([]);
        expect(diffResource(type, "n", { name: "n", region: "a" }, { name: "n", region: "b" }).replaces).toEqual(["region"]);
    });

    test("nested paths: a node pool's service account replaces it, its labels do not", () => {
        const pool = { project: "p", location: "l", cluster: "c", name: "pool", nodeConfig: { serviceAccount: "a", resourceLabels: { x: "1" } } };
        const relabelled = { ...pool, nodeConfig: { ...pool.nodeConfig, resourceLabels: { x: "2" } } };
        expect(diffResource(POOL, "id", pool, relabelled)).toMatchObject({ changes: true, replaces: [] });
        const reaccounted = { ...pool, nodeConfig: { ...pool.nodeConfig, serviceAccount: "b" } };
        expect(diffResource(POOL, "id", pool, reaccounted).replaces).toEqual(["nodeConfig.serviceAccount"]);
    });

    test("delete-before-replace exactly when the replacement keeps the natural-key id", () => {
        expect(diffResource(BUCKET, "b", olds, { ...olds, location: "EU" }).deleteBeforeReplace).toBe(true);
        expect(diffResource(BUCKET, "b", olds, { ...olds, name: "c" }).deleteBeforeReplace).toBe(false);
        const group = "gcp:cloudidentity/group:Group";
        expect(diffResource(group, "g-1", { parent: "a" }, { parent: "b" }).deleteBeforeReplace).toBe(false);
    });
});

describe("deleteVerdict", () => {
    test("deletionProtection true refuses, false deletes", () => {
        expect(deleteVerdict("gcp:secretmanager/secret:Secret", "s", { deletionProtection: true })).toMatchObject({ action: "refuse" });
        expect(deleteVerdict("gcp:secretmanager/secret:Secret", "s", { deletionProtection: false })).toEqual({ action: "delete" });
        expect(deleteVerdict("gcp:secretmanager/secret:Secret", "s", {})).toEqual({ action: "delete" });
    });

    test("deletionPolicy PREVENT refuses, ABANDON abandons, DELETE deletes", () => {
        const type = "gcp:artifactregistry/repository:Repository";
        expect(deleteVerdict(type, "r", { deletionPolicy: "PREVENT" })).toMatchObject({ action: "refuse", reason: expect.stringContaining("PREVENT") });
        expect(deleteVerdict(type, "r", { deletionPolicy: "ABANDON" })).toEqual({ action: "abandon" });
        expect(deleteVerdict(type, "r", { deletionPolicy: "DELETE" })).toEqual({ action: "delete" });
    });

    test("a secret guard value counts", () => {
        expect(deleteVerdict(BUCKET, "b", { deletionPolicy: secret("PREVENT") }).action).toBe("refuse");
    });

    test("the provider's defaults: projects PREVENT, clusters and CAs protected, unless set otherwise", () => {
        expect(deleteVerdict("gcp:organizations/project:Project", "projects/p", {}).action).toBe("refuse");
        expect(deleteVerdict("gcp:organizations/project:Project", "projects/p", { deletionPolicy: "DELETE" }).action).toBe("delete");
        expect(deleteVerdict("gcp:container/cluster:Cluster", "c", {}).action).toBe("refuse");
        expect(deleteVerdict("gcp:container/cluster:Cluster", "c", { deletionProtection: false }).action).toBe("delete");
        expect(deleteVerdict("gcp:certificateauthority/authority:Authority", "a", {}).action).toBe("refuse");
    });
});

describe("computed outputs", () => {
    test("the outputs a real provider computes come in the real format, and inputs win", () => {
        const zone = withComputed("gcp:dns/managedZone:ManagedZone", "projects/p/managedZones/z", { name: "z", dnsName: "k8s.io." });
        expect(zone.nameServers).toEqual([expect.stringMatching(/^ns-cloud-[a-z]1\.googledomains\.com\.$/), expect.any(String), expect.any(String), expect.any(String)]);
        const sa = withComputed("gcp:serviceaccount/account:Account", "x", { project: "k8s-infra-p", accountId: "kettle" });
        expect(sa).toMatchObject({ email: "kettle@k8s-infra-p.iam.gserviceaccount.com", name: "projects/k8s-infra-p/serviceAccounts/kettle@k8s-infra-p.iam.gserviceaccount.com" });
        expect(withComputed("gcp:organizations/project:Project", "projects/a", { projectId: "a", number: "7" }).number).toBe("7");
        expect(withComputed("gcp:organizations/project:Project", "projects/a", { projectId: "a" }).number).toMatch(/^\d{12}$/);
        expect(withComputed("gcp:storage/bucket:Bucket", "b", { name: "b" })).toEqual({ name: "b" });
    });

    test("a computed output in the old state is no change when the new inputs do not set it", () => {
        const inputs = { project: "p", name: "z", dnsName: "k8s.io." };
        const state = withComputed("gcp:dns/managedZone:ManagedZone", "projects/p/managedZones/z", inputs);
        expect(diffResource("gcp:dns/managedZone:ManagedZone", "projects/p/managedZones/z", state, inputs).changes).toBe(false);
        expect(diffResource("gcp:dns/managedZone:ManagedZone", "projects/p/managedZones/z", state, { ...inputs, description: "d" }).changed).toEqual(["description"]);
    });
});
