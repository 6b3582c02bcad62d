// `npm run check`: the main job where there is no Pulumi CLI. Checks every stack
// (or --stack NAME) offline and prints a preview-like summary, or the same results as
// JSON, Markdown, SARIF or GitHub annotations with --format (tools/report/).
// Checking this repository with its own roster also compares the generated files
// (./generated.ts): stale ones block, with the command that regenerates them.
// Exit 0: no mandatory violation; 1: a mandatory violation or a stale generated file;
// 2: bad input (roster, stack config, arguments), with what to fix; 3: an internal
// fault (tools/cli-kit/run.ts, as for every tool).

import * as path from "path";
import { InputError, Problem, formatProblem, sortProblems } from "../../model/errors";
import { checkStack } from "./check-stack";
import { StackResult, mandatoryCount } from "../results/result";
import type { PolicyPackConfig } from "../results/types";
import { policyConfigFor } from "./policy-config-file";
import { UsageError, checkAsOf, checkRosterArg, selectStacks } from "../cli-kit/stack-args";
import { Format, FORMATS, isFormat, render, renderProblems } from "../report";
import { Locator } from "../report/locate";
import { localPack } from "../report/pack";
import { endChildrenOnSignal } from "../cli-kit/children";
import { parseFlags } from "../cli-kit/flags";
import { progress } from "../cli-kit/progress";
import { runCli } from "../cli-kit/run";
import { generatedNotes } from "./generated";
import { staleOf } from "../report/generated";

const USAGE = `usage: npm run check -- [--stack NAME]... [--format ${FORMATS.join("|")}] [--roster DIR]
                          [--policy-pack-config FILE] [--as-of YYYY-MM-DD] [--project-dir DIR]
  --stack NAME               check this stack (repeatable); default: every Pulumi.<stack>.yaml
  --format FORMAT            text (default), json, markdown (PR comment, job summary),
                             sarif (code scanning) or annotations (GitHub workflow commands)
  --roster DIR               use this roster folder instead of the stack's k8s-infra:roster
  --policy-pack-config FILE  policy levels and settings, as for pulumi preview --policy-pack-config
  --as-of DATE               judge waiver expiry and vetting dates as of DATE instead of today
  --project-dir DIR          the Pulumi project (default: this folder)
  --debug                    keep stack traces in the program (slower), to debug a crash in it;
                             an internal error (exit 3) then prints its stack trace too
  -h, --help                 print this and exit`;


interface Options {
    stacks: string[];
    format: Format;
    roster?: string;
    projectDir: string;
    policyConfigFile?: string;
    asOf?: string;
    debug: boolean;
}

function parseOptions(argv: string[]): Options {
    const parsed = parseFlags(argv, {
        "stack": { type: "string", multiple: true },
        "format": { type: "string", default: "text" },
        "roster": { type: "string" },
        "policy-pack-config": { type: "string" },
        "as-of": { type: "string" },
        "project-dir": { type: "string", default: "." },
        "debug": { type: "boolean", default: false },
    }, USAGE);
    if (!isFormat(parsed.format)) throw new UsageError(`--format must be one of text, json, markdown, sarif, annotations; not "${parsed.format}"`);
    const { projectDir, stacks } = selectStacks(parsed["project-dir"]!, parsed.stack);
    checkRosterArg(parsed.roster);
    const asOf = parsed["as-of"];
    checkAsOf(asOf);
    return { stacks, format: parsed.format, roster: parsed.roster, projectDir, policyConfigFile: parsed["policy-pack-config"], asOf, debug: !!parsed.debug };
}

async function run(argv: string[]): Promise<number> {
    const opts = parseOptions(argv);
    let policyConfig: PolicyPackConfig | undefined;
    try {
        policyConfig = policyConfigFor(opts.policyConfigFile, opts.asOf);
    } catch (err) {
        if (!(err instanceof InputError)) throw err;
        if (opts.format === "text") process.stderr.write(`check: ${err.message}\n`);
        return refuse(opts.format, err.problems);
    }
    const packDir = path.resolve(__dirname, "../../policy-pack");
    const results: StackResult[] = [];
    const problems: Problem[] = [];
    const stacksOf = new Map<string, string[]>();
    const show = progress("check");
    for (const [i, stack] of opts.stacks.entries()) {
        if (opts.stacks.length > 1) show(`checking ${stack} (${i + 1} of ${opts.stacks.length})`);
        try {
            results.push(await checkStack({ projectDir: opts.projectDir, stack, packDir, roster: opts.roster, policyConfig, debug: opts.debug }));
        } catch (err) {
            if (!(err instanceof InputError)) throw err;
            for (const p of err.problems) {
                const seen = stacksOf.get(formatProblem(p));
                if (seen) seen.push(stack);
                else { stacksOf.set(formatProblem(p), [stack]); problems.push(p); }
            }
        } finally {
            show.done();
        }
    }
    if (problems.length > 0) {
        // Once each, in reading order; a problem that only some of the stacks have says which.
        const sorted = sortProblems(problems);
        const only = (p: Problem) => { const s = stacksOf.get(formatProblem(p))!; return s.length < opts.stacks.length ? ` (${s.join(", ")})` : ""; };
        if (opts.format === "text") {
            process.stderr.write(`check: ${sorted.length} problem${sorted.length === 1 ? "" : "s"} to fix:\n${sorted.map(p => `  ${formatProblem(p)}${only(p)}`).join("\n")}\n`);
        }
        return refuse(opts.format, sorted);
    }
    const notes = generatedNotes(opts.projectDir, opts.roster);
    process.stdout.write(render(opts.format, results, new Locator(opts.projectDir), notes));
    return results.some(r => mandatoryCount(r) > 0) || staleOf(notes).length > 0 ? 1 : 0;
}

/** Bad input: exit 2, the problems in the chosen format (text: already on stderr, with a last word). */
function refuse(format: Format, problems: Problem[]): number {
    if (format !== "text") process.stdout.write(renderProblems(format, problems, localPack()));
    else process.stderr.write("\nNothing was checked further: fix the input above and run again.\n");
    return 2;
}


endChildrenOnSignal("check");
void runCli("check", USAGE, run);
