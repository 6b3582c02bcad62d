// The pull request comment / job summary: a verdict line per stack, counts by
// level, a table per policy with one row per violation (escaped), and the resource
// changes a preview knows or the offline check's "not known offline".

import { cell, code, MARKER, MAX_ROWS, renderMarkdown, renderMarkdownProblems } from "../../tools/report/markdown";
import type { StackReport } from "../../tools/report/model";
import { BLOCKED, PASSING, PROGRAM_FAILED, STEP_FAILED, STOPPED, fixtureLocator, offlineReport, readLog } from "./reports";

/** The rows of the table under the heading of `policy` (header and separator left out). */
function tableRows(md: string, policy: string): string[] {
    const lines = md.split("\n");
    const start = lines.findIndex(l => l.startsWith(`#### \`${policy}\``));
    expect(start).toBeGreaterThanOrEqual(0);
    const header = lines.findIndex((l, i) => i > start && l.startsWith("| resource |"));
    const rows: string[] = [];
    for (let i = header + 2; i < lines.length && lines[i].startsWith("|"); i++) rows.push(lines[i]);
    return rows;
}

describe("the offline check's results", () => {
    const md = renderMarkdown([offlineReport()], fixtureLocator());

    test("start with the marker and a blocked verdict line with counts by level", () => {
        expect(md.startsWith(MARKER + "\n")).toBe(true);
        expect(md).toContain("## Policy report (offline check): blocked (prod)");
        expect(md).toMatch(/^- :x: \*\*prod: blocked\*\*: 2 mandatory, 1 advisory, 1 remediated;/m);
        expect(md).toContain("| prod | blocked | 2 | 1 | 3 | not known offline |");
    });

    test("have a table per policy with a row per violation, where to fix it, and the message escaped", () => {
        expect(tableRows(md, "subproject-staffing")).toEqual([
            "| k8s-infra:governance:Subproject artifacts | `roster/subprojects.yaml:13` | Subproject artifacts (roster/subprojects.yaml:13) owns deployed service(s) gcs, gcr but has 2 distinct owner(s) (ada-quill, bram-okafor); add 1 more to owners in the roster. |",
        ]);
        const [contacts] = tableRows(md, "owner-contact-details");
        expect(contacts).toContain("has no phone \\| e-mail on record;<br>add it with: pulumi config set --secret --path 'k8s-infra:contacts.ada-quill.&lt;field&gt;' |");
        expect(tableRows(md, "maximal-representation-waived")).toHaveLength(1);
        expect(tableRows(md, "cost-attribution-labels")).toEqual(["| (stack) | `tests/fixtures/event-logs/project/Pulumi.prod.yaml:1` | Added the managed-by label. |"]);
        // Mandatory policies come before advisory ones.
        expect(md.indexOf("#### `subproject-staffing`")).toBeLessThan(md.indexOf("#### `maximal-representation-waived`"));
    });

    test("say resource changes are not known offline, and list resources by type", () => {
        expect(md).toContain("**Resource changes:** not known offline; the program would register these:");
        expect(md).toContain("| `k8s-infra:governance:Subproject` | 2 |");
    });

    test("cap long tables", () => {
        const many: StackReport = { ...offlineReport(), violations: Array.from({ length: MAX_ROWS + 5 }, () => offlineReport().violations[0]) };
        const rows = tableRows(renderMarkdown([many], fixtureLocator()), "subproject-staffing");
        expect(rows).toHaveLength(MAX_ROWS + 1);
        expect(rows[MAX_ROWS]).toContain("5 more");
    });
});

