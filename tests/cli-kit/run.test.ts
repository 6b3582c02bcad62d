// The exit-code contract every `npm run` tool keeps through tools/cli-kit/run.ts:
// 0 ok, 1 a finding, 2 bad input (bad arguments with the usage; an InputError with
// its problems), 3 an internal fault, without a stack trace unless asked for
// (K8S_INFRA_DEBUG=1). And the progress line, which only a terminal sees.

import { spawnSync } from "child_process";
import * as path from "path";
import { InputError } from "../../model/errors";
import { CLOSED_PIPE_EXIT, DEBUG_ENV, failure } from "../../tools/cli-kit/run";
import { progress } from "../../tools/cli-kit/progress";
import { UsageError } from "../../tools/cli-kit/stack-args";
import { ROOT } from "../helpers/cli";
import { REGISTER } from "../../tools/ts-cache";
import { BIG_LINES } from "./fixtures/faulty-cli";

const FIXTURE = path.join(__dirname, "fixtures", "faulty-cli.ts");
const TRACE = /\n\s+at .*:\d+/;

function faulty(args: string[], env: Record<string, string> = {}) {
    const base: NodeJS.ProcessEnv = { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") };
    delete base[DEBUG_ENV];
    const res = spawnSync(process.execPath, ["-r", REGISTER, FIXTURE, ...args],
        { cwd: ROOT, encoding: "utf8", timeout: 60_000, env: { ...base, ...env } });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe("a tool run through runCli, from outside", () => {
    test.each([
        ["ok", 0, "fine\n"],
        ["finding", 1, "blocked: one finding\n"],
    ])("--end %s: exit %d, its own output, nothing on stderr", (end, code, stdout) => {
        expect(faulty(["--end", end])).toEqual({ code, stdout, stderr: "" });
    });

    test("--exit: everything written reaches the pipe before process.exit ends the tool", () => {
        for (const args of [["--end", "big"], ["--end", "big", "--exit"]]) {
            const run = spawnSync(process.execPath, ["-r", REGISTER, FIXTURE, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
            expect({ args, code: run.status, bytes: run.stdout.length, last: run.stdout.slice(-4) }).toEqual({ args, code: 0, bytes: BIG_LINES * 100 + 4, last: "end\n" });
        }
    });

    test("a reader that stops early (| head -1): the tool ends quietly with 128+SIGPIPE, no EPIPE trace", () => {
        const script = `node -r '${REGISTER}' '${FIXTURE}' --end big | head -1; echo "exit \${PIPESTATUS[0]}" >&2`;
        const run = spawnSync("bash", ["-c", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000,
            env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") } });
        expect({ stdout: run.stdout, stderr: run.stderr }).toEqual({ stdout: `${"x".repeat(99)}\n`, stderr: `exit ${CLOSED_PIPE_EXIT}\n` });
    });

    test("bad arguments: exit 2, the message and the usage on stderr", () => {
        for (const args of [["--end", "usage"], ["--bogus"], ["stray"]]) {
            const run = faulty(args);
            expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: "" });
            expect(run.stderr).toMatch(/^faulty: /);
            expect(run.stderr).toContain("usage: faulty --end");
        }
        expect(faulty(["--bogus"]).stderr).toContain("Unknown option '--bogus'");
        expect(faulty(["stray"]).stderr).toContain("Unexpected argument 'stray'");
    });

    test("bad input (an InputError): exit 2, each problem with file and line, no usage", () => {
        const run = faulty(["--end", "input"]);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe("faulty: roster (roster/): 1 problem to fix:\n  roster/people.yaml:3: a broken line; fix it\n");
    });

    test.each(["fault", "reject", "throw-string"])("--end %s: exit 3, `internal error`, no stack trace", end => {
        const run = faulty(["--end", end]);
        expect(run.code).toBe(3);
        expect(run.stderr).toMatch(/^faulty: internal error: (boom: a bug in the tool|cannot read properties of undefined|a thrown string)\n/);
        expect(run.stderr).not.toMatch(TRACE);
        expect(run.stderr).toContain(`${DEBUG_ENV}=1`);
        expect(run.stderr).not.toContain("usage:");
    });

    test("a failure after a terminating signal is the stop's, not a fault: exit 143, no internal error", () => {
        expect(faulty(["--end", "stopped"])).toEqual({ code: 143, stdout: "", stderr: "faulty: SIGTERM: stopping\n" });
    });

    test(`${DEBUG_ENV}=1 puts the stack trace in an internal error`, () => {
        const run = faulty(["--end", "fault"], { [DEBUG_ENV]: "1" });
        expect(run.code).toBe(3);
        expect(run.stderr).toMatch(/^faulty: internal error: boom/);
        expect(run.stderr).toMatch(TRACE);
    });

    test("--help: the usage on stdout, exit 0", () => {
        expect(faulty(["--help"])).toEqual({ code: 0, stdout: "usage: faulty --end ok|finding|big|usage|input|fault|reject|throw-string|stopped [--exit]\n", stderr: "" });
        expect(faulty(["-h"]).code).toBe(0);
    });
});

describe("failure()", () => {
    test("maps each kind of error to its exit code and text", () => {
        expect(failure("t", "usage: t", new UsageError("bad"), false)).toEqual({ code: 2, text: "t: bad\nusage: t\n" });
        const input = new InputError("x", [{ file: "f", message: "m" }]);
        expect(failure("t", "usage: t", input, false)).toEqual({ code: 2, text: `t: ${input.message}\n` });
        const fault = failure("t", "usage: t", new RangeError("r"), false);
        expect(fault.code).toBe(3);
        expect(fault.text).toMatch(/^t: internal error: r\n/);
        expect(fault.text).not.toMatch(TRACE);
        expect(failure("t", "usage: t", new RangeError("r"), true).text).toMatch(TRACE);
    });
});

describe("progress()", () => {
    const stream = (isTTY: boolean) => {
        const written: string[] = [];
        return { written, s: { isTTY, write: (t: string) => { written.push(t); return true; } } as unknown as NodeJS.WriteStream };
    };

    test("writes nothing when the stream is not a terminal", () => {
        const { written, s } = stream(false);
        const show = progress("bench", s);
        show("prod: run 1 of 3");
        show.done();
        expect(written).toEqual([]);
    });

    test("on a terminal: one line rewritten in place, cleared when done", () => {
        const { written, s } = stream(true);
        const show = progress("bench", s);
        show("prod: run 1 of 3");
        show("prod: run 2 of 3");
        show.done();
        expect(written).toEqual(["\rbench: prod: run 1 of 3\x1b[K", "\rbench: prod: run 2 of 3\x1b[K", "\r\x1b[K"]);
        expect(written.join("")).not.toContain("\n");
    });
});
