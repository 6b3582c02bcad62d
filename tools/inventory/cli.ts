// `npm run inventory -- --from DIR [--out DIR]`: reads a kubernetes/k8s.io tree
// (its audit dump, DNS zone configs, groups and infra.yaml) and rewrites the
// inventory folder from it, whole. Exit 0: written; 2: bad arguments or bad
// input, every problem on stderr as `<file>: <what is wrong; what to do>`, and
// nothing written; 3: a bug (internal error).

import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { formatProblem } from "../../model/errors";
import { UsageError } from "../cli-kit/stack-args";
import { buildInventory } from "./inventory";
import { PROJECTS } from "./read-projects";
import { refusalFor, render, writeTree } from "./write-tree";

const USAGE = `usage: npm run inventory -- --from DIR [--out DIR]
  --from DIR   a kubernetes/k8s.io tree (its audit/, dns/, groups/ and infra/ folders),
               e.g. ../shared/k8sio/2023-07
  --out DIR    the inventory folder to write (default: inventory/ in this repository);
               it is replaced whole, so it must be new, empty, or an inventory this wrote`;

const DEFAULT_OUT = path.resolve(__dirname, "../../inventory");

interface Options {
    from: string;
    out: string;
}

function parseOptions(argv: string[]): Options {
    let values;
    try {
        values = parseArgs({
            args: argv,
            options: { from: { type: "string" }, out: { type: "string" }, help: { type: "boolean", short: "h" } },
            strict: true,
            allowPositionals: false,
        }).values;
    } catch (err) {
        throw new UsageError((err as Error).message);
    }
    if (values.help) {
        process.stdout.write(USAGE + "\n");
        process.exit(0);
    }
    if (values.from === undefined) throw new UsageError("--from is required: the k8s.io tree to read");
    if (!fs.statSync(values.from, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--from ${values.from}: no such folder`);
    if (!fs.statSync(path.join(values.from, ...PROJECTS.split("/")), { throwIfNoEntry: false })?.isDirectory()) {
        throw new UsageError(`--from ${values.from} is not a k8s.io tree: it has no ${PROJECTS}/ folder`);
    }
    const out = values.out ?? DEFAULT_OUT;
    const refusal = refusalFor(out, values.from);
    if (refusal) throw new UsageError(refusal);
    return { from: values.from, out };
}

function run(argv: string[]): number {
    let opts: Options;
    try {
        opts = parseOptions(argv);
    } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        process.stderr.write(`inventory: ${err.message}\n${USAGE}\n`);
        return 2;
    }
    const built = buildInventory(opts.from);
    const texts = new Map<string, string>();
    const problems = [...built.problems];
    for (const file of built.files) {
        const { text, problems: p } = render(file);
        problems.push(...p);
        if (text !== undefined) texts.set(file.path, text);
    }
    if (problems.length > 0) {
        for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
        process.stderr.write(`inventory: ${problems.length} problem${problems.length === 1 ? "" : "s"} in ${opts.from}; nothing was written\n`);
        return 2;
    }
    writeTree(opts.out, texts);
    const count = (prefix: string) => [...texts.keys()].filter(k => k.startsWith(prefix)).length;
    process.stdout.write(`inventory: wrote ${texts.size} files to ${path.relative(process.cwd(), opts.out) || "."}: ` +
        `${count("projects/")} projects, ${count("dns/")} DNS zones, ${count("groups/")} groups files, infra.yaml, organization.yaml\n`);
    return 0;
}

try {
    process.exitCode = run(process.argv.slice(2));
} catch (err) {
    process.stderr.write(`inventory: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 3;
}
