import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadInventory } from "../../model/inventory/load";
import { cloudObjects } from "../../model/inventory/cloud-objects";
import { InputError } from "../../model/errors";

const project = (id: string, extra = "") => `format: 1
id: ${id}
number: "123"
parent: organizations/42
state: ACTIVE
services: []
iam: []
buckets:
  ${id}-logs: { location: US, locationType: multi-region, storageClass: STANDARD, versioning: false, uniformAccess: true, publicAccessPrevention: inherited, requesterPays: false, website: false, labels: {}, lifecycle: [], iam: [] }
serviceAccounts: {}
secrets: {}
datasets: {}
clusters: {}
dnsZones: {}
unread: []
${extra}`;

function inventoryWith(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inv-"));
    fs.mkdirSync(path.join(dir, "projects"));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, "projects", name), text);
    return dir;
}

test("a good inventory gives the project and its bucket with their import ids and settings", () => {
    const objects = cloudObjects(loadInventory(inventoryWith({ "k8s-infra-a.yaml": project("k8s-infra-a") }), "inv"));
    expect(objects.map(o => `${o.type} ${o.id}`)).toEqual(["gcp:organizations/project:Project projects/k8s-infra-a", "gcp:storage/bucket:Bucket k8s-infra-a-logs"]);
    expect(objects[0].props).toMatchObject({ projectId: "k8s-infra-a", orgId: "42" });
    expect(objects[1].props).toMatchObject({ location: "US", uniformBucketLevelAccess: true, versioning: { enabled: false } });
});

test("a broken file is refused with its file, line and what to do; nothing is returned", () => {
    const dir = inventoryWith({ "k8s-infra-a.yaml": project("k8s-infra-a", "extra: 1"), "k8s-infra-b.yaml": project("k8s-infra-c") });
    let err: unknown;
    try { loadInventory(dir, "inv"); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    const problems = (err as InputError).problems;
    expect(problems).toEqual(expect.arrayContaining([
        expect.objectContaining({ file: path.join("inv", "projects", "k8s-infra-a.yaml"), line: 16, at: "extra", message: expect.stringContaining("npm run inventory") }),
        expect.objectContaining({ file: path.join("inv", "projects", "k8s-infra-b.yaml"), message: expect.stringContaining("must be named k8s-infra-c.yaml") }),
    ]));
});

test("a folder that is not an inventory says how to make one", () => {
    expect(() => loadInventory(fs.mkdtempSync(path.join(os.tmpdir(), "inv-")), "nothing")).toThrow(/npm run inventory/);
});
