// Runs a policy pack over captured resources the way the Pulumi CLI does, with no
// CLI: the pack is started as the CLI's Node.js host starts it (pack-process.ts) and
// driven over its Analyzer gRPC service with the engine's calls, in the engine's order,
// with the engine's reconciliation of `--policy-pack-config`.

import type * as grpcT from "@grpc/grpc-js";
import type * as analyzerT from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpcT from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type { Struct as StructT } from "google-protobuf/google/protobuf/struct_pb";
import type { Empty as EmptyT } from "google-protobuf/google/protobuf/empty_pb";
import { CapturedResource, PolicyInfo, PolicyPackConfig, Violation } from "../results/types";
import { Reconciled, reconcilePolicyConfig } from "./policy-config";
import { LEVELS, LEVEL_ENUM, SEVERITIES, fromPulumi, options, packInfo, proto, violation } from "./analyzer-proto";
import { ENGINE_ADDRESS, Pack, PackStartOptions, StartedPack, startPack } from "./pack-process";

const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcT;
const { AnalyzerClient, AnalyzerService } = fromPulumi("@pulumi/pulumi/proto/analyzer_grpc_pb") as typeof analyzerGrpcT;
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb") as { Struct: typeof StructT };
const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb") as { Empty: typeof EmptyT };

const CALL_TIMEOUT_MS = 120_000;
// More calls in flight than the engine keeps (4 per CPU): the order of Analyze calls changes no
// result, and with more of them overlapping the round trips stop being the check's bottleneck.
const PARALLEL_CALLS = 64;

export interface SessionOptions extends PackStartOptions {
    /** The JSON of `--policy-pack-config`. */
    config?: PolicyPackConfig;
}

export interface AnalyzeOptions extends SessionOptions {
    resources: CapturedResource[];
}

export interface PackAnalysis {
    packName: string;
    packVersion: string;
    /** Every policy, with the level it ran at after the config was applied. */
    policies: PolicyInfo[];
    violations: Violation[];
    /** Resources a `remediate` policy changed: their new inputs were analyzed instead. */
    remediations: { policy: string; urn: string; description: string }[];
    /** Everything the pack wrote to stderr (and to stdout after the port line). */
    output: string;
    /** What the engine accepts in `config` without a word but that changes nothing (printed to stderr once). */
    warnings: string[];
}

/** Runs the pack over resources the program has already registered. */
export async function analyzeWithPolicyPack(opts: AnalyzeOptions, started?: StartedPack): Promise<PackAnalysis> {
    const session = openAnalysis(opts, started);
    return session.finish(opts.resources);
}

/**
 * The engine's side of one run with the pack: opened before the program runs (the pack is
 * started and configured while the program goes on), given each resource as the program
 * registers it (`analyze`: Remediate, then Analyze, as the engine's step generator does on
 * each registration), and finished with the whole stack (AnalyzeStack). `abandon` closes
 * the pack when the program failed.
 */
export interface AnalysisSession {
    analyze(resource: CapturedResource): void;
    finish(resources: CapturedResource[]): Promise<PackAnalysis>;
    abandon(): void;
}

type Call = <Req, Res>(method: string, req: Req) => Promise<Res>;
/** Remediate or Analyze with a request already serialized: both calls send the same bytes unless a remediation changed the inputs. */
type CallSerialized = <Res>(method: "remediate" | "analyze", bytes: Buffer) => Promise<Res>;

interface Connected {
    pack: Pack;
    client: { close(): void };
    call: Call;
    callSerialized: CallSerialized;
    packName: string;
    packVersion: string;
    policies: PolicyInfo[];
    warnings: string[];
}

/** What Remediate and Analyze found for one resource, and the inputs the engine goes on with. */
interface Analyzed {
    violations: Violation[];
    inputs: StructT;
    remediations: PackAnalysis["remediations"];
}

export function openAnalysis(opts: SessionOptions, started?: StartedPack): AnalysisSession {
    const connected = connect(opts, started);
    connected.catch(() => { /* reported by finish() */ });
    const known = new Map<string, CapturedResource>();
    const analyzed = new Map<string, Promise<Analyzed>>();
    const slots = limiter(PARALLEL_CALLS);
    let closed = false;
    const close = () => {
        if (closed) return;
        closed = true;
        connected.then(c => { c.client.close(); c.pack.child.kill(); }, () => undefined);
    };
    const analyze = (r: CapturedResource) => {
        known.set(r.urn, r);
        // Read resources are not analyzed.
        if (r.external || analyzed.has(r.urn)) return;
        const result = connected.then(c => slots(() => analyzeOne(c, r, known)));
        result.catch(() => { /* reported by finish() */ });
        analyzed.set(r.urn, result);
    };
    const finish = async (resources: CapturedResource[]): Promise<PackAnalysis> => {
        let c: Connected | undefined;
        try {
            c = await connected;
            resources.forEach(analyze);
            const results = await Promise.all(resources.map(r => analyzed.get(r.urn)));
            return await analyzeStack(c, resources, results, known);
        } catch (e) {
            throw c ? callFailure(e, opts.packDir, c.pack) : e;
        } finally {
            close();
        }
    };
    return { analyze, finish, abandon: close };
}

