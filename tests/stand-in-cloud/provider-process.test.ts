// The stand-in cloud as the engine meets it: started with startStandInCloud (one
// process per package), then driven over gRPC with the engine's calls: what it
// reports about itself, Check, Create, Read (from its state, from the inventory,
// an unknown id), Diff (update vs replacement), Update and Delete (allowed,
// refused by a deletion guard, abandoned), and Invoke.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startStandInCloud, StandInCloud } from "../../tools/stand-in-cloud/start";
import { ProviderClient, grpc, urnOf } from "./provider-client";

const BUCKET = "gcp:storage/bucket:Bucket";
const PROJECT = "gcp:organizations/project:Project";
const SECRET = "gcp:secretmanager/secret:Secret";
const DATASET = "gcp:bigquery/dataset:Dataset";
const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

const INVENTORY = `version: 1
description: test inventory
resources:
  ${BUCKET}:
    inv-bucket: { name: inv-bucket, project: inv-project, location: EU }
  ${PROJECT}:
    projects/inv-project: { projectId: inv-project, name: inv-project }
  aws:iam/role:Role:
    inv-role: { name: inv-role }
`;

let dir: string;
let cloud: StandInCloud;
let gcp: ProviderClient;
let aws: ProviderClient;
const stateOf = (pkg: string) => JSON.parse(fs.readFileSync(path.join(dir, `${pkg}.json`), "utf8"));

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "stand-in-cloud-"));
    fs.writeFileSync(path.join(dir, "inventory.yaml"), INVENTORY);
    cloud = await startStandInCloud({ stateDir: path.join(dir), inventory: path.join(dir, "inventory.yaml"), packages: ["gcp", "aws"] });
    gcp = new ProviderClient(cloud.ports.gcp!);
    aws = new ProviderClient(cloud.ports.aws!);
});

afterAll(async () => {
    gcp?.close();
    aws?.close();
    await cloud?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
});

describe("what it reports about itself", () => {
    test("PULUMI_DEBUG_PROVIDERS names each package's port", () => {
        expect(cloud.env.PULUMI_DEBUG_PROVIDERS).toBe(`gcp:${cloud.ports.gcp},aws:${cloud.ports.aws}`);
    });

    test("the version of the SDK the project pins", async () => {
        expect(await gcp.pluginVersion()).toBe("9.37.0");
        expect(await aws.pluginVersion()).toBe("7.48.0");
        expect(await gcp.schema()).toMatchObject({ name: "gcp", version: "9.37.0" });
    });

    test("no Handshake (the engine tolerates UNIMPLEMENTED) and no supportsPreview", async () => {
        await expect(gcp.handshake()).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
        expect((await gcp.configure()).getSupportspreview()).toBe(false);
    });
});

describe("Check and Create", () => {
    const inputs = { name: "b1", project: "p1", location: "US", labels: { env: "test" }, token: secret("s3cr3t") };

    test("Check returns the inputs unchanged, secrets included", async () => {
        expect(await gcp.check(urnOf(BUCKET, "b1"), inputs)).toEqual({ inputs, failures: 0 });
    });

    test("Create: id from the natural key, the inputs as outputs, kept in the state file", async () => {
        const urn = urnOf(BUCKET, "b1");
        expect(await gcp.create(urn, inputs)).toEqual({ id: "b1", props: inputs });
        expect(stateOf("gcp").resources[BUCKET].b1).toEqual({ urn, properties: inputs });
    });

    test("Create of a natural key the cloud holds fails, naming the import that adopts it", async () => {
        await expect(gcp.create(urnOf(BUCKET, "other"), { name: "b1" })).rejects.toThrow(/already exists.*pulumi import/);
        await expect(gcp.create(urnOf(BUCKET, "inv"), { name: "inv-bucket" })).rejects.toThrow(/already exists.*inventory/);
    });

    test("Create with no natural key: <name>-<hash>, the same for the same URN", async () => {
        const { id } = await gcp.create(urnOf(BUCKET, "unnamed"), { location: "US" });
        expect(id).toMatch(/^unnamed-[0-9a-f]{12}$/);
        const again = await gcp.create(urnOf(BUCKET, "unnamed"), { location: "EU" });
        expect(again.id).not.toBe(id); // a replacement made before its old self is deleted gets the next id
        expect(again.id).toMatch(/^unnamed-[0-9a-f]{12}$/);
    });

    test("aws: a role's id is its name", async () => {
        expect(await aws.create(urnOf("aws:iam/role:Role", "r"), { name: "ci-role" })).toEqual({ id: "ci-role", props: { name: "ci-role", arn: "arn:aws:iam::000000000000:role/ci-role" } });
        expect(stateOf("aws").package).toBe("aws");
    });
});

