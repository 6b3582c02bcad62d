// `npm run bench` with its smallest options (one run; synthetic stacks of 1 and 2
// subprojects): the verdict first, and each figure that has a goal says where it stands
// against it (the real prod stack under 10 s; each growth step at most 1.2 of linear; the pack
// phase against in-process; the cost per resource and a 700-resource stack's whole process);
// exit 0 when every figure meets its goal, 1 when one misses. Its --help names the goals.

import { spawnSync } from "child_process";
import * as path from "path";
import { ROOT } from "../helpers/cli";
import { REGISTER } from "../../tools/ts-cache";

function bench(args: string[]) {
    const res = spawnSync(process.execPath, ["-r", REGISTER, "tools/bench/cli.ts", ...args],
        { cwd: ROOT, encoding: "utf8", timeout: 300_000, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") } });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const STANDS = String.raw`\(goal (<|≤) [\d.]+( m?s)?: (within, [\d.]+( m?s)? to spare|over by [\d.]+( m?s)?)\)`;

test("--sizes 1,2 --runs 1: verdict first, every figure with a goal against it, the exit code the verdict's", () => {
    const run = bench(["--sizes", "1,2", "--runs", "1"]);
    expect(run.stderr).toBe(""); // no progress when stderr is not a terminal
    const lines = run.stdout.trimEnd().split("\n");
    const prod = lines.find(l => l.startsWith("Real prod stack: "))!;
    expect(prod).toMatch(new RegExp(`^Real prod stack: [\\d.]+ s ${STANDS.replace("(<|≤)", "<")}\\.$`));
    const step = lines.find(l => l.startsWith("Largest step: "))!;
    expect(step).toMatch(new RegExp(`^Largest step: [\\d.]+x the resources took [\\d.]+x the time: [\\d.]+ of linear ${STANDS.replace("(<|≤)", "≤")}\\.$`));
    expect(lines.find(l => l.startsWith("Whole process, prod "))).toMatch(/^Whole process, prod \(npm run check -- --stack prod --format json, CLI start included\): [\d.]+ s\.$/);
    expect(lines.find(l => l.startsWith("Pack phase over "))).toMatch(new RegExp(String.raw`^Pack phase over the same policies in-process, prod: ([\d.]+x \([\d.]+ s against [\d.]+ s in-process, \d+ violations? in both; goal ≤ 1.5: (within, [\d.]+ to spare|over by [\d.]+)\)|not comparable: .*)\.$`));
    const synthetic2 = lines.find(l => l.startsWith("synthetic-2 "))!;
    expect(synthetic2).toMatch(new RegExp(`of linear ${STANDS}$`));
    const perResource = lines.find(l => l.startsWith("Cost per resource "))!;
    expect(perResource).toMatch(new RegExp(`^Cost per resource \\(line through the synthetic stacks\\): -?[\\d.]+ ms ${STANDS.replace("(<|≤)", "≤")}; fixed cost beyond loading the SDKs: -?[\\d.]+ s\\.$`));
    const reference = lines.find(l => l.startsWith("700 resources as a whole process "))!;
    expect(reference).toMatch(new RegExp(`: -?[\\d.]+ s ${STANDS.replace("(<|≤)", "≤")}\\.$`));
    const pack = lines.find(l => l.startsWith("Pack phase over "))!;
    // Judged: the prod stack, the one growth step (synthetic-1 -> synthetic-2), the pack phase against in-process,
    // the cost per resource and the 700-resource whole process; the verdict counts what the lines say.
    const judged = [prod, synthetic2, pack, perResource, reference];
    const over = judged.filter(l => l.includes("over by") || l.includes("not comparable")).length;
    if (over === 0) expect(lines[0]).toBe("bench: ok: every figure within its goal (5 judged)");
    else expect(lines[0]).toMatch(new RegExp(`^bench: over: ${over} of 5 figures miss their goal: `));
    // A figure over its goal is named in the verdict.
    if (prod.includes("over by")) expect(lines[0]).toMatch(/[:;] prod [\d.]+ s \(goal < 10 s: over by [\d.]+ s\)/);
    expect(run.code).toBe(over === 0 ? 0 : 1);
}, 300_000);

test("--help documents every flag and the goals", () => {
    const run = bench(["--help"]);
    expect(run.code).toBe(0);
    const usage = run.stdout.replace(/\s+/g, " ");
    for (const text of ["--sizes N,N,...", "--runs N", "-h, --help", "the real prod stack in under 10 s", "at most 1.2 of linear",
        "each further resource at most 0.8 ms", "700 resources as a whole process in at most 3 s", "at most 1.5x the same policies run in-process",
        "Exit 0 when every figure meets its goal"]) {
        expect(usage).toContain(text);
    }
});
