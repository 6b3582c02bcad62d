// Runs the Pulumi program without the CLI, under @pulumi/pulumi's mocks, and
// captures every resource it registers the way the engine would see it and
// forward it to a policy pack: engine URNs, default providers, options, and the
// inputs exactly as the SDK serialized them (secrets and unknowns included).
//
// Each run gets a fresh copy of the SDK's per-deployment state (the same
// AsyncLocalStorage store the Automation API gives each inline program), so one
// process can run staging, then prod, then a benchmark, without carrying
// settings, config, the stack resource or feature flags from one to the next.

import * as vm from "vm";
import * as pulumi from "@pulumi/pulumi";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type { Struct as StructT } from "google-protobuf/google/protobuf/struct_pb";
import { CapturedResource } from "../results/types";
import { UrnLedger } from "./duplicate-urn";
import { DefaultProviders, ROOT_STACK_TYPE, Struct, engineUrn, fromPulumi, fromRead, fromRegistration } from "./captured";

export { UNKNOWN, SECRET_SIG_KEY, SECRET_SIG, engineUrn } from "./captured";

export interface RunProgramOptions {
    project: string;
    stack: string;
    /** `namespace:key` → value, as in PULUMI_CONFIG (see readStackConfig). */
    config: Record<string, string>;
    secretKeys: string[];
    /** true for `pulumi preview` (outputs the mock does not return are unknown), false for `pulumi up`. */
    preview: boolean;
    program: () => Promise<Record<string, unknown> | void>;
    /** Keep stack traces while the program runs (slower; for debugging the program). */
    stackTraces?: boolean;
    /**
     * Called with each resource as soon as it is registered (a default provider just before its
     * first user), while the program goes on: the engine analyzes each resource then too.
     */
    onResource?: (resource: CapturedResource) => void;
}

export interface ProgramRun {
    /** In registration order; default providers just before the first resource that uses them. */
    resources: CapturedResource[];
    /** The stack outputs as the engine stores them (secrets and unknowns in their serialized form). */
    outputs: Record<string, unknown>;
}

// The SDK's per-deployment state lives in a store that is either global or, inside
// `withLocalStorage`, private to one async context. These are internal (not in the
// .d.ts), so they are checked when this module loads.
interface SdkInternals {
    withLocalStorage<T>(callback: () => Promise<T>): Promise<T>;
    getStore(): { logErrorCount: number };
}
const sdkState = fromPulumi("@pulumi/pulumi/runtime/state") as SdkInternals;
if (typeof sdkState.withLocalStorage !== "function" || typeof sdkState.getStore !== "function") {
    throw new Error("@pulumi/pulumi/runtime/state has no withLocalStorage/getStore: this @pulumi/pulumi is not the one tools/check was written for");
}
/**
 * The process whose events Node emits. Under jest the global `process` is a sandbox copy
 * whose listeners never hear of unhandled rejections; the main context's is the real one.
 */
const realProcess = vm.runInThisContext("process") as NodeJS.Process;

type Callback = (err: unknown, resp: any) => void;
/** The parts of @pulumi/pulumi's MockMonitor that are wrapped here. */
interface MockMonitorLike {
    newUrn(parent: string, type: string, name: string): string;
    registerResource(req: resproto.RegisterResourceRequest, cb: Callback): Promise<void>;
    readResource(req: resproto.ReadResourceRequest, cb: Callback): Promise<void>;
    registerResourceOutputs(req: resproto.RegisterResourceOutputsRequest, cb: Callback): void;
}

export async function runProgram(opts: RunProgramOptions): Promise<ProgramRun> {
    // The SDK records a stack trace for every promise it makes (debuggablePromise), which
    // costs most of a run's time under ts-node's source maps. The check needs none of
    // them: errors it reports are InputErrors with their own locations. `stackTraces`
    // keeps them, for debugging the program itself.
    // Each resource's constructor also records its own call sites (Resource.callsites,
    // which lifts the limit to read them) for the engine's source positions; the mocks
    // discard them, so they are skipped too.
    const limit = Error.stackTraceLimit;
    const resource = pulumi.Resource as unknown as { callsites: () => unknown[] };
    const callsites = resource.callsites;
    if (!opts.stackTraces) {
        Error.stackTraceLimit = 0;
        resource.callsites = () => [];
    }
    try {
        return await sdkState.withLocalStorage(() => runIsolated(opts));
    } finally {
        Error.stackTraceLimit = limit;
        resource.callsites = callsites;
    }
}

interface Slot {
    resource?: CapturedResource;
    version: string;
    failed?: boolean;
}

