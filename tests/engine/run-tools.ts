// Runs one engine case through either tool, as a user would: `npm run check`
// (offline) or `npm run preview:local` (the real engine), each in the case's own
// scratch copy of the project, with --format json; and compares what came out with
// what the case claims. The agreement suite and the offline corpus check share it.

import { spawnSync } from "child_process";
import * as path from "path";
import type { EngineCase } from "./case";
import { PROJECT_ROOT, projectWithStackEdit, toolArgs } from "./project-copy";
import { REGISTER } from "../../tools/ts-cache";

export type Tool = "check" | "preview-local";
type Expect = NonNullable<EngineCase["expect"]>;

export interface ToolResult {
    tool: Tool;
    exit: number | null;
    /** "stack|policy|level|urn", sorted and distinct: what agreement compares. */
    violations: string[];
    /** "policy/level", sorted and distinct: what a case's expectation names. */
    violated: string[];
    /** Input problems listed (exit 2). */
    errors: number;
    stderr: string;
    seconds: number;
}

interface JsonDoc {
    violations?: { stack: string; policy: string; level: string; urn: string }[];
    errors?: unknown[];
}

const CLI: Record<Tool, string> = { "check": "tools/check/cli.ts", "preview-local": "tools/preview-local/cli.ts" };

/** Runs `tool` on case `c` in a scratch copy of the project. */
export function runTool(tool: Tool, c: EngineCase): ToolResult {
    const copy = projectWithStackEdit(c);
    const started = Date.now();
    try {
        const res = spawnSync(process.execPath, ["-r", REGISTER, CLI[tool], ...toolArgs(c, copy), "--format", "json"], {
            cwd: PROJECT_ROOT, encoding: "utf8", timeout: 15 * 60_000, maxBuffer: 256 * 1024 * 1024,
            env: { ...process.env, TS_NODE_PROJECT: path.join(PROJECT_ROOT, "tsconfig.json") },
        });
        let doc: JsonDoc = {};
        try { doc = JSON.parse(res.stdout); } catch { /* bad arguments print no JSON */ }
        const list = doc.violations ?? [];
        return {
            tool,
            exit: res.status,
            violations: [...new Set(list.map(v => [v.stack, v.policy, v.level, v.urn].join("|")))].sort(),
            violated: [...new Set(list.map(v => `${v.policy}/${v.level}`))].sort(),
            errors: doc.errors?.length ?? 0,
            stderr: res.stderr,
            seconds: (Date.now() - started) / 1000,
        };
    } finally {
        copy.cleanup();
    }
}

/** What is wrong with `got` against `expect`, or [] when the case shows what it claims. */
export function mismatches(expect: Expect, got: ToolResult): string[] {
    const wrong: string[] = [];
    if (got.exit !== expect.exit) wrong.push(`exit ${got.exit}, expected ${expect.exit}`);
    const fires = (expect.fires ?? []).map(f => `${f.policy}/${f.level}`);
    const missing = fires.filter(f => !got.violated.includes(f));
    if (missing.length > 0) wrong.push(`missing ${missing.join(", ")}`);
    if (expect.onlyThese) {
        const extra = got.violated.filter(v => !fires.includes(v));
        if (extra.length > 0) wrong.push(`also fired ${extra.join(", ")}`);
    }
    if (expect.exit === 2 && got.errors === 0) wrong.push("exit 2 without a listed problem");
    return wrong;
}

export function describeExpect(expect: Expect | undefined): string {
    if (!expect) return "agreement only (live input)";
    const fires = (expect.fires ?? []).map(f => `${f.policy}/${f.level}`).join(", ") || "none";
    return `exit ${expect.exit}; ${expect.onlyThese ? "exactly" : "at least"}: ${fires}`;
}
