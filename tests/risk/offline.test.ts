// `npm run risk -- --base REF` end to end: the stacks' resources at a REF come from that
// tree's own program (snapshotted in a child process), the run leaves no temporary
// folder behind, and bad REFs exit 2. HEAD is compared with HEAD (--head HEAD), so the
// result does not depend on what others have left uncommitted in the working tree.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import { RISK_CLASS_INFO } from "../../model/risk";
import { classify } from "../../tools/risk/classify";
import { diffSnapshots } from "../../tools/risk/diff";
import { resolveRef, snapshotRef } from "../../tools/risk/offline";
import { ROOT, runRisk } from "./run-risk";

// The run gets a temp folder of its own, so that other runs on the machine cannot show up in it.
const privateTmp = fs.mkdtempSync(`${os.tmpdir()}/k8s-infra-risk-test-`);
const riskTemps = () => new Set(fs.readdirSync(privateTmp).filter(d => d.startsWith("k8s-infra-risk-")));
afterAll(() => fs.rmSync(privateTmp, { recursive: true, force: true }));
const git = (...args: string[]) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" }).stdout.trim();

describe("--base HEAD --head HEAD", () => {
    const before = riskTemps();
    const run = runRisk(["--base", "HEAD", "--head", "HEAD", "--format", "json"], { TMPDIR: privateTmp });
    const after = riskTemps();

    test("is low with no changes, exit 0", () => {
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
        expect(run.json).toMatchObject({
            risk: "low", label: "risk/low", asks: RISK_CLASS_INFO.low.asks, reasons: [], sigs: [],
            counts: { low: 0, medium: 0, high: 0 },
        });
    });

    test("compared both stacks of HEAD's commit", () => {
        const head = git("rev-parse", "HEAD").slice(0, 12);
        expect(run.json!.source).toBe(`offline diff of HEAD (${head}) -> HEAD (${head}), stacks prod, staging`);
        expect(run.json!.notes.join(" ")).toMatch(/replacement is known only where/);
    });

    test("leaves no temporary folder behind", () => {
        expect([...after].filter(d => !before.has(d))).toEqual([]);
    });
});

describe("snapshots of a REF", () => {
    let snap: Awaited<ReturnType<typeof snapshotRef>>;
    beforeAll(async () => { snap = await snapshotRef(ROOT, "HEAD", resolveRef(ROOT, "HEAD")); }, 300_000);

    test("hold every stack's resources with urn, type, protect and plain inputs", () => {
        expect(Object.keys(snap.stacks).sort()).toEqual(["prod", "staging"]);
        expect(snap.stacks.prod.environment).toBe("prod");
        const buckets = snap.stacks.prod.resources.filter(r => r.type === "gcp:storage/bucket:Bucket");
        expect(buckets.length).toBeGreaterThan(0);
        expect(buckets.every(b => b.protect)).toBe(true); // prod protects its stateful resources
        expect(typeof buckets[0].inputs.name).toBe("string");
    });

    test("diffed against themselves minus a prod bucket: high, naming that bucket", () => {
        const bucket = snap.stacks.prod.resources.find(r => r.type === "gcp:storage/bucket:Bucket")!;
        const head = { stacks: { ...snap.stacks, prod: { ...snap.stacks.prod, resources: snap.stacks.prod.resources.filter(r => r !== bucket) } } };
        const d = diffSnapshots(snap, head);
        const report = classify(d.changes, { environments: d.environments });
        expect(report.risk).toBe("high");
        expect(report.reasons).toEqual([expect.objectContaining({ urn: bucket.urn, op: "delete", risk: "high" })]);
    });
});

describe("bad REFs exit 2 and say why", () => {
    test("an unknown REF", () => {
        const run = runRisk(["--base", "no-such-ref-anywhere", "--format", "json"]);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toMatch(/unknown REF "no-such-ref-anywhere"/);
    });

    test("a REF from before the offline runner", () => {
        const first = git("rev-list", "--max-parents=0", "HEAD").split("\n")[0];
        const run = runRisk(["--base", first, "--head", "HEAD"]);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/predates the offline runner: it has no .*tools\/check\/run-program\.ts/);
    });

    test("--head without --base", () => {
        expect(runRisk(["--head", "HEAD"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/exactly one of|--head goes with --base/) });
    });
});
