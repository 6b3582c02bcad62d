// `npm run inventory -- --declared DIR`: a project no audit dump has yet, declared from
// k8s.io's terraform (tests/fixtures/declared-mini), is written as an inventory project
// with its sources; a declared project the tree's audit has, a broken declared file or
// one misnamed stops the run with the file and line, and nothing is written.

import * as fs from "fs";
import * as path from "path";
import type { ProjectFile } from "../../model/inventory/schema";
import { MINI, ROOT, copyOfMini, inventory, readYaml, snapshot, tempDir } from "./helpers";

const DECLARED = path.join(ROOT, "tests/fixtures/declared-mini");
const tmp = tempDir("declared");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of the declared fixture, with `edit` applied to its one file's text (and a new name, if given). */
function declaredCopy(name: string, edit: (text: string) => string, fileName = "k8s-infra-mini-prow.yaml"): string {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, fileName), edit(fs.readFileSync(path.join(DECLARED, "k8s-infra-mini-prow.yaml"), "utf8")));
    return dir;
}

test("a declared project is written beside the audited ones, with its sources and a header that says so", () => {
    const out = path.join(tmp, "ok");
    const run = inventory(["--from", MINI, "--out", out, "--declared", DECLARED]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect([...snapshot(out).keys()].filter(k => k.startsWith("projects/"))).toEqual([
        "projects/k8s-infra-mini-prod.yaml", "projects/k8s-infra-mini-prow.yaml", "projects/k8s-infra-mini-public.yaml", "projects/k8s-staging-mini.yaml",
    ]);
    const text = snapshot(out).get("projects/k8s-infra-mini-prow.yaml")!;
    expect(text.split("\n")[0]).toContain("declared-mini/k8s-infra-mini-prow.yaml (what k8s.io's terraform declares; no audit dump has it yet)");
    const p = readYaml<ProjectFile>(out, "projects/k8s-infra-mini-prow.yaml");
    expect(p.declaredBy).toEqual([
        "infra/gcp/terraform/k8s-infra-mini-prow/main.tf@0000000000000000000000000000000000000001",
        "infra/gcp/terraform/k8s-infra-mini-prow/gke.tf@0000000000000000000000000000000000000002",
    ]);
    // What the file leaves out is empty, services are sorted once each, the cluster keeps its dual stack and dataplane.
    expect({ buckets: p.buckets, secrets: p.secrets, unread: p.unread, services: p.services })
        .toEqual({ buckets: {}, secrets: {}, unread: [], services: ["compute.googleapis.com", "container.googleapis.com"] });
    expect(p.clusters["mini-prow"]).toMatchObject({ privateCluster: true, datapathProvider: "ADVANCED_DATAPATH", ipAllocation: { stackType: "IPV4_IPV6" } });
    // An audited project carries no declaredBy.
    expect(readYaml<ProjectFile>(out, "projects/k8s-infra-mini-prod.yaml").declaredBy).toBeUndefined();
});

test("a declared project the tree's audit already has is refused: the audit is what exists", () => {
    const dir = declaredCopy("audited", t => t.replace("id: k8s-infra-mini-prow", "id: k8s-infra-mini-prod"), "k8s-infra-mini-prod.yaml");
    const out = path.join(tmp, "audited-out");
    const run = inventory(["--from", MINI, "--out", out, "--declared", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/k8s-infra-mini-prod\.yaml: declares k8s-infra-mini-prod, which the k8s\.io tree's audit dump now has: .*delete this file/);
    expect(run.stderr).toContain("nothing was written");
    expect(fs.existsSync(out)).toBe(false);
});

test("a broken declared file names its file and line; a misnamed one says what to call it", () => {
    const broken = declaredCopy("broken", t => t.replace("    privateCluster: true\n", "    privateCluster: yes-please\n")
        .replace("0000000000000000000000000000000000000002", "main"));
    const run = inventory(["--from", MINI, "--out", path.join(tmp, "broken-out"), "--declared", broken]);
    expect(run.code).toBe(2);
    const lines = run.stderr.split("\n");
    const lineOf = (needle: string) => fs.readFileSync(path.join(broken, "k8s-infra-mini-prow.yaml"), "utf8").split("\n").findIndex(l => l.includes(needle)) + 1;
    expect(lines).toEqual(expect.arrayContaining([
        expect.stringMatching(new RegExp(`k8s-infra-mini-prow\\.yaml:${lineOf("gke.tf@main")}: declaredBy\\[1\\]: .*is not a k8s\\.io file at a commit`)),
        expect.stringMatching(new RegExp(`k8s-infra-mini-prow\\.yaml:${lineOf("yes-please")}: clusters\\.mini-prow\\.privateCluster: `)),
    ]));
    const misnamed = declaredCopy("misnamed", t => t, "prow.yaml");
    const again = inventory(["--from", MINI, "--out", path.join(tmp, "misnamed-out"), "--declared", misnamed]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/prow\.yaml:\d+: id: declares project k8s-infra-mini-prow; name the file k8s-infra-mini-prow\.yaml/);
});

test("--declared must be a folder", () => {
    const run = inventory(["--from", copyOfMini(path.join(tmp, "tree")), "--out", path.join(tmp, "x"), "--declared", path.join(tmp, "no-such")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--declared");
    expect(run.stderr).toContain("no such folder");
});
