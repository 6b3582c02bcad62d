// `--policy-pack-config FILE` read as the Pulumi CLI v3.248.0 reads it
// (pkg/resource/analyzer/config.go: LoadPolicyPackConfigAndEnvironmentsFromFile,
// parsePolicyPackConfig, extractEnforcementLevel), so that the offline check refuses
// what `pulumi preview` refuses and accepts what it accepts: an empty file is no
// config; a top-level "environments" key names ESC environments, not a policy; each
// other key is a policy (or "all"), whose value is a level or an object of settings
// with an optional "enforcementLevel". Policy names are not checked here (the
// engine does not check them at all; see policy-config.ts).

import * as fs from "fs";
import type { EnforcementLevel } from "@pulumi/policy";
import { InputError, Problem } from "../../model/errors";
import { ENFORCEMENT_LEVELS, isLevel, PolicyPackConfig } from "../results/types";
import { DATED_RULES } from "../../model/rules";


/** One policy's entry, the engine's plugin.AnalyzerPolicyConfig: a level, settings, or both. */
export interface PolicyConfigEntry {
    level?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

export interface ParsedPolicyPackConfig {
    /** Policy name (or "all") → entry; entries with neither a level nor settings are dropped, as the engine does. */
    entries: Map<string, PolicyConfigEntry>;
    environments: string[];
}

/** Which file a config object was read from, for messages (set by readPolicyPackConfigFile or the CLI). */
const sources = new WeakMap<object, string>();

export function withSource<T extends object>(config: T, file: string): T {
    sources.set(config, file);
    return config;
}

/** The file `config` came from, or how it was given. */
export function sourceOf(config: object): string {
    return sources.get(config) ?? "--policy-pack-config";
}

/** Go's unicode.IsSpace, which strings.TrimSpace trims (not U+FEFF, unlike String.prototype.trim). */
const GO_SPACE_ONLY = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** Reads and checks FILE as the CLI does; throws an InputError naming it. An empty file is `{}`. */
export function readPolicyPackConfigFile(file: string): PolicyPackConfig {
    const fail = (message: string) => new InputError(`--policy-pack-config ${file}`, [{ file, message }]);
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw fail(code === "ENOENT" ? "no such file" : `cannot be read: ${(e as Error).message}`);
    }
    if (GO_SPACE_ONLY.test(text)) return withSource({}, file);
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (e) {
        throw fail(`is not JSON: ${(e as Error).message}`);
    }
    parsePolicyPackConfig(value, file);
    return withSource((value ?? {}) as PolicyPackConfig, file);
}

/** The engine's parsePolicyPackConfig on decoded JSON; throws an InputError listing every problem. */
export function parsePolicyPackConfig(value: unknown, file: string): ParsedPolicyPackConfig {
    const entries = new Map<string, PolicyConfigEntry>();
    // JSON `null` decodes into Go's map as nothing at all.
    if (value === null || value === undefined) return { entries, environments: [] };
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new InputError(`--policy-pack-config ${file}`, [{ file, message:
            `must be a JSON object of policy name -> level or settings, not ${Array.isArray(value) ? "an array" : `a ${typeof value}`} ` +
            `(the CLI fails with "json: cannot unmarshal ${Array.isArray(value) ? "array" : typeof value === "boolean" ? "bool" : typeof value} into Go value of type map[string]interface {}")` }]);
    }
    const problems: Problem[] = [];
    let environments: string[] = [];
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
        if (name === "environments") {
            environments = parseEnvironments(v, file, problems);
            continue;
        }
        const entry = parseEntry(name, v, file, problems);
        if (entry) entries.set(name, entry);
    }
    if (problems.length > 0) throw new InputError(`--policy-pack-config ${file}`, problems);
    return { entries, environments };
}

const LEVEL_LIST = ENFORCEMENT_LEVELS.join(", ");

function parseEntry(name: string, value: unknown, file: string, problems: Problem[]): PolicyConfigEntry | undefined {
    const fail = (message: string): undefined => { problems.push({ file, at: name || '""', message }); return undefined; };
    if (typeof value === "string") {
        if (!isLevel(value)) return fail(`"${value}" is not a valid enforcement level; use one of ${LEVEL_LIST}`);
        return { level: value };
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return fail(`${JSON.stringify(value)} is not a valid value; it must be a string (an enforcement level: ${LEVEL_LIST}) ` +
            `or an object of the policy's settings, with an optional "enforcementLevel"`);
    }
    const { enforcementLevel, ...properties } = value as Record<string, unknown>;
    let level: EnforcementLevel | undefined;
    if (enforcementLevel !== undefined) { // absent (JSON has no undefined)
        if (typeof enforcementLevel !== "string") {
            return fail(`enforcementLevel: ${JSON.stringify(enforcementLevel)} is not a valid enforcement level; it must be a string, one of ${LEVEL_LIST}`);
        }
        if (!isLevel(enforcementLevel)) return fail(`enforcementLevel: "${enforcementLevel}" is not a valid enforcement level; use one of ${LEVEL_LIST}`);
        level = enforcementLevel;
    }
    const hasProperties = Object.keys(properties).length > 0;
    if (!level && !hasProperties) return undefined; // "Don't bother including empty configs."
    return hasProperties ? { level, properties } : { level };
}

/**
 * "environments": ESC environments, which only a Pulumi Cloud backend resolves
 * (pkg/engine/update.go: "specifies ESC environments but the current backend does not
 * support them"). This project's state is in a self-managed gs:// backend, and the check
 * cannot resolve them either, so any environment is refused; an empty list is nothing.
 */
function parseEnvironments(value: unknown, file: string, problems: Problem[]): string[] {
    const fail = (message: string): string[] => { problems.push({ file, at: "environments", message }); return []; };
    if (!Array.isArray(value)) return fail(`must be an array of strings (ESC environment names), not ${JSON.stringify(value)}`);
    const bad = value.findIndex(v => typeof v !== "string");
    if (bad >= 0) return fail(`environments[${bad}] must be a string, not ${JSON.stringify(value[bad])}`);
    if (value.length > 0) {
        return fail(`names ESC environments (${value.join(", ")}), which need a Pulumi Cloud backend: with this project's ` +
            `self-managed backend pulumi preview refuses them ("the current backend does not support them"), and the offline ` +
            `check cannot resolve them. Remove "environments" and put the settings in this file.`);
    }
    return [];
}


/**
 * What `--policy-pack-config FILE --as-of DATE` amount to, for the check and for a real
 * preview alike: the file as the CLI reads it, with `asOf` added to the settings of
 * the rules judged against a date. Undefined when neither is given.
 */
export function policyConfigFor(file: string | undefined, asOf: string | undefined): PolicyPackConfig | undefined {
    const config = file ? readPolicyPackConfigFile(file) : undefined;
    if (asOf === undefined) return config;
    const merged: PolicyPackConfig = { ...config };
    for (const rule of DATED_RULES) {
        const current = merged[rule];
        merged[rule] = typeof current === "string" ? { enforcementLevel: current, asOf } : { ...current, asOf };
    }
    return withSource(merged, file ?? "--as-of");
}
