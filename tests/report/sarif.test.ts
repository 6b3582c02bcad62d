// SARIF 2.1.0, checked structurally (no schema validator is installed): the
// fields GitHub code scanning reads, rules and results consistent, levels mapped,
// locations repo-relative, fingerprints stable across runs.

import { FINGERPRINT_KEY, SARIF_SCHEMA, SarifLog, renderSarifProblems, sarifLog } from "../../tools/report/sarif";
import type { StackReport } from "../../tools/report/model";
import { BLOCKED, FIXTURE_PROJECT, PASSING, STEP_FAILED, STOPPED, fixtureLocator, lineContaining, offlineReport, readLog } from "./reports";

const LEVELS = { mandatory: "error", advisory: "warning", remediate: "note", disabled: "none" } as const;

/** Everything GitHub needs from a SARIF log, and that the log agrees with itself. */
function expectValid(log: SarifLog): void {
    const parsed = JSON.parse(JSON.stringify(log)) as SarifLog;
    expect(parsed.version).toBe("2.1.0");
    expect(parsed.$schema).toBe(SARIF_SCHEMA);
    expect(parsed.runs).toHaveLength(1);
    const { driver } = parsed.runs[0].tool;
    expect(driver.name).toBeTruthy();
    expect(driver.informationUri).toMatch(/^https:\/\//);
    const ids = driver.rules.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of driver.rules) {
        expect(rule.shortDescription.text.length).toBeGreaterThan(0);
        expect(rule.shortDescription.text.length).toBeLessThanOrEqual(rule.fullDescription.text.length);
        expect(["error", "warning", "note", "none"]).toContain(rule.defaultConfiguration.level);
    }
    for (const result of parsed.runs[0].results) {
        expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
        expect(["error", "warning", "note"]).toContain(result.level);
        expect(result.message.text.length).toBeGreaterThan(0);
        expect(result.locations).toHaveLength(1);
        const loc = result.locations[0].physicalLocation;
        expect(loc.artifactLocation.uri).toMatch(/^[^/\\][^\\]*$/); // relative, forward slashes
        expect(Number.isInteger(loc.region.startLine) && loc.region.startLine >= 1).toBe(true);
        expect(result.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/);
    }
}

test("the offline check's results: valid, one rule per policy, levels mapped", () => {
    const report = offlineReport();
    const log = sarifLog([report], fixtureLocator());
    expectValid(log);
    const { driver } = log.runs[0].tool;
    expect(driver).toMatchObject({ name: "k8s-infra-policies", version: "0.1.0" });
    expect(driver.rules.map(r => r.id)).toEqual(report.pack.policies.map(p => p.name));
    for (const p of report.pack.policies) {
        expect(driver.rules.find(r => r.id === p.name)!.defaultConfiguration.level).toBe(LEVELS[p.enforcementLevel]);
        expect(driver.rules.find(r => r.id === p.name)!.fullDescription.text).toBe(p.description);
    }
    expect(log.runs[0].results.map(r => [r.ruleId, r.level])).toEqual(report.violations.map(v => [v.policy, LEVELS[v.level]]));
    expect(log.runs[0].results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "roster/subprojects.yaml" }, region: { startLine: 13 } });
    expect(driver.rules.find(r => r.id === "subproject-staffing")!.shortDescription.text)
        .toBe("Every subproject that owns a deployed service has at least 3 distinct owners"); // no "(charter: ...)"
});

test("a failed preview: a result per violation, the bad name at its stack config line", () => {
    const log = sarifLog(readLog(BLOCKED), fixtureLocator());
    expectValid(log);
    const naming = log.runs[0].results.find(r => r.ruleId === "resource-naming")!;
    expect(naming.level).toBe("error");
    expect(naming.locations[0].physicalLocation).toEqual({
        artifactLocation: { uri: `${FIXTURE_PROJECT}/Pulumi.prod.yaml` },
        region: { startLine: lineContaining(`${FIXTURE_PROJECT}/Pulumi.prod.yaml`, "stem: ci_logs") },
    });
    expect(naming.message.text).toMatch(/^prod: gcp:storage\/bucket:Bucket gcs-ci_logs is named/);
});