describe("a preview's event log", () => {
    test("a passing preview: pass, the advisory in its table, the changes from the summary", () => {
        const md = renderMarkdown(readLog(PASSING), fixtureLocator());
        expect(md).toContain("## Policy report (pulumi preview): pass");
        expect(md).toMatch(/^- :white_check_mark: \*\*staging: pass\*\*: 0 mandatory, 1 advisory\.$/m);
        expect(tableRows(md, "maximal-representation-waived")).toHaveLength(1);
        expect(md).toContain("**Resource changes:** 2 to update, 270 unchanged.");
        expect(md).toContain("| update | `gcp:storage/bucket:Bucket` | gcs-ci-logs |  |");
    });

    test("a failed preview: blocked, a row per mandatory violation, the engine's error, the bucket's deletion", () => {
        const md = renderMarkdown(readLog(BLOCKED), fixtureLocator());
        expect(md).toMatch(/^- :x: \*\*prod: blocked\*\*: 7 mandatory, 1 advisory;/m);
        expect(tableRows(md, "subproject-staffing")).toHaveLength(1);
        const [naming] = tableRows(md, "resource-naming");
        expect(naming).toMatch(/^\| gcp:storage\/bucket:Bucket gcs-ci\\_logs \| `tests\/fixtures\/event-logs\/project\/Pulumi\.prod\.yaml:\d+` \|/);
        expect(naming).toContain("(?:infra\\|staging\\|artifacts)"); // the pipes of the pattern do not split the row
        expect(naming.split(/(?<!\\)\|/)).toHaveLength(5);
        expect(md).toContain("> **error:** preview failed");
        expect(md).not.toContain("**Not run:**"); // the stack policies ran: the mandatory violations are theirs
        expect(md).toContain("| 7 to create, 10 to update, 1 to replace, 4 to delete, 666 unchanged |");
        expect(md).toContain("| delete | `gcp:cloudidentity/groupMembership:GroupMembership` | prow-owner-ivan-petrov |  |");
        expect(md).toContain("| create | `gcp:storage/bucket:Bucket` | gcs-ci\\_logs | yes |");
    });

    test("a preview that stopped before its policies ran: never pass; says so, with the engine's error when it has one", () => {
        const stopped = renderMarkdown(readLog(STOPPED, "prod"), fixtureLocator());
        expect(stopped).not.toMatch(/\bpass\b/);
        expect(stopped).toContain("## Policy report (pulumi preview): policies did not run (prod)");
        expect(stopped).toMatch(/^- :x: \*\*prod: policies did not run\*\*: 0 mandatory, 0 advisory reported, which is not the whole result/m);
        expect(stopped).toContain("| prod | policies did not run | 0 | 0 | 0 | not in the event log |");
        expect(stopped).toMatch(/\*\*Not run:\*\*\n\n- the engine stopped before the deployment ran/);
        expect(stopped).toContain("No violations reported.");
        const failed = renderMarkdown(readLog(PROGRAM_FAILED), fixtureLocator());
        expect(failed).not.toMatch(/\bpass\b/);
        expect(failed).toContain("**staging: not every policy ran**");
        expect(failed).toContain("> **error:** roster (roster/): 1 problem to fix:<br>  roster/people.yaml:23: ");
        expect(failed).toContain("- k8s-infra-policies@0.1.0: the stack policies did not run");
    });

    test("a step the engine refused after a per-resource advisory: blocked by the engine, the advisory's table, and the stack policies did not run", () => {
        const md = renderMarkdown(readLog(STEP_FAILED), fixtureLocator());
        expect(md).toContain("## Policy report (pulumi preview): blocked (prod)");
        expect(md).toMatch(/^- :x: \*\*prod: blocked\*\*: 0 mandatory, 1 advisory; the engine refused 1 step \(its error is below\)\. Not every policy ran \(see below\)\.$/m);
        expect(tableRows(md, "oncall-escalation")).toHaveLength(1);
        expect(md).toContain("> **error:** Preview failed: resource ");
    });

    test("blocked, and not every policy ran: both are said", () => {
        const [r] = readLog(STEP_FAILED);
        const blocked: StackReport = { ...r, violations: r.violations.map(v => ({ ...v, level: "mandatory" as const })) };
        const md = renderMarkdown([blocked], fixtureLocator());
        expect(md).toMatch(/^- :x: \*\*prod: blocked\*\*: .* Not every policy ran \(see below\)\.$/m);
        expect(md).toContain("**Not run:**");
    });

    test("two stacks: one verdict line each, blocked overall when one is", () => {
        const md = renderMarkdown([...readLog(BLOCKED), ...readLog(PASSING)], fixtureLocator());
        expect(md).toContain("## Policy report (pulumi preview): blocked (prod)");
        expect(md.match(/^- :(x|white_check_mark): \*\*\w+: (blocked|pass)\*\*/gm)).toHaveLength(2);
    });
});

test("cell and code escape what would break a table or turn into HTML", () => {
    expect(cell("a|b\r\nc\n<script>&*x*_y_`z`[l](u)\\")).toBe("a\\|b<br>c<br>&lt;script&gt;&amp;\\*x\\*\\_y\\_\\`z\\`\\[l\\](u)\\\\");
    expect(code("a|b`c\nd")).toBe("`a\\|b'c d`");
});

test("bad input: a table of problems with file and line", () => {
    const md = renderMarkdownProblems([{ file: "roster/people.yaml", line: 4, at: "people[0].github", message: "is required" }]);
    expect(md).toContain("## Policy report: bad input, nothing was checked");
    expect(md).toContain("| `roster/people.yaml:4` | roster/people.yaml:4: people\\[0\\].github: is required |");
});
