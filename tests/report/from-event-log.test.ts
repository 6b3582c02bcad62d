// A real preview's event log as a report: violations from policyEvents (also when
// the preview failed on them), descriptions and colour markup stripped, resource
// changes from the folded steps or the summary, the stack from the URNs, how the
// preview went, and the verdict: never "pass" when the preview failed or its
// policies did not all run. The logs are real previews' (tests/fixtures/event-logs/README.md).

import * as fs from "fs";
import * as path from "path";
import { readEventLog, readEventLogText } from "../../tools/engine-events";
import { reportFromEventLog } from "../../tools/report/from-event-log";
import { UNKNOWN_STACK, exitCode, verdictLabel, verdictOf } from "../../tools/report/model";
import { BLOCKED, KNOWN, PASSING, PROGRAM_FAILED, ROOT, STEP_FAILED, STOPPED, readLog } from "./reports";

const event = (seq: number, body: object) => JSON.stringify({ sequence: seq, timestamp: 1767225600 + seq, ...body });
const policyEvent = (seq: number, overrides: object = {}) => event(seq, { policyEvent: {
    resourceUrn: "urn:pulumi:dev::k8s-infra::k8s-infra:governance:Subproject::prow",
    message: "<{%reset%}>Some rule.\nThe message.<{%reset%}>\n", color: "raw",
    policyName: "some-rule", policyPackName: "other-pack", policyPackVersion: "1.2.3", policyPackVersionTag: "1.2.3",
    enforcementLevel: "mandatory", ...overrides,
} });
const fromText = (lines: string[], stack?: string) => reportFromEventLog(readEventLog(lines.join("\n"), "log.jsonl"), KNOWN, stack);

describe("a passing preview with an advisory", () => {
    const [r] = readLog(PASSING);

    test("is one stack, named by the URNs, from a preview that succeeded: pass, exit 0", () => {
        expect(readLog(PASSING)).toHaveLength(1);
        expect([r.stack, r.project, r.source, r.preview!.status]).toEqual(["staging", "k8s-infra", "preview", "succeeded"]);
        expect([verdictOf(r), exitCode([r])]).toEqual(["pass", 0]);
        expect(r.preview!.notRun).toEqual([]);
        expect(r.preview!.packs).toEqual([expect.objectContaining({ name: "k8s-infra-policies", version: "0.1.0", local: "policy-pack", named: true, analyzed: 273, stackAnalyzed: true })]);
    });

    test("has the advisory with the policy's description stripped from the message", () => {
        expect(r.violations).toHaveLength(1);
        const v = r.violations[0];
        expect([v.policy, v.level, v.severity, v.pack, v.packVersion]).toEqual(["maximal-representation-waived", "advisory", "medium", "k8s-infra-policies", "0.1.0"]);
        expect(v.message).toMatch(/^Subproject prow \(tests\/fixtures\/engine-cases\/representation-waiver\/subprojects\.yaml:35\): Google holds/);
        expect(v.message).not.toContain("<{%");
        expect(v.description).toBe(KNOWN.policies.find(p => p.name === v.policy)!.description);
    });

    test("takes change counts from the summary event and lists only what changes; the default provider is left out", () => {
        expect(r.changes!.counts).toEqual({ same: 270, update: 2 });
        // The bucket, and its component (whose inputs hold the buckets' config).
        expect(r.changes!.steps.map(s => [s.op, s.name])).toEqual([["update", "gcs"], ["update", "gcs-ci-logs"]]);
        // As many resources as the summary counts: the default provider's step, which the log has, is not among them.
        const log = readEventLog(readEventLogText(path.join(ROOT, PASSING)), PASSING);
        expect(log.events.filter(e => e.event.resourcePreEvent?.metadata.urn.endsWith("::pulumi:providers:gcp::default_9_37_0"))).toHaveLength(1);
        expect(r.resources).toHaveLength(270 + 2);
        expect(r.resources.map(x => x.name)).toEqual(expect.arrayContaining(["k8s-infra-staging", "gcs", "prow", "gcs-prow-results", "gcs-ci-logs"]));
        expect(r.resources.filter(x => x.type.startsWith("pulumi:providers:") && x.name.startsWith("default"))).toEqual([]);
        expect(r.seconds).toBe(60); // the summaryEvent's durationSeconds (normalized in the fixture)
        expect(r.preview!.errors).toEqual([]);
    });
});

