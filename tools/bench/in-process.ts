// The bench's baseline for the policy pack's phase: the pack's own policies run in this
// process on the resources the check captured, as @pulumi/policy's server runs them
// (server.js: each managed resource's inputs deserialized and proxied for every resource
// policy, then every stack policy once over all resources' outputs), with no gRPC and
// no second process. The pack phase's time over this one is what the engine's way of
// running a pack costs. It counts the violations it finds, so the bench can say when it
// did not reproduce the pack's result instead of quoting a ratio of unlike runs.

import * as path from "path";
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { UnknownValueError, unknownCheckingProxy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import { main } from "../../program/main";
import { readStackConfig } from "../stack-config/stack-config";
import { runProgram } from "../check/run-program";
import type { CapturedResource } from "../results/types";
import { NAMESPACE } from "../../model/config";

const { deserializeProperties } = require("@pulumi/policy/deserialize") as { deserializeProperties(s: unknown, keepUnknowns: boolean): Record<string, unknown> };

export interface InProcessRun {
    seconds: number;
    violations: number;
}

const props = (s: CapturedResource["inputs"]) => unknownCheckingProxy(deserializeProperties(s, false));

function options(r: CapturedResource) {
    return { protect: r.protect, ignoreChanges: r.ignoreChanges, aliases: r.aliases, additionalSecretOutputs: r.additionalSecretOutputs,
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, ...(r.parent ? { parent: r.parent } : {}) };
}

/** Runs every enabled policy on `resources`; resolves to the time it took and the violations found. */
export async function evaluateInProcess(resources: CapturedResource[]): Promise<InProcessRun> {
    const started = process.hrtime.bigint();
    let violations = 0;
    const report = () => { violations++; };
    // As the server: a value unknown in preview is an advisory diagnostic, a crash fails the call (counted as neither here).
    const failed = (e: unknown) => { if (e instanceof UnknownValueError) violations++; };
    const getConfig = <T>() => ({}) as T;
    const enabled = policies.filter(p => p.enforcementLevel !== "disabled");
    const resourcePolicies = enabled.filter((p): p is ResourceValidationPolicy => "validateResource" in p && !!p.validateResource);
    const stackPolicies = enabled.filter((p): p is StackValidationPolicy => "validateStack" in p);
    for (const r of resources.filter(x => !x.external)) {
        for (const p of resourcePolicies) {
            for (const validate of [p.validateResource!].flat()) {
                const args = { type: r.type, props: props(r.inputs), urn: r.urn, name: r.name, opts: options(r), stackTags: new Map(),
                    isType: () => false, asType: () => undefined, getConfig, notApplicable: () => { throw new Error("not applicable"); } };
                try { await validate(args as never, report); } catch (e) { failed(e); }
            }
        }
    }
    const stackResources: PolicyResource[] = resources.map(r => ({ type: r.type, props: props(r.outputs), urn: r.urn, name: r.name,
        opts: options(r), dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined } as unknown as PolicyResource));
    const byUrn = new Map(stackResources.map(r => [r.urn, r]));
    resources.forEach((r, i) => { if (r.parent) (stackResources[i] as { parent?: PolicyResource }).parent = byUrn.get(r.parent); });
    for (const p of stackPolicies) {
        try { await p.validateStack({ resources: stackResources, getConfig } as never, report); } catch (e) { failed(e); }
    }
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, violations };
}

/** The stack's resources as the check captures them (the program under the mocks), for evaluateInProcess. */
export async function capturedResources(projectDir: string, stack: string, roster?: string): Promise<CapturedResource[]> {
    const cfg = readStackConfig(projectDir, stack);
    const config = { ...cfg.config, ...(roster ? { [`${NAMESPACE}:roster`]: path.resolve(roster) } : {}) };
    const run = await runProgram({ project: cfg.project, stack, config, secretKeys: cfg.secretKeys, preview: true,
        program: () => main(path.resolve(projectDir)) });
    return run.resources;
}
