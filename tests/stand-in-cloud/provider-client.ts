// A small gRPC client of the ResourceProvider service, for driving a stand-in
// cloud process the way the engine does. It uses the same copies of grpc-js,
// the generated protos and google-protobuf that @pulumi/pulumi (and so the
// provider's server) uses, as tools/check/run-policy-pack.ts does.

import * as path from "path";
import type * as grpcT from "@grpc/grpc-js";
import type * as provT from "@pulumi/pulumi/proto/provider_pb";
import type * as provGrpcT from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as pluginT from "@pulumi/pulumi/proto/plugin_pb";
import type { Struct as StructT } from "google-protobuf/google/protobuf/struct_pb";
import type { Empty as EmptyT } from "google-protobuf/google/protobuf/empty_pb";

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = (id: string): unknown => require(require.resolve(id, { paths: [pulumiDir] }));
export const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcT;
export const proto = fromPulumi("@pulumi/pulumi/proto/provider_pb") as typeof provT;
const { ResourceProviderClient } = fromPulumi("@pulumi/pulumi/proto/provider_grpc_pb") as typeof provGrpcT;
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb") as { Struct: typeof StructT };
const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb") as { Empty: typeof EmptyT };

type Props = Record<string, unknown>;
const struct = (p: Props) => Struct.fromJavaScript(p as Record<string, any>);
const js = (s: StructT | undefined) => (s?.toJavaScript() ?? {}) as Props;

export interface DiffAnswer { changes: "some" | "none" | "unknown"; replaces: string[]; deleteBeforeReplace: boolean }

export class ProviderClient {
    private client: provGrpcT.ResourceProviderClient;

    constructor(port: number) {
        this.client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    }

    close(): void { this.client.close(); }

    private call<Req, Res>(method: string, req: Req): Promise<Res> {
        return new Promise((resolve, reject) => {
            const fn = (this.client as unknown as Record<string, Function>)[method];
            fn.call(this.client, req, (err: grpcT.ServiceError | null, res: Res) => (err ? reject(err) : resolve(res)));
        });
    }

    async pluginVersion(): Promise<string> {
        return (await this.call<EmptyT, pluginT.PluginInfo>("getPluginInfo", new Empty())).getVersion();
    }

    async configure(): Promise<provT.ConfigureResponse> {
        return this.call("configure", new proto.ConfigureRequest().setArgs(struct({})));
    }

    async handshake(): Promise<unknown> {
        return this.call("handshake", new proto.ProviderHandshakeRequest().setEngineAddress("127.0.0.1:1"));
    }

    async schema(): Promise<Props> {
        const res = await this.call<provT.GetSchemaRequest, provT.GetSchemaResponse>("getSchema", new proto.GetSchemaRequest());
        return JSON.parse(res.getSchema()) as Props;
    }

    async check(urn: string, news: Props, olds: Props = {}): Promise<{ inputs: Props; failures: number }> {
        const req = new proto.CheckRequest().setUrn(urn).setOlds(struct(olds)).setNews(struct(news));
        const res = await this.call<provT.CheckRequest, provT.CheckResponse>("check", req);
        return { inputs: js(res.getInputs()), failures: res.getFailuresList().length };
    }

    async create(urn: string, props: Props): Promise<{ id: string; props: Props }> {
        const req = new proto.CreateRequest().setUrn(urn).setProperties(struct(props));
        const res = await this.call<provT.CreateRequest, provT.CreateResponse>("create", req);
        return { id: res.getId(), props: js(res.getProperties()) };
    }

    /** Without props, the request has no properties struct at all, as `pulumi import` sends it. */
    async read(id: string, urn: string, props?: Props): Promise<{ id: string; props?: Props; inputs?: Props }> {
        const req = new proto.ReadRequest().setId(id).setUrn(urn);
        if (props) req.setProperties(struct(props));
        const res = await this.call<provT.ReadRequest, provT.ReadResponse>("read", req);
        // Absent structs stay absent: "not found" is an empty id and no properties.
        return {
            id: res.getId(),
            ...(res.hasProperties() ? { props: js(res.getProperties()) } : {}),
            ...(res.hasInputs() ? { inputs: js(res.getInputs()) } : {}),
        };
    }

    async diff(id: string, urn: string, olds: Props, news: Props): Promise<DiffAnswer> {
        const req = new proto.DiffRequest().setId(id).setUrn(urn).setOlds(struct(olds)).setNews(struct(news));
        const res = await this.call<provT.DiffRequest, provT.DiffResponse>("diff", req);
        const C = proto.DiffResponse.DiffChanges;
        const changes = res.getChanges() === C.DIFF_SOME ? "some" : res.getChanges() === C.DIFF_NONE ? "none" : "unknown";
        return { changes, replaces: res.getReplacesList(), deleteBeforeReplace: res.getDeletebeforereplace() };
    }

    async update(id: string, urn: string, olds: Props, news: Props): Promise<Props> {
        const req = new proto.UpdateRequest().setId(id).setUrn(urn).setOlds(struct(olds)).setNews(struct(news));
        return js((await this.call<provT.UpdateRequest, provT.UpdateResponse>("update", req)).getProperties());
    }

    async delete(id: string, urn: string, props: Props): Promise<void> {
        await this.call("delete", new proto.DeleteRequest().setId(id).setUrn(urn).setProperties(struct(props)));
    }

    async invoke(tok: string, args: Props = {}): Promise<unknown> {
        return this.call("invoke", new proto.InvokeRequest().setTok(tok).setArgs(struct(args)));
    }
}

export const urnOf = (type: string, name: string, stack = "test") => `urn:pulumi:${stack}::stand-in-test::${type}::${name}`;
