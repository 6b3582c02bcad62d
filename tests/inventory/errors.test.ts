// Bad input is reported, never half written: each problem as `<file>: <what is
// wrong; what to do>` with the file relative to --from, exit 2, and the previous
// inventory left exactly as it was. Bad arguments get the usage, exit 2.

import * as fs from "fs";
import * as path from "path";
import { MINI, copyOfMini, inventory, snapshot, tempDir } from "./helpers";

const tmp = tempDir("errors");
const previous = path.join(tmp, "inventory");
let before: Map<string, string>;
beforeAll(() => {
    expect(inventory(["--from", MINI, "--out", previous]).code).toBe(0);
    before = snapshot(previous);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const PROD = "audit/projects/k8s-infra-mini-prod";

/** Breaks a copy of the mini tree with `breakIt`, runs over the previous inventory, and checks nothing moved. */
function runBroken(name: string, breakIt: (root: string) => void) {
    const root = copyOfMini(path.join(tmp, name));
    breakIt(root);
    const run = inventory(["--from", root, "--out", previous]);
    expect(run.code).toBe(2);
    expect(snapshot(previous)).toEqual(before);
    expect(fs.readdirSync(tmp).filter(f => f.startsWith(".inventory"))).toEqual([]);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines.slice(0, -1).filter(l => l.includes(root))).toEqual([]); // files are named relative to --from
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(run.stdout).toBe("");
    return lines;
}

test.each([
    ["bad JSON", (r: string) => fs.writeFileSync(`${r}/${PROD}/iam.json`, '{"bindings": ['), `${PROD}/iam.json: is not valid JSON`],
    ["a projectId that is not the folder's", (r: string) => {
        const f = `${r}/audit/projects/k8s-staging-mini/description.json`;
        fs.writeFileSync(f, fs.readFileSync(f, "utf8").replace('"projectId": "k8s-staging-mini"', '"projectId": "k8s-staging-other"'));
    }, "audit/projects/k8s-staging-mini/description.json: has projectId k8s-staging-other, but the folder is k8s-staging-mini"],
    ["bucket metadata gsutil never prints", (r: string) => {
        const f = `${r}/${PROD}/buckets/k8s-infra-mini-legacy/metadata.txt`;
        fs.writeFileSync(f, fs.readFileSync(f, "utf8").replace("\tStorage class:\t\t\tSTANDARD", "Storage klass = STANDARD"));
    }, `${PROD}/buckets/k8s-infra-mini-legacy/metadata.txt: cannot be read as gsutil ls -L output: line 2 is not a "<field>:<tab>value" line`],
    ["a bucket setting the inventory does not describe", (r: string) => {
        const f = `${r}/${PROD}/buckets/k8s-infra-mini-legacy/metadata.txt`;
        fs.writeFileSync(f, fs.readFileSync(f, "utf8").replace("CORS configuration: \t\tNone", "CORS configuration: \t\tPresent"));
    }, `${PROD}/buckets/k8s-infra-mini-legacy/metadata.txt: cannot be read as gsutil ls -L output: "CORS configuration" is "Present", a setting the inventory does not describe`],
    ["a project folder without description.json", (r: string) => fs.rmSync(`${r}/audit/projects/k8s-staging-mini/description.json`),
        "audit/projects/k8s-staging-mini: has no description.json"],
    ["metadata.txt says retention but there is no retention.txt", (r: string) => fs.rmSync(`${r}/${PROD}/buckets/k8s-infra-mini-artifacts/retention.txt`),
        `${PROD}/buckets/k8s-infra-mini-artifacts/retention.txt: is missing although metadata.txt says "Retention Policy: Present"`],
    ["a group defined in two files", (r: string) => {
        fs.appendFileSync(`${r}/groups/groups.yaml`, "  - email-id: mini-admins@kubernetes.io\n    name: mini-admins\n");
    }, "groups/sig-mini/groups.yaml: groups[0]: mini-admins@kubernetes.io is already defined in groups/groups.yaml"],
    ["a group restrictions.yaml does not allow in its file", (r: string) => {
        fs.appendFileSync(`${r}/groups/groups.yaml`, "  - email-id: sneaky@kubernetes.io\n    name: sneaky\n");
    }, "groups/groups.yaml: groups[1]: sneaky@kubernetes.io may not be defined in groups.yaml by restrictions.yaml"],
    ["a DNS name in two pieces", (r: string) => fs.writeFileSync(`${r}/dns/zone-configs/mini.k8s.io._2_aws.yaml`, "www:\n  type: A\n  value: 1.2.3.4\n"),
        'dns/zone-configs/mini.k8s.io._2_aws.yaml: defines "www" again (also in mini.k8s.io._0_base.yaml)'],
    ["malformed YAML", (r: string) => fs.writeFileSync(`${r}/infra/gcp/infra.yaml`, "infra:\n  prod: [\n"), "infra/gcp/infra.yaml:"],
    ["a YAML alias bomb in a zone piece (billion laughs)", (r: string) => fs.writeFileSync(`${r}/dns/zone-configs/mini.k8s.io._2_aws.yaml`,
        "a: &a [x, x, x, x, x, x, x, x, x]\n" + "bcdefgh".split("").map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(", ")}]`).join("\n") + "\n"),
    "dns/zone-configs/mini.k8s.io._2_aws.yaml: expands its YAML aliases more than 100 times"],
])("%s: exit 2, the file named, the previous inventory untouched", (name, breakIt, line) => {
    const lines = runBroken(name.replace(/\W+/g, "-"), breakIt);
    expect(lines).toContainEqual(expect.stringContaining(line));
    expect(lines[lines.length - 1]).toMatch(/^inventory: \d+ problems? in .*; nothing was written$/);
});

test("all problems are reported at once, one per line", () => {
    const lines = runBroken("many", r => {
        fs.writeFileSync(`${r}/${PROD}/iam.json`, "not json");
        fs.rmSync(`${r}/audit/projects/k8s-staging-mini/description.json`);
        fs.writeFileSync(`${r}/${PROD}/services/enabled.txt`, "SERVICE\nstorage.googleapis.com\n");
    });
    expect(lines.filter(l => l.startsWith("audit/"))).toEqual([
        expect.stringMatching(new RegExp(`^${PROD}/iam\\.json: is not valid JSON .*; `)),
        expect.stringMatching(new RegExp(`^${PROD}/services/enabled\\.txt: does not start with the "NAME  TITLE" header`)),
        expect.stringMatching(/^audit\/projects\/k8s-staging-mini: has no description\.json/),
    ]);
});

test("an --out holding files the inventory did not write is refused and left alone", () => {
    const folder = path.join(tmp, "notes");
    fs.mkdirSync(path.join(folder, "sub"), { recursive: true });
    fs.writeFileSync(path.join(folder, "sub", "todo.txt"), "keep me\n");
    const run = inventory(["--from", MINI, "--out", folder]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--out ${folder} holds sub/todo.txt, which \`npm run inventory\` did not write`);
    expect(snapshot(folder)).toEqual(new Map([["sub/todo.txt", "keep me\n"]]));
    // a hand-edited file without the generated-by comment is foreign too
    const edited = path.join(tmp, "edited");
    fs.cpSync(previous, edited, { recursive: true });
    fs.writeFileSync(path.join(edited, "infra.yaml"), "format: 1\n");
    expect(inventory(["--from", MINI, "--out", edited]).stderr).toContain("holds infra.yaml");
    // an empty folder is fine
    const empty = path.join(tmp, "empty");
    fs.mkdirSync(empty);
    expect(inventory(["--from", MINI, "--out", empty]).code).toBe(0);
});

test.each([
    [[], "--from is required"],
    [["--from", "tests/fixtures/no-such-tree"], "--from tests/fixtures/no-such-tree: no such folder"],
    [["--from", "tests/fixtures"], "--from tests/fixtures is not a k8s.io tree: it has no audit/projects/ folder"],
    [["--from", "tests/fixtures/k8sio-mini", "--output", "x"], "Unknown option '--output'"],
    [["--from", "tests/fixtures/k8sio-mini", "extra"], "Unexpected argument 'extra'"],
    [["--from", "tests/fixtures/k8sio-mini", "--out", "tests/fixtures/k8sio-mini/out"], "is inside --from"],
])("bad arguments %j: the usage, exit 2", (args, message) => {
    const run = inventory(args as string[]);
    expect({ code: run.code, said: run.stderr.includes(message as string), usage: run.stderr.includes("usage: npm run inventory -- --from DIR [--out DIR]") })
        .toEqual({ code: 2, said: true, usage: true });
    expect(run.stderr).not.toMatch(/\n\s+at /);
});
