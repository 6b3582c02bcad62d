// The README's steps, run as written: the local-trial block (marked
// `engine-suite: local-trial`) line by line, each with the exit code its comment
// names; and every `pulumi` command of the "With the Pulumi CLI" block checked
// against the pinned CLI (the command exists and takes each flag the README gives),
// since its backend and KMS key are real GCP, which this suite cannot reach.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { cliEnv, ensurePinnedCli } from "../../tools/pulumi-cli/pinned";

const ROOT = path.resolve(__dirname, "../..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The lines of the first ```sh block after `marker`, or of the section headed `heading`. */
function shBlockAfter(marker: string): string[] {
    const at = README.indexOf(marker);
    expect(at).toBeGreaterThanOrEqual(0);
    const block = /```sh\n([\s\S]*?)```/.exec(README.slice(at));
    expect(block).not.toBeNull();
    return block![1].split("\n").filter(l => l.trim() !== "");
}

describe("the local-trial steps", () => {
    const lines = shBlockAfter("engine-suite: local-trial");
    test.each(lines.map(l => [l]))("%s", line => {
        const [command, comment = ""] = line.split(/\s+#\s+/);
        const wanted = /^exit (\d)/.exec(comment);
        const res = spawnSync("bash", ["-c", command], { cwd: ROOT, encoding: "utf8", timeout: 15 * 60_000, maxBuffer: 64 * 1024 * 1024 });
        expect({ line, code: res.status, tail: res.stderr.split("\n").slice(-5) })
            .toEqual({ line, code: wanted ? Number(wanted[1]) : 0, tail: expect.anything() });
        if (/^v\d/.test(comment)) expect(res.stdout).toContain(comment.split(" ")[0]);
    });
});

describe("the 'With the Pulumi CLI' steps", () => {
    const cli = ensurePinnedCli();
    const commands = shBlockAfter("## With the Pulumi CLI").map(l => l.replace(/#.*$/, "").trim()).filter(l => l.startsWith("pulumi "));
    test.each(commands.map(c => [c]))("%s: the pinned CLI has the command and its flags", command => {
        const words = command.split(/\s+/).slice(1);
        const sub = words.filter((w, i) => !w.startsWith("-") && (i === 0 || !words[i - 1].startsWith("--"))).slice(0, words[0] === "stack" ? 2 : 1);
        const flags = words.filter(w => w.startsWith("--")).map(w => w.split("=")[0]);
        const help = spawnSync(cli.pulumi, [...sub, "--help"], { encoding: "utf8", env: { ...cliEnv(cli), PULUMI_SKIP_UPDATE_CHECK: "true" } });
        expect(help.status).toBe(0);
        for (const flag of flags) expect({ command, flag, known: help.stdout.includes(`${flag} `) }).toEqual({ command, flag, known: true });
    });
});