async function runIsolated(opts: RunProgramOptions): Promise<ProgramRun> {
    const { project, stack } = opts;
    await pulumi.runtime.setMocks({
        newResource: args => ({ id: args.custom ? `${args.name}-id` : undefined, state: args.inputs }),
        call: args => args.inputs,
    }, project, stack, opts.preview);
    pulumi.runtime.setAllConfig(opts.config, opts.secretKeys);
    const captured = captureRegistrations(pulumi.runtime.getMonitor() as unknown as MockMonitorLike, opts);

    await runToEnd(opts.program);
    if (captured.errors.length > 0) throw captured.errors[0];
    captured.ledger.check();
    const logErrors = sdkState.getStore().logErrorCount;
    if (logErrors > 0) {
        throw new Error(`the program logged ${logErrors} error${logErrors === 1 ? "" : "s"} (see above); the CLI would fail the ${opts.preview ? "preview" : "update"}`);
    }

    const registered = captured.slots.filter(s => s.resource && !s.failed) as Required<Slot>[];
    for (const { resource } of registered) {
        if (!resource.custom) resource.outputs = captured.outputsByUrn.get(resource.urn) ?? new Struct();
    }
    const resources = captured.providers.inOrder(registered.map(s => s.resource));
    const stackResource = resources.find(r => r.type === ROOT_STACK_TYPE && r.parent === "");
    return { resources, outputs: (stackResource?.outputs.toJavaScript() ?? {}) as Record<string, unknown> };
}

/** What the wrapped monitor records while the program runs. */
interface Captured {
    /** One per registration or read, in the order the program made them. */
    slots: Slot[];
    ledger: UrnLedger;
    /** A component's outputs, as registerOutputs gave them. */
    outputsByUrn: Map<string, StructT>;
    errors: unknown[];
    providers: DefaultProviders;
}

/** Wraps the mock monitor so that every resource is captured as the engine would see it (and handed to opts.onResource). */
function captureRegistrations(monitor: MockMonitorLike, opts: RunProgramOptions): Captured {
    const { project, stack } = opts;
    monitor.newUrn = (parent, type, name) => engineUrn(stack, project, parent, type, name);
    const captured: Captured = { slots: [], ledger: new UrnLedger(), outputsByUrn: new Map(), errors: [], providers: new DefaultProviders(opts, project, stack) };
    const capture = (slot: Slot, make: () => CapturedResource) => (err: unknown) => {
        if (err) { slot.failed = true; return; }
        try {
            const resource = make();
            const provider = captured.providers.assign(resource, slot.version);
            slot.resource = resource;
            if (provider) opts.onResource?.(provider);
            opts.onResource?.(resource);
        } catch (e) { captured.errors.push(e); }
    };
    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        const slot: Slot = { version: req.getVersion() };
        captured.slots.push(slot);
        return registerResource(req, (err, resp) => {
            if (!err) captured.ledger.add(resp.getUrn());
            capture(slot, () => fromRegistration(req, resp.getUrn(), project, stack))(err);
            cb(err, resp);
        });
    };
    const readResource = monitor.readResource.bind(monitor);
    monitor.readResource = (req, cb) => {
        const slot: Slot = { version: req.getVersion() };
        captured.slots.push(slot);
        return readResource(req, (err, resp) => {
            if (!err) captured.ledger.add(resp.getUrn());
            capture(slot, () => fromRead(req, resp.getUrn(), resp.getProperties()))(err);
            cb(err, resp);
        });
    };
    const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, cb) => {
        captured.outputsByUrn.set(req.getUrn(), req.getOutputs() ?? new Struct());
        return registerResourceOutputs(req, cb);
    };
    return captured;
}

/**
 * Runs the program in the Stack and waits for every registration, as the language host
 * does. Like it, an error the program leaves unhandled (a throwing apply, a rejected
 * input) fails the run, and at once: the resources waiting on it never finish
 * registering, so the program may never return. The SDK also leaves two rejections of
 * the Stack's own outputs unhandled when the program throws; those are absorbed.
 */
async function runToEnd(program: RunProgramOptions["program"]): Promise<void> {
    let programError: { error: unknown } | undefined;
    let unhandled: { error: unknown } | undefined;
    let abort: () => void = () => undefined;
    const aborted = new Promise<void>(resolve => { abort = () => resolve(); });
    const onUnhandled = (reason: unknown, promise: Promise<unknown>) => {
        promise.catch(() => undefined); // now handled: it is this run's failure, reported by rejecting
        unhandled ??= { error: reason };
        abort();
    };
    realProcess.on("unhandledRejection", onUnhandled);
    try {
        const work = (async () => {
            try {
                await pulumi.runtime.runInPulumiStack(async () => {
                    absorbStackOutputRejections();
                    return program();
                });
            } catch (e) {
                programError = { error: e };
                return;
            }
            await pulumi.runtime.disconnect(); // waits for every registration to finish
        })().catch(e => { programError ??= { error: e }; });
        await Promise.race([work, aborted]);
        // Rejections are reported once the microtask queue drains: let the rest of a cascade arrive here.
        await new Promise(resolve => setImmediate(resolve));
        await new Promise(resolve => setImmediate(resolve));
    } finally {
        realProcess.off("unhandledRejection", onUnhandled);
    }
    if (programError || unhandled) {
        // What disconnect() would have done: forget the monitor (the SDK also keeps it in a
        // module variable, outside the per-run store) and stop any callback server.
        pulumi.runtime.disconnectSync();
    }
    if (programError) throw programError.error;
    if (unhandled) throw unhandled.error;
}

/** The Stack's outputs Output holds two derived promises nobody awaits; handle them so a failing program leaves no unhandled rejection. */
function absorbStackOutputRejections(): void {
    const outputs = (pulumi.runtime.getStackResource() as unknown as { outputs?: { isKnown?: Promise<unknown>; isSecret?: Promise<unknown> } })?.outputs;
    outputs?.isKnown?.catch(() => undefined);
    outputs?.isSecret?.catch(() => undefined);
}
