// `npm run inventory -- --from DIR [--out DIR] [--declared DIR]`: reads a
// kubernetes/k8s.io tree (its audit dump, DNS zone configs, groups and
// infra.yaml), and the projects declared/ holds that its audit has not yet, and
// rewrites the inventory folder from them, whole. Exit 0: written; 2: bad arguments or bad
// input, every problem on stderr as `<file>: <what is wrong; what to do>`, and
// nothing written; 3: a bug (internal error; tools/cli-kit/run.ts). On a terminal,
// progress on stderr while it reads.

import * as fs from "fs";
import * as path from "path";
import { Problem, formatProblem } from "../../model/errors";
import { UsageError } from "../cli-kit/stack-args";
import { parseFlags } from "../cli-kit/flags";
import { progress } from "../cli-kit/progress";
import { runCli } from "../cli-kit/run";
import { buildInventory } from "./inventory";
import { PROJECTS } from "./read-projects";
import { DECLARED_DIR } from "./read-declared";
import { refusalFor, render, writeTree } from "./write-tree";

const USAGE = `usage: npm run inventory -- --from DIR [--out DIR] [--declared DIR]
  --from DIR      a kubernetes/k8s.io tree (its audit/, dns/, groups/ and infra/ folders),
                  e.g. ../shared/k8sio/2023-07
  --out DIR       the inventory folder to write (default: inventory/ in this repository);
                  it is replaced whole, so it must be new, empty, or an inventory this wrote
  --declared DIR  projects the tree's audit dump does not have yet, as k8s.io's terraform
                  declares them, one <project-id>.yaml each (default: declared/ in this repository)
  -h, --help      print this and exit`;

const DEFAULT_OUT = path.resolve(__dirname, "../../inventory");

interface Options {
    from: string;
    out: string;
    declared: { dir: string; display: string };
}

function parseOptions(argv: string[]): Options {
    const values = parseFlags(argv, { from: { type: "string" }, out: { type: "string" }, declared: { type: "string" } }, USAGE);
    if (values.from === undefined) throw new UsageError("--from is required: the k8s.io tree to read");
    if (!fs.statSync(values.from, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--from ${values.from}: no such folder`);
    if (!fs.statSync(path.join(values.from, ...PROJECTS.split("/")), { throwIfNoEntry: false })?.isDirectory()) {
        throw new UsageError(`--from ${values.from} is not a k8s.io tree: it has no ${PROJECTS}/ folder`);
    }
    const out = values.out ?? DEFAULT_OUT;
    const refusal = refusalFor(out, values.from);
    if (refusal) throw new UsageError(refusal);
    if (values.declared !== undefined && !fs.statSync(values.declared, { throwIfNoEntry: false })?.isDirectory()) {
        throw new UsageError(`--declared ${values.declared}: no such folder`);
    }
    const declared = values.declared === undefined ? { dir: DECLARED_DIR, display: "declared" }
        : { dir: path.resolve(values.declared), display: values.declared.replace(/\/+$/, "") };
    return { from: values.from, out, declared };
}

/** Reads the tree and renders every file: the texts to write, and every problem found. */
function readTree(from: string, declared: Options["declared"]): { texts: Map<string, string>; problems: Problem[] } {
    const show = progress("inventory");
    try {
        show(`reading ${from}`);
        const built = buildInventory(from, declared);
        const texts = new Map<string, string>();
        const problems = [...built.problems];
        for (const [i, file] of built.files.entries()) {
            if (i % 50 === 0) show(`checking ${built.files.length} files (${i} done)`);
            const { text, problems: p } = render(file);
            problems.push(...p);
            if (text !== undefined) texts.set(file.path, text);
        }
        return { texts, problems };
    } finally {
        show.done();
    }
}

function run(argv: string[]): number {
    const opts = parseOptions(argv);
    const { texts, problems } = readTree(opts.from, opts.declared);
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

void runCli("inventory", USAGE, run);
