// The stand-in cloud's files: the state file (written whole, by rename, and
// checked on read) and the inventory format (JSON or YAML, checked, filtered to
// one package), and the store that lays one over the other.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { emptyState, readState, writeState } from "../../tools/stand-in-cloud/state-file";
import { inventoryProblems, readInventory } from "../../tools/stand-in-cloud/inventory";
import { Store } from "../../tools/stand-in-cloud/store";

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "stand-in-files-")); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("state file", () => {
    test("a missing file is an empty state; a written one reads back, with no temporary file left", () => {
        const file = path.join(dir, "sub", "gcp.json");
        expect(readState(file, "gcp")).toEqual(emptyState("gcp"));
        const state = emptyState("gcp");
        state.resources["gcp:storage/bucket:Bucket"] = { b: { urn: "urn:x", properties: { name: "b" } } };
        writeState(file, state);
        expect(readState(file, "gcp")).toEqual(state);
        expect(fs.readdirSync(path.dirname(file))).toEqual(["gcp.json"]);
    });

    test("another package's file, another format version, or broken JSON is refused", () => {
        const file = path.join(dir, "s.json");
        writeState(file, emptyState("aws"));
        expect(() => readState(file, "gcp")).toThrow(/belongs to package "aws"/);
        fs.writeFileSync(file, JSON.stringify({ ...emptyState("gcp"), version: 9 }));
        expect(() => readState(file, "gcp")).toThrow(/format version 9/);
        fs.writeFileSync(file, "{");
        expect(() => readState(file, "gcp")).toThrow(/is not JSON/);
    });
});

describe("inventory", () => {
    const doc = {
        version: 1,
        resources: {
            "gcp:storage/bucket:Bucket": { b: { name: "b" } },
            "aws:iam/role:Role": { r: { name: "r" } },
        },
    };

    test("JSON and YAML read the same, keeping the package's own types", () => {
        fs.writeFileSync(path.join(dir, "i.json"), JSON.stringify(doc));
        fs.writeFileSync(path.join(dir, "i.yaml"), "version: 1\nresources:\n  gcp:storage/bucket:Bucket:\n    b: {name: b}\n  aws:iam/role:Role:\n    r: {name: r}\n");
        const expected = { "gcp:storage/bucket:Bucket": { b: { name: "b" } } };
        expect(readInventory(path.join(dir, "i.json"), "gcp")).toEqual(expected);
        expect(readInventory(path.join(dir, "i.yaml"), "gcp")).toEqual(expected);
        expect(readInventory(path.join(dir, "i.yaml"), "aws")).toEqual({ "aws:iam/role:Role": { r: { name: "r" } } });
    });

    test("every problem is named", () => {
        expect(inventoryProblems(doc)).toEqual([]);
        expect(inventoryProblems([])).toEqual(["the document is not a mapping"]);
        expect(inventoryProblems({ version: 1, extra: 1, resources: { "not-a-type": { a: 1 }, "gcp:a/b:C": [] } })).toEqual([
            'unknown top-level key "extra" (expected version, description, resources)',
            'resources."not-a-type": not a type token (package:module:Type)',
            'resources."not-a-type"."a": properties must be a mapping',
            'resources."gcp:a/b:C": must be a mapping of id -> properties',
        ]);
        expect(inventoryProblems({ resources: {} })).toEqual(["version must be 1, not undefined"]);
    });
});

describe("store", () => {
    const T = "gcp:storage/bucket:Bucket";

    test("the state is found before the inventory; a deleted inventory object stays deleted until re-created", () => {
        const store = new Store(path.join(dir, "gcp.json"), "gcp", { [T]: { inv: { name: "inv" } } });
        expect(store.find(T, "inv")).toEqual({ id: "inv", properties: { name: "inv" }, source: "inventory" });
        store.put(T, "inv", "urn:u", { name: "inv", labels: {} });
        expect(store.find(T, "inv")).toMatchObject({ source: "state", urn: "urn:u", properties: { name: "inv", labels: {} } });
        store.remove(T, "inv");
        expect(store.find(T, "inv")).toBeUndefined();
        expect(readState(path.join(dir, "gcp.json"), "gcp")).toEqual({ ...emptyState("gcp"), deleted: { [T]: ["inv"] } });
        store.put(T, "inv", "urn:u", { name: "inv" });
        expect(readState(path.join(dir, "gcp.json"), "gcp").deleted).toEqual({});
    });

    test("it reads the file on every call, so an edit between operations is seen", () => {
        const file = path.join(dir, "gcp.json");
        const store = new Store(file, "gcp");
        store.put(T, "b", "urn:u", { name: "b" });
        const state = readState(file, "gcp");
        state.resources[T].b.properties.deletionPolicy = "PREVENT";
        writeState(file, state);
        expect(store.find(T, "b")?.properties).toEqual({ name: "b", deletionPolicy: "PREVENT" });
    });
});
