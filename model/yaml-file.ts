// A YAML file read with line numbers, so that every problem found in it, by the
// parser, the schema or a cross-reference, can name the line to fix. This is the
// one bounded YAML reader: a file that cannot be read (missing, a folder) or whose
// aliases would expand past MAX_ALIAS_COUNT (a "billion laughs") is a Problem with
// its file and line, never an exception or a hang. A text already seen to parse
// cleanly takes its value from model/yaml-cache.ts and is parsed again only when a
// reader asks for lines or nodes, and then once per process: every YamlFile of the
// same text shares that tree (a run reads the roster and the stack files in several
// places; nodes and lines are only ever read).

import * as fs from "fs";
import * as path from "path";
import { Document, LineCounter, parseDocument, isMap, isNode, visit, Node } from "yaml";
import { Problem, formatPath } from "./errors";
import { cachedValue, rememberValue, yamlCacheKey } from "./yaml-cache";

/** How far aliases may expand (the yaml package's maxAliasCount): beyond it a file is refused. */
export const MAX_ALIAS_COUNT = 100;

/** The fields that name a list entry, in the order tried: a person, a named record, an id, a zone, a group. */
const ENTRY_KEYS = ["github", "name", "id", "domain", "email-id"];

/** Everything the parser is given besides the text (part of the cache key: model/yaml-cache.ts). */
const PARSE_OPTIONS = { prettyErrors: true, uniqueKeys: true } as const;
const TO_JS_OPTIONS = { maxAliasCount: MAX_ALIAS_COUNT } as const;
const OPTIONS_KEY = JSON.stringify([PARSE_OPTIONS, TO_JS_OPTIONS]);

/** The cache key of `text` as YamlFile parses it. */
export const yamlFileCacheKey = (text: string): string => yamlCacheKey(text, OPTIONS_KEY);

type Tree = { doc: Document; lines: LineCounter };
/** Trees parsed in this process, by cache key; the oldest goes once there are more than MAX_TREES. */
const TREES = new Map<string, Tree>();
const MAX_TREES = 64;

function treeOf(key: string, text: string): Tree {
    let tree = TREES.get(key);
    if (!tree) {
        const lines = new LineCounter();
        tree = { doc: parseDocument(text, { lineCounter: lines, ...PARSE_OPTIONS }), lines };
        TREES.set(key, tree);
        if (TREES.size > MAX_TREES) TREES.delete(TREES.keys().next().value!);
    }
    return tree;
}

export class YamlFile {
    readonly problems: Problem[] = [];
    private value: unknown;
    private parsed?: Tree;

    /** `cached` is the value this text is known to parse to without a problem; the document is then made only when asked for. */
    private constructor(readonly file: string, private readonly text: string, private readonly key: string, cached?: { value: unknown }) {
        if (cached) {
            this.value = cached.value;
            return;
        }
        const { doc } = this.tree;
        for (const err of doc.errors) {
            this.problems.push({ file, line: err.linePos?.[0].line, message: `YAML syntax: ${err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}` });
        }
        if (this.problems.length > 0) return;
        try {
            this.value = doc.toJS(TO_JS_OPTIONS);
        } catch (e) {
            if (!(e instanceof ReferenceError || e instanceof RangeError)) throw e;
            this.problems.push({ file, line: this.firstAliasLine(), message: `its aliases (*name) expand too far (${e.message}); write the values out instead of repeating anchors` });
        }
    }

    /** Reads `absPath`; `displayPath` is how messages name it (relative to the project). A file that cannot be read is a problem. */
    static read(absPath: string, displayPath = path.relative(process.cwd(), absPath)): YamlFile {
        let text: string;
        try {
            text = fs.readFileSync(absPath, "utf8");
        } catch (e) {
            const file = YamlFile.parse("", displayPath);
            file.problems.push({ file: displayPath, message: readProblem(e) });
            return file;
        }
        return YamlFile.parse(text, displayPath);
    }

    static parse(text: string, displayPath: string): YamlFile {
        const key = yamlFileCacheKey(text);
        const cached = cachedValue(key);
        if (cached) return new YamlFile(displayPath, text, key, cached);
        const file = new YamlFile(displayPath, text, key);
        if (file.ok) rememberValue(key, file.value);
        return file;
    }

    /** The document and its line index, parsed now if the value came from the cache. */
    private get tree(): Tree {
        if (!this.parsed) this.parsed = treeOf(this.key, this.text);
        return this.parsed;
    }

    get ok(): boolean {
        return this.problems.length === 0;
    }

    /** The file's value (undefined when it is not ok). */
    toJS(): unknown {
        return this.value;
    }

    /** The parsed document, for readers that need the nodes (scalars as written, tags); only once `ok`. */
    get document(): Document {
        return this.tree.doc;
    }

    /** The 1-based line where `node` starts. */
    lineAt(node: Node): number | undefined {
        return node.range ? this.tree.lines.linePos(node.range[0]).line : undefined;
    }

    /** The 1-based line of the node at `keyPath`, or of its nearest ancestor that exists. */
    lineOf(keyPath: readonly PropertyKey[]): number | undefined {
        for (let n = keyPath.length; n >= 0; n--) {
            const node = this.tree.doc.getIn(keyPath.slice(0, n) as unknown[], true);
            if (isNode(node) && node.range) {
                return this.tree.lines.linePos(node.range[0]).line;
            }
        }
        return undefined;
    }

    problem(keyPath: readonly PropertyKey[], message: string): Problem {
        return { file: this.file, line: this.lineOf(keyPath), at: this.keyedPath(keyPath) || undefined, message };
    }

    /**
     * `keyPath` as a message names it: a list entry by its key field when it has one
     * (people[dara-mensah], buckets[k8s-infra-prow-results]), which stays true when
     * entries move, else by its index. `hidden` is a document path in front of
     * `keyPath` that the name leaves out (a stack file's config.<key>).
     */
    keyedPath(keyPath: readonly PropertyKey[], hidden: readonly PropertyKey[] = []): string {
        return formatPath(keyPath.map((k, i) => {
            if (typeof k !== "number") return k;
            const node = this.tree.doc.getIn([...hidden, ...keyPath.slice(0, i + 1)] as unknown[], true);
            if (!isMap(node)) return k;
            for (const field of ENTRY_KEYS) {
                const v = node.get(field);
                if (typeof v === "string" && /^[\w.@*-]+$/.test(v)) return { entry: v };
            }
            return k;
        }));
    }

    private firstAliasLine(): number | undefined {
        let line: number | undefined;
        visit(this.tree.doc, { Alias: (_, node) => { line = this.lineAt(node); return visit.BREAK; } });
        return line;
    }
}

/** Why a file could not be read, as a fix: missing, a folder, or the system's reason. */
export function readProblem(e: unknown): string {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "does not exist";
    if (code === "EISDIR") return "is a folder; a file is expected here";
    if (code === "ENOTDIR") return "is below a file, not a folder; check the path";
    return `cannot be read: ${(e as Error).message}`;
}
