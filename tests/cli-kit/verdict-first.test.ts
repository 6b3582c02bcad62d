// The text output of the tools that judge (the check and its reports, risk, status)
// puts the verdict on its first line, the details after (issue 11): the line a
// reader, or a CI log's first screen, needs.

import * as path from "path";
import { loadRoster } from "../../model/roster/load";
import { classify } from "../../tools/risk/classify";
import { renderText as renderRisk, riskDocument } from "../../tools/risk/report";
import { headline, renderText } from "../../tools/report/text";
import type { StackReport } from "../../tools/report/model";
import { renderStatusText, statusReport } from "../../tools/status/status";
import { PASSING, STOPPED, STEP_FAILED, offlineReport, readLog } from "../report/reports";

const first = (text: string) => text.split("\n")[0];
const passing = (stack: string): StackReport => ({ ...offlineReport(), stack, violations: offlineReport().violations.filter(v => v.level !== "mandatory") });

describe("the check's text (npm run check, npm run report -- --format text)", () => {
    test("blocked: the mandatory violations and the stack first; a passing stack said too", () => {
        const text = renderText([passing("staging"), offlineReport()]);
        expect(first(text)).toBe("blocked: 2 mandatory violations in prod; staging passes");
        // The details follow, and the per-stack verdict lines still end it.
        expect(text.indexOf("Stack k8s-infra/staging")).toBeGreaterThan(0);
        expect(text.trimEnd().split("\n").slice(-2)).toEqual([
            "staging: 0 mandatory, 1 advisory violation(s): ok",
            "prod: 2 mandatory, 1 advisory violation(s): FAIL: an update would be blocked",
        ]);
    });

    test("ok: every stack passes, with the advisories counted", () => {
        expect(first(renderText([passing("staging"), passing("prod")]))).toBe("ok: staging, prod pass (2 advisory violations)");
        expect(headline([{ ...passing("prod"), violations: [] }])).toBe("ok: prod passes");
    });

    test("from a preview's event log: a pass, a stopped preview and a refused step are each said first", () => {
        expect(first(renderText(readLog(PASSING)))).toMatch(/^ok: staging passes/);
        expect(first(renderText(readLog(STOPPED, "staging")))).toMatch(/^FAIL: (policies did not run|not every policy ran) in staging$/);
        expect(first(renderText(readLog(STEP_FAILED)))).toMatch(/^blocked: .*\bin prod$/);
    });
});

test("risk: the class first", () => {
    expect(first(renderRisk(riskDocument(classify([]), "nothing")))).toBe("Change risk: LOW (label risk/low)");
});

test("status: the disband verdict first, then the table", () => {
    const roster = loadRoster(path.resolve(__dirname, "../fixtures/sample-roster"), "roster");
    const r = statusReport(roster, "2026-11-25");
    const lines = renderStatusText(r).split("\n");
    expect(lines[0]).toBe(`Disband criteria: not met (${r.blockers.length} to go): ${r.blockers.join("; ")}.`);
    expect(lines[1]).toBe("WG K8s Infra migration status as of 2026-11-25");
    expect(lines.filter(l => l.startsWith("Disband criteria"))).toHaveLength(1);
});
