// The engine's reconciliation of a policy pack's configuration: each policy's own
// level and schema defaults, then the pack's initial config, then the
// `--policy-pack-config` JSON ("all" first, then per policy), then a check of the
// result against each policy's config schema. The result is what Configure sends.

import { Level, PolicyPackConfig } from "./types";

export const LEVELS: readonly Level[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface PolicyMeta {
    name: string;
    level: Level;
    schema?: { properties: Record<string, Record<string, unknown>>; required: string[] };
}

export interface PolicySettings {
    level: Level;
    properties: Record<string, unknown>;
}

interface Given {
    level?: Level;
    properties: Record<string, unknown>;
}

/**
 * Throws an Error naming every problem: an unknown level, a value that is neither a level
 * nor an object, a policy name the pack does not have (the CLI ignores those silently;
 * here a typo should not quietly leave a policy at its default), a property the schema
 * requires but nobody set, or a property of the wrong JSON type.
 */
export function reconcilePolicyConfig(
    policies: readonly PolicyMeta[],
    initial: readonly [string, Given][],
    config: PolicyPackConfig,
    subject: string,
): Map<string, PolicySettings> {
    const problems: string[] = [];
    const known = new Set(policies.map(p => p.name));
    const given: [string, Given][] = [];
    for (const [name, value] of Object.entries(config)) {
        const parsed = parseEntry(name, value, problems);
        if (!parsed) continue;
        if (name !== "all" && !known.has(name)) {
            problems.push(`"${name}": the pack has no such policy (it has ${[...known].join(", ") || "none"})`);
            continue;
        }
        given.push([name, parsed]);
    }

    const result = new Map<string, PolicySettings>();
    for (const p of policies) {
        const properties: Record<string, unknown> = {};
        for (const [prop, schema] of Object.entries(p.schema?.properties ?? {})) {
            if ("default" in schema) properties[prop] = schema.default;
        }
        result.set(p.name, { level: p.level, properties });
    }
    apply(result, initial.filter(([name]) => name === "all" || known.has(name)));
    apply(result, given);

    for (const p of policies) {
        if (!p.schema) continue;
        const props = result.get(p.name)!.properties;
        for (const req of p.schema.required) {
            if (!(req in props)) problems.push(`"${p.name}": ${req} is required`);
        }
        for (const [prop, value] of Object.entries(props)) {
            const expected = p.schema.properties[prop]?.type;
            if (typeof expected === "string" && !hasType(value, expected)) {
                problems.push(`"${p.name}": ${prop} must be of type ${expected}, not ${JSON.stringify(value)}`);
            }
            const allowed = p.schema.properties[prop]?.enum;
            if (Array.isArray(allowed) && !allowed.some(a => JSON.stringify(a) === JSON.stringify(value))) {
                problems.push(`"${p.name}": ${prop} must be one of ${allowed.map(a => JSON.stringify(a)).join(", ")}`);
            }
        }
    }
    if (problems.length > 0) {
        throw new Error(`${subject}: ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
            problems.map(p => `  ${p}`).join("\n"));
    }
    return result;
}

function parseEntry(name: string, value: unknown, problems: string[]): Given | undefined {
    if (typeof value === "string") {
        if (!isLevel(value)) {
            problems.push(`"${name}": "${value}" is not an enforcement level (${LEVELS.join(", ")})`);
            return undefined;
        }
        return { level: value, properties: {} };
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        problems.push(`"${name}": ${JSON.stringify(value)} is neither an enforcement level nor an object`);
        return undefined;
    }
    const { enforcementLevel, ...properties } = value as Record<string, unknown>;
    if (enforcementLevel !== undefined && !(typeof enforcementLevel === "string" && isLevel(enforcementLevel))) {
        problems.push(`"${name}": enforcementLevel ${JSON.stringify(enforcementLevel)} is not one of ${LEVELS.join(", ")}`);
        return undefined;
    }
    if (enforcementLevel === undefined && Object.keys(properties).length === 0) return undefined; // the CLI skips empty entries
    return { level: enforcementLevel as Level | undefined, properties };
}

/** The engine's applyConfig: "all" sets every policy's level, then each policy's own entry. */
function apply(result: Map<string, PolicySettings>, entries: readonly [string, Given][]): void {
    const all = entries.find(([name]) => name === "all")?.[1];
    if (all?.level) {
        for (const settings of result.values()) settings.level = all.level;
    }
    for (const [name, g] of entries) {
        const settings = result.get(name);
        if (name === "all" || !settings) continue;
        if (g.level) settings.level = g.level;
        Object.assign(settings.properties, g.properties);
    }
}

function isLevel(s: string): s is Level {
    return (LEVELS as readonly string[]).includes(s);
}

function hasType(value: unknown, type: string): boolean {
    switch (type) {
        case "string": return typeof value === "string";
        case "number": return typeof value === "number";
        case "integer": return Number.isInteger(value);
        case "boolean": return typeof value === "boolean";
        case "array": return Array.isArray(value);
        case "object": return value !== null && typeof value === "object" && !Array.isArray(value);
        case "null": return value === null;
        default: return true;
    }
}