describe("a preview that failed on mandatory stack-policy violations", () => {
    const [r] = readLog(BLOCKED);

    test("reports every policyEvent; blocked, exit 1; every policy ran", () => {
        expect(r.stack).toBe("prod");
        // The resource policy's violation (written during the steps), then the stack policies' (AnalyzeStack, at the end).
        expect(r.violations.map(v => [v.policy, v.level])).toEqual([
            ["oncall-escalation", "mandatory"], ["subproject-staffing", "mandatory"], ["maximal-representation", "mandatory"],
            ["maximal-representation", "mandatory"], ["maximal-representation-waived", "advisory"], ["owner-contact-details", "mandatory"],
            ["owner-vetting", "mandatory"], ["resource-naming", "mandatory"],
        ]);
        expect(r.violations.find(v => v.policy === "resource-naming")!.message).toMatch(/^gcp:storage\/bucket:Bucket gcs-ci_logs is named "k8s-infra-ci_logs"/);
        expect([r.preview!.status, verdictOf(r), exitCode([r])]).toEqual(["failed", "blocked", 1]);
        expect(r.preview!.notRun).toEqual([]);
        expect(r.preview!.packs[0].failed).toEqual([
            "maximal-representation", "maximal-representation-waived", "oncall-escalation", "owner-contact-details", "owner-vetting", "resource-naming", "subproject-staffing",
        ]);
    });

    test("counts changes as the summary does, a replacement once, and keeps the engine's error without colour markup", () => {
        expect(r.changes!.counts).toEqual({ same: 666, create: 7, update: 10, replace: 1, delete: 4 });
        // One entry per changed resource: the replacement's create-replacement, replace and delete-replaced steps are one.
        expect(r.changes!.steps).toHaveLength(7 + 10 + 1 + 4);
        const named = (op: string) => r.changes!.steps.filter(s => s.op === op).map(s => [s.name, s.protect]).sort();
        expect(named("create")).toEqual([
            ["gcs-ci_logs", true], ["gcs-ci_logs-owners", false], ["gcs-ci_logs-public-read", false], ["gcs-ci_logs-writer-0", false],
            ["prow-owner-kai-moreno", false], ["release-eng-owner-mo-haddad", false], ["test-pool-owner-zed-example", false],
        ]);
        expect(named("replace")).toEqual([["gcs-ci-logs-writer-0", false]]);
        expect(named("delete")).toEqual([
            ["artifacts-owner-chen-liwei", false], ["artifacts-owner-fatima-rahman", false], ["prow-owner-ivan-petrov", false], ["release-eng-owner-nia-walker", false],
        ]);
        expect(new Set(r.changes!.steps.filter(s => s.op === "delete").map(s => s.type))).toEqual(new Set(["gcp:cloudidentity/groupMembership:GroupMembership"]));
        expect(r.resources.map(x => x.name)).not.toContain("prow-owner-ivan-petrov");
        expect(r.resources.map(x => x.name)).toContain("gcs-ci-logs-writer-0");
        expect(r.preview!.errors).toEqual(["preview failed"]);
    });
});

