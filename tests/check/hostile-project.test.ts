// `npm run check` on a project that is wrong in every way issue 10 names, in one run
// (the check goes on to the next stack after bad input): a prod stack that says
// staging, two entries that would share a URN, a roster path that is a file, a roster
// whose people.yaml is a folder, and, for a stack whose config is right, a zone file
// of the --project-dir (not of the checkout) that is an alias bomb. Each is exit 2
// with its file and line, never a stack trace or exit 3.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT, runCheck } from "../helpers/cli";

const ROSTER = path.join(ROOT, "tests/fixtures/engine-cases/baseline-roster");
const BOMB = ["a: &a [x,x,x,x,x,x,x,x,x]", ..."bcdefghi".split("").map((n, i) => `${n}: &${n} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`)].join("\n") + "\n";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-project-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const base = fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8").replace(/^ {2}k8s-infra:inventory: .*\n/m, "");
const lineOf = (text: string, needle: string, from = 0) => text.split("\n").findIndex((l, i) => i >= from && l.includes(needle)) + 1;
const stacks: Record<string, string> = {
    "prod": base.replace("k8s-infra:environment: prod", "k8s-infra:environment: staging"),
    "dupes": base.replace("        - name: k8s-infra-kops-ci-results", "        - name: k8s-infra-prow-results\n          purpose: logs\n        - name: k8s-infra-kops-ci-results"),
    "rosterfile": base.replace("k8s-infra:roster: roster", "k8s-infra:roster: roster/people.yaml"),
    "rosterdir": base.replace("k8s-infra:roster: roster", "k8s-infra:roster: roster2"),
    "zones": base,
};
fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
for (const [stack, text] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
fs.cpSync(ROSTER, path.join(dir, "roster"), { recursive: true });
fs.cpSync(ROSTER, path.join(dir, "roster2"), { recursive: true });
fs.rmSync(path.join(dir, "roster2", "people.yaml"));
fs.mkdirSync(path.join(dir, "roster2", "people.yaml"));
fs.cpSync(path.join(ROOT, "dns/zone-configs"), path.join(dir, "dns/zone-configs"), { recursive: true });
fs.writeFileSync(path.join(dir, "dns/zone-configs/k8s.io._0_base.yaml"), BOMB);

const run = runCheck(["--project-dir", dir, "--format", "json"]);
const errors = () => run.json!.errors;

test("exits 2, with a document of errors and no stack trace", () => {
    expect(run.stderr).not.toMatch(/internal error|\n\s+at .*\.ts:\d+/);
    expect(run.code).toBe(2);
    expect(run.json!.resources).toEqual([]);
});

test("a prod stack whose config says staging is refused at the environment line", () => {
    expect(errors()).toContainEqual(expect.objectContaining({
        file: expect.stringMatching(/Pulumi\.prod\.yaml$/), line: lineOf(stacks.prod, "k8s-infra:environment"),
        at: "k8s-infra:environment", message: expect.stringContaining("this is stack prod"),
    }));
});

test("two buckets of one name are refused at the second, naming the first's line", () => {
    const first = lineOf(stacks.dupes, "- name: k8s-infra-prow-results");
    const second = lineOf(stacks.dupes, "- name: k8s-infra-prow-results", first);
    const hit = errors().find(e => /Pulumi\.dupes\.yaml$/.test(e.file) && /same name/.test(e.message));
    expect(hit).toEqual(expect.objectContaining({ line: second }));
    expect(hit!.message).toContain(`Pulumi.dupes.yaml:${first}`);
});

test("a roster path that names a file is refused at the k8s-infra:roster line", () => {
    expect(errors()).toContainEqual(expect.objectContaining({
        file: expect.stringMatching(/Pulumi\.rosterfile\.yaml$/), line: lineOf(stacks.rosterfile, "k8s-infra:roster"),
        at: "k8s-infra:roster", message: expect.stringContaining("which is a file"),
    }));
});

test("a roster file that is a folder is named, as a folder", () => {
    expect(errors()).toContainEqual(expect.objectContaining({ file: expect.stringMatching(/roster2\/people\.yaml$/), message: expect.stringContaining("is a folder") }));
});

test("zone files come from --project-dir, and an alias bomb in one is refused with its line", () => {
    expect(errors()).toContainEqual(expect.objectContaining({ file: "dns/zone-configs/k8s.io._0_base.yaml", line: 2, message: expect.stringContaining("aliases") }));
});
