// A clone of this checkout for the slow suites of tests/roster-edit/: the working
// tree as it is (uncommitted changes and new files too, so the suites test what is
// here), sharing the installed packages (but not the workspace's own: the clone's
// policy pack loads the clone's model), in a temp folder; and the tools run there as
// a contributor runs them.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { CheckDocument } from "../../tools/report/json";

export const ROOT = path.resolve(__dirname, "../..");

export interface Run { code: number | null; signal: NodeJS.Signals | null; out: string; err: string }

export function run(cmd: string, args: string[], cwd: string, timeout = 600_000): Run {
    const res = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout, env: { ...process.env, FORCE_COLOR: "0", CI: "true" }, maxBuffer: 256 * 1024 * 1024 });
    return { code: res.status, signal: res.signal, out: res.stdout, err: res.stderr };
}

/** Makes the clone; the caller removes it (removeClone). */
export function makeClone(): string {
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), "roster-edit-"));
    const cloned = run("git", ["clone", "-q", "--no-local", ROOT, clone], ROOT);
    if (cloned.code !== 0) throw new Error(`git clone failed: ${cloned.err}`);
    const changed = run("git", ["ls-files", "-m", "-o", "--exclude-standard", "-z"], ROOT).out.split("\0").filter(Boolean);
    for (const f of changed) {
        const src = path.join(ROOT, f);
        if (!fs.existsSync(src)) { fs.rmSync(path.join(clone, f), { force: true }); continue; }
        fs.mkdirSync(path.dirname(path.join(clone, f)), { recursive: true });
        fs.copyFileSync(src, path.join(clone, f));
    }
    linkModules(clone);
    return clone;
}

/**
 * The clone's node_modules: a link to each installed package of this checkout, except
 * the workspace packages (package.json "workspaces"), which link to the clone's own folders.
 */
function linkModules(clone: string): void {
    const own = new Map<string, string>();
    for (const folder of JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).workspaces as string[]) {
        own.set(JSON.parse(fs.readFileSync(path.join(ROOT, folder, "package.json"), "utf8")).name, folder);
    }
    const modules = path.join(clone, "node_modules");
    const link = (target: string, at: string) => {
        fs.mkdirSync(path.dirname(at), { recursive: true });
        fs.symlinkSync(target, at, "dir");
    };
    for (const entry of fs.readdirSync(path.join(ROOT, "node_modules"))) {
        const names = entry.startsWith("@") ? fs.readdirSync(path.join(ROOT, "node_modules", entry)).map(n => `${entry}/${n}`) : [entry];
        for (const name of names) if (!own.has(name)) link(path.join(ROOT, "node_modules", name), path.join(modules, name));
    }
    for (const [name, folder] of own) link(path.join(clone, folder), path.join(modules, name));
}

export function removeClone(clone: string): void {
    fs.rmSync(clone, { recursive: true, force: true });
}

/** `npm run check -- --format json` in `dir`, with its document. */
export function checkJson(dir: string, args: string[] = []): { code: number | null; doc: CheckDocument; err: string } {
    const r = run("npm", ["run", "--silent", "check", "--", "--format", "json", ...args], dir);
    if (!r.out.trim().startsWith("{")) throw new Error(`the check printed no JSON document (exit ${r.code}):\n${r.err.slice(-3000)}`);
    return { code: r.code, doc: JSON.parse(r.out) as CheckDocument, err: r.err };
}

/** Runs `change` on files of `dir`, then `body`; whatever happens, the files get their text back. */
export function withChanges<T>(dir: string, files: readonly string[], change: () => void, body: () => T): T {
    const before = new Map(files.map(f => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
    try {
        change();
        if (files.every(f => fs.readFileSync(path.join(dir, f), "utf8") === before.get(f))) throw new Error(`the change left ${files.join(", ")} as they were`);
        return body();
    } finally {
        for (const [f, text] of before) fs.writeFileSync(path.join(dir, f), text);
    }
}
