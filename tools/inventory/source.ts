// The k8s.io tree being read (`--from`): every file named by its path relative
// to the tree, every problem collected instead of thrown, and a record of which
// files were read, so that a project's files nobody read are listed, not dropped.

import * as fs from "fs";
import * as path from "path";
import { parseDocument, visit } from "yaml";
import { MAX_ALIAS_COUNT } from "../../model/yaml-file";
import type { z } from "zod";
import { Problem, formatPath } from "../../model/errors";
import { describeIssue } from "../../model/schema-issues";

/** What to do about a broken audit file, said once for all of them. */
export const AUDIT_ADVICE = "fix the dump (re-run the audit for it) or teach tools/inventory this form";

export class Source {
    readonly problems: Problem[] = [];
    /** Files read, by path relative to the tree. */
    readonly consumed = new Set<string>();

    constructor(readonly root: string) {}

    abs(rel: string): string {
        return path.join(this.root, ...rel.split("/"));
    }

    problem(file: string, message: string): void {
        this.problems.push({ file, message });
    }

    exists(rel: string): boolean {
        return fs.existsSync(this.abs(rel));
    }

    isDir(rel: string): boolean {
        return fs.statSync(this.abs(rel), { throwIfNoEntry: false })?.isDirectory() ?? false;
    }

    isFile(rel: string): boolean {
        return fs.statSync(this.abs(rel), { throwIfNoEntry: false })?.isFile() ?? false;
    }

    /** The names in a folder, sorted; [] when it does not exist. */
    list(rel: string): string[] {
        if (!this.isDir(rel)) return [];
        try {
            return fs.readdirSync(this.abs(rel)).sort(compare);
        } catch (err) {
            this.problem(rel, `cannot be listed (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the tree is complete and readable`);
            return [];
        }
    }

    /** Every file under `rel` (following symbolic links), relative to `rel`, sorted. */
    walk(rel: string, ancestors: ReadonlySet<string> = new Set()): string[] {
        if (!this.isDir(rel)) return [];
        const real = fs.realpathSync(this.abs(rel));
        if (ancestors.has(real)) {
            this.problem(rel, "is a symbolic link to a folder it is in (a loop); remove the link");
            return [];
        }
        const out: string[] = [];
        for (const name of this.list(rel)) {
            const child = `${rel}/${name}`;
            if (this.isDir(child)) out.push(...this.walk(child, new Set([...ancestors, real])).map(f => `${name}/${f}`));
            else out.push(name);
        }
        return out;
    }

    /** A file's text, or undefined (with a problem) when it cannot be read. */
    text(rel: string): string | undefined {
        this.consumed.add(rel);
        try {
            return fs.readFileSync(this.abs(rel), "utf8");
        } catch (err) {
            this.problem(rel, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the tree is complete`);
            return undefined;
        }
    }

    /** A JSON file, parsed; `emptyAs` is what an empty file means (for tools that print nothing for "none"). */
    json(rel: string, emptyAs?: unknown): unknown {
        const text = this.text(rel);
        if (text === undefined) return undefined;
        if (text.trim() === "" && emptyAs !== undefined) return emptyAs;
        try {
            return JSON.parse(text);
        } catch (err) {
            this.problem(rel, `is not valid JSON (${(err as Error).message}); ${AUDIT_ADVICE}`);
            return undefined;
        }
    }

    /**
     * A YAML file, parsed (duplicate keys refused). `as` reads it the way its own
     * tool does: "pyyaml" (YAML 1.1, OctoDNS); "go-strings" (a plain scalar is its
     * text and null is absent, as Go's yaml.v2 fills string fields: the groups reconciler).
     */
    yaml(rel: string, advice: string, as?: "pyyaml" | "go-strings"): unknown {
        const text = this.text(rel);
        if (text === undefined) return undefined;
        const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, ...(as === "pyyaml" ? { version: "1.1" as const } : {}) });
        if (doc.errors.length > 0) {
            const err = doc.errors[0];
            const line = err.linePos?.[0].line;
            this.problems.push({ file: rel, line, message: `is not valid YAML (${err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}); ${advice}` });
            return undefined;
        }
        if (as === "go-strings") {
            visit(doc, {
                Scalar(_, node) {
                    if (node.type === "PLAIN" && node.value !== null && typeof node.value !== "string" && node.range) node.value = text.slice(node.range[0], node.range[1]);
                },
            });
        }
        let value: unknown;
        try {
            // Bounded as every reader of this project's files is (model/yaml-file.ts): an alias bomb is a problem, not a hang.
            value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
        } catch (err) {
            this.problems.push({ file: rel, message: `expands its YAML aliases more than ${MAX_ALIAS_COUNT} times (${(err as Error).message}); ${advice}` });
            return undefined;
        }
        return as === "go-strings" ? withoutNulls(value) : value;
    }

    /** `value` checked against `schema`: the parsed value, or undefined with one problem per issue. */
    check<S extends z.ZodType>(rel: string, schema: S, value: unknown, advice: string, at: PropertyKey[] = []): z.infer<S> | undefined {
        if (value === undefined) return undefined;
        const res = schema.safeParse(value);
        if (res.success) return res.data;
        for (const issue of res.error.issues) {
            const { path: where, message } = describeIssue(issue, advice);
            this.problems.push({ file: rel, at: formatPath([...at, ...where]) || undefined, message: message.includes(advice) ? message : `${message}; ${advice}` });
        }
        return undefined;
    }

    /** A JSON file read and checked in one go. */
    jsonOf<S extends z.ZodType>(rel: string, schema: S, advice = AUDIT_ADVICE, emptyAs?: unknown): z.infer<S> | undefined {
        return this.check(rel, schema, this.json(rel, emptyAs), advice);
    }
}

/** Go's yaml.v2 leaves a field at its zero value for null: the same as leaving it out. */
function withoutNulls(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(withoutNulls);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

/** Sorted copy, by a string key (code-point order, the same on every machine). */
export function sortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
    return [...items].sort((a, b) => compare(key(a), key(b)));
}

export function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** An object with its keys in sorted order (the writer sorts again; this keeps in-memory data stable too). */
export function sortedRecord<V>(entries: Iterable<[string, V]>): Record<string, V> {
    return Object.fromEntries(sortBy([...entries], ([k]) => k));
}

/** A JSON value with its object keys sorted, for ordering lists of objects the same way every run. */
export function canonical(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(canonical);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => compare(a, b)).map(([k, v]) => [k, canonical(v)]));
}
