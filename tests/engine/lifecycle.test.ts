// The lifecycle on the real engine (pinned CLI, stand-in cloud, one throwaway
// backend): staging comes up whole and is then unchanged; prod's protected
// resources can be neither replaced nor destroyed, and the report says so with the
// engine's own error; a consumer reads prod's real outputs through StackReference.

import * as path from "path";
import { parseDocument } from "yaml";
import { readEventLogFile } from "../../tools/engine-events";
import { reportFromEventLog } from "../../tools/report/from-event-log";
import { exitCode, verdictOf } from "../../tools/report/model";
import { knownPack } from "../../tools/report/pack";
import { EngineSession, ROOT, StackHandle } from "./session";

const PACK = path.join(ROOT, "policy-pack");
const DEBUG = { PULUMI_DEBUG_COMMANDS: "true" };
let session: EngineSession;
beforeAll(async () => { session = await EngineSession.start(); });
afterAll(async () => { await session?.stop(); });

/** Custom resources in the stack's state (providers excluded), from `pulumi stack export`. */
function customResources(s: StackHandle): { urn: string; type: string; id: string; protect?: boolean }[] {
    const exported = s.pulumi(["stack", "export"]);
    expect(exported.code).toBe(0);
    const resources = JSON.parse(exported.output.slice(exported.output.indexOf("{"))).deployment.resources as { urn: string; type: string; id?: string; custom: boolean; protect?: boolean }[];
    return resources.filter(r => r.custom && !r.type.startsWith("pulumi:providers:")).map(r => ({ urn: r.urn, type: r.type, id: r.id ?? "", protect: r.protect }));
}

describe("staging", () => {
    let staging: StackHandle;
    beforeAll(() => { staging = session.stack("staging"); });

    test("pulumi up creates everything the program declares, in the stand-in cloud", () => {
        const up = staging.pulumi(["up", "--yes", "--skip-preview", "--policy-pack", PACK]);
        expect(up.code).toBe(0);
        const resources = customResources(staging);
        expect(resources.length).toBeGreaterThan(200);
        const held = session.cloudObjects();
        expect(resources.filter(r => !held.has(`${r.type} ${r.id}`))).toEqual([]);
    });

    test("pulumi preview --expect-no-changes right after passes", () => {
        const again = staging.pulumi(["preview", "--expect-no-changes", "--policy-pack", PACK]);
        expect(again.output).not.toMatch(/error:/);
        expect(again.code).toBe(0);
    });
});

describe("prod", () => {
    let prod: StackHandle;
    beforeAll(() => {
        prod = session.stack("prod");
        const up = prod.pulumi(["up", "--yes", "--skip-preview", "--policy-pack", PACK]);
        if (up.code !== 0) throw new Error(`pulumi up of prod failed:\n${up.output}`);
    });

    test("a change that would replace protected buckets is refused by the engine; the report shows it blocked with the engine's error", () => {
        const moved = prod.withConfig(text => {
            const doc = parseDocument(text);
            doc.setIn(["config", "k8s-infra:services", "gcs", "location"], "europe-west4");
            return doc.toString();
        });
        const log = path.join(session.dir, "protected-replace.jsonl");
        const preview = moved.pulumi(["preview", "--policy-pack", PACK, "--event-log", log], DEBUG);
        expect(preview.code).not.toBe(0);
        expect(preview.output).toMatch(/marked for protection/);
        const [report] = reportFromEventLog(readEventLogFile(log), knownPack(), "prod");
        expect(verdictOf(report)).toBe("blocked");
        expect(report.preview?.errors.join("\n")).toMatch(/unable to replace resource .*storage\/bucket:Bucket.*marked for protection/s);
        expect(exitCode([report])).toBe(1);
    });

    test("pulumi destroy is refused, and the protected resources stay in the cloud", () => {
        const before = customResources(prod).filter(r => r.protect);
        expect(before.length).toBeGreaterThan(10);
        const destroy = prod.pulumi(["destroy", "--yes", "--skip-preview"]);
        expect(destroy.code).not.toBe(0);
        expect(destroy.output).toMatch(/protect/);
        const held = session.cloudObjects();
        expect(before.filter(r => !held.has(`${r.type} ${r.id}`))).toEqual([]);
    });

    test("examples/consumer previews against prod's real outputs through StackReference", () => {
        const outputs = JSON.parse(prod.pulumi(["stack", "output", "--json"]).output) as { buckets: Record<string, string> };
        expect(outputs.buckets["k8s-infra-prow-results"]).toBe("k8s-infra-prow-results");
        const consumer = session.stack("dev", path.join(ROOT, "examples/consumer"));
        const preview = consumer.pulumi(["preview", "--json"]);
        expect(preview.code).toBe(0);
        const steps = JSON.parse(preview.output.slice(preview.output.indexOf("{"))).steps as { op: string; urn: string; newState?: { inputs?: Record<string, unknown> } }[];
        const grant = steps.find(s => s.urn.endsWith("::job-runner-writes-results"));
        expect(grant?.op).toBe("create");
        expect(grant?.newState?.inputs?.bucket).toBe(outputs.buckets["k8s-infra-prow-results"]);
    });
});
