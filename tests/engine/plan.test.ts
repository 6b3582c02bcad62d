// Deploys do what the reviewed preview showed: the deploy workflow saves the
// preview's plan (`pulumi preview --save-plan`) and applies exactly that plan
// (`pulumi up --plan`). On the real engine and the stand-in cloud: the saved plan
// applies as previewed, and an up whose program changed after the preview is
// refused, with nothing changed in the cloud.

import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { EngineSession, ROOT } from "./session";

const PACK = path.join(ROOT, "policy-pack");
let session: EngineSession;
beforeAll(async () => { session = await EngineSession.start(); });
afterAll(async () => { await session?.stop(); });

test("an up with the reviewed plan applies it; an up whose program changed after the preview is refused, creating nothing", () => {
    const staging = session.stack("staging");
    const plan = path.join(session.dir, "staging-plan.json");
    const preview = staging.pulumi(["preview", "--policy-pack", PACK, "--save-plan", plan]);
    expect(preview.code).toBe(0);
    expect(fs.existsSync(plan)).toBe(true);

    // The config changed after the review: one more bucket than the plan holds.
    const changed = staging.withConfig(text => {
        const doc = parseDocument(text);
        const buckets = doc.getIn(["config", "k8s-infra:services", "gcs", "buckets"]) as { items: unknown[] };
        expect(buckets.items.length).toBeGreaterThan(0);
        doc.addIn(["config", "k8s-infra:services", "gcs", "buckets"], { name: "k8s-infra-not-in-the-plan", purpose: "logs", deleteAfterDays: 7 });
        return doc.toString({ lineWidth: 0 });
    });
    const refused = changed.pulumi(["up", "--yes", "--skip-preview", "--policy-pack", PACK, "--plan", plan]);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/not-in-the-plan[\s\S]*(plan|expected)|(plan|expected)[\s\S]*not-in-the-plan/i);
    expect([...session.cloudObjects()]).toEqual([]);

    const applied = staging.pulumi(["up", "--yes", "--skip-preview", "--policy-pack", PACK, "--plan", plan]);
    expect(applied.output).not.toMatch(/error:/);
    expect(applied.code).toBe(0);
    expect([...session.cloudObjects()].length).toBeGreaterThan(200);
});
