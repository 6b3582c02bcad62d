// Adoption on the real engine (pinned CLI, stand-in cloud serving Read from the
// project's inventory): a preview of a new prod stack imports every inventoried
// resource and names, per adopted resource, the same differing properties as
// `npm run adopt`; the up performs imports (and updates) only, never a create,
// replace or delete of anything that exists; the preview after it is clean.

import * as fs from "fs";
import * as path from "path";
import { isDeepStrictEqual } from "util";
import { readEventLogFile, ResourceSteps } from "../../tools/engine-events";
import { adoptPlan } from "../../tools/adopt/cli";
import type { AdoptPlan } from "../../tools/adopt/plan";
import { EngineSession, ROOT, StackHandle } from "./session";

const PACK = path.join(ROOT, "policy-pack");
const DEBUG = { PULUMI_DEBUG_COMMANDS: "true" };
let session: EngineSession;
let prod: StackHandle;
let plan: AdoptPlan;

beforeAll(async () => {
    session = await EngineSession.start();
    prod = session.stack("prod");
    plan = await adoptPlan({ stack: "prod", projectDir: ROOT });
});
afterAll(async () => { await session?.stop(); });

const nameOf = (urn: string) => urn.split("::").pop()!;
/** A URN's "type name" (a component and its child may share a name, never a type and a name). */
const keyOf = (urn: string) => { const parts = urn.split("::"); return `${parts[2].split("$").pop()} ${parts[3]}`; };
const changedInputs = (olds: Record<string, unknown>, news: Record<string, unknown>) =>
    [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(k => !isDeepStrictEqual(olds[k], news[k])).sort();
const adoptedNames = () => new Set(plan.adopt.map(e => e.name));
const adoptedKeys = () => new Set(plan.adopt.map(e => `${e.type} ${e.name}`));

function run(args: string[]): ResourceSteps[] {
    const log = path.join(session.dir, `${args[0]}-${Date.now()}.jsonl`);
    const res = prod.pulumi([...args, "--policy-pack", PACK, "--event-log", log], DEBUG);
    if (res.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed:\n${res.output.slice(-4000)}`);
    expect(fs.existsSync(log)).toBe(true);
    return readEventLogFile(log).steps.resources;
}

test("the plan adopts what exists and creates no existing name", () => {
    expect(plan.adopt.length).toBeGreaterThan(10);
    expect(plan.create.filter(e => e.exists)).toEqual([]);
});

test("a preview imports exactly the adopted resources, and its diffs name the properties adopt's differs names", () => {
    const steps = run(["preview"]);
    const imported = steps.filter(s => s.ops.includes("import")).map(s => nameOf(s.urn)).sort();
    expect(imported).toEqual([...adoptedNames()].sort());
    // The engine records the update that follows an import with its old (the Read) and new (the program's) inputs;
    // the CLI's diff display is made from them (the stand-in, like many providers, returns no changed-key list).
    const engineDiffs = Object.fromEntries(steps.filter(s => s.ops.includes("import") && s.ops.includes("update"))
        .map(s => [nameOf(s.urn), changedInputs(s.old?.inputs ?? {}, s.new?.inputs ?? {})]));
    const adoptDiffs = Object.fromEntries(plan.differs.map(d => [d.name, d.properties.map(p => p.property).sort()]));
    expect(engineDiffs).toEqual(adoptDiffs);
});

test("pulumi up creates only what does not exist, and replaces or deletes nothing", () => {
    const steps = run(["up", "--yes", "--skip-preview"]);
    const adopted = adoptedKeys();
    const touchedExisting = steps.filter(s => adopted.has(keyOf(s.urn)) && s.ops.some(op => op !== "import" && op !== "update" && op !== "same"));
    expect(touchedExisting.map(s => `${nameOf(s.urn)}: ${s.ops.join(",")}`)).toEqual([]);
    expect(steps.filter(s => s.op === "replace" || s.op === "delete").map(s => s.urn)).toEqual([]);
    const created = new Set(steps.filter(s => s.ops.includes("create")).map(s => nameOf(s.urn)));
    for (const e of plan.create) expect(created.has(e.name)).toBe(true);
});

test("pulumi preview --expect-no-changes after the up is clean", () => {
    const again = prod.pulumi(["preview", "--expect-no-changes", "--policy-pack", PACK]);
    expect(again.output).not.toMatch(/error:/);
    expect(again.code).toBe(0);
});
