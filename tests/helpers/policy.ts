// Runs a policy object directly, without the policy pack's gRPC server, with the
// arguments built the way @pulumi/policy's server builds them (server.js,
// makeAnalyzeRpcFun / makeAnalyzeStackRpcFun): props go through a serialization
// round trip and are wrapped in unknownCheckingProxy, so a preview-unknown value
// throws UnknownValueError when a policy reads it, exactly as in a real preview.

import {
    PolicyResource, PolicyResourceOptions, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy,
    StackValidationArgs, StackValidationPolicy, UnknownValueError, unknownCheckingProxy,
} from "@pulumi/policy";

export { stackFromRoster, subprojectProps, ownerRecord, resourcesOfType } from "./stack";
export type { StackResource, StackOptions } from "./stack";
export { UnknownValueError };

/** The unknown-value sentinels of @pulumi/policy/proxy.js (internal there, so not in its typings). */
const sentinels = require("@pulumi/policy/proxy") as Record<string, string>;
export const UNKNOWN = {
    string: sentinels.unknownStringValue,
    number: sentinels.unknownNumberValue,
    boolean: sentinels.unknownBooleanValue,
    array: sentinels.unknownArrayValue,
    object: sentinels.unknownObjectValue,
} as const;
export type UnknownKind = keyof typeof UNKNOWN;

/** The value a property has during preview when it depends on an output not known yet. */
export function unknown(kind: UnknownKind = "string"): string {
    return UNKNOWN[kind];
}

/** A deep copy of `props` with the value at `dotted` (e.g. "owners" or "labels.visibility") unknown. */
export function withUnknown<T extends object>(props: T, dotted: string, kind: UnknownKind = "string"): T {
    const copy = JSON.parse(JSON.stringify(props)) as Record<string, unknown>;
    const keys = dotted.split(".");
    let cur: Record<string, unknown> = copy;
    for (const key of keys.slice(0, -1)) {
        if (typeof cur[key] !== "object" || cur[key] === null) cur[key] = {};
        cur = cur[key] as Record<string, unknown>;
    }
    cur[keys[keys.length - 1]] = UNKNOWN[kind];
    return copy as T;
}

export interface ResourceInput {
    type: string;
    name?: string;
    props: Record<string, unknown>;
    urn?: string;
    /** URN of the parent resource. */
    parent?: string;
    protect?: boolean;
}

export function urnOf(type: string, name: string, stack = "test", parentType?: string): string {
    const qualified = parentType ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::k8s-infra::${qualified}::${name}`;
}

/** Thrown by args.notApplicable(), as the server's NotApplicableError; the runners catch it. */
class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

/** Props as the policy receives them: serialized (undefined dropped, null kept) and deserialized, then proxied. */
function policyProps(props: Record<string, unknown>): Record<string, any> {
    return unknownCheckingProxy(JSON.parse(JSON.stringify(props)) as Record<string, unknown>);
}

function options(r: ResourceInput): PolicyResourceOptions {
    return {
        protect: r.protect ?? false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...(r.parent ? { parent: r.parent } : {}),
    };
}

/** isType/asType as the server implements them: by the class's __pulumiType, else its isInstance. */
function typeChecks(type: string, props: Record<string, any>) {
    const isType = (cls: unknown): boolean => {
        const c = cls as { __pulumiType?: string; isInstance?: (o: unknown) => boolean };
        if (typeof c.__pulumiType === "string") return c.__pulumiType === type;
        return typeof c.isInstance === "function" && c.isInstance({ __pulumiType: type }) === true;
    };
    return { isType, asType: (cls: unknown) => (isType(cls) ? props : undefined) } as
        Pick<ResourceValidationArgs, "isType" | "asType">;
}

function notSync(result: unknown): void {
    if (result && typeof (result as Promise<void>).then === "function") {
        throw new Error("these helpers run synchronous policies only");
    }
}

/** Runs a resource policy on one resource; returns the messages it reported (without the description). */
export function runResourcePolicy(
    policy: ResourceValidationPolicy,
    r: ResourceInput & { config?: Record<string, unknown> },
): string[] {
    const messages: string[] = [];
    const report: ReportViolation = (message: string) => { messages.push(message); };
    const name = r.name ?? "test-resource";
    const props = policyProps(r.props);
    const args: ResourceValidationArgs = {
        type: r.type,
        props,
        urn: r.urn ?? urnOf(r.type, name),
        name,
        opts: options(r),
        stackTags: new Map(),
        ...typeChecks(r.type, props),
        getConfig: <T extends object>() => ({ ...(r.config ?? {}) }) as T,
        notApplicable: (reason?: string): never => { throw new NotApplicableError(reason); },
    };
    const validations = policy.validateResource === undefined ? []
        : Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    for (const validate of validations) {
        try {
            notSync(validate(args, report));
        } catch (err) {
            if (!(err instanceof NotApplicableError)) throw err;
        }
    }
    return messages;
}

export interface StackViolation {
    message: string;
    urn: string | undefined;
}

/** Runs a stack policy on a set of resources; returns each violation with the URN it names. */
export function runStackPolicy(
    policy: StackValidationPolicy,
    resources: readonly ResourceInput[],
    config: Record<string, unknown> = {},
): StackViolation[] {
    const violations: StackViolation[] = [];
    const report: ReportViolation = (message: string, urn?: string) => { violations.push({ message, urn }); };
    const built: PolicyResource[] = resources.map(r => {
        const name = r.name ?? "test-resource";
        const props = policyProps(r.props);
        return {
            type: r.type,
            props,
            urn: r.urn ?? urnOf(r.type, name),
            name,
            opts: options(r),
            dependencies: [],
            propertyDependencies: {},
            ...typeChecks(r.type, props),
        };
    });
    const byUrn = new Map(built.map(r => [r.urn, r]));
    for (const r of built) {
        const parent = r.opts.parent ? byUrn.get(r.opts.parent) : undefined;
        if (parent) r.parent = parent;
    }
    const args: StackValidationArgs = {
        resources: built,
        stackTags: new Map(),
        getConfig: <T extends object>() => ({ ...config }) as T,
        notApplicable: (reason?: string): never => { throw new NotApplicableError(reason); },
    };
    try {
        notSync(policy.validateStack(args, report));
    } catch (err) {
        if (!(err instanceof NotApplicableError)) throw err;
    }
    return violations;
}

/** The messages alone, for assertions that do not care about URNs. */
export function messagesOf(violations: readonly StackViolation[]): string[] {
    return violations.map(v => v.message);
}
