// `npm run preview:local`: the real engine's verdict with no credentials. For each
// stack it runs a real `pulumi preview --policy-pack policy-pack --event-log` with
// the pinned CLI, in a throwaway local backend, against the stand-in cloud, and
// reports the event log through the same renderers as `npm run check`, with the
// check's exit codes: 0 no mandatory violation, 1 blocked (a mandatory violation,
// or the engine refused the update), 2 bad input, 3 an internal fault or no pinned
// CLI to run (tools/cli-kit/run.ts).

import * as fs from "fs";
import { InputError, Problem } from "../../model/errors";
import { ensurePinnedCli, CliUnavailable } from "../pulumi-cli/pinned";
import { FORMATS, Format, isFormat, renderProblems } from "../report";
import { localPack } from "../report/pack";
import { previewStacks } from "./preview-stacks";
import { UsageError, checkAsOf, checkRosterArg, selectStacks } from "../cli-kit/stack-args";
import { checkOutput, projectInputs } from "../cli-kit/output-file";
import { endChildrenOnSignal } from "../cli-kit/children";
import { parseFlags } from "../cli-kit/flags";
import { runCli } from "../cli-kit/run";

const USAGE = `usage: npm run preview:local -- [--stack NAME]... [--format ${FORMATS.join("|")}] [--roster DIR]
                                  [--policy-pack-config FILE] [--as-of YYYY-MM-DD] [--project-dir DIR]
                                  [--output FILE] [--keep]
  --stack NAME               preview this stack (repeatable); default: every Pulumi.<stack>.yaml
  --format FORMAT            as for npm run check (text, json, markdown, sarif, annotations)
  --roster DIR               use this roster folder instead of the stack's k8s-infra:roster
  --policy-pack-config FILE  passed to pulumi preview --policy-pack-config (with --as-of merged in)
  --as-of DATE               judge waiver expiry and vetting dates as of DATE instead of today
  --project-dir DIR          the Pulumi project (default: this folder)
  --output FILE              write the report to FILE instead of stdout
  --keep                     keep the throwaway backend, event logs and CLI output (their folder is printed)
  -h, --help                 print this and exit`;


export interface PreviewLocalOptions {
    stacks: string[];
    format: Format;
    roster?: string;
    policyPackConfig?: string;
    asOf?: string;
    projectDir: string;
    output?: string;
    keep: boolean;
}

function parseOptions(argv: string[]): PreviewLocalOptions {
    const v = parseFlags(argv, {
        "stack": { type: "string", multiple: true }, "format": { type: "string", default: "text" },
        "roster": { type: "string" }, "policy-pack-config": { type: "string" }, "as-of": { type: "string" },
        "project-dir": { type: "string", default: "." }, "output": { type: "string" }, "keep": { type: "boolean", default: false },
    }, USAGE);
    if (!isFormat(v.format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}; not "${v.format}"`);
    const { projectDir, stacks } = selectStacks(v["project-dir"]!, v.stack);
    checkRosterArg(v.roster);
    checkAsOf(v["as-of"]);
    checkOutput(v.output, projectInputs(projectDir, stacks, { files: [v["policy-pack-config"]], folders: [v.roster] }));
    return { stacks, format: v.format, roster: v.roster, policyPackConfig: v["policy-pack-config"], asOf: v["as-of"], projectDir, output: v.output, keep: !!v.keep };
}

async function run(argv: string[]): Promise<number> {
    const opts = parseOptions(argv);
    let result;
    try {
        const cli = ensurePinnedCli();
        result = await previewStacks(cli, opts);
    } catch (err) {
        if (err instanceof CliUnavailable) {
            process.stderr.write(`preview:local: ${err.message}\n`);
            return 3;
        }
        if (!(err instanceof InputError)) throw err;
        return reportProblems(opts, err.problems);
    }
    if (result.problems.length > 0) return reportProblems(opts, result.problems, result.engineErrors);
    write(opts, result.rendered);
    if (result.kept) process.stderr.write(`preview:local: kept ${result.kept}\n`);
    return result.exitCode;
}

function reportProblems(opts: PreviewLocalOptions, problems: Problem[], engineErrors: string[] = []): number {
    if (opts.format === "text") {
        process.stderr.write(renderProblems("text", problems, localPack()));
        for (const e of engineErrors) process.stderr.write(`the engine said: ${e}\n`);
        process.stderr.write("\nNo policy ran: fix the input above and run again.\n");
    } else {
        write(opts, renderProblems(opts.format, problems, localPack()));
    }
    return 2;
}

function write(opts: PreviewLocalOptions, text: string): void {
    if (opts.output) fs.writeFileSync(opts.output, text);
    else process.stdout.write(text);
}

endChildrenOnSignal("preview:local");
void runCli("preview:local", USAGE, run);
