// A stack's configuration exactly as the Pulumi CLI hands it to the program
// (the PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS variables), read from
// Pulumi.yaml and Pulumi.<stack>.yaml without the CLI. Secrets cannot be
// decrypted here, so they become a "[secure]" placeholder: present, not read.
// A config too large for the CLI to pass that way is refused (launch-env.ts).

import * as fs from "fs";
import * as path from "path";
import { Document, isAlias, isMap, isScalar, isSeq, Node, Pair } from "yaml";
import { InputError, Problem } from "../../model/errors";
import { YamlFile } from "../../model/yaml-file";
import { NAMESPACE } from "../../model/config";
import { goJson } from "./go-json";
import { launchProblems } from "./launch-env";
import { stackValueProblems } from "./stack-values";

/** What stands in for a secret value that cannot be decrypted offline. */
export const SECURE_PLACEHOLDER = "[secure]";

export interface StackConfig {
    /** `name` from Pulumi.yaml. */
    project: string;
    stack: string;
    /** The stack file, relative to the project directory (Pulumi.<stack>.yaml). */
    file: string;
    /** `namespace:name` → value, as in PULUMI_CONFIG: scalars as written, structured values as JSON. */
    config: Record<string, string>;
    /** Keys whose value is or contains a secret, as in PULUMI_CONFIG_SECRET_KEYS. */
    secretKeys: string[];
    /** The 1-based line of a key in the stack file (`ns:name`, or a bare name of the project's namespace). */
    lineOf(key: string): number | undefined;
}

interface Parsed {
    file: string;
    doc: Document;
    lines: { lineAt(node: Node): number | undefined };
}

export function readStackConfig(projectDir: string, stack: string): StackConfig {
    const projectFile = load(projectDir, "Pulumi.yaml");
    const project = projectName(projectFile);
    const stackFile = load(projectDir, `Pulumi.${stack}.yaml`);
    const problems: Problem[] = [];
    const config: Record<string, string> = {};
    const secret = new Set<string>();
    const keyLines = new Map<string, number>();

    // Project-level values (Pulumi.yaml `config:` with `value`/`default`, or a plain value) come first;
    // the stack file overrides them.
    for (const entry of configEntries(projectFile, project, problems)) {
        const valueNode = isMap(entry.value) && !isSecure(entry.value)
            ? (entry.value.get("value", true) ?? entry.value.get("default", true)) as Node | undefined
            : entry.value;
        if (valueNode === undefined) continue; // a declaration without a value
        const v = configValue(valueNode, projectFile.doc);
        config[entry.key] = v.text;
        if (v.secret) secret.add(entry.key); else secret.delete(entry.key);
    }
    const seen = new Set<string>();
    for (const entry of configEntries(stackFile, project, problems)) {
        if (seen.has(entry.key)) {
            problems.push({ file: stackFile.file, line: entry.line, at: entry.key, message: "is set twice (with and without its namespace)" });
            continue;
        }
        seen.add(entry.key);
        const bad = stackValueProblems(stackFile, entry.key, entry.value);
        if (bad.length > 0) {
            problems.push(...bad.map(p => ({ ...p, line: p.line ?? entry.line })));
            continue;
        }
        const v = configValue(entry.value, stackFile.doc);
        config[entry.key] = v.text;
        if (v.secret) secret.add(entry.key); else secret.delete(entry.key);
        if (entry.line !== undefined) keyLines.set(entry.key, entry.line);
    }
    if (problems.length === 0) problems.push(...launchProblems(config, [...secret], stackFile.file));
    if (problems.length > 0) {
        throw new InputError(`stack configuration of ${stack}`, problems);
    }
    return {
        project,
        stack,
        file: stackFile.file,
        config,
        secretKeys: [...secret],
        lineOf: (key: string) => keyLines.get(key) ?? keyLines.get(fullKey(key, project)),
    };
}

/** `name` → `project:name`; `ns:config:name` (the old form) → `ns:name`, as the CLI and SDK do. */
/** The stack's k8s-infra: keys (without the namespace), each value JSON-decoded where it is JSON, as the program reads them. */
export function projectConfigValues(projectDir: string, stack: string): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(readStackConfig(projectDir, stack).config)) {
        const [ns, name] = key.split(":");
        if (ns !== NAMESPACE) continue;
        try { raw[name] = JSON.parse(value); } catch { raw[name] = value; }
    }
    return raw;
}

export function fullKey(key: string, project: string): string {
    const idx = key.indexOf(":");
    if (idx < 0) return `${project}:${key}`;
    if (key.startsWith("config:", idx + 1)) return key.substring(0, idx) + ":" + key.substring(idx + 1 + "config:".length);
    return key;
}

