// consumers/CHANGELOG.md keeps up with the contract: the current schema version
// has a heading (a bump without an entry fails), every version up to it has one and
// none is ahead of it, and every output and field of the contract is named in some
// entry (an additive change without its "Added" line fails).

import * as fs from "fs";
import * as path from "path";
import { OUTPUTS_SCHEMA_VERSION, contractFields } from "../../model/outputs";

const FILE = path.resolve(__dirname, "../../consumers/CHANGELOG.md");
const text = fs.readFileSync(FILE, "utf8");

/** The versions of the `## Version N` headings, in the file's order. */
function versionHeadings(markdown: string): number[] {
    return [...markdown.matchAll(/^## Version (\d+)\s*$/gm)].map(m => Number(m[1]));
}

/** The contract's paths (`clusters.<key>.location`) that no entry (the text from the first version heading on) names in backticks. */
function unnamedPaths(markdown: string, paths: readonly string[]): string[] {
    const entries = markdown.slice(Math.max(0, markdown.search(/^## Version \d+\s*$/m)));
    const named = new Set([...entries.matchAll(/`([^`]+)`/g)].map(m => m[1]));
    return paths.filter(p => !named.has(p));
}

test("the current schema version has a heading, the newest, and every version before it has one", () => {
    const versions = versionHeadings(text);
    expect(versions[0]).toBe(OUTPUTS_SCHEMA_VERSION);
    expect([...versions].sort((a, b) => b - a)).toEqual(Array.from({ length: OUTPUTS_SCHEMA_VERSION }, (_, i) => OUTPUTS_SCHEMA_VERSION - i));
});

test("every output and field of the contract is named in an entry", () => {
    expect(unnamedPaths(text, contractFields().map(f => f.path))).toEqual([]);
});

test("the checks fail on a bump without an entry and on an addition without one", () => {
    const bumped = OUTPUTS_SCHEMA_VERSION + 1;
    expect(versionHeadings(text)[0]).not.toBe(bumped);
    expect(versionHeadings("## Version 2\n\n## Version 1\n")).toEqual([2, 1]);
    expect(unnamedPaths(text, [...contractFields().map(f => f.path), "clusters.<key>.endpoint"])).toEqual(["clusters.<key>.endpoint"]);
    expect(unnamedPaths("`buckets` is named before any version\n\n## Version 1\n\n- `environment`\n", ["buckets", "environment"])).toEqual(["buckets"]);
});

test("the rule is stated where the contract is", () => {
    const header = fs.readFileSync(path.resolve(__dirname, "../../model/outputs.ts"), "utf8");
    for (const words of ["is a major version", "Breaking (bump OUTPUTS_SCHEMA_VERSION", "Additive (no bump"]) expect(header).toContain(words);
    for (const words of ["is a major version", "**Breaking**", "**Additive**, no bump"]) expect(text).toContain(words);
});