describe("Read", () => {
    test("from the state file (refresh: the engine sends the old state)", async () => {
        const got = await gcp.read("b1", urnOf(BUCKET, "b1"), { name: "b1" });
        expect(got.id).toBe("b1");
        expect(got.props).toEqual(got.inputs);
        expect(got.props).toMatchObject({ name: "b1", location: "US" });
    });

    test("from the inventory (import: no properties at all), for the package's own types only", async () => {
        expect(await gcp.read("inv-bucket", urnOf(BUCKET, "imported"))).toEqual({
            id: "inv-bucket",
            props: { name: "inv-bucket", project: "inv-project", location: "EU" },
            inputs: { name: "inv-bucket", project: "inv-project", location: "EU" },
        });
        expect((await aws.read("inv-role", urnOf("aws:iam/role:Role", "x"))).id).toBe("inv-role");
    });

    test("an unknown id is not found: an empty id and no properties (what import and refresh look for)", async () => {
        expect(await gcp.read("no-such-bucket", urnOf(BUCKET, "gone"))).toEqual({ id: "" });
        expect(await gcp.read("no-such-bucket", urnOf(BUCKET, "gone"), { name: "no-such-bucket" })).toEqual({ id: "" });
        expect(await gcp.read("b1", urnOf(PROJECT, "wrong-type"))).toEqual({ id: "" });
    });
});

describe("Diff", () => {
    const urn = urnOf(BUCKET, "d");
    const olds = { name: "d1", project: "p1", location: "US", labels: { a: "1" } };

    test("no change", async () => {
        expect(await gcp.diff("d1", urn, olds, { ...olds, labels: { a: "1" } })).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
    });

    test("a change of a property that does not force replacement is an update", async () => {
        expect(await gcp.diff("d1", urn, olds, { ...olds, labels: { a: "2" } })).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    });

    test("a change of location replaces, deleting first since the name (the id) stays", async () => {
        expect(await gcp.diff("d1", urn, olds, { ...olds, location: "EU" })).toEqual({ changes: "some", replaces: ["location"], deleteBeforeReplace: true });
    });

    test("a change of name replaces, creating first", async () => {
        expect(await gcp.diff("d1", urn, olds, { ...olds, name: "d2" })).toEqual({ changes: "some", replaces: ["name"], deleteBeforeReplace: false });
    });
});

describe("Update", () => {
    test("returns the new inputs and keeps them", async () => {
        const news = { name: "b1", project: "p1", location: "US", labels: { env: "prod" } };
        expect(await gcp.update("b1", urnOf(BUCKET, "b1"), {}, news)).toEqual(news);
        expect(stateOf("gcp").resources[BUCKET].b1.properties).toEqual(news);
    });

    test("of an id the cloud does not hold fails", async () => {
        await expect(gcp.update("nope", urnOf(BUCKET, "nope"), {}, { name: "nope" })).rejects.toThrow(/does not exist/);
    });
});

describe("Delete", () => {
    test("removes what it created", async () => {
        await gcp.delete("b1", urnOf(BUCKET, "b1"), {});
        expect(stateOf("gcp").resources[BUCKET].b1).toBeUndefined();
        expect((await gcp.read("b1", urnOf(BUCKET, "b1"))).id).toBe("");
    });

    test("of an inventory object: it stays gone, the inventory file untouched", async () => {
        await gcp.delete("inv-bucket", urnOf(BUCKET, "imported"), {});
        expect(stateOf("gcp").deleted[BUCKET]).toEqual(["inv-bucket"]);
        expect((await gcp.read("inv-bucket", urnOf(BUCKET, "imported"))).id).toBe("");
        expect(fs.readFileSync(path.join(dir, "inventory.yaml"), "utf8")).toBe(INVENTORY);
    });

    test("is refused while deletionProtection is true, and the object stays", async () => {
        const urn = urnOf(SECRET, "s");
        const { id } = await gcp.create(urn, { project: "p1", secretId: "s1", deletionProtection: true });
        expect(id).toBe("projects/p1/secrets/s1");
        await expect(gcp.delete(id, urn, {})).rejects.toThrow(/deletionProtection is true/);
        expect((await gcp.read(id, urn)).id).toBe(id);
    });

    test("is refused for a project whose deletionPolicy is unset (the provider's default is PREVENT)", async () => {
        await expect(gcp.delete("projects/inv-project", urnOf(PROJECT, "p"), {})).rejects.toThrow(/deletionPolicy is "PREVENT"/);
    });

    test("with deletionPolicy ABANDON succeeds but leaves the object in the cloud", async () => {
        const urn = urnOf(DATASET, "ds");
        const { id } = await gcp.create(urn, { project: "p1", datasetId: "ds1", deletionPolicy: "ABANDON" });
        await gcp.delete(id, urn, {});
        expect((await gcp.read(id, urn)).id).toBe(id);
    });
});

test("Invoke fails, naming the function", async () => {
    await expect(gcp.invoke("gcp:organizations/getProject:getProject")).rejects.toThrow(/gcp:organizations\/getProject:getProject/);
});

test("a type of another package is refused", async () => {
    await expect(gcp.create(urnOf("aws:iam/role:Role", "r"), { name: "x" })).rejects.toThrow(/stand-in cloud for gcp was sent aws:iam\/role:Role/);
});
