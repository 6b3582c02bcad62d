// The command lines under hostile and careless use (issue 10): SIGTERM to the check
// while its policy pack runs leaves no process behind; --as-of takes only days the
// calendar has, in every CLI that takes it; --output never goes into a missing
// folder or over one of the command's inputs. All exit 2 (or 128+signal), no trace.

import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "../helpers/cli";
import { REGISTER } from "../../tools/ts-cache";

const ROSTER = "tests/fixtures/engine-cases/baseline-roster";
const ENV = { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") };
const cli = (tool: string, args: string[]) => spawnSync(process.execPath, ["-r", REGISTER, `tools/${tool}/cli.ts`, ...args],
    { cwd: ROOT, encoding: "utf8", timeout: 60_000, env: ENV });

/** The pids of `pid`'s descendants, from /proc. */
function descendants(pid: number): number[] {
    const parentOf = new Map<number, number>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
            parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
        } catch { /* gone meanwhile */ }
    }
    const out: number[] = [];
    const walk = (p: number) => { for (const [c, pp] of parentOf) if (pp === p) { out.push(c); walk(c); } };
    walk(pid);
    return out;
}
const alive = (pid: number) => {
    try { return !/^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8")); } catch { return false; }
};
const cmdline = (pid: number) => { try { return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " "); } catch { return ""; } };

test("SIGTERM to the check while the policy pack runs ends the pack too, and the check exits 143", async () => {
    const check = spawn(process.execPath, ["-r", REGISTER, "tools/check/cli.ts", "--stack", "prod", "--roster", ROSTER],
        { cwd: ROOT, env: ENV, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    check.stderr.on("data", d => { stderr += d; });
    const exited = new Promise<number | null>(resolve => check.on("exit", code => resolve(code)));
    let pack: number[] = [];
    for (let i = 0; i < 600 && pack.length === 0; i++) {
        await new Promise(r => setTimeout(r, 100));
        pack = descendants(check.pid!).filter(p => cmdline(p).includes("policy-pack"));
    }
    expect(pack.length).toBeGreaterThan(0);
    const family = descendants(check.pid!);
    check.kill("SIGTERM");
    expect(await exited).toBe(143);
    await new Promise(r => setTimeout(r, 200));
    expect(family.filter(alive).map(p => `${p}: ${cmdline(p)}`)).toEqual([]);
    expect(stderr).not.toMatch(/internal error/);
}, 90_000);

test.each([
    ["check", ["--stack", "prod"]],
    ["status", []],
    ["preview-local", ["--stack", "prod"]],
])("%s --as-of 2026-02-30 is exit 2 with the usage", (tool, args) => {
    const run = cli(tool, [...args, "--as-of", "2026-02-30"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`--as-of must be a real calendar day YYYY-MM-DD, not "2026-02-30"`);
    expect(run.stderr).toContain("usage:");
});

test.each([
    [["--runs", "x"], "--runs a whole count"],
    [["--sizes", "10,ten"], "--sizes takes whole numbers"],
    [["--bogus"], "Unknown option '--bogus'"],
])("bench %j is bad input: exit 2 with the usage, before any measurement", (args, message) => {
    const run = cli("bench", args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain("usage: npm run bench");
    expect(run.stdout).toBe("");
});

describe("--output", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-cli-"));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    const input = path.join(dir, "check.json");
    fs.writeFileSync(input, "{}");

    test.each([
        ["report into a missing folder", "report", ["--check-json", input, "--output", "/nonexistent/x.md"], /\/nonexistent does not exist/],
        ["report over its --check-json", "report", ["--check-json", input, "--output", input], /one of this command's inputs/],
        ["report over a stack file", "report", ["--event-log", input, "--output", "Pulumi.prod.yaml"], /one of this command's inputs/],
        ["preview-local into a missing folder", "preview-local", ["--stack", "prod", "--output", "/nonexistent/x.md"], /\/nonexistent does not exist/],
        ["preview-local into the roster", "preview-local", ["--stack", "prod", "--roster", ROSTER, "--output", `${ROSTER}/people.yaml`], /inside/],
    ])("%s is exit 2 and writes nothing", (_what, tool, args, message) => {
        const before = fs.readFileSync(input, "utf8");
        const run = cli(tool, args);
        expect(run.stderr).toMatch(message);
        expect(run.status).toBe(2);
        expect(run.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
        expect(fs.readFileSync(input, "utf8")).toBe(before);
    });
});
