// `npm run risk -- --base REF`: the stacks' resources at a git REF, and in the working
// tree (or at --head REF), each from a child process that runs that tree's own program
// under its own offline runner (tools/risk/snapshot-child.ts). A REF's tree is taken
// with `git archive` into a temporary folder (with node_modules linked in): nothing in
// .git changes, so this is safe while others commit, and the folder is always removed.

import { spawn, spawnSync } from "child_process";
import { trackChild } from "../cli-kit/children";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT_PREDATES, NEEDED_FILES, TreeSnapshot } from "./snapshot-child";
import { REGISTER } from "../ts-cache";

/** Bad input that is not a file problem: an unknown REF, a tree that cannot be run. */
export class BadInput extends Error {}

const CHILD = path.join(__dirname, "snapshot-child.ts");
const CHILD_TIMEOUT_MS = 10 * 60_000;

function git(cwd: string, args: string[]): { ok: boolean; out: string; err: string } {
    const res = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (res.error) throw new BadInput(`git ${args[0]}: ${res.error.message} (is git installed?)`);
    return { ok: res.status === 0, out: res.stdout.trim(), err: res.stderr.trim() };
}

/** The commit a REF names, or BadInput saying the REF is unknown. */
export function resolveRef(projectDir: string, ref: string): string {
    if (ref.startsWith("-")) throw new BadInput(`unknown REF "${ref}": not a branch, tag or commit`);
    const top = git(projectDir, ["rev-parse", "--show-toplevel"]);
    if (!top.ok) throw new BadInput(`${projectDir} is not in a git repository, so --base/--head have nothing to read: ${top.err}`);
    const res = git(projectDir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    if (!res.ok || res.out === "") throw new BadInput(`unknown REF "${ref}": not a branch, tag or commit of ${top.out}`);
    return res.out;
}

/** Snapshots the project as committed at `commit`. */
export async function snapshotRef(projectDir: string, ref: string, commit: string): Promise<TreeSnapshot> {
    const top = git(projectDir, ["rev-parse", "--show-toplevel"]).out;
    const rel = path.relative(top, path.resolve(projectDir));
    const tmp = tempDir();
    try {
        const archive = spawnSync("git", ["archive", "--format=tar", commit], { cwd: top, maxBuffer: 1024 * 1024 * 1024 });
        if (archive.status !== 0) throw new BadInput(`git archive ${ref}: ${archive.stderr.toString().trim()}`);
        const untar = spawnSync("tar", ["-x", "-C", tmp], { input: archive.stdout });
        if (untar.status !== 0) throw new BadInput(`unpacking ${ref}: ${untar.stderr.toString().trim()}`);
        const tree = path.join(tmp, rel);
        const missing = NEEDED_FILES.filter(f => !fs.existsSync(path.join(tree, f)));
        if (missing.length > 0) throw predates(ref, missing);
        fs.symlinkSync(path.resolve(projectDir, "node_modules"), path.join(tree, "node_modules"), "dir");
        return await runChild(tree, `${ref} (${commit.slice(0, 12)})`);
    } finally {
        const link = path.join(tmp, rel, "node_modules");
        try { fs.unlinkSync(link); } catch { /* not made */ }
        removeTemp(tmp);
    }
}

/** Snapshots the working tree as it is now (uncommitted changes included). */
export function snapshotWorkingTree(projectDir: string): Promise<TreeSnapshot> {
    return runChild(path.resolve(projectDir), "the working tree");
}

// Temporary folders, removed when done, and also when the run is interrupted.
const temps = new Set<string>();
function onSignal(signal: NodeJS.Signals): void {
    for (const dir of temps) removeTemp(dir);
    process.kill(process.pid, signal);
}
function tempDir(): string {
    if (temps.size === 0) for (const s of ["SIGINT", "SIGTERM"] as const) process.once(s, onSignal);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "k8s-infra-risk-"));
    temps.add(dir);
    return dir;
}
function removeTemp(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true });
    temps.delete(dir);
    if (temps.size === 0) for (const s of ["SIGINT", "SIGTERM"] as const) process.off(s, onSignal);
}

function predates(ref: string, missing: string[]): BadInput {
    return new BadInput(`${ref} predates the offline runner: it has no ${missing.join(", ")}; pick a later --base`);
}

function runChild(tree: string, what: string): Promise<TreeSnapshot> {
    const out = path.join(tempDir(), "snapshot.json");
    const tsconfig = path.join(tree, "tsconfig.json");
    const env = { ...process.env, ...(fs.existsSync(tsconfig) ? { TS_NODE_PROJECT: tsconfig } : {}) };
    return new Promise<TreeSnapshot>((resolve, reject) => {
        const child = trackChild(spawn(process.execPath, ["-r", REGISTER, CHILD, tree, out], {
            cwd: tree, env, stdio: ["ignore", "pipe", "pipe"],
        }));
        let stderr = "";
        child.stdout.on("data", () => undefined); // the program's own logging; not ours to show
        child.stderr.on("data", d => { stderr += d; });
        const timer = setTimeout(() => child.kill("SIGKILL"), CHILD_TIMEOUT_MS);
        child.on("error", e => { clearTimeout(timer); reject(e); });
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            try {
                if (code === EXIT_PREDATES) return reject(new BadInput(`${what} predates the offline runner: ${stderr.trim()}; pick a later --base`));
                if (code !== 0) {
                    return reject(new BadInput(`the program failed for ${what} (${signal ?? `exit ${code}`}):\n${stderr.trim()}`));
                }
                resolve(JSON.parse(fs.readFileSync(out, "utf8")) as TreeSnapshot);
            } catch (e) {
                reject(e);
            } finally {
                removeTemp(path.dirname(out));
            }
        });
    });
}