/** Starts (or takes) the pack, dials it, and makes the engine's first calls: Handshake, ConfigureStack, GetAnalyzerInfo, Configure. */
async function connect(opts: SessionOptions, started?: StartedPack): Promise<Connected> {
    const pack = await (started?.pack ?? startPack(opts));
    const client = new AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure(),
        { "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    const done = <Res>(method: string, resolve: (r: Res) => void, reject: (e: unknown) => void) => (err: grpcT.ServiceError | null, res?: Res) => {
        if (err) reject(Object.assign(err, { method })); else resolve(res as Res);
    };
    const call: Call = <Req, Res>(method: string, req: Req): Promise<Res> => new Promise((resolve, reject) => {
        const fn = (client as unknown as Record<string, Function>)[method];
        fn.call(client, req, new grpc.Metadata(), { deadline: Date.now() + CALL_TIMEOUT_MS }, done(method, resolve, reject));
    });
    const callSerialized: CallSerialized = <Res>(method: "remediate" | "analyze", bytes: Buffer): Promise<Res> => new Promise((resolve, reject) => {
        const def = AnalyzerService[method] as unknown as { path: string; responseDeserialize: (b: Buffer) => Res };
        client.makeUnaryRequest(def.path, (b: Buffer) => b, def.responseDeserialize, bytes, new grpc.Metadata(),
            { deadline: Date.now() + CALL_TIMEOUT_MS }, done<Res>(method, resolve, reject));
    });
    try {
        const handshake = new proto.AnalyzerHandshakeRequest()
            .setEngineAddress(ENGINE_ADDRESS).setRootDirectory(opts.packDir).setProgramDirectory(opts.packDir);
        await call("handshake", handshake).catch((e: grpcT.ServiceError) => {
            if (e.code !== grpc.status.UNIMPLEMENTED) throw e; // the Node.js pack has no Handshake; the engine accepts that
        });
        const configureStack = new proto.AnalyzerStackConfigureRequest()
            .setStack(opts.stack).setProject(opts.project).setOrganization(opts.organization ?? "").setDryRun(opts.dryRun)
            .setConfigSecretKeysList(opts.secretKeys ?? []);
        for (const [k, v] of Object.entries(opts.stackConfig ?? {})) configureStack.getConfigMap().set(k, v);
        await call("configureStack", configureStack);

        const info = await call<EmptyT, analyzerT.AnalyzerInfo>("getAnalyzerInfo", new Empty());
        const reconciled = await configure(call, info, opts);
        const policies: PolicyInfo[] = info.getPoliciesList().map(p => ({
            name: p.getName(),
            description: p.getDescription(),
            enforcementLevel: reconciled.settings.get(p.getName())?.level ?? LEVELS[p.getEnforcementlevel()],
            severity: SEVERITIES[p.getSeverity()] ?? "",
        }));
        return { pack, client, call, callSerialized, packName: info.getName(), packVersion: info.getVersion(), policies, warnings: reconciled.warnings };
    } catch (e) {
        client.close();
        pack.child.kill();
        throw callFailure(e, opts.packDir, pack);
    }
}

/** A failed Analyzer call as the check reports it (which call, the pack's output); any other error as it is. */
function callFailure(e: unknown, packDir: string, pack: Pack): unknown {
    const err = e as Error & { method?: string };
    if (err.method === undefined) return e;
    return new Error(`policy pack ${packDir}: ${err.method} failed: ${err.message}${pack.tail()}`);
}

function providerOf(r: CapturedResource, props: "inputs" | "outputs", known: Map<string, CapturedResource>): analyzerT.AnalyzerProviderResource | undefined {
    if (!r.provider) return undefined;
    const prov = known.get(r.provider.substring(0, r.provider.lastIndexOf("::")));
    if (!prov) return undefined;
    return new proto.AnalyzerProviderResource().setType(prov.type).setUrn(prov.urn).setName(prov.name).setProperties(prov[props]);
}

