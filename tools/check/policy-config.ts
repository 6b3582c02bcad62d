// The engine's reconciliation of a policy pack's configuration (Pulumi v3.248.0), so
// the offline check configures the pack as `pulumi preview --policy-pack DIR
// --policy-pack-config FILE` does, refuses what it refuses, and accepts what it accepts:
// - GetAnalyzerInfo (sdk/go/common/resource/plugin/analyzer_plugin.go): when the pack
//   supports config, every policy's schema, with or without a configSchema, gets
//   `enforcementLevel: {type: string, enum: [levels]}` injected.
// - ReconcilePolicyPackConfig (pkg/resource/analyzer/config.go): each policy's own level
//   and its schema's top-level `default`s (createConfigWithDefaults), then the pack's
//   initial config, then the file, each applied by applyConfig ("all"'s level to every
//   entry first, then each named entry, whether or not the pack has such a policy),
//   then validatePolicyPackConfig: each of the pack's policies against its schema.
// - Configure (analyzer_plugin.go): every entry is sent to the pack; one without a valid
//   level fails the update with `invalid enforcement level ""`. That is a name the pack
//   does not have, or "all", given settings but no level. A name the pack does not have,
//   given a level, reaches the pack, which ignores it: accepted here too, with a warning.
// - pkg/engine/update.go: a pack that does not support config refuses a config file.

import type { EnforcementLevel } from "@pulumi/policy";
import { InputError, Problem } from "../../model/errors";
import { ENFORCEMENT_LEVELS, PolicyPackConfig } from "../results/types";
import { PolicyConfigEntry, parsePolicyPackConfig, sourceOf } from "./policy-config-file";
import { didYouMean } from "../../model/did-you-mean";
import { ConfigSchema, SchemaError, validatePolicyConfig } from "./policy-schema";

export interface PolicyMeta {
    name: string;
    level: EnforcementLevel;
    /** The policy's configSchema, as the pack reports it (without the injected enforcementLevel). */
    schema?: ConfigSchema;
}

/** What GetAnalyzerInfo tells the engine about a pack. */
export interface PackInfo {
    name: string;
    version: string;
    /** The pack's folder, named in messages about the pack itself. */
    dir: string;
    supportsConfig: boolean;
    policies: PolicyMeta[];
    initial: Map<string, PolicyConfigEntry>;
}

export interface PolicySettings {
    level: EnforcementLevel;
    properties: Record<string, unknown>;
}

export interface Reconciled {
    /** What Configure sends: every policy, then any other name given a level. Empty: Configure is not called. */
    settings: Map<string, PolicySettings>;
    /** What the engine accepts silently but a user would want to know: names no policy has. */
    warnings: string[];
}

/** Throws an InputError listing every problem the engine would refuse the config for. */
export function reconcilePolicyConfig(pack: PackInfo, config?: PolicyPackConfig): Reconciled {
    const file = config ? sourceOf(config) : undefined;
    const given = config ? parsePolicyPackConfig(config, file!).entries : undefined;
    const subject = `policy config for policy pack ${pack.name} ${pack.version}`;
    if (!pack.supportsConfig) {
        if (file) throw new InputError(subject, [{ file, message: `policy pack "${pack.name}" at "${pack.dir}" does not support config; run without --policy-pack-config` }]);
        return { settings: new Map(), warnings: [] };
    }
    const policies = pack.policies.map(injectLevel);
    const result = createConfigWithDefaults(policies);
    applyConfig(result, pack.initial);
    if (given) applyConfig(result, given);

    const where = file ?? pack.dir;
    const known = new Set(policies.map(p => p.name));
    const problems = [...validate(policies, result, where, !!file), ...levelProblems(result, known, where)];
    if (problems.length > 0) throw new InputError(subject, problems);

    const settings = new Map<string, PolicySettings>();
    for (const [name, entry] of result) settings.set(name, { level: entry.level!, properties: entry.properties ?? {} });
    return { settings, warnings: given ? warnings(given, policies, where) : [] };
}

