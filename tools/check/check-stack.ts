// Checks one stack the way `pulumi preview --policy-pack policy-pack` would, with
// no CLI and no cloud: the program runs under Pulumi's mocks with the stack's real
// config file, then the policy pack runs exactly as the CLI starts it (and, as the
// engine loads its analyzers before it runs the program, the pack starts first).

import * as path from "path";
import { main } from "../../program/main";
import { readStackConfig } from "../stack-config/stack-config";
import { runProgram } from "./run-program";
import { analyzeWithPolicyPack } from "./run-policy-pack";
import { startPolicyPack } from "./pack-process";
import { StackResult, summarize } from "../results/result";
import type { PolicyPackConfig } from "../results/types";
import { NAMESPACE } from "../../model/config";
import { InputError } from "../../model/errors";
import { DuplicateUrnError } from "./duplicate-urn";

export interface CheckOptions {
    projectDir: string;
    stack: string;
    packDir: string;
    /** Use this roster folder instead of the stack config's k8s-infra:roster. */
    roster?: string;
    policyConfig?: PolicyPackConfig;
    /** Keep stack traces in the program (slower): for debugging a crash in it. */
    debug?: boolean;
}

export async function checkStack(opts: CheckOptions): Promise<StackResult> {
    const started = process.hrtime.bigint();
    const cfg = readStackConfig(opts.projectDir, opts.stack);
    const config = { ...cfg.config };
    if (opts.roster) config[`${NAMESPACE}:roster`] = path.resolve(opts.roster);
    const packOptions = { packDir: opts.packDir, project: cfg.project, stack: opts.stack, dryRun: true, stackConfig: config, secretKeys: cfg.secretKeys };
    const pack = startPolicyPack(packOptions);
    const programStarted = process.hrtime.bigint();
    const run = await runProgram({
        project: cfg.project,
        stack: opts.stack,
        config,
        secretKeys: cfg.secretKeys,
        preview: true,
        stackTraces: opts.debug,
        program: () => main(opts.projectDir),
    }).catch((err: unknown) => {
        pack.stop();
        if (!(err instanceof DuplicateUrnError)) throw err;
        throw new InputError(`stack ${opts.stack}`, err.urns.map(urn => ({ file: cfg.file, message:
            `two resources have the URN ${urn}, which pulumi preview refuses (duplicate URN); two entries of this stack config (or the roster) give one name: rename one` })));
    });
    const packStarted = process.hrtime.bigint();
    const analysis = await analyzeWithPolicyPack({ ...packOptions, resources: run.resources, config: opts.policyConfig }, pack);
    return {
        stack: opts.stack,
        project: cfg.project,
        resources: run.resources.map(summarize),
        pack: { name: analysis.packName, version: analysis.packVersion, policies: analysis.policies },
        violations: analysis.violations,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        phases: { program: Number(packStarted - programStarted) / 1e9, policyPack: Number(process.hrtime.bigint() - packStarted) / 1e9 },
    };
}
