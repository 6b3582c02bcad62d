// Reading a real preview's event log: violations from policyEvents (also when the
// preview failed on them), descriptions and colour markup stripped, resource changes
// from the steps or the summary, the stack from the URNs, and bad lines named.

import * as fs from "fs";
import * as path from "path";
import { EventLogError, readEventLog, stripColors } from "../../tools/report/event-log";
import { KNOWN, MALFORMED, PASSING, BLOCKED, ROOT, readLog } from "./reports";

const event = (seq: number, body: object) => JSON.stringify({ sequence: seq, timestamp: 1767225600 + seq, ...body });
const policyEvent = (overrides: object = {}) => event(1, { policyEvent: {
    resourceUrn: "urn:pulumi:dev::k8s-infra::k8s-infra:governance:Subproject::prow",
    message: "<{%fg 12%}>Some rule.\nThe message.<{%reset%}>\n", color: "raw",
    policyName: "some-rule", policyPackName: "other-pack", policyPackVersion: "1.2.3", policyPackVersionTag: "1.2.3",
    enforcementLevel: "mandatory", ...overrides,
} });

describe("a passing preview with an advisory", () => {
    const [r] = readLog(PASSING);

    test("is one stack, named by the URNs, from a preview", () => {
        expect(readLog(PASSING)).toHaveLength(1);
        expect([r.stack, r.project, r.source]).toEqual(["staging", "k8s-infra", "preview"]);
    });

    test("has the advisory with the policy's description stripped from the message", () => {
        expect(r.violations).toHaveLength(1);
        const v = r.violations[0];
        expect([v.policy, v.level, v.severity, v.pack, v.packVersion]).toEqual(["maximal-representation-waived", "advisory", "medium", "k8s-infra-policies", "0.1.0"]);
        expect(v.message).toMatch(/^Subproject prow \(roster\/subprojects\.yaml:33\): Google holds/);
        expect(v.message).not.toContain("<{%");
        expect(v.description).toBe(KNOWN.policies.find(p => p.name === v.policy)!.description);
    });

    test("takes change counts from the summary event and lists only what changes", () => {
        expect(r.changes!.counts).toEqual({ same: 5, update: 1 });
        expect(r.changes!.steps.map(s => [s.op, s.name])).toEqual([["update", "gcs-ci-logs"]]);
        expect(r.resources.map(x => x.name)).toEqual(["k8s-infra-staging", "gcs", "prow", "gcs-prow-results", "gcs-ci-logs"]);
        expect(r.seconds).toBe(14);
        expect(r.diagnostics).toBeUndefined(); // the info diagnostic is not an error
    });
});

describe("a preview that failed on mandatory violations", () => {
    const [r] = readLog(BLOCKED);

    test("still reports every policyEvent", () => {
        expect(r.stack).toBe("prod");
        expect(r.violations.map(v => [v.policy, v.level])).toEqual([["subproject-staffing", "mandatory"], ["resource-naming", "mandatory"]]);
        expect(r.violations[1].message).toMatch(/^gcp:storage\/bucket:Bucket gcs-ci_logs is named "k8s-infra-ci_logs"/);
    });

    test("counts changes from the steps when there is no summary, a replacement once", () => {
        expect(r.changes!.counts).toEqual({ same: 3, create: 1, replace: 1, delete: 1 });
        expect(r.changes!.steps.map(s => [s.op, s.name, s.protect])).toEqual([
            ["create", "gcs-ci_logs", true], ["replace", "gcs-release-tarballs", true], ["delete", "gcs-prow-results", true],
        ]);
        expect(r.changes!.steps[2].type).toBe("gcp:storage/bucket:Bucket");
        expect(r.resources.map(x => x.name)).not.toContain("gcs-prow-results");
    });

    test("keeps the engine's errors without colour markup", () => {
        expect(r.diagnostics).toHaveLength(2);
        expect(r.diagnostics![0]).toMatch(/^unable to delete resource .*gcs-prow-results"\nas it is currently marked for protection/);
        expect(r.diagnostics!.join("")).not.toMatch(/<\{%|%\}>/);
    });
});

describe("bad input is an error that names the line", () => {
    const err = (text: string, stack?: string) => {
        try {
            readEventLog(text, "log.jsonl", KNOWN, stack);
        } catch (e) {
            expect(e).toBeInstanceOf(EventLogError);
            return e as EventLogError;
        }
        throw new Error("no error");
    };

    test("a line cut short", () => {
        const e = err(fs.readFileSync(path.join(ROOT, MALFORMED), "utf8"));
        expect(e.line).toBe(4);
        expect(e.message).toMatch(/^log\.jsonl:4: not JSON/);
    });

    test("JSON that is not an engine event, a policyEvent without a policy, an unknown level, a bad URN", () => {
        expect(err(`${policyEvent()}\n[1, 2]\n`).line).toBe(2);
        expect(err(`{"timestamp": 1, "policyEvent": {}}`).message).toContain("numeric `sequence`");
        expect(err(policyEvent({ policyName: undefined })).message).toContain("policyEvent has no policyName");
        expect(err(policyEvent({ enforcementLevel: "strict" })).message).toContain('unknown enforcementLevel "strict"');
        expect(err(policyEvent({ resourceUrn: "prow" })).message).toContain("is not a Pulumi URN");
    });

    test("an empty log, and a log whose events name no stack unless --stack does", () => {
        expect(err("\n\n").message).toContain("has no events");
        const stackless = policyEvent({ resourceUrn: "" });
        expect(err(stackless).message).toContain("give it with --stack");
        expect(readEventLog(stackless, "log.jsonl", KNOWN, "dev")[0].violations[0].urn).toBe("");
    });
});

test("without the pack at hand, the description is the message's first line; older 'warning' is advisory", () => {
    const [r] = readEventLog([policyEvent(), event(2, { policyEvent: { ...JSON.parse(policyEvent()).policyEvent, enforcementLevel: "warning" } })].join("\n"), "log.jsonl", KNOWN);
    expect(r.stack).toBe("dev");
    expect(r.violations.map(v => [v.description, v.message, v.level])).toEqual([
        ["Some rule.", "The message.", "mandatory"], ["Some rule.", "The message.", "advisory"],
    ]);
    expect(r.pack).toEqual({ name: "other-pack", version: "1.2.3", policies: [] });
});

test("stripColors removes the engine's markup and ANSI escapes", () => {
    expect(stripColors("<{%fg 1%}>error: <{%reset%}>\u001b[31mboom\u001b[0m")).toBe("error: boom");
});