/** GetAnalyzerInfo's injection: enforcementLevel may only be one of the levels. */
function injectLevel(p: PolicyMeta): PolicyMeta & { schema: ConfigSchema } {
    const properties = { ...p.schema?.properties, enforcementLevel: { type: "string", enum: [...ENFORCEMENT_LEVELS] } };
    return { ...p, schema: { properties, required: p.schema?.required ?? [] } };
}

/** The engine's createConfigWithDefaults. */
function createConfigWithDefaults(policies: readonly PolicyMeta[]): Map<string, PolicyConfigEntry> {
    const result = new Map<string, PolicyConfigEntry>();
    for (const p of policies) {
        let properties: Record<string, unknown> | undefined;
        for (const [k, v] of Object.entries(p.schema?.properties ?? {})) {
            if ("default" in v) (properties ??= {})[k] = v.default;
        }
        result.set(p.name, { level: p.level, properties });
    }
    return result;
}

/** The engine's applyConfig: "all"'s level to every entry, then each given entry, known or not. */
function applyConfig(result: Map<string, PolicyConfigEntry>, toApply: ReadonlyMap<string, PolicyConfigEntry>): void {
    const all = toApply.get("all");
    if (all?.level) {
        for (const [name, entry] of result) result.set(name, { level: all.level, properties: entry.properties });
    }
    for (const [name, given] of toApply) {
        const current = result.get(name);
        let properties = current?.properties;
        if (given.properties && Object.keys(given.properties).length > 0) properties = { ...properties, ...given.properties };
        result.set(name, { level: given.level ?? current?.level, properties });
    }
}

/** The engine's validatePolicyPackConfig, each error with what to fix, sorted as the engine sorts them. */
function validate(policies: readonly (PolicyMeta & { schema: ConfigSchema })[], result: Map<string, PolicyConfigEntry>,
    where: string, fromFile: boolean): Problem[] {
    const found: Problem[] = [];
    for (const p of policies) {
        try {
            for (const issue of validatePolicyConfig(p.schema, result.get(p.name)?.properties ?? {})) {
                const how = fromFile ? "" : ` (under "${p.name}" in a file given with --policy-pack-config)`;
                found.push({ file: where, at: p.name, message: `${issue.message}; ${issue.fix}${how}` });
            }
        } catch (e) {
            if (!(e instanceof SchemaError)) throw e;
            found.push({ file: where, at: p.name, message: `the policy's configSchema is not a valid JSON Schema (${e.message}), ` +
                `so pulumi preview fails to reconcile the config too: fix configSchema in the policy pack` });
        }
    }
    return found.sort((a, b) => (`${a.at}: ${a.message}` < `${b.at}: ${b.message}` ? -1 : 1));
}

/** Configure's refusal: an entry that ends up without a level. */
function levelProblems(result: Map<string, PolicyConfigEntry>, known: ReadonlySet<string>, where: string): Problem[] {
    const refused = 'so pulumi preview fails with: invalid enforcement level ""';
    const found: Problem[] = [];
    for (const [name, entry] of result) {
        if (entry.level) continue;
        found.push({ file: where, at: name, message: name === "all"
            ? `settings under "all" without an enforcementLevel: the engine applies only the level of "all" to the policies ` +
              `and sends "all" on to the pack as an entry of its own with no level, ${refused}. ` +
              `Give "all" an enforcementLevel, or move the settings under the policies they are for`
            : `the pack has no policy "${name}" and it is given settings but no level: the engine sends it to the pack ` +
              `with no level, ${refused}. Fix the name (the pack has ${[...known].join(", ")}) or remove the entry.${didYouMean(name, known)}` });
    }
    return found;
}

function warnings(given: ReadonlyMap<string, PolicyConfigEntry>, policies: readonly PolicyMeta[], where: string): string[] {
    const known = new Set(policies.map(p => p.name));
    const found: string[] = [];
    for (const [name, entry] of given) {
        if (name === "all") {
            if (entry.properties) found.push(`${where}: "all": its settings reach no policy (the engine applies only the level of "all"); put them under each policy`);
        } else if (!known.has(name)) {
            found.push(`${where}: "${name}": the pack has no such policy, so this entry changes nothing ` +
                `(pulumi preview passes it to the pack, which ignores it); its policies are ${[...known].join(", ")}.${didYouMean(name, known)}`);
        }
    }
    return found;
}
