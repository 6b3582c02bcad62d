// `npm run report` and `npm run check -- --format ...` as a workflow runs them:
// every format from an event log or a saved check document, the check's exit
// codes (0 pass, 1 mandatory, 2 bad input), and the broken roster's annotation.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCheck, runTool } from "../helpers/cli";
import { renderJson } from "../../tools/report/json";
import { BLOCKED, FIXTURE_PROJECT, MALFORMED, PASSING, lineContaining, offlineReport } from "./reports";

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
    expect(ann.stdout).toContain("::error file=roster/subprojects.yaml,line=13,title=subproject-staffing");
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

test("bad input exits 2 and says what is wrong", () => {
    const malformed = report(["--event-log", MALFORMED, "--format", "markdown"]);
    expect([malformed.code, malformed.stdout]).toEqual([2, ""]);
    expect(malformed.stderr).toContain(`${MALFORMED}:4: not JSON`);
    expect(report(["--event-log", "no/such.jsonl"]).stderr).toContain("no/such.jsonl: cannot be read");
    expect(report(["--event-log", PASSING, "--format", "html"]).code).toBe(2);
    expect(report(["--format", "text"]).stderr).toContain("give one of --event-log FILE and --check-json FILE");
    const notDoc = path.join(tmp, "not-a-doc.json");
    fs.writeFileSync(notDoc, "{\"hello\": 1}");
    const run = report(["--check-json", notDoc]);
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining("not a check document")]);
});
