// `npm run report` and `npm run check -- --format ...` as a workflow runs them:
// every format from an event log or a saved check document, the exit codes (0
// pass; 1 mandatory, or a preview that failed or whose policies did not all run;
// 2 bad input), and the broken roster's annotation.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCheck, runTool } from "../helpers/cli";
import { renderJson } from "../../tools/report/json";
import { replace, rosterCopy } from "../helpers/roster-copy";
import { BLOCKED, FIXTURE_PROJECT, MALFORMED, PASSING, PROGRAM_FAILED, STEP_FAILED, STOPPED, lineContaining, offlineReport } from "./reports";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "report-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function report(args: string[]) {
    const { code, stdout, stderr } = runTool("report", args, 60_000);
    return { code, stdout, stderr };
}

test("the broken roster's staffing violation is an ::error at its roster line (npm run check -- --format annotations)", () => {
    const run = runCheck(["--roster", "tests/fixtures/broken-roster", "--stack", "prod", "--format", "annotations"]);
    expect(run.code).toBe(1);
    const staffing = run.stdout.split("\n").filter(l => l.includes("title=subproject-staffing"));
    expect(staffing).toEqual([expect.stringContaining("::error file=tests/fixtures/broken-roster/subprojects.yaml,line=")]);
    const line = lineContaining("tests/fixtures/broken-roster/subprojects.yaml", "- name: artifacts");
    expect(staffing[0]).toContain(`subprojects.yaml,line=${line},`);
    expect(run.stdout.split("\n").filter(l => l.startsWith("::")).length).toBe(run.stdout.trimEnd().split("\n").length);
});

test("a failed preview's event log: markdown with exit 1, annotations into the project's stack file", () => {
    const md = report(["--event-log", BLOCKED, "--format", "markdown"]);
    expect(md.code).toBe(1);
    expect(md.stdout).toContain("**prod: blocked**");
    const ann = report(["--event-log", BLOCKED, "--format", "annotations", "--project-dir", FIXTURE_PROJECT]);
    expect(ann.code).toBe(1);
    const line = lineContaining(`${FIXTURE_PROJECT}/Pulumi.prod.yaml`, "stem: ci_logs");
    expect(ann.stdout).toContain(`::error file=${FIXTURE_PROJECT}/Pulumi.prod.yaml,line=${line},title=resource-naming`);
    expect(ann.stdout).toContain("::error file=tests/fixtures/broken-roster/subprojects.yaml,line=14,title=subproject-staffing");
});

test("a failed preview is never a pass: exit 1, the policies that did not run said", () => {
    const PASS = /:white_check_mark:|: pass\b|\| pass \||: ok$/m;
    for (const format of ["text", "json", "markdown", "sarif", "annotations"]) {
        const run = report(["--event-log", STEP_FAILED, "--format", format]);
        expect([format, run.code, run.stderr]).toEqual([format, 1, ""]);
        expect(run.stdout).toContain("the stack policies did not run");
        expect(run.stdout).not.toMatch(PASS);
    }
    for (const log of [STOPPED, PROGRAM_FAILED]) {
        const run = report(["--event-log", log, "--format", "markdown"]);
        expect([log, run.code]).toEqual([log, 1]);
        expect(run.stdout).toMatch(/\*\*: 0 mandatory, 0 advisory reported, which is not the whole result/);
        expect(run.stdout).not.toMatch(PASS);
    }
    const text = report(["--event-log", PROGRAM_FAILED]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("    preview: failed");
    expect(text.stdout).toContain("    error: roster (roster/): 1 problem to fix:");
    expect(text.stdout).toContain("  Not run: k8s-infra-policies@0.1.0: the stack policies did not run");
    expect(text.stdout).toContain("staging: 0 mandatory, 0 advisory violation(s): FAIL: not every policy ran");
    const json = report(["--event-log", STOPPED, "--format", "json"]);
    expect([json.code, JSON.parse(json.stdout)]).toEqual([1, expect.objectContaining({ ok: false, stacks: [expect.objectContaining({ verdict: "not-run" })] })]);
});

test("an empty event log is bad input (exit 2)", () => {
    const empty = path.join(tmp, "empty.jsonl");
    fs.writeFileSync(empty, "");
    const run = report(["--event-log", empty]);
    expect([run.code, run.stdout]).toEqual([2, ""]);
    expect(run.stderr).toContain(`${empty}: is empty`);
});

test("a passing preview exits 0 in every format, and --output writes the file", () => {
    for (const format of ["text", "json", "markdown", "sarif", "annotations"]) {
        const out = path.join(tmp, `report.${format}`);
        const run = report(["--event-log", PASSING, "--format", format, "--output", out]);
        expect([format, run.code, run.stdout]).toEqual([format, 0, ""]);
        expect(fs.readFileSync(out, "utf8")).toContain(format === "annotations" ? "::warning" : "maximal-representation-waived");
    }
    expect(JSON.parse(fs.readFileSync(path.join(tmp, "report.sarif"), "utf8")).version).toBe("2.1.0");
});

test("a saved check document renders like the check (--check-json)", () => {
    const file = path.join(tmp, "check.json");
    fs.writeFileSync(file, renderJson([offlineReport()]));
    const run = report(["--check-json", file, "--format", "annotations"]);
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n")).toContain(
        "::error file=roster/subprojects.yaml,line=13,title=subproject-staffing [mandatory] (prod)::Subproject artifacts (roster/subprojects.yaml:13) owns deployed service(s) gcs, gcr but has 2 distinct owner(s) (ada-quill, bram-okafor); add 1 more to owners in the roster.");
});

test("a check document of bad input renders the same list of problems as the check, in every format, exit 2", () => {
    // The pull request renders every format from one check run: a broken roster must still reach the comment.
    const { dir: roster } = rosterCopy({ "people.yaml": replace("timezone: Asia/Tokyo", "timezone: Asia/Tokio") });
    const args = ["--roster", roster, "--stack", "prod"];
    const json = runCheck([...args, "--format", "json"]);
    expect(json.code).toBe(2);
    const file = path.join(tmp, "bad-input.json");
    fs.writeFileSync(file, json.stdout);
    for (const format of ["markdown", "annotations", "sarif"]) {
        const direct = runCheck([...args, "--format", format]);
        const rendered = report(["--check-json", file, "--format", format]);
        expect({ format, code: rendered.code, stdout: rendered.stdout }).toEqual({ format, code: 2, stdout: direct.stdout });
        expect(rendered.stdout.length).toBeGreaterThan(0);
    }
});

test("bad input exits 2 and says what is wrong", () => {
    const malformed = report(["--event-log", MALFORMED, "--format", "markdown"]);
    expect([malformed.code, malformed.stdout]).toEqual([2, ""]);
    expect(malformed.stderr).toContain(`${MALFORMED}:4: is not JSON`);
    expect(report(["--event-log", "no/such.jsonl"]).stderr).toContain("no/such.jsonl: cannot be read");
    expect(report(["--event-log", PASSING, "--format", "html"]).code).toBe(2);
    expect(report(["--format", "text"]).stderr).toContain("give one of --event-log FILE and --check-json FILE");
    const notDoc = path.join(tmp, "not-a-doc.json");
    fs.writeFileSync(notDoc, "{\"hello\": 1}");
    const run = report(["--check-json", notDoc]);
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining("not a check document")]);
});
