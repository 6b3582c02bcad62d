// `npm run docs -- --check` says which generated files are stale or missing, and the
// fix, exit 1, and writes nothing; exit 0 when all are fresh. On a temporary copy of
// the repository (--root), never on the real tree. And the comparison itself
// (tools/docs/stale.ts), which a report can call: a list, no output.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadRoster } from "../../model/roster/load";
import { compareWithDisk, staleFiles } from "../../tools/docs/stale";
import { ROOT } from "../helpers/cli";
import { REGISTER } from "../../tools/ts-cache";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "docs-check-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function docs(args: string[]) {
    const res = spawnSync(process.execPath, ["-r", REGISTER, "tools/docs/generate.ts", ...args],
        { cwd: ROOT, encoding: "utf8", timeout: 120_000, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") } });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Every file under `dir`, relative, with its bytes: what "writes nothing" is checked against. */
function snapshot(dir: string): Map<string, string> {
    const out = new Map<string, string>();
    const walk = (rel: string) => {
        for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
            const r = path.join(rel, e.name);
            if (e.isDirectory()) walk(r);
            else out.set(r, fs.readFileSync(path.join(dir, r), "latin1"));
        }
    };
    walk("");
    return out;
}

describe("npm run docs -- --check on a copy of the repository", () => {
    const repo = path.join(tmp, "repo");
    beforeAll(() => {
        // What the generator reads (roster, README, stack files, service folders) and what it writes; not the
        // tests, the dependencies or git.
        fs.cpSync(ROOT, repo, { recursive: true, verbatimSymlinks: true, filter: src => !/[/\\](node_modules|\.git|tests|bin)$/.test(src) });
        // The copy is made fresh first (the real tree may be mid-edit): this writes into the copy only.
        const write = docs(["--root", repo]);
        expect([write.code, write.stderr]).toEqual([0, ""]);
    }, 180_000);

    test("all fresh: exit 0, said first, nothing written", () => {
        const before = snapshot(repo);
        const run = docs(["--root", repo, "--check"]);
        expect([run.code, run.stderr]).toEqual([0, ""]);
        expect(run.stdout).toMatch(/^docs: fresh: all \d+ generated files are up to date\n$/);
        expect(snapshot(repo)).toEqual(before);
    }, 120_000);

    test("a stale file and a missing one: exit 1, each named with its state and the fix, nothing written", () => {
        fs.appendFileSync(path.join(repo, "docs/staffing.md"), "\nan edit by hand\n");
        fs.rmSync(path.join(repo, "OWNERS"));
        const before = snapshot(repo);
        const run = docs(["--root", repo, "--check"]);
        expect(run.code).toBe(1);
        expect(run.stderr).toBe("");
        expect(run.stdout).toBe("docs: stale: 2 generated files are out of date; run npm run docs to rewrite them:\n" +
            "  missing  OWNERS\n" +
            "  stale    docs/staffing.md\n");
        expect(snapshot(repo)).toEqual(before);

        const roster = loadRoster(path.join(repo, "roster"), "roster");
        expect(staleFiles(roster, repo, fs.readFileSync(path.join(repo, "README.md"), "utf8")))
            .toEqual([{ file: "OWNERS", state: "missing" }, { file: "docs/staffing.md", state: "stale" }]);
    }, 120_000);

    test("--root that is not a repository is bad input: exit 2 with the usage", () => {
        const run = docs(["--root", tmp, "--check"]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(`${tmp} has no roster; give the repository with --root DIR`);
        expect(run.stderr).toContain("usage: npm run docs");
    }, 60_000);
});

test("compareWithDisk: stale, missing (a folder in a file's place is missing too), fresh left out; sorted; writes nothing", () => {
    const dir = fs.mkdtempSync(path.join(tmp, "compare-"));
    fs.writeFileSync(path.join(dir, "fresh.md"), "same\n");
    fs.writeFileSync(path.join(dir, "stale.md"), "old\n");
    fs.mkdirSync(path.join(dir, "folder.md"));
    const before = snapshot(dir);
    expect(compareWithDisk({ "stale.md": "new\n", "fresh.md": "same\n", "gone/missing.md": "x", "folder.md": "y" }, dir)).toEqual([
        { file: "folder.md", state: "missing" },
        { file: "gone/missing.md", state: "missing" },
        { file: "stale.md", state: "stale" },
    ]);
    expect(compareWithDisk({ "fresh.md": "same\n" }, dir)).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
});
