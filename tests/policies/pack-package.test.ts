// The policy pack is a package that stands on its own (issue 12): `npm pack` of its
// folder and of @k8s-infra/model (what it shares with the program), unpacked into a
// project outside this checkout whose node_modules hold only what the two declare,
// loads, and judges resources exactly as the pack in the checkout does. An import
// from outside its folder or an undeclared dependency would fail to load there.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { analyzeWithPolicyPack } from "../../tools/check/run-policy-pack";
import type { CapturedResource } from "../../tools/results/types";
import { GCP } from "../../model/resource-types";
import { ROOT } from "../helpers/cli";

const PACKAGES = [{ folder: "policy-pack", name: "k8s-infra-policies" }, { folder: "model", name: "@k8s-infra/model" }];

let tmp: string;
let installed: string;
beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pack-package-"));
    const modules = path.join(tmp, "app", "node_modules");
    const declared = new Set<string>();
    for (const p of PACKAGES) {
        const packed = spawnSync("npm", ["pack", "--silent", "--pack-destination", tmp, "-w", p.folder], { cwd: ROOT, encoding: "utf8" });
        if (packed.status !== 0) throw new Error(`npm pack -w ${p.folder}: ${packed.stderr}`);
        const dir = path.join(modules, ...p.name.split("/"));
        fs.mkdirSync(dir, { recursive: true });
        const untar = spawnSync("tar", ["-xzf", path.join(tmp, packed.stdout.trim().split("\n").pop()!), "-C", dir, "--strip-components=1"]);
        if (untar.status !== 0) throw new Error(`tar: ${untar.stderr}`);
        const deps = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).dependencies ?? {};
        for (const d of Object.keys(deps)) declared.add(d);
    }
    // Only what the two packages declare, from this checkout's install (no registry here).
    for (const d of declared) {
        if (PACKAGES.some(p => p.name === d)) continue;
        const link = path.join(modules, ...d.split("/"));
        fs.mkdirSync(path.dirname(link), { recursive: true });
        fs.symlinkSync(fs.realpathSync(path.join(ROOT, "node_modules", d)), link, "dir");
    }
    installed = path.join(modules, "k8s-infra-policies");
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const STACK = "urn:pulumi:prod::k8s-infra::pulumi:pulumi:Stack::k8s-infra-prod";

function resource(type: string, name: string, inputs: object): CapturedResource {
    return {
        urn: `urn:pulumi:prod::k8s-infra::${type}::${name}`, type, name, custom: !type.startsWith("pulumi:pulumi"), parent: type === "pulumi:pulumi:Stack" ? "" : STACK,
        provider: "", protect: false, dependencies: [], propertyDependencies: {}, ignoreChanges: [], additionalSecretOutputs: [],
        deleteBeforeReplace: false, aliases: [], inputs: Struct.fromJavaScript(inputs as never), outputs: Struct.fromJavaScript(inputs as never),
    };
}

/** A prod stack with a badly named, unlabelled, unprotected bucket: several policies fire. */
const RESOURCES = [
    resource("pulumi:pulumi:Stack", "k8s-infra-prod", {}),
    resource(GCP.bucket, "gcs-Bad_Name", { name: "Bad_Name", location: "US" }),
];

const analyze = (packDir: string) => analyzeWithPolicyPack({ packDir, project: "k8s-infra", stack: "prod", dryRun: true, resources: RESOURCES });

test("the packed tarballs hold the pack's and the model's sources, nothing from elsewhere in the repository", () => {
    expect(fs.readdirSync(installed).sort()).toEqual(["PulumiPolicy.yaml", "index.ts", "lib", "load.js", "package.json", "policies", "tsconfig.json"]);
    expect(fs.existsSync(path.join(path.dirname(installed), "@k8s-infra", "model", "rules.ts"))).toBe(true);
});

test("installed from its tarball, the pack loads and reports what the checkout's pack reports", async () => {
    const [fromTarball, fromCheckout] = [await analyze(installed), await analyze(path.join(ROOT, "policy-pack"))];
    expect(fromTarball.output).not.toMatch(/Cannot find module|Unable to compile/);
    expect(fromTarball.policies.length).toBeGreaterThan(10);
    expect(fromTarball.policies).toEqual(fromCheckout.policies);
    expect(fromTarball.violations.map(v => v.policy)).toEqual(expect.arrayContaining(["resource-naming", "stateful-resources-protected"]));
    expect(fromTarball.violations).toEqual(fromCheckout.violations);
    // The build compiled the model into the pack's own folder, and links it there.
    const build = JSON.parse(fs.readFileSync(path.join(installed, ".build", "current.json"), "utf8")).build;
    expect(fs.realpathSync(path.join(installed, ".build", build, "node_modules", "@k8s-infra", "model"))).toMatch(/\.build\/[0-9a-f]+\/@k8s-infra\/model$/);
}, 180_000);
