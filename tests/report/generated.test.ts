// Stale generated files in every format (tools/report/generated.ts): the report says
// which files and the command, blocks (exit 1) whatever the stacks say, and says
// nothing when they are fresh; a check document carries them to `report --check-json`.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { render, FORMATS } from "../../tools/report";
import { readCheckDocument, readCheckNotes, renderJson } from "../../tools/report/json";
import { Locator } from "../../tools/report/locate";
import { exitCode, StackReport } from "../../tools/report/model";
import type { RunNotes } from "../../tools/report/generated";
import { runTool } from "../helpers/cli";
import { ROOT, offlineReport } from "./reports";

const passing = (): StackReport => ({ ...offlineReport(), violations: [] });
const locator = () => new Locator(ROOT, ROOT);
const STALE: RunNotes = { generated: { command: "npm run docs", stale: [{ file: "OWNERS_ALIASES", state: "stale" }, { file: "docs/staffing.md", state: "missing" }] } };
const FRESH: RunNotes = { generated: { command: "npm run docs", stale: [] } };

test("stale generated files block a run whose stacks pass, and fresh ones do not", () => {
    expect(exitCode([passing()], STALE)).toBe(1);
    expect(exitCode([passing()], FRESH)).toBe(0);
    expect(exitCode([passing()])).toBe(0);
});

test("every format names the files and the command; fresh files leave every format as it was", () => {
    for (const format of FORMATS) {
        const stale = render(format, [passing()], locator(), STALE);
        expect(stale).toContain("OWNERS_ALIASES");
        expect(stale).toContain("docs/staffing.md");
        expect(stale).toContain("npm run docs");
        expect(render(format, [passing()], locator(), format === "json" ? {} : FRESH)).toBe(render(format, [passing()], locator()));
    }
});

test("the verdict comes first and says blocked", () => {
    expect(render("text", [passing()], locator(), STALE).split("\n")[0]).toBe("blocked: generated files out of date; prod passes");
    expect(render("markdown", [passing()], locator(), STALE)).toContain("## Policy report (offline check): blocked (generated files)");
    expect(render("annotations", [passing()], locator(), STALE)).toContain("::error file=OWNERS_ALIASES,title=generated file out of date::");
    const sarif = JSON.parse(render("sarif", [passing()], locator(), STALE));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(["generated-files-fresh", "generated-files-fresh"]);
});

test("a check document keeps them: read back, and rendered by npm run report -- --check-json with exit 1", () => {
    const doc = JSON.parse(renderJson([passing()], STALE));
    expect(doc.ok).toBe(false);
    expect(readCheckNotes(doc)).toEqual(STALE);
    expect(readCheckDocument(doc)).toHaveLength(1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "generated-"));
    try {
        fs.writeFileSync(path.join(dir, "check.json"), JSON.stringify(doc));
        const md = runTool("report", ["--check-json", path.join(dir, "check.json"), "--format", "markdown"]);
        expect(md.code).toBe(1);
        expect(md.stdout).toContain("out of date: `OWNERS_ALIASES`, `docs/staffing.md` (missing). Run `npm run docs` and commit what it writes.");
        fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ ...doc, generated: { stale: "OWNERS" } }));
        const bad = runTool("report", ["--check-json", path.join(dir, "bad.json")]);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain("`generated` must have command and stale");
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