function projectName(parsed: Parsed): string {
    const root = parsed.doc.contents;
    const nameNode = isMap(root) ? root.get("name", true) : undefined;
    const name = isScalar(nameNode) ? nameNode.value : undefined;
    if (typeof name !== "string" || name === "") {
        const line = isScalar(nameNode) ? lineAt(nameNode, parsed.lines) : undefined;
        throw new InputError(`project file ${parsed.file}`, [{ file: parsed.file, line, at: "name", message: "the project needs a `name`" }]);
    }
    return name;
}

/** The entries of a file's top-level `config:` map, with full keys and lines. */
function configEntries(parsed: Parsed, project: string, problems: Problem[]): { key: string; line?: number; value: Node | null }[] {
    const { file, doc, lines } = parsed;
    const root = doc.contents;
    if (root === null || (isScalar(root) && root.value === null)) return [];
    if (!isMap(root)) {
        problems.push({ file, line: lineAt(root, lines), message: "the file must be a YAML map" });
        return [];
    }
    const section = root.get("config", true) as Node | undefined;
    if (section === undefined || (isScalar(section) && section.value === null)) return [];
    if (!isMap(section)) {
        problems.push({ file, line: lineAt(section, lines), at: "config", message: "must be a map of key: value" });
        return [];
    }
    const entries: { key: string; line?: number; value: Node | null }[] = [];
    for (const pair of section.items as Pair<unknown, unknown>[]) {
        const keyNode = pair.key;
        const rawKey = isScalar(keyNode) ? keyNode.value : undefined;
        const line = isScalar(keyNode) ? lineAt(keyNode, lines) : undefined;
        if (typeof rawKey !== "string" || rawKey === "") {
            problems.push({ file, line, at: "config", message: `the key ${JSON.stringify(rawKey ?? String(keyNode))} is not a string` });
            continue;
        }
        entries.push({ key: fullKey(rawKey, project), line, value: (pair.value ?? null) as Node | null });
    }
    return entries;
}

/** Reads and parses a YAML file of the project (bounded: model/yaml-file.ts), throwing an InputError that names the file and line. */
function load(projectDir: string, file: string): Parsed {
    const abs = path.join(projectDir, file);
    if (!fs.existsSync(abs)) throw new InputError(`configuration file ${file}`, [{ file, message: `does not exist in ${projectDir}` }]);
    const checked = YamlFile.read(abs, file);
    if (!checked.ok) {
        throw new InputError(`configuration file ${file}`, checked.problems);
    }
    return { file, doc: checked.document, lines: checked };
}

/** Pulumi.<stack>.yaml as a document with its lines (for readers that walk it: the report's locations); throws an InputError when it does not parse. */
export function stackFileDocument(projectDir: string, stack: string): { doc: Document; lineAt(node: Node): number | undefined } {
    const parsed = load(projectDir, `Pulumi.${stack}.yaml`);
    return { doc: parsed.doc, lineAt: node => parsed.lines.lineAt(node) };
}

function lineAt(node: Node, lines: Parsed["lines"]): number | undefined {
    return lines.lineAt(node);
}

/**
 * One top-level config value as the CLI passes it: a scalar as the text written in
 * the file (so `1.20` stays "1.20"), a map or list as the JSON Go's encoding/json
 * writes, secrets anywhere inside replaced by the placeholder.
 */
function configValue(node: Node | null, doc: Document): { text: string; secret: boolean } {
    if (isAlias(node)) return configValue(node.resolve(doc) ?? null, doc);
    if (node === null) return { text: "", secret: false };
    if (isSecure(node)) return { text: SECURE_PLACEHOLDER, secret: true };
    if (isScalar(node)) {
        if (node.value === null) return { text: "", secret: false };
        if (typeof node.value === "string") return { text: node.value, secret: false };
        return { text: node.source ?? String(node.value), secret: false };
    }
    const state = { secret: false };
    return { text: goJson(structured(node, doc, state)), secret: state.secret };
}

function structured(node: unknown, doc: Document, state: { secret: boolean }): unknown {
    if (isAlias(node)) return structured(node.resolve(doc), doc, state);
    if (isSecure(node)) {
        state.secret = true;
        return SECURE_PLACEHOLDER;
    }
    if (isMap(node)) {
        const entries: [string, unknown][] = [];
        for (const pair of node.items as Pair<unknown, unknown>[]) {
            const k = isScalar(pair.key) ? pair.key.value : pair.key;
            entries.push([String(k), structured(pair.value, doc, state)]);
        }
        return Object.fromEntries(entries); // goJson sorts the keys as Go does
    }
    if (isSeq(node)) return node.items.map(item => structured(item, doc, state));
    if (isScalar(node)) return node.value ?? null;
    return null;
}

/** `{secure: "<ciphertext>"}`: a map with exactly one key, `secure`, whose value is a string. */
function isSecure(node: unknown): boolean {
    if (!isMap(node) || node.items.length !== 1) return false;
    const pair = node.items[0] as Pair<unknown, unknown>;
    return isScalar(pair.key) && pair.key.value === "secure" && isScalar(pair.value) && typeof pair.value.value === "string";
}
