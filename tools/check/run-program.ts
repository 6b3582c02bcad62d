// Runs the Pulumi program without the CLI, under @pulumi/pulumi's mocks, and
// captures every resource it registers the way the engine would see it and
// forward it to a policy pack: engine URNs, default providers, options, and the
// inputs exactly as the SDK serialized them (secrets and unknowns included).
//
// Each run gets a fresh copy of the SDK's per-deployment state (the same
// AsyncLocalStorage store the Automation API gives each inline program), so one
// process can run staging, then prod, then a benchmark, without carrying
// settings, config, the stack resource or feature flags from one to the next.

import * as path from "path";
import * as vm from "vm";
import * as pulumi from "@pulumi/pulumi";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type { Struct as StructT } from "google-protobuf/google/protobuf/struct_pb";
import { CapturedResource } from "./types";
import { qualifiedTypeOf } from "../../model/urn";
import { UrnLedger } from "./duplicate-urn";

/** How the SDK serializes an unknown value (preview): the engine's UnknownStringValue. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** How the SDK marks a secret: `{ [SECRET_SIG_KEY]: SECRET_SIG, value }`. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

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
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = (id: string): unknown => require(require.resolve(id, { paths: [pulumiDir] }));
const sdkState = fromPulumi("@pulumi/pulumi/runtime/state") as SdkInternals;
if (typeof sdkState.withLocalStorage !== "function" || typeof sdkState.getStore !== "function") {
    throw new Error("@pulumi/pulumi/runtime/state has no withLocalStorage/getStore: this @pulumi/pulumi is not the one tools/check was written for");
}
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb") as { Struct: typeof StructT };
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

/** The URN the engine gives a resource: parent's qualified type chain, without the Stack's type. */
export function engineUrn(stack: string, project: string, parentUrn: string, type: string, name: string): string {
    let qualifiedType = type;
    if (parentUrn) {
        const parentType = qualifiedTypeOf(parentUrn);
        if (parentType !== ROOT_STACK_TYPE) qualifiedType = `${parentType}$${type}`;
    }
    return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

export async function runProgram(opts: RunProgramOptions): Promise<ProgramRun> {
    // The SDK records a stack trace for every promise it makes (debuggablePromise), which
    // costs most of a run's time under ts-node's source maps. The check needs none of
    // them: errors it reports are InputErrors with their own locations. `stackTraces`
    // keeps them, for debugging the program itself.
    const limit = Error.stackTraceLimit;
    if (!opts.stackTraces) Error.stackTraceLimit = 0;
    try {
        return await sdkState.withLocalStorage(() => runIsolated(opts));
    } finally {
        Error.stackTraceLimit = limit;
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

    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike;
    monitor.newUrn = (parent, type, name) => engineUrn(stack, project, parent, type, name);
    const slots: Slot[] = [];
    const ledger = new UrnLedger();
    const outputsByUrn = new Map<string, StructT>();
    const captureErrors: unknown[] = [];
    const capture = (slot: Slot, make: () => CapturedResource) => (err: unknown) => {
        if (err) { slot.failed = true; return; }
        try { slot.resource = make(); } catch (e) { captureErrors.push(e); }
    };

    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        const slot: Slot = { version: req.getVersion() };
        slots.push(slot);
        return registerResource(req, (err, resp) => {
            if (!err) ledger.add(resp.getUrn());
            capture(slot, () => fromRegistration(req, resp.getUrn(), project, stack))(err);
            cb(err, resp);
        });
    };
    const readResource = monitor.readResource.bind(monitor);
    monitor.readResource = (req, cb) => {
        const slot: Slot = { version: req.getVersion() };
        slots.push(slot);
        return readResource(req, (err, resp) => {
            if (!err) ledger.add(resp.getUrn());
            capture(slot, () => fromRead(req, resp.getUrn(), resp.getProperties()))(err);
            cb(err, resp);
        });
    };
    const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, cb) => {
        outputsByUrn.set(req.getUrn(), req.getOutputs() ?? new Struct());
        return registerResourceOutputs(req, cb);
    };

    // Like the language host, an error the program leaves unhandled (a throwing apply, a
    // rejected input) fails the run, and at once: the resources waiting on it never finish
    // registering, so the program may never return. The SDK also leaves two rejections of
    // the Stack's own outputs unhandled when the program throws; those are absorbed.
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
                    return opts.program();
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
    if (captureErrors.length > 0) throw captureErrors[0];
    ledger.check();
    const logErrors = sdkState.getStore().logErrorCount;
    if (logErrors > 0) {
        throw new Error(`the program logged ${logErrors} error${logErrors === 1 ? "" : "s"} (see above); the CLI would fail the ${opts.preview ? "preview" : "update"}`);
    }

    const registered = slots.filter(s => s.resource && !s.failed) as Required<Slot>[];
    for (const { resource } of registered) {
        if (!resource.custom) resource.outputs = outputsByUrn.get(resource.urn) ?? new Struct();
    }
    const resources = withDefaultProviders(registered, opts, project, stack);
    const stackResource = resources.find(r => r.type === ROOT_STACK_TYPE && r.parent === "");
    return { resources, outputs: (stackResource?.outputs.toJavaScript() ?? {}) as Record<string, unknown> };
}

