// Markdown for a pull request comment and the job summary: a verdict line per
// stack (pass, blocked, policies did not run, preview failed: model.ts), counts by
// level, the engine's errors and which policies did not run, one table per policy
// (resource, where to fix it, message), and the resource changes when they are known
// (a real preview's event log) or the resources by type when they are not (the
// offline check). Text from messages is escaped so that pipes, newlines and <field>
// survive a table.

import type { Problem } from "../../model/errors";
import { formatProblem } from "../../model/errors";
import type { Locator } from "./locate";
import { blockedBecause, StackReport, checkedCount, countByLevel, countByType, groupByPolicy, resourceLabel, stackName, verdictLabel, verdictOf } from "./model";
import { changeLine } from "./text";
import { RunNotes, staleSentence } from "./generated";

/** The first line of every report comment, so a workflow can find and update its own comment. */
export const MARKER = "<!-- k8s-infra:policy-report -->";
/** Rows shown per policy table and in the change list; GitHub comments stop at 65536 characters. */
export const MAX_ROWS = 50;

/** Escapes text for a table cell: no pipe, newline or HTML may break out of it. */
export function cell(text: string): string {
    return text
        .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
        .replace(/\\/g, "\\\\").replace(/([|*_`[\]])/g, "\\$1")
        .replace(/\r\n?|\n/g, "<br>");
}

/** A code span for a table cell: backslash escapes do not work inside one, only `\|` does. */
export function code(text: string): string {
    return "`" + text.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/\r\n?|\n/g, " ") + "`";
}

export function verdict(r: StackReport): string {
    const n = countByLevel(r);
    const counts = `${n.mandatory} mandatory, ${n.advisory} advisory` + (n.remediate ? `, ${n.remediate} remediated` : "");
    const notAll = (r.preview?.notRun.length ?? 0) > 0 ? " Not every policy ran (see below)." : "";
    switch (verdictOf(r)) {
        case "pass": return `:white_check_mark: **${r.stack}: pass**: ${counts}.`;
        case "blocked": return `:x: **${r.stack}: blocked**: ${counts}; ${blockedBecause(r)}.${notAll}`;
        case "not-run": return `:x: **${r.stack}: ${verdictLabel(r)}**: ${counts} reported, which is not the whole result (see below).`;
        case "failed": return `:x: **${r.stack}: preview failed**: ${counts}; the engine's error is below.`;
    }
}

/** "pass", or each verdict that is not with its stacks: "blocked (prod); policies did not run (staging)". */
function headline(reports: readonly StackReport[]): string {
    const byLabel = new Map<string, string[]>();
    for (const r of reports.filter(x => verdictOf(x) !== "pass")) byLabel.set(verdictLabel(r), [...(byLabel.get(verdictLabel(r)) ?? []), r.stack]);
    return byLabel.size ? [...byLabel].map(([label, stacks]) => `${label} (${stacks.join(", ")})`).join("; ") : "pass";
}

export function renderMarkdown(reports: readonly StackReport[], locator: Locator, notes: RunNotes = {}): string {
    const out: string[] = [MARKER];
    const source = reports.every(r => r.source === "preview") ? "pulumi preview" : "offline check";
    const stale = staleSentence(notes, code);
    const title = headline(reports);
    out.push(`## Policy report (${source}): ${stale ? (title === "pass" ? "blocked (generated files)" : `${title}; blocked (generated files)`) : title}`, "");
    for (const r of reports) out.push(`- ${verdict(r)}`);
    if (stale) out.push(`- :x: **generated files**: ${stale}`);
    out.push("");
    out.push("| stack | verdict | mandatory | advisory | resources | resource changes |", "|---|---|---:|---:|---:|---|");
    for (const r of reports) {
        const n = countByLevel(r);
        out.push(`| ${cell(r.stack)} | ${verdictLabel(r)} | ${n.mandatory} | ${n.advisory} | ${r.resources.length} | ${cell(changeLine(r))} |`);
    }
    out.push("");
    for (const r of reports) {
        out.push(`### ${cell(r.stack)}`, "");
        const how = r.source === "preview" ? `\`pulumi preview\` (${r.preview?.status ?? "result not known"}) of` : "Offline check (program under mocks) of";
        out.push(`${how} ${cell(stackName(r))}, policies from ${code(`${r.pack.name}@${r.pack.version}`)}.`, "");
        for (const d of r.preview?.errors ?? []) out.push(`> **error:** ${cell(d)}`, "");
        if (r.preview?.notRun.length) out.push("**Not run:**", "", ...r.preview.notRun.map(why => `- ${cell(why)}`), "");
        if (r.violations.length === 0) {
            out.push(verdictOf(r) === "pass" ? `No violations (${checkedCount(r)} policies checked).` : "No violations reported.", "");
        }
        for (const [policy, vs] of groupByPolicy(r.violations)) {
            const severity = vs[0].severity ? `, ${vs[0].severity}` : "";
            out.push(`#### \`${policy}\` (${vs[0].level}${severity}): ${vs.length}`, "");
            if (vs[0].description) out.push(`${cell(vs[0].description)}`, "");
            out.push("| resource | fix at | message |", "|---|---|---|");
            for (const v of vs.slice(0, MAX_ROWS)) {
                const at = locator.locateIn(r, v);
                out.push(`| ${cell(resourceLabel(v.urn))} | ${code(`${at.file}:${at.line}`)} | ${cell(v.message)} |`);
            }
            if (vs.length > MAX_ROWS) out.push(`| … | | ${vs.length - MAX_ROWS} more; see the annotations or \`npm run check\` |`);
            out.push("");
        }
        out.push(...changes(r));
    }
    return out.join("\n") + "\n";
}

function changes(r: StackReport): string[] {
    const out: string[] = [];
    if (r.changes) {
        out.push(`**Resource changes:** ${cell(changeLine(r))}.`, "");
        if (r.changes.steps.length > 0) {
            out.push("<details><summary>Changed resources</summary>", "", "| op | type | name | protected |", "|---|---|---|---|");
            for (const c of r.changes.steps.slice(0, MAX_ROWS * 2)) {
                out.push(`| ${c.op} | ${code(c.type)} | ${cell(c.name)} | ${c.protect ? "yes" : ""} |`);
            }
            if (r.changes.steps.length > MAX_ROWS * 2) out.push(`| … | | ${r.changes.steps.length - MAX_ROWS * 2} more | |`);
            out.push("", "</details>", "");
        }
    } else if (r.source === "preview") {
        out.push(`**Resource changes:** ${changeLine(r)}.`, "");
    } else {
        out.push(`**Resource changes:** ${changeLine(r)}; the program would register these:`, "");
        out.push(`<details><summary>${r.resources.length} resources by type</summary>`, "", "| type | count |", "|---|---:|");
        for (const [type, n] of countByType(r)) out.push(`| ${code(type)} | ${n} |`);
        out.push("", "</details>", "");
    }
    return out;
}

/** Bad input (exit 2): nothing was checked; list what to fix. */
export function renderMarkdownProblems(problems: readonly Problem[]): string {
    const out = [MARKER, "## Policy report: bad input, nothing was checked", "", "| file | problem |", "|---|---|"];
    for (const p of problems) out.push(`| ${code(p.line ? `${p.file}:${p.line}` : p.file)} | ${cell(formatProblem(p))} |`);
    return out.join("\n") + "\n";
}
