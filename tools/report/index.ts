// The one entry to reporting: every format from the same StackReports, for
// `npm run check -- --format F` and `npm run report -- --format F` alike, and the
// bad-input (exit 2) variant of each format.

import type { Problem } from "../../model/errors";
import { formatProblem } from "../../model/errors";
import { renderAnnotations, renderProblemAnnotations } from "./annotations";
import { renderJson, renderJsonErrors } from "./json";
import type { Locator } from "./locate";
import { renderMarkdown, renderMarkdownProblems } from "./markdown";
import type { StackReport } from "./model";
import type { RunNotes } from "./generated";
import { renderSarif, renderSarifProblems } from "./sarif";
import { renderText } from "./text";

export const FORMATS = ["text", "json", "markdown", "sarif", "annotations"] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(s: unknown): s is Format {
    return (FORMATS as readonly unknown[]).includes(s);
}

/** Every format from the same reports and run notes (stale generated files: ./generated.ts). */
export function render(format: Format, reports: readonly StackReport[], locator: Locator, notes: RunNotes = {}): string {
    switch (format) {
        case "text": return renderText(reports, notes);
        case "json": return renderJson(reports, notes);
        case "markdown": return renderMarkdown(reports, locator, notes);
        case "sarif": return renderSarif(reports, locator, notes);
        case "annotations": return renderAnnotations(reports, locator, notes);
    }
}

/** The report of bad input, where nothing was checked. Text goes to stderr, as the check always did. */
export function renderProblems(format: Format, problems: readonly Problem[], pack: { name: string; version: string }): string {
    switch (format) {
        case "text": return problems.map(p => formatProblem(p)).join("\n") + "\n";
        case "json": return renderJsonErrors([...problems]);
        case "markdown": return renderMarkdownProblems(problems);
        case "sarif": return renderSarifProblems(problems, pack);
        case "annotations": return renderProblemAnnotations(problems);
    }
}
