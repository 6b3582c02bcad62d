// The tools' folders are layers whose imports point one way: the inputs (stack-config)
// and the results (results/) import no other tool; the engine emulation (check/) builds
// on them; renderers (report/, docs/) on those; the CLIs on all. A cycle between two
// folders is a back arrow, and this test names the files that make it.

import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../helpers/cli";

const TOOLS = path.join(ROOT, "tools");
const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

/** folder -> folder it imports -> the files (relative to tools/) that import it. */
function folderImports(): Map<string, Map<string, string[]>> {
    const graph = new Map<string, Map<string, string[]>>();
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
        e.isDirectory() ? walk(path.join(dir, e.name)) : /\.(ts|js)$/.test(e.name) ? [path.join(dir, e.name)] : []);
    for (const file of walk(TOOLS)) {
        const from = path.relative(TOOLS, file).split(path.sep)[0];
        for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(SPECIFIER)) {
            const target = path.relative(TOOLS, path.resolve(path.dirname(file), spec));
            const to = target.split(path.sep)[0];
            if (target.startsWith("..") || to === from) continue;
            const edges = graph.get(from) ?? new Map<string, string[]>();
            graph.set(from, edges);
            edges.set(to, [...(edges.get(to) ?? []), path.relative(TOOLS, file)]);
        }
    }
    return graph;
}

/** One cycle of folders, as "a -> b -> a", or undefined when there is none. */
function findCycle(graph: Map<string, Map<string, string[]>>): string[] | undefined {
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (node: string): string[] | undefined => {
        if (state.get(node) === "done") return undefined;
        if (state.get(node) === "open") return [...stack.slice(stack.indexOf(node)), node];
        state.set(node, "open");
        stack.push(node);
        for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
            const cycle = visit(next);
            if (cycle) return cycle;
        }
        stack.pop();
        state.set(node, "done");
        return undefined;
    };
    for (const node of [...graph.keys()].sort()) {
        const cycle = visit(node);
        if (cycle) return cycle;
    }
    return undefined;
}

test("no folder of tools/ imports one that imports it back", () => {
    const graph = folderImports();
    const cycle = findCycle(graph);
    const witnesses = cycle?.slice(1).map((to, i) => `${cycle[i]} -> ${to} (${graph.get(cycle[i])!.get(to)!.join(", ")})`);
    expect(witnesses).toBeUndefined();
});

test("the inputs and results layers import no other tool", () => {
    const graph = folderImports();
    for (const base of ["results", "stack-config", "ts-cache"]) expect([base, [...(graph.get(base)?.keys() ?? [])]]).toEqual([base, []]);
});

test("the cycle finder finds a back arrow, and only one that is there", () => {
    const edges = (pairs: [string, string][]) => {
        const g = new Map<string, Map<string, string[]>>();
        for (const [a, b] of pairs) g.set(a, new Map([...(g.get(a) ?? new Map<string, string[]>()), [b, [`${a}/x.ts`]]]));
        return g;
    };
    expect(findCycle(edges([["check", "results"], ["report", "results"], ["report", "check"]]))).toBeUndefined();
    expect(findCycle(edges([["check", "report"], ["report", "results"], ["results", "check"]]))).toEqual(["check", "report", "results", "check"]);
});