describe("a failed preview is never a pass", () => {
    test("stopped before the deployment (the pack loaded, then the closing cancelEvent): the policies did not run, the stack is not known, exit 1", () => {
        const [r] = readLog(STOPPED);
        expect([r.stack, r.preview!.status, verdictOf(r), verdictLabel(r), exitCode([r])]).toEqual([UNKNOWN_STACK, "stopped", "not-run", "policies did not run", 1]);
        expect(r.preview!.notRun).toEqual([expect.stringContaining("stopped before the deployment ran")]);
        expect(r.changes).toBeUndefined();
        expect(readLog(STOPPED, "prod")[0].stack).toBe("prod");
    });

    test("a summaryEvent with result failed and the program's error: quoted, the stack policies did not run", () => {
        const [r] = readLog(PROGRAM_FAILED);
        expect([r.stack, r.preview!.status, verdictOf(r), verdictLabel(r), exitCode([r])]).toEqual(["staging", "failed", "not-run", "not every policy ran", 1]);
        // The program's InputError as index.ts throws it (a RunError: the problems, no stack trace).
        expect(r.preview!.errors).toEqual([expect.stringMatching(/^roster \(roster\/\): 1 problem to fix:\n {2}roster\/people\.yaml:23: people\[0\]\.vetting\.date: is not a real calendar date/)]);
        expect(r.preview!.notRun).toEqual([expect.stringMatching(/^k8s-infra-policies@0\.1\.0: the stack policies did not run: .*only when every step succeeded/)]);
    });

    test("per-resource violations but no policyAnalyzeStackSummaryEvent: the stack policies did not run", () => {
        const [r] = readLog(STEP_FAILED);
        expect(r.violations.map(v => [v.policy, v.level])).toEqual([["oncall-escalation", "advisory"]]);
        // The protected delete the engine refused blocks the update, and the stack policies did not run.
        expect([r.preview!.status, verdictOf(r), exitCode([r])]).toEqual(["failed", "blocked", 1]);
        expect(r.preview!.refused).toEqual([expect.objectContaining({ urn: expect.stringMatching(/gcs-prow-results$/) })]);
        expect(r.preview!.errors[0]).toMatch(/^Preview failed: resource ".*gcs-prow-results" cannot be deleted\nbecause it is protected/);
        expect(r.preview!.errors[1]).toBe("preview failed");
        expect(r.preview!.notRun).toEqual([expect.stringContaining("the stack policies did not run")]);
        expect(r.preview!.packs[0]).toMatchObject({ analyzed: 678, stackAnalyzed: false, failed: ["oncall-escalation"] });
    });

    test("a log that ends early (no summaryEvent, no cancelEvent) counts its steps and is incomplete", () => {
        const [r] = fromText([policyEvent(1)]);
        expect([r.stack, r.preview!.status, verdictOf(r)]).toEqual(["dev", "incomplete", "blocked"]);
        expect(r.preview!.notRun).toEqual([expect.stringContaining("the log ends before the engine finished")]);
    });

    test("a preview that succeeded without a policy pack: no policy ran", () => {
        const [r] = fromText([event(0, { summaryEvent: { maybeCorrupt: false, durationSeconds: 1, resourceChanges: {}, PolicyPacks: {}, isPreview: true, result: "succeeded" } }), event(1, { cancelEvent: {} })], "dev");
        expect([verdictOf(r), r.preview!.notRun]).toEqual(["not-run", [expect.stringContaining("no policy pack ran")]]);
    });

    test("a CLI older than `result`: an error diagnostic means failed", () => {
        const summary = event(1, { summaryEvent: { maybeCorrupt: false, durationSeconds: 1, resourceChanges: {}, PolicyPacks: {} } });
        const error = event(0, { diagnosticEvent: { message: "<{%reset%}>boom<{%reset%}>\n", color: "raw", severity: "error" } });
        expect(fromText([error, summary], "dev")[0].preview!.status).toBe("failed");
        expect(fromText([summary], "dev")[0].preview!.status).toBe("succeeded");
    });
});

test("without the pack at hand, the description is the message's first line; older 'warning' is advisory", () => {
    const [r] = fromText([policyEvent(1), policyEvent(2, { enforcementLevel: "warning" })]);
    expect(r.stack).toBe("dev");
    expect(r.violations.map(v => [v.description, v.message, v.level])).toEqual([
        ["Some rule.", "The message.", "mandatory"], ["Some rule.", "The message.", "advisory"],
    ]);
    expect(r.pack).toEqual({ name: "other-pack", version: "1.2.3", policies: [] });
});
