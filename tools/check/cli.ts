// `npm run check`: the main job where there is no Pulumi CLI. Checks every stack
// (or --stack NAME) offline and prints a preview-like summary, or the same results as
// JSON, Markdown, SARIF or GitHub annotations with --format (tools/report/).
// Exit 0: no mandatory violation; 1: a mandatory violation;
// 2: bad input (roster, stack config, arguments), with what to fix.

import * as path from "path";
import { parseArgs } from "util";
import { InputError, Problem, formatProblem, sortProblems } from "../../model/errors";
import { checkStack } from "./check-stack";
import { StackResult, mandatoryCount } from "./result";
import type { PolicyPackConfig } from "./types";
import { policyConfigFor } from "./policy-config-file";
import { UsageError, checkAsOf, checkRosterArg, selectStacks } from "../cli-kit/stack-args";
import { Format, FORMATS, isFormat, render, renderProblems } from "../report";
import { Locator } from "../report/locate";
import { localPack } from "../report/pack";
import { endChildrenOnSignal } from "../cli-kit/children";

const USAGE = `usage: npm run check -- [--stack NAME]... [--format ${FORMATS.join("|")}] [--roster DIR]
                          [--policy-pack-config FILE] [--as-of YYYY-MM-DD] [--project-dir DIR]
  --stack NAME               check this stack (repeatable); default: every Pulumi.<stack>.yaml
  --format FORMAT            text (default), json, markdown (PR comment, job summary),
                             sarif (code scanning) or annotations (GitHub workflow commands)
  --roster DIR               use this roster folder instead of the stack's k8s-infra:roster
  --policy-pack-config FILE  policy levels and settings, as for pulumi preview --policy-pack-config
  --as-of DATE               judge waiver expiry and vetting dates as of DATE instead of today
  --project-dir DIR          the Pulumi project (default: this folder)
  --debug                    keep stack traces in the program (slower), to debug a crash in it`;


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
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            options: {
                "stack": { type: "string", multiple: true },
                "format": { type: "string", default: "text" },
                "roster": { type: "string" },
                "policy-pack-config": { type: "string" },
                "as-of": { type: "string" },
                "project-dir": { type: "string", default: "." },
                "debug": { type: "boolean", default: false },
                "help": { type: "boolean", short: "h" },
            },
            strict: true,
            allowPositionals: false,
        }).values;
    } catch (err) {
        throw new UsageError((err as Error).message);
    }
    if (parsed.help) {
        process.stdout.write(USAGE + "\n");
        process.exit(0);
    }
    if (!isFormat(parsed.format)) throw new UsageError(`--format must be one of text, json, markdown, sarif, annotations; not "${parsed.format}"`);
    const { projectDir, stacks } = selectStacks(parsed["project-dir"]!, parsed.stack);
    checkRosterArg(parsed.roster);
    const asOf = parsed["as-of"];
    checkAsOf(asOf);
    return { stacks, format: parsed.format, roster: parsed.roster, projectDir, policyConfigFile: parsed["policy-pack-config"], asOf, debug: !!parsed.debug };
}

async function run(argv: string[]): Promise<number> {
    let opts: Options;
    try {
        opts = parseOptions(argv);
    } catch (err) {
        if (err instanceof UsageError) {
            process.stderr.write(`check: ${err.message}\n${USAGE}\n`);
            return 2;
        }
        throw err;
    }
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
    for (const stack of opts.stacks) {
        try {
            results.push(await checkStack({ projectDir: opts.projectDir, stack, packDir, roster: opts.roster, policyConfig, debug: opts.debug }));
        } catch (err) {
            if (!(err instanceof InputError)) throw err;
            for (const p of err.problems) {
                const seen = stacksOf.get(formatProblem(p));
                if (seen) seen.push(stack);
                else { stacksOf.set(formatProblem(p), [stack]); problems.push(p); }
            }
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
    process.stdout.write(render(opts.format, results, new Locator(opts.projectDir)));
    return results.some(r => mandatoryCount(r) > 0) ? 1 : 0;
}

/** Bad input: exit 2, the problems in the chosen format (text: already on stderr, with a last word). */
function refuse(format: Format, problems: Problem[]): number {
    if (format !== "text") process.stdout.write(renderProblems(format, problems, localPack()));
    else process.stderr.write("\nNothing was checked further: fix the input above and run again.\n");
    return 2;
}


endChildrenOnSignal("check");
run(process.argv.slice(2)).then(code => {
    process.exitCode = code;
}, (err: unknown) => {
    process.stderr.write(`check: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 3;
});
