// What a value in a stack file may not be, found where the file is read so that the
// problem names its line: an empty or non-text `secure:` (no ciphertext: the CLI
// cannot decrypt it, and offline it would pass for a secret), and text holding
// terminal control characters (model/control-chars.ts), in values and keys alike.

import { Document, Node, Pair, isAlias, isMap, isScalar, isSeq } from "yaml";
import { Problem } from "../../model/errors";
import { controlCharProblem } from "../../model/control-chars";

export interface ValueSource {
    file: string;
    doc: Document;
    lines: { lineAt(node: Node): number | undefined };
}

/** The problems of one top-level config entry `key` (its value `node`). */
export function stackValueProblems(src: ValueSource, key: string, node: unknown): Problem[] {
    const problems: Problem[] = [];
    const keyProblem = controlCharProblem(key);
    if (keyProblem) problems.push({ file: src.file, message: `a config key ${keyProblem}` });
    walk(src, node, key, problems, 0);
    return problems;
}

function walk(src: ValueSource, node: unknown, at: string, problems: Problem[], depth: number): void {
    if (depth > 64) return; // deeper than any config; the parser's own bounds hold the rest
    if (isAlias(node)) return walk(src, node.resolve(src.doc), at, problems, depth + 1);
    const line = isScalar(node) || isMap(node) || isSeq(node) ? src.lines.lineAt(node as Node) : undefined;
    if (isScalar(node)) {
        const problem = typeof node.value === "string" ? controlCharProblem(node.value) : undefined;
        if (problem) problems.push({ file: src.file, line, at, message: problem });
        return;
    }
    if (isSeq(node)) {
        node.items.forEach((item, i) => walk(src, item, `${at}[${i}]`, problems, depth + 1));
        return;
    }
    if (!isMap(node)) return;
    const secure = secureProblem(node);
    if (secure) {
        problems.push({ file: src.file, line, at, message: secure });
        return;
    }
    for (const pair of node.items as Pair<unknown, unknown>[]) {
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyProblem = controlCharProblem(k);
        if (keyProblem) problems.push({ file: src.file, line: isScalar(pair.key) ? src.lines.lineAt(pair.key) : line, at, message: `a key ${keyProblem}` });
        walk(src, pair.value, `${at}.${k}`, problems, depth + 1);
    }
}

/** `{secure: X}` whose X is not ciphertext: empty, or not text at all. */
function secureProblem(node: Node): string | undefined {
    if (!isMap(node) || node.items.length !== 1) return undefined;
    const pair = node.items[0] as Pair<unknown, unknown>;
    if (!isScalar(pair.key) || pair.key.value !== "secure") return undefined;
    const value = isScalar(pair.value) ? pair.value.value : pair.value;
    if (typeof value === "string" && value.trim() !== "") return undefined;
    return `secure: ${value === "" ? '""' : JSON.stringify(value ?? null)} holds no ciphertext; set the secret with \`pulumi config set --secret KEY\` (it writes the ciphertext) or remove the key`;
}
