// A YAML file read with line numbers, so that every problem found in it, by the
// parser, the schema or a cross-reference, can name the line to fix.

import * as fs from "fs";
import * as path from "path";
import { Document, LineCounter, parseDocument, isNode } from "yaml";
import { Problem, formatPath } from "./errors";

export class YamlFile {
    readonly problems: Problem[] = [];
    private constructor(readonly file: string, private readonly doc: Document, private readonly lines: LineCounter) {
        for (const err of doc.errors) {
            this.problems.push({ file, line: err.linePos?.[0].line, message: `YAML syntax: ${err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}` });
        }
    }

    /** Reads `absPath`; `displayPath` is how messages name it (relative to the project). */
    static read(absPath: string, displayPath = path.relative(process.cwd(), absPath)): YamlFile {
        const text = fs.readFileSync(absPath, "utf8");
        return YamlFile.parse(text, displayPath);
    }

    static parse(text: string, displayPath: string): YamlFile {
        const lines = new LineCounter();
        const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
        return new YamlFile(displayPath, doc, lines);
    }

    get ok(): boolean {
        return this.problems.length === 0;
    }

    toJS(): unknown {
        return this.doc.toJS();
    }

    /** The 1-based line of the node at `keyPath`, or of its nearest ancestor that exists. */
    lineOf(keyPath: readonly PropertyKey[]): number | undefined {
        for (let n = keyPath.length; n >= 0; n--) {
            const node = this.doc.getIn(keyPath.slice(0, n) as unknown[], true);
            if (isNode(node) && node.range) {
                return this.lines.linePos(node.range[0]).line;
            }
        }
        return undefined;
    }

    problem(keyPath: readonly PropertyKey[], message: string): Problem {
        return { file: this.file, line: this.lineOf(keyPath), at: formatPath(keyPath) || undefined, message };
    }
}