/** The Stack's outputs Output holds two derived promises nobody awaits; handle them so a failing program leaves no unhandled rejection. */
function absorbStackOutputRejections(): void {
    const outputs = (pulumi.runtime.getStackResource() as unknown as { outputs?: { isKnown?: Promise<unknown>; isSecret?: Promise<unknown> } })?.outputs;
    outputs?.isKnown?.catch(() => undefined);
    outputs?.isSecret?.catch(() => undefined);
}

function fromRegistration(req: resproto.RegisterResourceRequest, urn: string, project: string, stack: string): CapturedResource {
    const inputs = req.getObject() ?? new Struct();
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => { propertyDependencies[key] = deps.getUrnsList(); });
    const aliases = [
        ...req.getAliasurnsList(),
        ...req.getAliasesList().map(alias => {
            if (alias.hasUrn()) return alias.getUrn();
            const spec = alias.getSpec();
            let parent = req.getParent();
            if (spec?.hasParenturn()) parent = spec.getParenturn();
            else if (spec?.hasNoparent() && spec.getNoparent()) parent = "";
            return engineUrn(spec?.getStack() || stack, spec?.getProject() || project, parent,
                spec?.getType() || req.getType(), spec?.getName() || req.getName());
        }),
    ];
    return {
        urn,
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        parent: req.getParent(),
        provider: req.getProvider(),
        protect: req.getProtect() ?? false,
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        ignoreChanges: req.getIgnorechangesList(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        deleteBeforeReplace: req.getDeletebeforereplace(),
        aliases,
        inputs,
        // A create, previewed or done, by a provider that returns its inputs: outputs are the inputs,
        // with the SDK's secrets and unknowns where they were (the mock's own round trip would move them).
        outputs: req.getCustom() ? clone(inputs) : new Struct(),
    };
}

/** A resource read with `get` (or `{ id }`): the engine records it, but never sends it to Analyze. */
function fromRead(req: resproto.ReadResourceRequest, urn: string, state: StructT | undefined): CapturedResource {
    return {
        urn,
        type: req.getType(),
        name: req.getName(),
        custom: true,
        parent: req.getParent(),
        provider: req.getProvider(),
        protect: false,
        dependencies: req.getDependenciesList(),
        propertyDependencies: {},
        ignoreChanges: [],
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        deleteBeforeReplace: false,
        aliases: [],
        inputs: req.getProperties() ?? new Struct(),
        outputs: state ?? new Struct(),
        external: true,
    };
}

/**
 * The engine creates a default provider for each package (and version) that a custom
 * resource uses without an explicit one, named `default` or `default_<major>_<minor>_<patch>`,
 * with no parent and the stack's `<package>:*` config (plus `version`) as its inputs.
 */
function withDefaultProviders(registered: Required<Slot>[], opts: RunProgramOptions, project: string, stack: string): CapturedResource[] {
    const result: CapturedResource[] = [];
    const refs = new Map<string, string>();
    for (const { resource, version } of registered) {
        const pkg = resource.type.split(":")[0];
        const needsDefault = resource.custom && resource.provider === "" && pkg !== "pulumi" &&
            !resource.type.startsWith("pulumi:providers:");
        if (needsDefault) {
            const key = `${pkg}@${version}`;
            let ref = refs.get(key);
            if (ref === undefined) {
                const provider = defaultProvider(pkg, version, opts, project, stack);
                result.push(provider);
                ref = `${provider.urn}::${provider.name}-id`;
                refs.set(key, ref);
            }
            resource.provider = ref;
        }
        result.push(resource);
    }
    return result;
}

function defaultProvider(pkg: string, version: string, opts: RunProgramOptions, project: string, stack: string): CapturedResource {
    const semver = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(version);
    let name = "default";
    if (semver) {
        name += `_${semver[1]}_${semver[2]}_${semver[3]}`;
        for (const part of [semver[4], semver[5]]) {
            if (part) name += part.split(".").map(p => `_${p}`).join("");
        }
    }
    const props: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(opts.config)) {
        if (!key.startsWith(`${pkg}:`)) continue;
        const prop = key.substring(pkg.length + 1);
        props[prop] = opts.secretKeys.includes(key) ? { [SECRET_SIG_KEY]: SECRET_SIG, value } : value;
    }
    if (version) props.version = version;
    const inputs = Struct.fromJavaScript(props as Record<string, any>);
    const type = `pulumi:providers:${pkg}`;
    return {
        urn: engineUrn(stack, project, "", type, name),
        type,
        name,
        custom: true,
        parent: "",
        provider: "",
        protect: false,
        dependencies: [],
        propertyDependencies: {},
        ignoreChanges: [],
        additionalSecretOutputs: [],
        deleteBeforeReplace: false,
        aliases: [],
        inputs,
        outputs: clone(inputs),
    };
}

function clone(s: StructT): StructT {
    return Struct.deserializeBinary(s.serializeBinary());
}
