// `npm run report`: the reports of `npm run check`, made from results saved
// elsewhere: the event log of a real `pulumi preview --policy-pack policy-pack
// --event-log FILE` (even one that failed), or the JSON document of
// `npm run check -- --format json`, so CI checks once and renders every format.
// Exit 0: every stack passes; 1: a mandatory violation blocks, or the preview
// failed, was canceled or stopped before its policies (or some) ran, so it cannot
// pass (model.ts exitCode); 2: bad input (an unreadable file, a line that is not an
// engine event, an empty log, bad arguments); 3: an internal fault (tools/cli-kit/run.ts:
// an InputError that escapes is bad input, anything else a fault).

import * as fs from "fs";
import * as path from "path";
import { Problem } from "../../model/errors";
import { readEventLogFile } from "../engine-events";
import { reportFromEventLog } from "./from-event-log";
import { FORMATS, isFormat, render, renderProblems } from "./index";
import { problemsOf, readCheckDocument, readCheckNotes } from "./json";
import type { RunNotes } from "./generated";
import { Locator } from "./locate";
import { StackReport, exitCode } from "./model";
import { knownPack, localPack } from "./pack";
import { UsageError } from "../cli-kit/stack-args";
import { checkOutput, projectInputs } from "../cli-kit/output-file";
import { parseFlags } from "../cli-kit/flags";
import { runCli } from "../cli-kit/run";

const USAGE = `usage: npm run report -- (--event-log FILE | --check-json FILE) [--format ${FORMATS.join("|")}]
                           [--output FILE] [--stack NAME] [--project-dir DIR]
  --event-log FILE    the event log of pulumi preview --policy-pack policy-pack --event-log FILE
  --check-json FILE   the document of npm run check -- --format json
  --format FORMAT     text (default), json, markdown (PR comment, job summary),
                      sarif (code scanning) or annotations (GitHub workflow commands)
  --output FILE       write the report to FILE instead of standard output
  --stack NAME        the stack, when no event in the log names one (a preview that stopped early)
  --project-dir DIR   the Pulumi project, whose Pulumi.<stack>.yaml annotations point into (default: .)
  -h, --help          print this and exit`;

class InputProblem extends Error {}

function run(argv: string[]): number {
    const parsed = parseFlags(argv, {
        "event-log": { type: "string" },
        "check-json": { type: "string" },
        "format": { type: "string", default: "text" },
        "output": { type: "string" },
        "stack": { type: "string" },
        "project-dir": { type: "string", default: "." },
    }, USAGE);
    if (!isFormat(parsed.format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${parsed.format}"`);
    if (!!parsed["event-log"] === !!parsed["check-json"]) throw new UsageError("give one of --event-log FILE and --check-json FILE");
    checkOutput(parsed.output, projectInputs(path.resolve(parsed["project-dir"]!), undefined, { files: [parsed["event-log"], parsed["check-json"]] }));
    const write = (text: string) => { if (parsed.output) fs.writeFileSync(parsed.output, text); else process.stdout.write(text); };
    let reports: StackReport[];
    let notes: RunNotes = {};
    try {
        const checked = parsed["check-json"] ? fromCheckJson(parsed["check-json"]) : undefined;
        if (checked && "problems" in checked) {
            // The check stopped at bad input: the pull request still gets the list of what to fix, in every format.
            write(renderProblems(parsed.format, checked.problems, localPack()));
            return 2;
        }
        notes = checked?.notes ?? {};
        reports = checked ? checked.reports : reportFromEventLog(readEventLogFile(parsed["event-log"]!), knownPack(), parsed.stack);
    } catch (err) {
        if (!(err instanceof InputProblem)) throw err;
        process.stderr.write(`report: ${err.message}\n`);
        return 2;
    }
    write(render(parsed.format, reports, new Locator(path.resolve(parsed["project-dir"]!)), notes));
    return exitCode(reports, notes);
}

function readInput(file: string): string {
    try {
        return fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new InputProblem(`${file}: cannot be read: ${(err as Error).message}`);
    }
}

function fromCheckJson(file: string): { reports: StackReport[]; notes: RunNotes } | { problems: Problem[] } {
    const text = readInput(file);
    try {
        const value = JSON.parse(text) as unknown;
        const problems = problemsOf(value);
        return problems ? { problems } : { reports: readCheckDocument(value), notes: readCheckNotes(value) };
    } catch (err) {
        throw new InputProblem(`${file}: ${(err as Error).message}`);
    }
}

void runCli("report", USAGE, run);
