// The JSON document round-trips: what `npm run check -- --format json` (or a
// preview's event log) writes reads back into the same reports, so CI can check
// once and render the other formats from the saved document.

import { readCheckDocument, renderJson, renderJsonErrors } from "../../tools/report/json";
import type { StackReport } from "../../tools/report/model";
import { BLOCKED, PASSING, PROGRAM_FAILED, offlineReport, readLog } from "./reports";

const roundTrip = (reports: StackReport[]) => readCheckDocument(JSON.parse(renderJson(reports)));

test("the offline check's results round-trip", () => {
    const reports = [offlineReport(), { ...offlineReport(), stack: "staging", violations: [] }];
    const back = roundTrip(reports);
    expect(renderJson(back)).toBe(renderJson(reports));
    expect(back.map(r => [r.stack, r.source, r.violations.length, r.resources.length])).toEqual([["prod", "offline", 4, 3], ["staging", "offline", 0, 3]]);
    expect(back[0].violations).toEqual(reports[0].violations);
    expect(back[0].resources).toEqual(reports[0].resources);
    expect(back[0].pack).toEqual(reports[0].pack);
});

test("a preview's reports round-trip with their changes, errors and how the preview went", () => {
    const reports = [...readLog(BLOCKED), ...readLog(PASSING)];
    const doc = JSON.parse(renderJson(reports));
    expect(doc.ok).toBe(false);
    expect(doc.stacks.map((s: { stack: string; source: string; changes: object; verdict: string }) => [s.stack, s.source, s.changes, s.verdict]))
        .toEqual([["prod", "preview", { same: 666, create: 7, update: 10, replace: 1, delete: 4 }, "blocked"], ["staging", "preview", { same: 270, update: 2 }, "pass"]]);
    expect(doc.stacks[0]).toMatchObject({ diagnostics: ["preview failed"], preview: { status: "failed", notRun: [] } });
    const deletes = doc.changes.filter((c: { op: string }) => c.op === "delete") as { stack: string; name: string; protect: boolean }[];
    expect(deletes.map(c => [c.stack, c.name, c.protect]).sort()).toEqual([
        ["prod", "artifacts-owner-chen-liwei", false], ["prod", "artifacts-owner-fatima-rahman", false],
        ["prod", "prow-owner-ivan-petrov", false], ["prod", "release-eng-owner-nia-walker", false],
    ]);
    const back = readCheckDocument(doc);
    expect(renderJson(back)).toBe(renderJson(reports));
    expect(back[0].changes).toEqual(reports[0].changes);
    expect(back[0].preview).toEqual(reports[0].preview);
});

test("a preview whose policies did not run is not ok, and stays so when read back", () => {
    const reports = readLog(PROGRAM_FAILED);
    const doc = JSON.parse(renderJson(reports));
    expect(doc.ok).toBe(false);
    expect(doc.stacks[0]).toMatchObject({ verdict: "not-run", mandatory: 0, preview: { status: "failed", notRun: [expect.stringContaining("stack policies did not run")] } });
    expect(doc.stacks[0].diagnostics[0]).toMatch(/^roster \(roster\/\): 1 problem to fix:/);
    const back = readCheckDocument(doc);
    expect(back[0].preview).toEqual(reports[0].preview);
    expect(JSON.parse(renderJson(back)).ok).toBe(false);
    expect(() => readCheckDocument({ ...doc, stacks: [{ ...doc.stacks[0], preview: { status: "failed" } }] })).toThrow(/preview. must have status, notRun and packs/);
});

test("the document keeps the fields the check always had", () => {
    const doc = JSON.parse(renderJson([offlineReport()]));
    expect(Object.keys(doc)).toEqual(["ok", "stacks", "resources", "violations", "policies", "errors"]);
    expect(doc.stacks[0]).toMatchObject({ stack: "prod", project: "k8s-infra", resources: 3, mandatory: 2, advisory: 1, seconds: 12.5 });
    expect(Object.keys(doc.violations[0]).sort()).toEqual(["description", "level", "message", "pack", "packVersion", "policy", "severity", "stack", "urn"]);
    expect(Object.keys(doc.resources[0]).sort()).toEqual(["name", "parent", "protect", "stack", "type", "urn"]);
});

test("reading back refuses what is not a check document, and a document of bad input", () => {
    expect(() => readCheckDocument({ violations: [] })).toThrow(/not a check document/);
    expect(() => readCheckDocument(null)).toThrow(/not a check document/);
    expect(() => readCheckDocument(JSON.parse(renderJsonErrors([{ file: "roster/people.yaml", message: "broken" }])))).toThrow(/bad input \(1 problem/);
});

test("reading back refuses a level or severity the SDK does not define, saying where", () => {
    const doc = JSON.parse(renderJson([offlineReport()]));
    expect(() => readCheckDocument({ ...doc, violations: [{ ...doc.violations[0], level: "blocking" }] }))
        .toThrow(/^violations\[0\]\.level is "blocking", not an enforcement level/);
    expect(() => readCheckDocument({ ...doc, policies: [doc.policies[0], { ...doc.policies[0], severity: "urgent" }] }))
        .toThrow(/^policies\[1\]\.severity is "urgent", not a severity/);
    expect(readCheckDocument(doc)[0].violations.map(v => v.level)).toEqual(doc.violations.map((v: { level: string }) => v.level));
});
