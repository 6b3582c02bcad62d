// The inventory is reviewed as a diff: two runs on the same tree give the same
// bytes (into a new folder or over the last inventory), and nothing in it comes
// from the run (paths, times).

import * as fs from "fs";
import * as path from "path";
import { MINI, copyOfMini, inventory, snapshot, tempDir } from "./helpers";

const tmp = tempDir("stable");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("two runs give identical bytes, and so does a run over the previous inventory", () => {
    const a = path.join(tmp, "a");
    const b = path.join(tmp, "b");
    expect(inventory(["--from", MINI, "--out", a]).code).toBe(0);
    expect(inventory(["--from", MINI, "--out", b]).code).toBe(0);
    const first = snapshot(a);
    expect(first.size).toBeGreaterThan(0);
    expect(snapshot(b)).toEqual(first);
    expect(inventory(["--from", MINI, "--out", a]).code).toBe(0);
    expect(snapshot(a)).toEqual(first);
    // the swap leaves nothing beside the folder
    expect(fs.readdirSync(tmp).sort()).toEqual(["a", "b"]);
});

test("the same tree at another path gives the same bytes (nothing from --from's path)", () => {
    const copy = copyOfMini(path.join(tmp, "elsewhere"));
    const c = path.join(tmp, "c");
    expect(inventory(["--from", copy, "--out", c]).code).toBe(0);
    expect(snapshot(c)).toEqual(snapshot(path.join(tmp, "a")));
});

test("long strings are not folded, keys are sorted, no YAML anchors", () => {
    const text = snapshot(path.join(tmp, "a")).get("projects/k8s-infra-mini-prod.yaml")!;
    expect(text).toContain('  - condition: request.time < timestamp("2030-01-01T00:00:00Z")\n');
    expect(text).not.toMatch(/[&*]a\d+\b/);
    const top = text.split("\n").filter(l => /^[a-zA-Z]/.test(l)).map(l => l.split(":")[0]);
    expect(top).toEqual([...top].sort());
});
