// Hostile and careless input met by the functions that read it (issue 10): YAML
// alias bombs in any file the one bounded reader reads, files that are folders,
// `secure: ""` and terminal control characters in a stack file, entries whose
// resources would share a URN (and the mock run refusing a duplicate URN as the
// engine does), a stack named for one environment that says another, and
// --output over an input or into a missing folder.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { InputError, Problem } from "../../model/errors";
import { YamlFile } from "../../model/yaml-file";
import { readStackConfig } from "../../tools/stack-config/stack-config";
import { runProgram } from "../../tools/check/run-program";
import { DuplicateUrnError } from "../../tools/check/duplicate-urn";
import { loadZoneConfigs } from "../../services/dns/zone-configs";
import { environmentMismatch, environmentOfStack } from "../../model/environment";
import { controlCharProblem } from "../../model/control-chars";
import { GcsConfig } from "../../model/service-config/gcs";
import { DnsConfig } from "../../model/service-config/dns";
import { BigqueryConfig } from "../../model/service-config/bigquery";
import { TestPoolConfig } from "../../model/service-config/test-pool";
import { checkOutput } from "../../tools/cli-kit/output-file";
import { UsageError } from "../../tools/cli-kit/stack-args";

/** Nine levels of nine aliases each: 9^9 leaves if expanded. */
const BOMB = ["a: &a [x,x,x,x,x,x,x,x,x]", ..."bcdefghi".split("").map((n, i) => `${n}: &${n} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`)];

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });
function project(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-input-"));
    dirs.push(dir);
    for (const [f, text] of Object.entries({ "Pulumi.yaml": "name: mini\nruntime: nodejs\n", ...files })) fs.writeFileSync(path.join(dir, f), text);
    return dir;
}
function problemsOf(fn: () => unknown): Problem[] {
    try { fn(); } catch (e) { if (e instanceof InputError) return e.problems; throw e; }
    throw new Error("no InputError");
}

describe("the bounded YAML reader", () => {
    test("refuses an alias bomb quickly, naming the line of the first alias", () => {
        const started = Date.now();
        const file = YamlFile.parse(BOMB.join("\n"), "bomb.yaml");
        expect(Date.now() - started).toBeLessThan(2000);
        expect(file.ok).toBe(false);
        expect(file.problems).toEqual([expect.objectContaining({ file: "bomb.yaml", line: 2, message: expect.stringContaining("aliases") })]);
    });

    test("still reads a few honest aliases", () => {
        expect(YamlFile.parse("a: &a [1, 2]\nb: *a\n", "ok.yaml").toJS()).toEqual({ a: [1, 2], b: [1, 2] });
    });

    test("a folder where a file is expected is a problem, not an exception", () => {
        const dir = project({});
        fs.mkdirSync(path.join(dir, "people.yaml"));
        expect(YamlFile.read(path.join(dir, "people.yaml"), "roster/people.yaml").problems)
            .toEqual([{ file: "roster/people.yaml", message: "is a folder; a file is expected here" }]);
    });

    test("a zone config that is a bomb or a folder is refused with the file", () => {
        const dir = project({ "k8s.io.yaml": BOMB.join("\n") });
        fs.mkdirSync(path.join(dir, "x-k8s.io.yaml"));
        const problems = problemsOf(() => loadZoneConfigs(dir, "dns/zone-configs", [{ domain: "k8s.io", canary: false }, { domain: "x-k8s.io", canary: false }]));
        expect(problems).toEqual([
            expect.objectContaining({ file: "dns/zone-configs/k8s.io.yaml", line: 2, message: expect.stringContaining("aliases") }),
            expect.objectContaining({ file: "dns/zone-configs/x-k8s.io.yaml", message: "is a folder; a file is expected here" }),
        ]);
    });
});

describe("the stack file reader", () => {
    test("refuses a ~1 KB alias bomb in Pulumi.<stack>.yaml at once", () => {
        const text = "config:\n" + BOMB.map(l => `  mini:${l}`).join("\n") + "\n";
        expect(text.length).toBeLessThan(1100);
        const started = Date.now();
        const problems = problemsOf(() => readStackConfig(project({ "Pulumi.dev.yaml": text }), "dev"));
        expect(Date.now() - started).toBeLessThan(2000);
        expect(problems).toEqual([expect.objectContaining({ file: "Pulumi.dev.yaml", line: 3, message: expect.stringContaining("aliases") })]);
    });

    test.each([
        ["an empty secure value", 'config:\n  mini:ok: 1\n  mini:token:\n    secure: ""\n', 4, /holds no ciphertext/],
        ["a secure value inside a structured one", "config:\n  mini:deep:\n    a:\n      secure:\n", 4, /holds no ciphertext/],
        ["an ESC sequence in a value", 'config:\n  mini:ok: 1\n  mini:name: "bad\\e[31mred"\n', 3, /U\+001B/],
        ["a bidi override in a list item", 'config:\n  mini:list:\n    - fine\n    - "a\\u202Eb"\n', 4, /U\+202E/],
        ["a C1 control in a key", 'config:\n  mini:ok: 1\n  "mini:k\\u0085": 2\n', 3, /U\+0085/],
    ])("refuses %s with its line", (_what, text, line, message) => {
        const problems = problemsOf(() => readStackConfig(project({ "Pulumi.dev.yaml": text }), "dev"));
        expect(problems).toEqual([expect.objectContaining({ file: "Pulumi.dev.yaml", line, message: expect.stringMatching(message) })]);
    });

    test("keeps tabs and newlines, and real secrets", () => {
        const cfg = readStackConfig(project({ "Pulumi.dev.yaml": 'config:\n  mini:text: "a\\tb\\nc"\n  mini:token:\n    secure: AAABAx==\n' }), "dev");
        expect(cfg.config["mini:text"]).toBe("a\tb\nc");
        expect(cfg.secretKeys).toEqual(["mini:token"]);
    });

    test("the control character rule spares ordinary text", () => {
        expect(controlCharProblem("kubernetes.io — ünïcödé\tand tabs\n")).toBeUndefined();
        expect(controlCharProblem("\u009b31m")).toMatch(/U\+009B/);
    });
});

