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
import { LEVELS, LEVEL_ENUM, SEVERITIES, fromPulumi, packInfo, proto } from "./analyzer-proto";
import { ENGINE_ADDRESS, Pack, PackStartOptions, StartedPack, startPack } from "./pack-process";

const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcT;
const { AnalyzerClient } = fromPulumi("@pulumi/pulumi/proto/analyzer_grpc_pb") as typeof analyzerGrpcT;
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb") as { Struct: typeof StructT };
const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb") as { Empty: typeof EmptyT };

const CALL_TIMEOUT_MS = 120_000;
// More calls in flight than the engine keeps (4 per CPU): the order of Analyze calls changes no
// result, and with more of them overlapping the round trips stop being the check's bottleneck.
const PARALLEL_CALLS = 64;

export interface AnalyzeOptions extends PackStartOptions {
    resources: CapturedResource[];
    /** The JSON of `--policy-pack-config`. */
    config?: PolicyPackConfig;
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

export async function analyzeWithPolicyPack(opts: AnalyzeOptions, started?: StartedPack): Promise<PackAnalysis> {
    const pack = await (started?.pack ?? startPack(opts));
    const client = new AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure(),
        { "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    const call = <Req, Res>(method: string, req: Req): Promise<Res> => new Promise((resolve, reject) => {
        const fn = (client as unknown as Record<string, Function>)[method];
        fn.call(client, req, new grpc.Metadata(), { deadline: Date.now() + CALL_TIMEOUT_MS }, (err: grpcT.ServiceError | null, res: Res) => {
            if (err) reject(Object.assign(err, { method })); else resolve(res);
        });
    });
    try {
        return await drive(opts, call, pack);
    } catch (e) {
        const err = e as Error & { method?: string; code?: number };
        if (err.method === undefined) throw e;
        throw new Error(`policy pack ${opts.packDir}: ${err.method} failed: ${err.message}${pack.tail()}`);
    } finally {
        client.close();
        pack.child.kill();
    }
}

type Call = <Req, Res>(method: string, req: Req) => Promise<Res>;

async function drive(opts: AnalyzeOptions, call: Call, pack: Pack): Promise<PackAnalysis> {
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
    const packName = info.getName();
    const packVersion = info.getVersion();
    const reconciled = await configure(call, info, opts);

    const policies: PolicyInfo[] = info.getPoliciesList().map(p => ({
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: reconciled.settings.get(p.getName())?.level ?? LEVELS[p.getEnforcementlevel()],
        severity: SEVERITIES[p.getSeverity()] ?? "",
    }));

    const byUrn = new Map(opts.resources.map(r => [r.urn, r]));
    const providerOf = (r: CapturedResource, props: "inputs" | "outputs") => {
        if (!r.provider) return undefined;
        const prov = byUrn.get(r.provider.substring(0, r.provider.lastIndexOf("::")));
        if (!prov) return undefined;
        return new proto.AnalyzerProviderResource().setType(prov.type).setUrn(prov.urn).setName(prov.name)
            .setProperties(prov[props]);
    };
    const violations: Violation[][] = [];
    const remediations: PackAnalysis["remediations"] = [];

    // Remediate, then Analyze, each managed resource (read resources are not analyzed).
    const managed = opts.resources.map((r, i) => ({ r, i })).filter(({ r }) => !r.external);
    await inParallel(managed, async ({ r, i }) => {
        const resOpts = options(r);
        const request = (props: StructT) => new proto.AnalyzeRequest().setType(r.type).setProperties(props).setUrn(r.urn)
            .setName(r.name).setOptions(resOpts).setProvider(providerOf(r, "inputs"));
        const remediated = await call<analyzerT.AnalyzeRequest, analyzerT.RemediateResponse>("remediate", request(r.inputs));
        let inputs = r.inputs;
        const found: Violation[] = [];
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
        // The engine goes on with the remediated inputs; a previewed create's outputs are its inputs.
        if (inputs !== r.inputs) byUrn.set(r.urn, { ...r, inputs, outputs: r.custom ? inputs : r.outputs });
        const analyzed = await call<analyzerT.AnalyzeRequest, analyzerT.AnalyzeResponse>("analyze", request(inputs));
        // The engine reports a resource's violations against that resource, whatever URN the pack gave.
        violations[i] = [...found, ...analyzed.getDiagnosticsList().map(d => violation(d, r.urn))];
    });

    // AnalyzeStack once, with every resource and its outputs.
    const stackRequest = new proto.AnalyzeStackRequest().setResourcesList(opts.resources.map(orig => {
        const r = byUrn.get(orig.urn) ?? orig;
        const res = new proto.AnalyzerResource().setType(r.type).setProperties(r.outputs).setUrn(r.urn).setName(r.name)
            .setOptions(options(r)).setProvider(providerOf(r, "outputs")).setParent(r.parent).setDependenciesList(r.dependencies);
        for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
            res.getPropertydependenciesMap().set(prop, new proto.AnalyzerPropertyDependencies().setUrnsList(urns));
        }
        return res;
    }));
    const stackAnalysis = await call<analyzerT.AnalyzeStackRequest, analyzerT.AnalyzeResponse>("analyzeStack", stackRequest);

    return {
        packName,
        packVersion,
        policies,
        violations: [...violations.flatMap(v => v ?? []), ...stackAnalysis.getDiagnosticsList().map(d => violation(d, d.getUrn()))],
        remediations,
        output: pack.output(),
        warnings: reconciled.warnings,
    };
}

/** The engine's reconciliation of the config (InputError if it refuses it), then Configure with the result. */
async function configure(call: Call, info: analyzerT.AnalyzerInfo, opts: AnalyzeOptions): Promise<Reconciled> {
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

function options(r: CapturedResource): analyzerT.AnalyzerResourceOptions {
    return new proto.AnalyzerResourceOptions()
        .setProtect(r.protect).setIgnorechangesList(r.ignoreChanges)
        .setDeletebeforereplace(r.deleteBeforeReplace).setDeletebeforereplacedefined(r.deleteBeforeReplace)
        .setAdditionalsecretoutputsList(r.additionalSecretOutputs).setAliasesList(r.aliases)
        .setCustomtimeouts(new proto.AnalyzerResourceOptions.CustomTimeouts())
        .setParent(r.parent);
}

/** A diagnostic as a Violation; the message loses the "<description>\n" the pack puts in front of it. */
function violation(d: analyzerT.AnalyzeDiagnostic, urn: string): Violation {
    const description = d.getDescription();
    let message = d.getMessage();
    if (message === description) message = "";
    else if (description && message.startsWith(`${description}\n`)) message = message.substring(description.length + 1);
    return {
        policy: d.getPolicyname(),
        pack: d.getPolicypackname(),
        packVersion: d.getPolicypackversion(),
        level: LEVELS[d.getEnforcementlevel()],
        severity: SEVERITIES[d.getSeverity()] ?? "",
        urn,
        description,
        message,
    };
}

async function inParallel<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
        while (next < items.length) await fn(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_CALLS, items.length) }, worker));
}
