// The work of `npm run preview:local`, apart from its arguments: start the stand-in
// cloud once, preview each stack in a throwaway workspace, and turn each event log
// into a StackReport with the one engine-event reader (tools/engine-events), so that
// a real preview is rendered and judged exactly as `npm run report` judges it.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Problem } from "../../model/errors";
import { InputError } from "../../model/errors";
import { policyConfigFor, readPolicyPackConfigFile } from "../check/policy-config-file";
import { analyzeWithPolicyPack } from "../check/run-policy-pack";
import { readStackConfig } from "../stack-config/stack-config";
import { EventLog, readEventLogFile } from "../engine-events";
import type { PinnedCli } from "../pulumi-cli/pinned";
import { render } from "../report";
import { Locator } from "../report/locate";
import { StackReport, exitCode } from "../report/model";
import { knownPack } from "../report/pack";
import { reportFromEventLog } from "../report/from-event-log";
import { startStandInCloud } from "../stand-in-cloud";
import { writeStandInInventory } from "../stand-in-cloud/from-project-inventory";
import type { PreviewLocalOptions } from "./cli";
import { PreviewRun, runPreview } from "./run-preview";
import { makeWorkspace } from "./workspace";

export interface PreviewStacksResult {
    rendered: string;
    exitCode: number;
    reports: StackReport[];
    runs: PreviewRun[];
    /** Bad input the program reported; when there is any, nothing else is reported. */
    problems: Problem[];
    engineErrors: string[];
    /** The folder kept with --keep. */
    kept?: string;
}

export async function previewStacks(cli: PinnedCli, opts: PreviewLocalOptions): Promise<PreviewStacksResult> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "k8s-infra-preview-local-"));
    try {
        const policyPackConfig = policyConfigFile(opts, root);
        const cloud = await startStandInCloud({ stateDir: path.join(root, "cloud"), packages: ["gcp", "aws"], inventory: standInInventory(opts.projectDir, root) });
        const runs: PreviewRun[] = [];
        try {
            for (const stack of opts.stacks) {
                const workspace = makeWorkspace({ cli, projectDir: opts.projectDir, stack, roster: opts.roster, parent: root });
                runs.push(await runPreview({ cli, workspace, projectDir: opts.projectDir, stack, cloudEnv: cloud.env, policyPackConfig }));
            }
        } finally {
            await cloud.stop();
        }
        const logs = runs.map(readRunLog);
        const refused = await refusedPolicyConfig(opts, logs, policyPackConfig);
        return summarize(opts, logs, refused, opts.keep ? root : undefined);
    } finally {
        if (!opts.keep) fs.rmSync(root, { recursive: true, force: true });
    }
}

/**
 * The file handed to --policy-pack-config: the user's file untouched (so the engine
 * judges it), or, with --as-of, the same settings the check uses (policyConfigFor).
 */
function policyConfigFile(opts: PreviewLocalOptions, root: string): string | undefined {
    if (opts.asOf === undefined) return opts.policyPackConfig ? path.resolve(opts.policyPackConfig) : undefined;
    const file = path.join(root, "policy-pack-config.json");
    fs.writeFileSync(file, JSON.stringify(policyConfigFor(opts.policyPackConfig, opts.asOf)));
    return file;
}

/**
 * When the engine stopped before the deployment and a policy-pack-config was given, the
 * config is the likely cause; it is bad input (exit 2) when the check's reading of it,
 * which mirrors the engine's (tools/check/policy-config*.ts), refuses it too. The
 * engine's own words are then quoted from its output.
 */
async function refusedPolicyConfig(opts: PreviewLocalOptions, logs: RunLog[], file: string | undefined): Promise<Problem[]> {
    if (!file) return [];
    const stopped = logs.filter(l => l.log.outcome.status === "stopped").map(l => l.run);
    if (stopped.length === 0) return [];
    try {
        await analyzeWithPolicyPack({
            packDir: path.join(opts.projectDir, "policy-pack"), project: readStackConfig(opts.projectDir, stopped[0].stack).project,
            stack: stopped[0].stack, dryRun: true,
            resources: [], config: readPolicyPackConfigFile(file),
        });
        return [];
    } catch (err) {
        if (err instanceof InputError) return err.problems;
        throw err;
    }
}

interface RunLog {
    run: PreviewRun;
    log: EventLog;
}

/** The run's event log, read once; a run that wrote none is an internal fault with the CLI's output. */
function readRunLog(run: PreviewRun): RunLog {
    if (!fs.existsSync(run.eventLog)) {
        throw new Error(`pulumi preview --stack ${run.stack} wrote no event log (exit ${run.exitCode}${run.timedOut ? ", timed out" : ""}):\n${run.output.trim()}`);
    }
    return { run, log: readEventLogFile(run.eventLog) };
}

function summarize(opts: PreviewLocalOptions, logs: RunLog[], refusedConfig: Problem[], kept: string | undefined): PreviewStacksResult {
    const runs = logs.map(l => l.run);
    const problems = [...refusedConfig, ...runs.flatMap(r => r.problems?.problems ?? [])];
    if (refusedConfig.length > 0) {
        const engineSaid = runs.flatMap(r => r.output.split("\n").filter(l => /^error:/.test(l.trim())).map(l => l.trim()));
        return { rendered: "", exitCode: 2, reports: [], runs, problems: dedupe(problems), engineErrors: [...new Set(engineSaid)], kept };
    }
    const reports: StackReport[] = [];
    const engineErrors: string[] = [];
    const known = knownPack();
    for (const { run, log } of logs) {
        const [report] = reportFromEventLog(log, known, run.stack);
        engineErrors.push(...(report.preview?.errors ?? []));
        reports.push({ ...report, seconds: run.seconds });
    }
    if (problems.length > 0) return { rendered: "", exitCode: 2, reports, runs, problems: dedupe(problems), engineErrors, kept };
    const rendered = render(opts.format, reports, new Locator(opts.projectDir));
    return { rendered, exitCode: exitCode(reports), reports, runs, problems, engineErrors, kept };
}

function dedupe(problems: Problem[]): Problem[] {
    const seen = new Set<string>();
    return problems.filter(p => {
        const key = JSON.stringify([p.file, p.line, p.at, p.message]);
        return !seen.has(key) && !!seen.add(key);
    });
}

/**
 * What exists, for the stand-in cloud to serve Read from: the project's inventory/ folder,
 * which the stacks adopt from. A broken inventory is served as nothing: the program reads it
 * too and reports its problems (exit 2) before any resource.
 */
function standInInventory(projectDir: string, root: string): string | undefined {
    const dir = path.join(projectDir, "inventory");
    if (!fs.existsSync(path.join(dir, "projects"))) return undefined;
    const file = path.join(root, "inventory.json");
    try {
        writeStandInInventory(dir, file);
        return file;
    } catch (err) {
        if (err instanceof InputError) return undefined;
        throw err;
    }
}
