// GitHub workflow commands that annotate a pull request's files: `::error` for a
// mandatory violation, `::warning` for an advisory one, `::notice` for a remediated
// one, each at the file and line that must change (locate.ts). A preview that
// cannot pass adds an `::error` at the stack file for each policy that did not run
// and each error of the engine. Escaped as the runner expects: %25 %0D %0A in the
// message, and also %3A %2C in properties.

import type { Problem } from "../../model/errors";
import type { Level } from "../results/types";
import type { Locator } from "./locate";
import { RunNotes, staleOf, staleSentence } from "./generated";
import { StackReport, groupByPolicy, knownStack, notRunLabel, verdictLabel, verdictOf, withResource } from "./model";

const COMMAND: Record<Level, string | undefined> = { mandatory: "error", advisory: "warning", remediate: "notice", disabled: undefined };

export function escapeData(s: string): string {
    return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
    return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function annotation(command: string, props: { file?: string; line?: number; title?: string }, message: string): string {
    const parts = Object.entries(props).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
    return `::${command}${parts.length ? " " + parts.join(",") : ""}::${escapeData(message)}`;
}

export function renderAnnotations(reports: readonly StackReport[], locator: Locator, notes: RunNotes = {}): string {
    // A stale generated file is annotated on itself: the file `npm run docs` rewrites.
    const out: string[] = staleOf(notes).map(s => annotation("error", { file: s.file, title: `generated file ${s.state === "missing" ? "missing" : "out of date"}` }, staleSentence(notes)));
    for (const r of reports) {
        for (const [policy, vs] of groupByPolicy(r.violations)) {
            for (const v of vs) {
                const command = COMMAND[v.level];
                if (!command) continue;
                const at = locator.locateIn(r, v);
                out.push(annotation(command, { file: at.file, line: at.line, title: `${policy} [${v.level}] (${r.stack})` },
                    withResource(v)));
            }
        }
    }
    for (const r of reports) out.push(...runAnnotations(r, locator));
    return out.length ? out.join("\n") + "\n" : "";
}

/** For a preview that cannot pass: which policies did not run, and the engine's errors. */
function runAnnotations(r: StackReport, locator: Locator): string[] {
    if (!r.preview || verdictOf(r) === "pass") return [];
    const at = locator.stackFile(knownStack(r));
    const props = (title: string) => ({ file: at.file, line: at.line, title: `${title} (${r.stack})` });
    return [
        ...r.preview.notRun.map(why => annotation("error", props(notRunLabel(r)), why)),
        ...(verdictOf(r) === "failed" ? [annotation("error", props(verdictLabel(r)), `the preview ${r.preview.status}`)] : []),
        ...r.preview.errors.map(e => annotation("error", props(`preview ${r.preview!.status}: engine error`), e)),
    ];
}

/** Bad input (exit 2): one error per problem, at its file and line. */
export function renderProblemAnnotations(problems: readonly Problem[]): string {
    return problems.map(p => annotation("error", { file: p.file, line: p.line, title: "bad input: nothing was checked" },
        p.at ? `${p.at}: ${p.message}` : p.message)).join("\n") + (problems.length ? "\n" : "");
}