describe("entries whose resources would share a URN", () => {
    const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string; params?: unknown }[] } }) =>
        (r.error?.issues ?? []).map(i => ({ path: i.path.join("."), message: i.message, params: (i as { params?: unknown }).params }));

    test("two buckets of one name: the second, naming the first", () => {
        const b = { name: "k8s-infra-logs", purpose: "logs" };
        expect(issues(GcsConfig.safeParse({ project: "kubernetes-public", location: "US", buckets: [b, { ...b, purpose: "release" }] })))
            .toEqual([{ path: "buckets.1", message: expect.stringMatching(/same name \("k8s-infra-logs"\) as \[0\]/), params: { duplicateOf: [0] } }]);
    });

    test("zones whose Cloud DNS names meet: x-k8s.io and x.k8s.io, or a domain and another's canary", () => {
        const dns = (domains: string[]) => issues(DnsConfig.safeParse({ project: "kubernetes-public", zones: domains.map(domain => ({ domain })) }));
        expect(dns(["x-k8s.io", "x.k8s.io"])).toEqual([expect.objectContaining({ path: "zones.1", params: { duplicateOf: ["zones", 0] } })]);
        expect(dns(["k8s.io", "canary.k8s.io"])).toEqual([expect.objectContaining({ path: "zones.1" })]);
        expect(dns(["k8s.io", "x-k8s.io"])).toEqual([]);
    });

    test("datasets whose ids differ only in case, and quota caps of one metric and region", () => {
        const d = { id: "k8s_infra_kettle", purpose: "test-results", description: "x" };
        expect(issues(BigqueryConfig.safeParse({ project: "kubernetes-public", datasets: [d, { ...d, id: "K8S_INFRA_KETTLE" }] })))
            .toEqual([expect.objectContaining({ path: "datasets.1", message: expect.stringContaining("same id") })]);
        const q = { metric: "cpus", region: "us-central1", limit: 10 };
        const pool = { project: "k8s-infra-e2e-gce-project", ciMembers: ["group:ci@kubernetes.io"] };
        expect(issues(TestPoolConfig.safeParse({ ...pool, pools: [{ type: "general", count: 2, quotas: [q, { ...q, limit: 5 }] }] })))
            .toEqual([expect.objectContaining({ path: "pools.0.quotas.1" })]);
    });

    test("the mock run refuses two resources with one URN, as the engine does", async () => {
        const run = runProgram({
            project: "mini", stack: "dev", config: {}, secretKeys: [], preview: true,
            program: async () => {
                new gcp.storage.Bucket("twice", { location: "US" });
                new gcp.storage.Bucket("twice", { location: "EU" });
            },
        });
        await expect(run).rejects.toBeInstanceOf(DuplicateUrnError);
        await expect(run).rejects.toThrow("urn:pulumi:dev::mini::gcp:storage/bucket:Bucket::twice");
        // A name used by two types is two URNs: fine.
        await expect(runProgram({ project: "mini", stack: "dev", config: {}, secretKeys: [], preview: true, program: async () => {
            new gcp.storage.Bucket("same", { location: "US" });
            new pulumi.ComponentResource("mini:index:Group", "same");
        } })).resolves.toBeDefined();
    });
});

describe("a stack's environment", () => {
    test("a stack named for an environment is that environment; its config must agree", () => {
        expect(environmentMismatch("prod", "staging")).toMatch(/this is stack prod, which is the prod environment; write prod/);
        expect(environmentMismatch("staging", "prod")).toMatch(/write staging/);
        expect(environmentMismatch("prod", "prod")).toBeUndefined();
        expect(environmentMismatch("dev-alice", "prod")).toBeUndefined();
        expect(environmentOfStack("prod", "staging")).toBe("prod");
        expect(environmentOfStack("dev-alice", "staging")).toBe("staging");
        expect(environmentOfStack("dev-alice")).toBeUndefined();
    });
});

describe("--output", () => {
    const usage = (fn: () => void) => { try { fn(); } catch (e) { if (e instanceof UsageError) return e.message; throw e; } return undefined; };

    test("into a missing folder, onto a folder, or over an input is refused", () => {
        const dir = project({ "check.json": "{}", "Pulumi.prod.yaml": "config: {}\n" });
        fs.mkdirSync(path.join(dir, "roster"));
        expect(usage(() => checkOutput("/nonexistent/x.md"))).toMatch(/the folder \/nonexistent does not exist/);
        expect(usage(() => checkOutput(dir))).toMatch(/is a folder/);
        expect(usage(() => checkOutput(path.join(dir, "check.json"), { files: [path.join(dir, "check.json")] }))).toMatch(/one of this command's inputs/);
        // The same file by another spelling, and a file in a folder read whole.
        expect(usage(() => checkOutput(path.join(dir, ".", "roster", "..", "check.json"), { files: [path.join(dir, "check.json")] }))).toMatch(/inputs/);
        expect(usage(() => checkOutput(path.join(dir, "roster", "people.yaml"), { folders: [path.join(dir, "roster")] }))).toMatch(/is inside/);
        expect(usage(() => checkOutput(path.join(dir, "report.md"), { files: [path.join(dir, "check.json")], folders: [path.join(dir, "roster")] }))).toBeUndefined();
    });
});
