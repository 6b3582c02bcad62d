// The engine-faithful core of the offline check: stack config as the CLI passes it,
// the program under mocks with the engine's URNs and default providers, and the
// policy pack started and driven exactly as the CLI does.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { InputError } from "../../model/errors";
import { readStackConfig } from "../../tools/stack-config/stack-config";
import { runProgram, UNKNOWN, SECRET_SIG_KEY, SECRET_SIG, ProgramRun } from "../../tools/check/run-program";
import { analyzeWithPolicyPack, openAnalysis } from "../../tools/check/run-policy-pack";
import type { CapturedResource, PolicyPackConfig } from "../../tools/results/types";
import { miniProgram } from "../fixtures/mini-program";

const PACK = path.join(__dirname, "..", "fixtures", "mini-pack");
const GCP_VERSION: string = require("@pulumi/gcp/package.json").version;
const DEFAULT_GCP = `default_${GCP_VERSION.replace(/\./g, "_")}`;
const BUCKET = "gcp:storage/bucket:Bucket";

const tempDirs: string[] = [];
afterAll(() => { for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true }); });

function tempProject(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-engine-"));
    tempDirs.push(dir);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

const PROJECT_YAML = `name: mini
runtime: nodejs
config:
  location:
    type: string
    default: US
  gcp:region: us-central1
`;

const DEV_YAML = `config:
  location: EU
  gcp:project: k8s-infra-dev
  mini:version: 1.20
  mini:count: 3
  mini:enabled: true
  mini:password:
    secure: v1:AAAA
  mini:services:
    list: [1, "two"]
    gcs:
      zeta: 1
      alpha:
        secure: v1:BBBB
`;

function run(stack: string, location: string, preview = true, program: () => Promise<Record<string, unknown> | void> = miniProgram) {
    return runProgram({
        project: "mini",
        stack,
        config: { "mini:location": location, "gcp:project": `k8s-infra-${stack}`, "mini:password": "[secure]" },
        secretKeys: ["mini:password"],
        preview,
        program,
    });
}

const byName = (r: ProgramRun, name: string): CapturedResource => {
    const found = r.resources.find(x => x.name === name);
    if (!found) throw new Error(`no resource ${name} in ${r.resources.map(x => x.urn).join(", ")}`);
    return found;
};

describe("readStackConfig", () => {
    const dir = tempProject({ "Pulumi.yaml": PROJECT_YAML, "Pulumi.dev.yaml": DEV_YAML, "Pulumi.broken.yaml": "config:\n  a: [1, 2\n" });

    it("gives the program what PULUMI_CONFIG would hold", () => {
        const cfg = readStackConfig(dir, "dev");
        expect(cfg.project).toBe("mini");
        expect(cfg.file).toBe("Pulumi.dev.yaml");
        expect(cfg.config).toEqual({
            "mini:location": "EU",
            "gcp:region": "us-central1",
            "gcp:project": "k8s-infra-dev",
            "mini:version": "1.20",
            "mini:count": "3",
            "mini:enabled": "true",
            "mini:password": "[secure]",
            "mini:services": '{"gcs":{"alpha":"[secure]","zeta":1},"list":[1,"two"]}',
        });
        expect(cfg.secretKeys.sort()).toEqual(["mini:password", "mini:services"]);
        expect(cfg.lineOf("location")).toBe(2);
        expect(cfg.lineOf("mini:password")).toBe(7);
        expect(cfg.lineOf("nope")).toBeUndefined();
    });

    it("names the file, and the line, of a missing or broken stack file", () => {
        expect(() => readStackConfig(dir, "nope")).toThrow(InputError);
        expect(() => readStackConfig(dir, "nope")).toThrow(/Pulumi\.nope\.yaml/);
        try {
            readStackConfig(dir, "broken");
            throw new Error("no error");
        } catch (e) {
            expect(e).toBeInstanceOf(InputError);
            const problem = (e as InputError).problems[0];
            expect(problem.file).toBe("Pulumi.broken.yaml");
            expect(problem.line).toBeGreaterThanOrEqual(2);
        }
    });
});

describe("runProgram", () => {
    let dev: ProgramRun;
    beforeAll(async () => {
        const cfg = readStackConfig(tempProject({ "Pulumi.yaml": PROJECT_YAML, "Pulumi.dev.yaml": DEV_YAML }), "dev");
        dev = await runProgram({ ...cfg, preview: true, program: miniProgram });
    });

    it("captures resources with the engine's URNs, parents and options", () => {
        const stack = "urn:pulumi:dev::mini::pulumi:pulumi:Stack::mini-dev";
        const group = "urn:pulumi:dev::mini::mini:index:Group::group";
        const site = "urn:pulumi:dev::mini::mini:index:Group$mini:index:Site::site";
        const provider = `urn:pulumi:dev::mini::pulumi:providers:gcp::${DEFAULT_GCP}`;
        expect(dev.resources.map(r => r.urn)).toEqual([
            stack,
            group,
            site,
            provider,
            `urn:pulumi:dev::mini::mini:index:Group$mini:index:Site$${BUCKET}::site-logs`,
            `urn:pulumi:dev::mini::${BUCKET}::data`,
        ]);
        const logs = byName(dev, "site-logs");
        expect(logs).toMatchObject({ type: BUCKET, custom: true, parent: site, protect: true, provider: `${provider}::${DEFAULT_GCP}-id` });
        expect(byName(dev, "site")).toMatchObject({ custom: false, parent: group, protect: false, provider: "" });
        expect(byName(dev, "site").inputs.toJavaScript()).toEqual({ location: "EU" }); // component args are its inputs
        expect(byName(dev, "group").parent).toBe(stack);
        expect(byName(dev, "mini-dev").parent).toBe("");
        expect(byName(dev, "data")).toMatchObject({ parent: stack, protect: false, dependencies: [logs.urn] });
        expect(byName(dev, "data").propertyDependencies.location).toEqual([logs.urn]);
    });

    it("keeps unknowns and secrets as the SDK serialized them", () => {
        const data = byName(dev, "data");
        expect(data.inputs.toJavaScript()).toEqual({ location: UNKNOWN, labels: { stack: "dev" } });
        expect(data.outputs.toJavaScript()).toEqual(data.inputs.toJavaScript());
        const provider = byName(dev, DEFAULT_GCP);
        expect(provider).toMatchObject({ type: "pulumi:providers:gcp", custom: true, parent: "", provider: "" });
        expect(provider.inputs.toJavaScript()).toEqual({ project: "k8s-infra-dev", region: "us-central1", version: GCP_VERSION });
    });

    it("puts the stack outputs on the Stack resource", () => {
        expect(dev.outputs).toEqual({
            stack: "dev",
            location: "EU",
            logsUrl: UNKNOWN,
            dataName: UNKNOWN,
            password: { [SECRET_SIG_KEY]: SECRET_SIG, value: "[secure]" },
        });
        expect(byName(dev, "mini-dev").outputs.toJavaScript()).toEqual(dev.outputs);
        expect(byName(dev, "site").outputs.toJavaScript()).toEqual({ logsUrl: UNKNOWN });
    });

    it("runs twice in one process without carrying anything over", async () => {
        const before = pulumi.runtime.getStack();
        const staging = await run("staging", "US");
        // Not a preview: what the mock does not return (a bucket's url, name) is undefined, and the SDK says so.
        const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
        const prod = await run("prod", "EU", false);
        expect(warn.mock.calls.map(c => String(c[0]))).toEqual([
            "warning: [runtime] Undefined value (logsUrl) will not show as a stack output.",
            "warning: [runtime] Undefined value (dataName) will not show as a stack output.",
        ]);
        warn.mockRestore();
        for (const [r, stack] of [[staging, "staging"], [prod, "prod"]] as const) {
            expect(r.resources).toHaveLength(dev.resources.length);
            expect(r.resources.every(x => x.urn.startsWith(`urn:pulumi:${stack}::mini::`))).toBe(true);
            expect(r.outputs.stack).toBe(stack);
            expect(byName(r, DEFAULT_GCP).inputs.toJavaScript()).toEqual({ project: `k8s-infra-${stack}`, version: GCP_VERSION });
        }
        expect(staging.outputs.location).toBe("US");
        expect(prod.outputs.location).toBe("EU");
        // Not a preview: the apply ran, so the location is known.
        expect(byName(prod, "data").inputs.toJavaScript().location).toBe("US");
        expect(pulumi.runtime.getStack()).toBe(before);
    });

    it("records resources read with get() as external", async () => {
        const r = await run("dev", "US", true, async () => { gcp.storage.Bucket.get("existing", "existing-bucket"); });
        expect(byName(r, "existing")).toMatchObject({
            urn: `urn:pulumi:dev::mini::${BUCKET}::existing`, custom: true, external: true,
            parent: "urn:pulumi:dev::mini::pulumi:pulumi:Stack::mini-dev",
            provider: `urn:pulumi:dev::mini::pulumi:providers:gcp::${DEFAULT_GCP}::${DEFAULT_GCP}-id`,
        });
    });

    it("fails a run whose program logged an error, as the CLI does", async () => {
        const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
        try {
            await expect(run("dev", "US", true, async () => { pulumi.log.error("no roster"); })).rejects.toThrow(/logged 1 error/);
            expect(error).toHaveBeenCalledWith("error: [runtime] no roster");
        } finally {
            error.mockRestore();
        }
    });

    // Jest fails a test that leaves a rejection unhandled, so passing here also shows that
    // the SDK's own unhandled rejections (it makes several when an apply throws) were handled.
    it("rethrows the program's own error, and leaves nothing unhandled behind", async () => {
        const thrown = new InputError("roster", [{ file: "roster/x.yaml", line: 3, message: "bad" }]);
        await expect(run("dev", "US", true, async () => {
            new gcp.storage.Bucket("b", { location: "US" });
            throw thrown;
        })).rejects.toBe(thrown);

        // The SDK fails the registration of `c` and never resolves its outputs: the run must not hang.
        const inApply = new InputError("config", [{ file: "Pulumi.dev.yaml", message: "bad" }]);
        await expect(run("dev", "US", false, async () => {
            const b = new gcp.storage.Bucket("b", { location: "US" });
            const c = new gcp.storage.Bucket("c", { location: b.location.apply(() => { throw inApply; }) });
            return { c: c.location };
        })).rejects.toBe(inApply);
        expect(inApply.problems).toHaveLength(1);

        // And the next run is clean.
        expect((await run("dev", "US")).resources).toHaveLength(dev.resources.length);
    });
});

describe("analyzeWithPolicyPack", () => {
    let dev: ProgramRun;
    beforeAll(async () => { dev = await run("dev", "EU"); });
    const analyze = (config?: PolicyPackConfig) =>
        analyzeWithPolicyPack({ packDir: PACK, project: "mini", stack: "dev", dryRun: true, resources: dev.resources, config });

    it("finds violations with policy, level, urn and message", async () => {
        const result = await analyze();
        expect(result.packName).toBe("mini-pack");
        expect(result.packVersion).toBe("0.0.7");
        expect(result.policies).toEqual([
            { name: "bucket-ubla", description: "Buckets use uniform bucket-level access.", enforcementLevel: "mandatory", severity: "high" },
            { name: "bucket-location", description: "Buckets live in a location allowed by config.", enforcementLevel: "advisory", severity: "" },
            { name: "buckets-protected", description: "Buckets are protected from deletion.", enforcementLevel: "mandatory", severity: "" },
            { name: "bucket-owner-label", description: "Buckets carry an owner label.", enforcementLevel: "remediate", severity: "" },
        ]);
        const data = byName(dev, "data").urn;
        const logs = byName(dev, "site-logs").urn;
        const found = result.violations.map(v => ({ policy: v.policy, level: v.level, urn: v.urn, message: v.message }));
        const cantRun = (what: string, policy: string) =>
            expect.stringMatching(new RegExp(`^can't run ${what} '${policy}' from policy pack 'mini-pack@v0\\.0\\.7' during preview`));
        expect(found).toEqual([
            // site-logs: remediated (owner label added), so only its location is reported.
            { policy: "bucket-location", level: "advisory", urn: logs, message: "location EU is not one of US" },
            // data: its location is unknown during preview.
            { policy: "bucket-owner-label", level: "advisory", urn: data, message: cantRun("remediation", "bucket-owner-label") },
            { policy: "bucket-ubla", level: "mandatory", urn: data, message: "bucket data does not set uniformBucketLevelAccess" },
            { policy: "bucket-location", level: "advisory", urn: data, message: cantRun("policy", "bucket-location") },
            // A remediate policy whose remediation did not help reports as mandatory.
            { policy: "bucket-owner-label", level: "mandatory", urn: data, message: "bucket data has no owner label" },
            // AnalyzeStack comes last.
            { policy: "buckets-protected", level: "mandatory", urn: data, message: "bucket data is not protected" },
        ]);
        expect(result.violations[2]).toMatchObject({
            pack: "mini-pack", packVersion: "0.0.7", severity: "high", description: "Buckets use uniform bucket-level access.",
        });
        expect(result.remediations).toEqual([{ policy: "bucket-owner-label", urn: logs, description: "Buckets carry an owner label." }]);
    });

    // The check analyzes each resource as the program registers it (tools/check/check-stack.ts), in
    // whatever order registrations finish; the result is in the stack's order all the same.
    it("gives the same result when resources arrive one by one, in another order, during the run", async () => {
        const whole = await analyze();
        const session = openAnalysis({ packDir: PACK, project: "mini", stack: "dev", dryRun: true });
        const providerFirst = [...dev.resources].reverse().sort((a, b) => Number(b.type.startsWith("pulumi:providers:")) - Number(a.type.startsWith("pulumi:providers:")));
        for (const r of providerFirst) session.analyze(r);
        const streamed = await session.finish(dev.resources);
        expect(streamed.violations).toEqual(whole.violations);
        expect(streamed.remediations).toEqual(whole.remediations);
        expect(streamed.violations.length).toBeGreaterThan(0);
    });

    it("applies --policy-pack-config: levels, disabled, properties", async () => {
        const result = await analyze({
            "bucket-ubla": "advisory",
            "buckets-protected": { enforcementLevel: "disabled" },
            "bucket-location": { allowed: ["EU", "US"] },
            "bucket-owner-label": "advisory", // no longer remediates, only reports
        });
        expect(result.policies.map(p => p.enforcementLevel)).toEqual(["advisory", "advisory", "disabled", "advisory"]);
        expect(result.violations.map(v => `${v.policy}:${v.level}:${v.urn.split("::").pop()}`)).toEqual([
            "bucket-owner-label:advisory:site-logs",
            "bucket-ubla:advisory:data",
            "bucket-location:advisory:data", // still unknown during preview
            "bucket-owner-label:advisory:data",
        ]);
        expect(result.remediations).toEqual([]);
        const all = await analyze({ all: "disabled" });
        expect(all.violations).toEqual([]);
    });

    // The engine keeps a name the pack does not have and sends it on to the pack, which ignores
    // it; only a schema error, or such a name with settings but no level, is refused
    // (tests/check/policy-config.test.ts covers each rule).
    it("accepts an unknown policy name with a level, as the engine does, and refuses config the engine refuses", async () => {
        const typo = await analyze({ "bucket-ubIa": "advisory" });
        expect(typo.policies.find(p => p.name === "bucket-ubla")!.enforcementLevel).toBe("mandatory");
        expect(typo.warnings).toEqual([expect.stringContaining('"bucket-ubIa": the pack has no such policy')]);
        await expect(analyze({ "bucket-location": { allowed: "EU" } })).rejects.toThrow(InputError);
        await expect(analyze({ "bucket-location": { allowed: "EU" } })).rejects.toThrow(/bucket-location: allowed: Invalid type\. Expected: array, given: string/);
        await expect(analyze({ "bucket-ubIa": { allowed: ["EU"] } })).rejects.toThrow(/invalid enforcement level ""/);
    });

    it("reports a pack that cannot start, with what it printed", async () => {
        const broken = tempProject({
            "package.json": JSON.stringify({ name: "broken-pack", version: "0.0.1" }),
            "PulumiPolicy.yaml": "runtime: nodejs\n",
            "index.ts": 'const n: number = "not a number";\nexport { n };\n',
        });
        await expect(analyzeWithPolicyPack({ packDir: broken, project: "mini", stack: "dev", dryRun: true, resources: [] }))
            .rejects.toThrow(/exited \(code \d+\) before printing its port[\s\S]*TS2322/);
    });
});
