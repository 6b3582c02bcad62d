// How the engine records what a program registers: a RegisterResource or
// ReadResource request from @pulumi/pulumi becomes a CapturedResource with the
// engine's URN, aliases, options and serialized inputs, and every custom resource
// without an explicit provider gets the engine's default provider. The mock run
// (run-program.ts) feeds it requests; the policy pack and the reports read what
// comes out.

import * as path from "path";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type { Struct as StructT } from "google-protobuf/google/protobuf/struct_pb";
import { CapturedResource } from "../results/types";
import { qualifiedTypeOf } from "../../model/urn";

/** How the SDK serializes an unknown value (preview): the engine's UnknownStringValue. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** How the SDK marks a secret: `{ [SECRET_SIG_KEY]: SECRET_SIG, value }`. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** Modules as @pulumi/pulumi itself loads them: the same google-protobuf classes the SDK's requests are made of. */
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
export const fromPulumi = (id: string): unknown => require(require.resolve(id, { paths: [pulumiDir] }));
export const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb") as { Struct: typeof StructT };

/** The URN the engine gives a resource: parent's qualified type chain, without the Stack's type. */
export function engineUrn(stack: string, project: string, parentUrn: string, type: string, name: string): string {
    let qualifiedType = type;
    if (parentUrn) {
        const parentType = qualifiedTypeOf(parentUrn);
        if (parentType !== ROOT_STACK_TYPE) qualifiedType = `${parentType}$${type}`;
    }
    return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

/** What the default providers need of the run: the stack's config, and which keys are secret. */
interface ProviderConfig {
    config: Record<string, string>;
    secretKeys: string[];
}

export function fromRegistration(req: resproto.RegisterResourceRequest, urn: string, project: string, stack: string): CapturedResource {
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
        // The same Struct: nothing changes a captured Struct (a remediation replaces it).
        outputs: req.getCustom() ? inputs : new Struct(),
    };
}

/** A resource read with `get` (or `{ id }`): the engine records it, but never sends it to Analyze. */
export function fromRead(req: resproto.ReadResourceRequest, urn: string, state: StructT | undefined): CapturedResource {
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
 * `assign` gives a resource its default provider as soon as it is captured (so that it can
 * be analyzed at once, as the engine does); `inOrder` lists the resources as the engine
 * holds them, each default provider just before the first resource that uses it.
 */
export class DefaultProviders {
    private readonly providers = new Map<string, CapturedResource>();
    private readonly users = new Map<CapturedResource, CapturedResource>();

    constructor(private readonly opts: ProviderConfig, private readonly project: string, private readonly stack: string) {}

    /** Sets `resource.provider` if it takes a default one; returns that provider when this is its first user. */
    assign(resource: CapturedResource, version: string): CapturedResource | undefined {
        const pkg = resource.type.split(":")[0];
        const needsDefault = resource.custom && resource.provider === "" && pkg !== "pulumi" &&
            !resource.type.startsWith("pulumi:providers:");
        if (!needsDefault) return undefined;
        const key = `${pkg}@${version}`;
        let provider = this.providers.get(key);
        const created = provider === undefined;
        if (!provider) {
            provider = defaultProvider(pkg, version, this.opts, this.project, this.stack);
            this.providers.set(key, provider);
        }
        resource.provider = `${provider.urn}::${provider.name}-id`;
        this.users.set(resource, provider);
        return created ? provider : undefined;
    }

    inOrder(resources: CapturedResource[]): CapturedResource[] {
        const result: CapturedResource[] = [];
        const placed = new Set<CapturedResource>();
        for (const resource of resources) {
            const provider = this.users.get(resource);
            if (provider && !placed.has(provider)) {
                placed.add(provider);
                result.push(provider);
            }
            result.push(resource);
        }
        return result;
    }
}

function defaultProvider(pkg: string, version: string, opts: ProviderConfig, project: string, stack: string): CapturedResource {
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
        outputs: inputs,
    };
}