/** Remediate, then Analyze with the remediated inputs, one resource. */
async function analyzeOne(c: Connected, r: CapturedResource, known: Map<string, CapturedResource>): Promise<Analyzed> {
    const resOpts = options(r);
    const provider = providerOf(r, "inputs", known);
    const request = (props: StructT) => Buffer.from(new proto.AnalyzeRequest().setType(r.type).setProperties(props).setUrn(r.urn)
        .setName(r.name).setOptions(resOpts).setProvider(provider).serializeBinary());
    const original = request(r.inputs);
    const remediated = await c.callSerialized<analyzerT.RemediateResponse>("remediate", original);
    let inputs = r.inputs;
    const found: Violation[] = [];
    const remediations: PackAnalysis["remediations"] = [];
    for (const rem of remediated.getRemediationsList()) {
        const props = rem.getProperties();
        if (rem.getDiagnostic()) {
            found.push({ policy: rem.getPolicyname(), pack: rem.getPolicypackname(), packVersion: rem.getPolicypackversion(),
                level: "advisory", severity: "", urn: r.urn, description: rem.getDescription(), message: rem.getDiagnostic() });
        } else if (props) {
            inputs = props;
            remediations.push({ policy: rem.getPolicyname(), urn: r.urn, description: rem.getDescription() });
        }
    }
    const analyzed = await c.callSerialized<analyzerT.AnalyzeResponse>("analyze", inputs === r.inputs ? original : request(inputs));
    // The engine reports a resource's violations against that resource, whatever URN the pack gave.
    return { violations: [...found, ...analyzed.getDiagnosticsList().map(d => violation(d, r.urn))], inputs, remediations };
}

/** AnalyzeStack once, with every resource and its outputs (a remediated create's outputs are its new inputs), then the result. */
async function analyzeStack(c: Connected, resources: CapturedResource[], results: (Analyzed | undefined)[], known: Map<string, CapturedResource>): Promise<PackAnalysis> {
    const current = new Map(known);
    resources.forEach((r, i) => {
        const inputs = results[i]?.inputs;
        if (inputs && inputs !== r.inputs) current.set(r.urn, { ...r, inputs, outputs: r.custom ? inputs : r.outputs });
    });
    const stackRequest = new proto.AnalyzeStackRequest().setResourcesList(resources.map(orig => {
        const r = current.get(orig.urn) ?? orig;
        const res = new proto.AnalyzerResource().setType(r.type).setProperties(r.outputs).setUrn(r.urn).setName(r.name)
            .setOptions(options(r)).setProvider(providerOf(r, "outputs", current)).setParent(r.parent).setDependenciesList(r.dependencies);
        for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
            res.getPropertydependenciesMap().set(prop, new proto.AnalyzerPropertyDependencies().setUrnsList(urns));
        }
        return res;
    }));
    const stackAnalysis = await c.call<analyzerT.AnalyzeStackRequest, analyzerT.AnalyzeResponse>("analyzeStack", stackRequest);
    return {
        packName: c.packName,
        packVersion: c.packVersion,
        policies: c.policies,
        violations: [...results.flatMap(a => a?.violations ?? []), ...stackAnalysis.getDiagnosticsList().map(d => violation(d, d.getUrn()))],
        remediations: results.flatMap(a => a?.remediations ?? []),
        output: c.pack.output(),
        warnings: c.warnings,
    };
}

/** The engine's reconciliation of the config (InputError if it refuses it), then Configure with the result. */
async function configure(call: Call, info: analyzerT.AnalyzerInfo, opts: SessionOptions): Promise<Reconciled> {
    const reconciled = reconcilePolicyConfig(packInfo(info, opts.packDir), opts.config);
    reconciled.warnings.forEach(warnOnce);
    // The engine's Configure sends nothing when there is nothing to send.
    if (reconciled.settings.size === 0) return reconciled;
    const request = new proto.ConfigureAnalyzerRequest();
    for (const [name, c] of reconciled.settings) {
        request.getPolicyconfigMap().set(name, new proto.PolicyConfig()
            .setEnforcementlevel(LEVEL_ENUM[c.level])
            .setProperties(Struct.fromJavaScript(c.properties as Record<string, any>)));
    }
    await call("configure", request);
    return reconciled;
}

const warned = new Set<string>();

/** Config warnings go to stderr once per process, not once per stack. */
function warnOnce(message: string): void {
    if (warned.has(message)) return;
    warned.add(message);
    process.stderr.write(`warning: ${message}\n`);
}

/** At most `n` calls of the returned function's tasks run at once; the rest wait their turn, in order. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
    let running = 0;
    const waiting: (() => void)[] = [];
    return async <T>(task: () => Promise<T>): Promise<T> => {
        if (running >= n) await new Promise<void>(resolve => waiting.push(resolve));
        running++;
        try {
            return await task();
        } finally {
            running--;
            waiting.shift()?.();
        }
    };
}
