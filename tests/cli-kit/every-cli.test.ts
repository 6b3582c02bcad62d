// Every CLI behaves alike (issue 11): each `npm run` script that is a tool of ours
// prints its usage on --help (exit 0), and refuses an unknown flag with the flag
// named and the usage (exit 2), before doing any work; each reads its flags with
// parseFlags (which refuses a stray argument too) and ends through runCli. The
// list comes from package.json, so a new script is tested here, or skipped below with
// its reason: a script that is neither fails the first test.

import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../helpers/cli";
import { REGISTER } from "../../tools/ts-cache";

const SCRIPTS = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

/** Scripts that are not one of our CLIs (or not one this can run), and why. */
const SKIPPED: Record<string, string> = {
    "pulumi": "a pass-through to the pinned Pulumi CLI: --help and unknown flags are Pulumi's, and running it builds the CLI (needs Go, minutes)",
    "test": "the test suite (tsc, then jest), not a tool",
    "typecheck": "tsc, not a tool of ours",
    "test:engine": "jest's real-engine suite, not a tool",
    "test:roster-edit": "jest's roster-edit suite (tests/roster-edit/), not a tool",
    "fixtures:event-logs": "a maintainer's script under tests/ that regenerates recorded event logs with the real engine",
};

/** `node -r ./tools/ts-cache/register.js tools/<tool>/<file>.ts`: the script's entry file. */
const TOOL = /^node -r \.\/tools\/ts-cache\/register\.js (tools\/[\w-]+\/[\w-]+\.ts)$/;

const tools = Object.entries(SCRIPTS).filter(([name]) => !(name in SKIPPED)).map(([name, cmd]) => ({ name, cmd, file: TOOL.exec(cmd)?.[1] }));

interface Run { code: number | null; stdout: string; stderr: string }

function run(file: string, args: string[]): Promise<Run> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["-r", REGISTER, file, ...args],
            { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") }, stdio: ["ignore", "pipe", "pipe"], timeout: 90_000 });
        let stdout = "", stderr = "";
        child.stdout.on("data", d => { stdout += d; });
        child.stderr.on("data", d => { stderr += d; });
        child.on("error", reject);
        child.on("close", code => resolve({ code, stdout, stderr }));
    });
}

test("every script is a CLI tested here or skipped with a reason", () => {
    expect(tools.filter(t => !t.file).map(t => `${t.name}: ${t.cmd}`)).toEqual([]);
    expect(Object.keys(SKIPPED).filter(name => !(name in SCRIPTS))).toEqual([]); // no reason for a script that is gone
    for (const t of tools) expect(fs.existsSync(path.join(ROOT, t.file!))).toBe(true);
    expect(tools.length).toBeGreaterThanOrEqual(10);
});

test("every tool, the pass-through included, ends through the one runner (tools/cli-kit/run.ts) and reads its flags with parseFlags", () => {
    const files = [...tools.map(t => t.file!), "tools/pulumi-cli/cli.ts"];
    const source = (f: string) => fs.readFileSync(path.join(ROOT, f), "utf8");
    expect(files.filter(f => !/\brunCli\(/.test(source(f)))).toEqual([]);
    // parseFlags: --help / -h, and an unknown flag or a stray argument refused with the usage. Not util.parseArgs by hand.
    expect(tools.map(t => t.file!).filter(f => !/\bparseFlags\(/.test(source(f)) || /\bparseArgs\(/.test(source(f)))).toEqual([]);
    // The one place that maps errors to exit codes; no tool prints its own "internal error".
    expect(files.filter(f => /internal error: /.test(fs.readFileSync(path.join(ROOT, f), "utf8").replace(/^\s*(\/\/|\*).*$/gm, "")))).toEqual([]);
});

describe.each(tools.filter(t => t.file).map(t => [t.name, t.file!] as const))("npm run %s", (name, file) => {
    test("--help prints the usage on stdout and exits 0; an unknown flag is exit 2 with the flag named and the usage", async () => {
        // Each spawn costs seconds of module loading: -h and a stray argument are parseFlags' (the test above
        // holds every tool to it), and tests/cli-kit/run.test.ts shows them once.
        const [help, flag] = await Promise.all([run(file, ["--help"]), run(file, ["--no-such-flag"])]);
        expect({ code: help.code, stderr: help.stderr }).toEqual({ code: 0, stderr: "" });
        expect(help.stdout).toMatch(new RegExp(`^usage: npm run ${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`));
        expect(help.stdout).toMatch(/-h, --help/);
        // Every flag the tool declares to parseFlags (`"name": { type: ... }`) is in its usage.
        const declared = [...fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(/"?([A-Za-z][\w-]*)"?: \{ type: "(?:string|boolean)"/g)].map(m => m[1]);
        expect(declared.length).toBeGreaterThan(0);
        expect(declared.filter(f => !help.stdout.includes(`--${f}`))).toEqual([]);
        expect({ code: flag.code, stdout: flag.stdout }).toEqual({ code: 2, stdout: "" });
        expect(flag.stderr).toContain("Unknown option '--no-such-flag'");
        expect(flag.stderr).toContain(help.stdout.trimEnd());
        expect(flag.stderr).not.toMatch(/internal error: |\n\s+at .*:\d+/);
    }, 180_000);
});
