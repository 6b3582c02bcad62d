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
import type { z } from "zod";
import { DUPLICATE_OF } from "../model/service-config/unique";
import { environmentMismatch } from "../model/environment";
import { controlCharProblem } from "../model/control-chars";
import { folderProblems } from "./config-folders";
import { didYouMean } from "../model/did-you-mean";
import { SERVICE_IDS } from "../model/services";
import { personalDataAdvice, personalDataIn, stringLeaves } from "../model/personal-data";

/** The file whose schema defines the config at `path`: a service's own (model/service-config/<id>.ts), else model/config.ts. */
function schemaFileOf(path: readonly PropertyKey[]): string {
    const id = path[0] === "services" ? String(path[1]) : undefined;
    return id && (SERVICE_IDS as readonly string[]).includes(id) ? `model/service-config/${id}.ts` : "model/config.ts";
}

/** services.gcs.buckets[k8s-infra-prow-results]: a list entry by its key where the stack file names one, else by index. */
function configPath(yaml: YamlFile | undefined, path: readonly PropertyKey[]): string {
    if (!yaml || path.length === 0) return formatPath(path);
    const rest = yaml.keyedPath(path.slice(1), ["config", `${NAMESPACE}:${String(path[0])}`]);
    return rest === "" ? String(path[0]) : rest.startsWith("[") ? `${String(path[0])}${rest}` : `${String(path[0])}.${rest}`;
}

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
        at: `${NAMESPACE}:${configPath(yaml, path)}`,
        message,
    });

    for (const key of Object.keys(pulumi.runtime.allConfig())) {
        const [ns, name] = key.split(":");
        if (ns === NAMESPACE && RETIRED_CONFIG_KEYS[name]) {
            problems.push(problem([name], RETIRED_CONFIG_KEYS[name]));
        } else if (ns === NAMESPACE && !(CONFIG_KEYS as readonly string[]).includes(name)) {
            problems.push(problem([name], `unknown key; known keys are ${CONFIG_KEYS.join(", ")}.${didYouMean(name, CONFIG_KEYS)}`));
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
            const { path: at, message } = describeIssue(issue, `check the spelling against ${schemaFileOf(issue.path)}`, StackConfig);
            problems.push(problem(at, message + otherPlace(issue, at, problem)));
        }
    }
    if (parsed.success) problems.push(...folderProblems(parsed.data, projectDir).map(f => problem(f.at, f.message)));
    const mismatch = environmentMismatch(stack, raw.environment);
    if (mismatch) problems.push(problem(["environment"], mismatch));

    // Personal data in clear, anywhere in the stack's config, of any namespace (a
    // provider's too: its config reaches its inputs). E-mail addresses are IAM members
    // here, judged by the IAM policies; phone numbers never belong.
    for (const [key, text] of Object.entries(pulumi.runtime.allConfig())) {
        const [ns, name] = key.split(":");
        for (const leaf of stringLeaves(parseValue(text))) {
            const control = controlCharProblem(leaf.text);
            if (control) problems.push({ file, line: yaml?.lineOf(["config", key, ...leaf.path]), at: formatPath([key, ...leaf.path]), message: control });
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

/** For an entry that repeats another's name (model/service-config/unique.ts): where the other one is. */
function otherPlace(issue: z.core.$ZodIssue, at: PropertyKey[], problem: (path: PropertyKey[], message: string) => Problem): string {
    const other = issue.code === "custom" ? (issue.params?.[DUPLICATE_OF] as PropertyKey[] | undefined) : undefined;
    if (!other) return "";
    // The issue's path ends with the entry's path relative to the refined value, which has the other's shape.
    const base = at.slice(0, at.length - other.length);
    const where = problem([...base, ...other], "");
    return `; the other is at ${where.file}${where.line ? `:${where.line}` : ""} (${where.at})`;
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
