// Checks one stack the way `pulumi preview --policy-pack policy-pack` would, with
// no CLI and no cloud: the program runs under Pulumi's mocks with the stack's real
// config file, and the policy pack runs exactly as the CLI starts it. As the engine
// does, the pack starts before the program, each resource is handed to it as the
// program registers it, and the stack as a whole once the program is done. (Under the
// mocks the program rarely yields the event loop, so most Analyze calls go out when it
// ends; a program that awaits I/O overlaps with them.)

import * as path from "path";
import { main } from "../../program/main";
import { readStackConfig } from "../stack-config/stack-config";
import { runProgram } from "./run-program";
import { openAnalysis } from "./run-policy-pack";
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
    const analysis = openAnalysis({ ...packOptions, config: opts.policyConfig }, startPolicyPack(packOptions));
    const programStarted = process.hrtime.bigint();
    const run = await runProgram({
        project: cfg.project,
        stack: opts.stack,
        config,
        secretKeys: cfg.secretKeys,
        preview: true,
        stackTraces: opts.debug,
        program: () => main(opts.projectDir),
        onResource: r => analysis.analyze(r),
    }).catch((err: unknown) => {
        analysis.abandon();
        if (!(err instanceof DuplicateUrnError)) throw err;
        throw new InputError(`stack ${opts.stack}`, err.urns.map(urn => ({ file: cfg.file, message:
            `two resources have the URN ${urn}, which pulumi preview refuses (duplicate URN); two entries of this stack config (or the roster) give one name: rename one` })));
    });
    const packStarted = process.hrtime.bigint();
    const analyzed = await analysis.finish(run.resources);
    return {
        stack: opts.stack,
        project: cfg.project,
        resources: run.resources.map(summarize),
        pack: { name: analyzed.packName, version: analyzed.packVersion, policies: analyzed.policies },
        violations: analyzed.violations,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        phases: { program: Number(packStarted - programStarted) / 1e9, policyPack: Number(process.hrtime.bigint() - packStarted) / 1e9 },
    };
}