test("a preview that cannot pass: a policies-ran error at the stack file, and executionSuccessful false", () => {
    const log = sarifLog(readLog(STEP_FAILED), fixtureLocator());
    expectValid(log);
    expect(log.runs[0].invocations).toEqual([{ executionSuccessful: false }]);
    const ran = log.runs[0].results.filter(r => r.ruleId === "policies-ran");
    expect(ran).toEqual([expect.objectContaining({
        level: "error", message: { text: expect.stringMatching(/^prod: k8s-infra-policies@0\.1\.0: the stack policies did not run: .*; the engine: Preview failed: /) },
    })]);
    expect(ran[0].locations[0].physicalLocation.artifactLocation.uri).toBe(`${FIXTURE_PROJECT}/Pulumi.prod.yaml`);
    expect(log.runs[0].results.map(r => r.ruleId)).toEqual(["oncall-escalation", "policies-ran"]);
    const stopped = sarifLog(readLog(STOPPED), fixtureLocator());
    expectValid(stopped);
    expect(stopped.runs[0].results.map(r => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri])).toEqual([["policies-ran", `${FIXTURE_PROJECT}/Pulumi.yaml`]]);
    expect(sarifLog(readLog(PASSING), fixtureLocator()).runs[0].invocations).toEqual([{ executionSuccessful: true }]);
    expect(sarifLog(readLog(BLOCKED), fixtureLocator()).runs[0].invocations).toEqual([{ executionSuccessful: true }]); // every policy ran
    expect(sarifLog([offlineReport()], fixtureLocator()).runs[0].invocations).toBeUndefined();
});

test("a policy outside the pack's list still gets a rule, and disabled violations no result", () => {
    const r = offlineReport();
    const odd: StackReport = {
        ...r, pack: { ...r.pack, policies: [] },
        violations: [{ ...r.violations[0], policy: "not-in-pack" }, { ...r.violations[2], level: "disabled" }],
    };
    const log = sarifLog([odd], fixtureLocator());
    expectValid(log);
    expect(log.runs[0].tool.driver.rules.map(x => [x.id, x.defaultConfiguration.level])).toEqual([["not-in-pack", "error"], ["maximal-representation-waived", "none"]]);
    expect(log.runs[0].results.map(x => x.ruleId)).toEqual(["not-in-pack"]);
});

test("fingerprints: the same on a re-run, different per violation, blind to roster line numbers", () => {
    const fp = (reports: StackReport[]) => sarifLog(reports, fixtureLocator()).runs[0].results.map(r => r.partialFingerprints[FINGERPRINT_KEY]);
    // (the offline report as another stack: prod's staffing violation is the same one in both)
    const reports = [...readLog(BLOCKED), ...readLog(PASSING), { ...offlineReport(), stack: "dev" }];
    const first = fp(reports);
    expect(fp(reports)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    const moved = offlineReport();
    moved.violations = moved.violations.map(v => ({ ...v, message: v.message.replace("subprojects.yaml:13", "subprojects.yaml:15") }));
    expect(fp([moved])).toEqual(fp([offlineReport()]));
    const otherStack = { ...offlineReport(), stack: "staging" };
    expect(fp([otherStack])[0]).not.toBe(fp([offlineReport()])[0]);
});

test("bad input: one input rule, an error per problem", () => {
    const log = JSON.parse(renderSarifProblems([{ file: "Pulumi.prod.yaml", line: 9, at: "k8s-infra:environment", message: "must be one of staging, prod" }], { name: "k8s-infra-policies", version: "0.1.0" })) as SarifLog;
    expectValid(log);
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: "input", level: "error", message: { text: "k8s-infra:environment: must be one of staging, prod" } });
});
