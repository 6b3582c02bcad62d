// GitHub annotations: ::error for mandatory, ::warning for advisory, at the roster
// line of a roster violation and the stack config line of a bad name, escaped as
// the runner reads workflow commands.

import { annotation, escapeData, escapeProperty, renderAnnotations, renderProblemAnnotations } from "../../tools/report/annotations";
import type { StackReport } from "../../tools/report/model";
import { BLOCKED, FIXTURE_PROJECT, PASSING, STEP_FAILED, STOPPED, fixtureLocator, lineContaining, offlineReport, readLog } from "./reports";

const lines = (text: string) => text.trimEnd().split("\n");

test("escaping: %, CR and LF everywhere; also : and , in properties", () => {
    expect(escapeData("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext: a, b");
    expect(escapeProperty("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext%3A a%2C b");
    expect(annotation("error", { file: "a,b.yaml", line: 3, title: "t: x" }, "m:1,2\nend"))
        .toBe("::error file=a%2Cb.yaml,line=3,title=t%3A x::m:1,2%0Aend");
    expect(annotation("warning", {}, "plain")).toBe("::warning::plain");
});

test("a preview that failed: the roster line for a staffing violation, the stack config line for a bad name", () => {
    const all = lines(renderAnnotations(readLog(BLOCKED), fixtureLocator()));
    // Every policy ran; the preview failed because of the violations: only the engine's "preview failed" besides them (and the advisory).
    expect(all.filter(l => !l.includes("[mandatory]") && !l.includes("[advisory]"))).toEqual([`::error file=${FIXTURE_PROJECT}/Pulumi.prod.yaml,line=1,title=preview failed%3A engine error (prod)::preview failed`]);
    expect(all.filter(l => l.includes("[advisory]"))).toEqual([expect.stringMatching(/^::warning file=tests\/fixtures\/broken-roster\/subprojects\.yaml,line=34,title=maximal-representation-waived /)]);
    const out = all.filter(l => l.includes("[mandatory]"));
    expect(out).toHaveLength(7);
    expect(out.every(l => l.startsWith("::error file="))).toBe(true);
    const staffing = out.find(l => l.includes("title=subproject-staffing"))!;
    const roster = "tests\\/fixtures\\/broken-roster\\/subprojects\\.yaml";
    expect(staffing).toMatch(new RegExp(`^::error file=${roster},line=14,title=subproject-staffing \\[mandatory\\] \\(prod\\)::Subproject artifacts \\(${roster}:14\\)`));
    const naming = out.find(l => l.includes("title=resource-naming"))!;
    const line = lineContaining(`${FIXTURE_PROJECT}/Pulumi.prod.yaml`, "stem: ci_logs");
    expect(naming.startsWith(`::error file=${FIXTURE_PROJECT}/Pulumi.prod.yaml,line=${line},title=resource-naming`)).toBe(true);
});

test("a preview whose policies did not all run: an ::error for each, and for each of the engine's errors", () => {
    const out = lines(renderAnnotations(readLog(STEP_FAILED), fixtureLocator()));
    expect(out.map(l => /title=([^:]*)::/.exec(l)![1])).toEqual([
        "oncall-escalation [advisory] (prod)", "not every policy ran (prod)", "preview failed%3A engine error (prod)", "preview failed%3A engine error (prod)",
    ]);
    expect(out.slice(1).every(l => l.startsWith(`::error file=${FIXTURE_PROJECT}/Pulumi.prod.yaml,line=1,`))).toBe(true);
    expect(out[1]).toMatch(/::k8s-infra-policies@0\.1\.0: the stack policies did not run: /);
    expect(out[2]).toMatch(/::Preview failed: resource .* cannot be deleted%0Abecause it is protected/);
    const stopped = lines(renderAnnotations(readLog(STOPPED), fixtureLocator()));
    expect(stopped).toEqual([expect.stringMatching(/^::error file=tests\/fixtures\/event-logs\/project\/Pulumi\.yaml,line=1,title=policies did not run \(\(unknown stack\)\)::the engine stopped before the deployment ran/)]);
});

test("an advisory is a warning; a remediated one a notice; every annotation stays on one line", () => {
    expect(lines(renderAnnotations(readLog(PASSING), fixtureLocator()))).toEqual([
        expect.stringMatching(/^::warning file=tests\/fixtures\/engine-cases\/representation-waiver\/subprojects\.yaml,line=35,title=maximal-representation-waived \[advisory\] \(staging\)::Subproject prow/),
    ]);
    const out = lines(renderAnnotations([offlineReport()], fixtureLocator()));
    expect(out.map(l => l.split(" ")[0])).toEqual(["::error", "::error", "::notice", "::warning"]); // in the order of levels
    const contacts = out.find(l => l.includes("owner-contact-details"))!;
    expect(contacts).toContain("on record;%0Aadd it with");
    expect(out[2]).toMatch(/::Added the managed-by label\.$/); // stack-wide: no resource to name
});

test("a message that does not name its resource is preceded by it", () => {
    const r = offlineReport();
    const v = { ...r.violations[0], urn: "urn:pulumi:prod::k8s-infra::k8s-infra:services:Gcs$gcp:storage/bucket:Bucket::gcs-x", message: "No uniform access." };
    expect(renderAnnotations([{ ...r, violations: [v] }], fixtureLocator())).toMatch(/::gcp:storage\/bucket:Bucket gcs-x: No uniform access\.\n$/);
});

test("disabled violations are left out, and no violations print nothing", () => {
    const r = offlineReport();
    const disabled: StackReport = { ...r, violations: r.violations.map(v => ({ ...v, level: "disabled" as const })) };
    expect(renderAnnotations([disabled], fixtureLocator())).toBe("");
});

test("bad input: an error per problem at its file and line", () => {
    expect(renderProblemAnnotations([{ file: "roster/people.yaml", line: 4, at: "people[0].github", message: "is required" }]))
        .toBe("::error file=roster/people.yaml,line=4,title=bad input%3A nothing was checked::people[0].github: is required\n");
});
