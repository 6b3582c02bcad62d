// Reads the stack's k8s-infra config through Pulumi and checks it against the
// schema in model/config.ts. Every problem names Pulumi.<stack>.yaml, the key and,
// when the stack file is at hand, the line. A retired key (contacts) and anything
// that looks like a phone number are refused: the config holds no personal data.

import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_KEYS, NAMESPACE, RETIRED_CONFIG_KEYS, StackConfig } from "../model/config";
import { InputError, Problem, formatPath } from "../model/errors";
import { YamlFile } from "../model/yaml-file";
import { describeIssue } from "../model/schema-issues";
import { personalDataAdvice, personalDataIn, stringLeaves } from "../model/personal-data";

export interface LoadedConfig {
    config: StackConfig;
}

export function loadStackConfig(stack: string = pulumi.getStack(), projectDir = process.cwd()): LoadedConfig {
    const abs = path.join(projectDir, `Pulumi.${stack}.yaml`);
    const file = path.relative(process.cwd(), abs);
    // Only for line numbers in messages: the values come from Pulumi's config.
    const yaml = fs.existsSync(abs) ? YamlFile.read(abs, file) : undefined;
    const problems: Problem[] = [];
    const problem = (path: PropertyKey[], message: string): Problem => ({
        file,
        line: yaml?.lineOf(["config", `${NAMESPACE}:${String(path[0])}`, ...path.slice(1)]),
        at: `${NAMESPACE}:${formatPath(path)}`,
        message,
    });

    for (const key of Object.keys(pulumi.runtime.allConfig())) {
        const [ns, name] = key.split(":");
        if (ns === NAMESPACE && RETIRED_CONFIG_KEYS[name]) {
            problems.push(problem([name], RETIRED_CONFIG_KEYS[name]));
        } else if (ns === NAMESPACE && !(CONFIG_KEYS as readonly string[]).includes(name)) {
            problems.push(problem([name], `unknown key; known keys are ${CONFIG_KEYS.join(", ")}`));
        }
    }

    const raw: Record<string, unknown> = {};
    for (const key of CONFIG_KEYS) {
        const value = pulumi.runtime.getConfig(`${NAMESPACE}:${key}`);
        if (value === undefined) continue;
        raw[key] = parseValue(value);
    }
    const parsed = StackConfig.safeParse(raw);
    if (!parsed.success) {
        for (const issue of parsed.error.issues) {
            const { path: at, message } = describeIssue(issue, "check the spelling against model/config.ts");
            problems.push(problem(at, message));
        }
    }

    // Personal data in clear, anywhere in the stack's config, of any namespace (a
    // provider's too: its config reaches its inputs). E-mail addresses are IAM members
    // here, judged by the IAM policies; phone numbers never belong.
    for (const [key, text] of Object.entries(pulumi.runtime.allConfig())) {
        const [ns, name] = key.split(":");
        for (const leaf of stringLeaves(parseValue(text))) {
            const kind = personalDataIn(leaf.text, { emails: false });
            if (!kind) continue;
            problems.push(ns === NAMESPACE ? problem([name, ...leaf.path], personalDataAdvice(kind))
                : { file, line: yaml?.lineOf(["config", key, ...leaf.path]), at: formatPath([key, ...leaf.path]), message: personalDataAdvice(kind) });
        }
    }

    if (problems.length > 0 || !parsed.success) {
        throw new InputError(`stack config ${file}`, problems);
    }
    return { config: parsed.data };
}

/** Structured config arrives as JSON text; scalars as plain text. */
function parseValue(text: string): unknown {
    if (text === "true" || text === "false") return text === "true";
    if (/^[[{]/.test(text.trim())) {
        try {
            return JSON.parse(text);
        } catch {
            return text;
        }
    }
    return text;
}
