// Every third-party action a workflow uses is pinned by its full commit SHA (a tag
// can be moved to other code; a commit cannot), with the exact release in a
// trailing comment, e.g.
//   uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 # v4.3.1
// and an action is pinned to the same commit in every workflow. Local actions
// (`./...`) are exempt. How to update one: the README, where the workflows are described.

import * as fs from "fs";
import * as path from "path";
import { isScalar, parseDocument, visit } from "yaml";

const ROOT = path.resolve(__dirname, "../..");
const WORKFLOWS = path.join(ROOT, ".github/workflows");
const workflowFiles = fs.readdirSync(WORKFLOWS).filter(f => f.endsWith(".yml") || f.endsWith(".yaml")).sort();

// owner/repo, an optional /path inside it, @ a 40-hex commit.
const PINNED = /^(?<repo>[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)(?<sub>\/[^@\s]+)?@(?<sha>[0-9a-f]{40})$/;
// The `uses:` line itself ends in `# v<semver>` (a comment on another line does not count).
const VERSION_COMMENT = /\s#\s*(?<version>v\d+\.\d+\.\d+)\s*$/;

interface Use {
    file: string;
    line: number;
    ref: string;
    text: string;
}

/** Every `uses:` value anywhere in the file (steps, reusable-workflow jobs), with its source line. */
function usesIn(file: string, text: string): Use[] {
    const doc = parseDocument(text);
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
    const lines = text.split("\n");
    const found: Use[] = [];
    visit(doc, {
        Pair(_, pair) {
            if (!isScalar(pair.key) || pair.key.value !== "uses") return;
            if (!isScalar(pair.value) || pair.value.range === undefined || pair.value.range === null) {
                found.push({ file, line: 0, ref: String(pair.value), text: "" });
                return;
            }
            const line = text.slice(0, pair.value.range[0]).split("\n").length;
            found.push({ file, line, ref: String(pair.value.value), text: lines[line - 1] });
        },
    });
    return found;
}

/** What is wrong with a workflow's pins: an empty list when every action is pinned right. */
function pinProblems(files: { file: string; text: string }[]): string[] {
    const problems: string[] = [];
    const pins = new Map<string, { sha: string; version: string; where: string }>();
    for (const { file, text } of files) {
        const uses = usesIn(file, text);
        // The parser and a plain scan of the text must agree on how many `uses:` there are.
        const scanned = text.split("\n").filter(l => /^\s*(-\s+)?uses\s*:/.test(l)).length;
        if (scanned !== uses.length) problems.push(`${file}: ${scanned} uses: lines but ${uses.length} parsed`);
        for (const u of uses) {
            const where = `${u.file}:${u.line}`;
            if (u.ref.startsWith("./")) continue;
            const m = PINNED.exec(u.ref);
            if (!m?.groups) {
                problems.push(`${where}: ${u.ref} is not owner/repo[/path]@<40-hex commit SHA>`);
                continue;
            }
            const v = VERSION_COMMENT.exec(u.text);
            if (!v?.groups) {
                problems.push(`${where}: ${u.ref} has no trailing "# vX.Y.Z" comment with the exact version`);
                continue;
            }
            const { repo, sha } = m.groups;
            const { version } = v.groups;
            const seen = pins.get(repo);
            if (!seen) pins.set(repo, { sha, version, where });
            else if (seen.sha !== sha || seen.version !== version) {
                problems.push(`${where}: ${repo} is pinned to ${sha} (${version}) but to ${seen.sha} (${seen.version}) at ${seen.where}`);
            }
        }
    }
    return problems;
}

const read = (f: string) => ({ file: f, text: fs.readFileSync(path.join(WORKFLOWS, f), "utf8") });

test("the workflows use actions at all (the check below is not vacuous)", () => {
    const n = workflowFiles.flatMap(f => usesIn(f, read(f).text)).filter(u => !u.ref.startsWith("./")).length;
    expect(n).toBeGreaterThanOrEqual(10);
});

test.each(workflowFiles)("%s pins every action by commit SHA with its version in a comment", f => {
    expect(pinProblems([read(f)])).toEqual([]);
});

test("each action is pinned to the same commit and version in every workflow", () => {
    expect(pinProblems(workflowFiles.map(read))).toEqual([]);
});

describe("the check does fail on a bad pin", () => {
    const sha = "34e114876b0b11c390a56381ad16ebd13914f8d5";
    const other = "08eba0b27e820071cde6df949e0beb9ba4906955";
    const wf = (...uses: string[]) =>
        `on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n${uses.map(u => `      - uses: ${u}\n`).join("")}`;
    const problems = (...uses: string[]) => pinProblems([{ file: "t.yml", text: wf(...uses) }]);

    test.each([
        ["a tag", "actions/checkout@v4"],
        ["a full version tag", "actions/checkout@v4.3.1 # v4.3.1"],
        ["a branch", "actions/checkout@main # v4.3.1"],
        ["a short SHA", "actions/checkout@34e1148 # v4.3.1"],
        ["no version comment", `actions/checkout@${sha}`],
        ["a major-only comment", `actions/checkout@${sha} # v4`],
        ["a comment that is not a version", `actions/checkout@${sha} # pinned`],
        ["an uppercase SHA", `actions/checkout@${sha.toUpperCase()} # v4.3.1`],
        ["a docker image", "docker://alpine:3.20"],
    ])("%s", (_, uses) => {
        expect(problems(uses)).toHaveLength(1);
    });

    test("a version comment on the next line does not count", () => {
        const text = `on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${sha}\n        # v4.3.1\n`;
        expect(pinProblems([{ file: "t.yml", text }])).toHaveLength(1);
    });

    test("the same action at two commits, or one commit under two versions", () => {
        expect(problems(`actions/checkout@${sha} # v4.3.1`, `actions/checkout@${other} # v4.3.0`)).toHaveLength(1);
        expect(problems(`actions/checkout@${sha} # v4.3.1`, `actions/checkout@${sha} # v4.3.0`)).toHaveLength(1);
        expect(
            pinProblems([
                { file: "a.yml", text: wf(`actions/checkout@${sha} # v4.3.1`) },
                { file: "b.yml", text: wf(`actions/checkout@${other} # v4.3.0`) },
            ]),
        ).toHaveLength(1);
    });

    test("accepts a right pin, a path inside an action's repository, and a local action", () => {
        expect(
            problems(
                `actions/checkout@${sha} # v4.3.1`,
                "github/codeql-action/upload-sarif@3599b3baa15b485a2e49ef411a7a4bb2452e7f93 # v3.30.5",
                "./.github/actions/setup",
            ),
        ).toEqual([]);
    });

    test("a job that calls a reusable workflow by tag is caught too", () => {
        const text = "on: push\njobs:\n  x:\n    uses: octo-org/example/.github/workflows/ci.yml@v1\n";
        expect(pinProblems([{ file: "t.yml", text }])).toHaveLength(1);
    });
});
