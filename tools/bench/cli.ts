// `npm run bench`: times the offline check on the real prod stack and on synthetic
// stacks of growing size (10, 100 and 400 subprojects with their services), and
// prints resources, seconds (median of --runs), time per resource, and how time
// grows against resources: 10x the resources should cost at most 12x the time.
// Every stack is one the real CLI can launch: the synthetic stacks keep their
// per-subproject lists in stack config, which the CLI hands to the program in one
// environment variable capped at 128 KiB (tools/check/launch-env.ts), and 400
// subprojects is about the most that fits; the check refuses a bigger one (exit 2).
// Each figure with a goal (the prod stack's seconds, each growth step) says where it
// stands against it, and the first line is the verdict: exit 1 when a figure misses.
// Beside the prod row: the check as a whole process (CLI start included), the pack phase
// over the same policies run in-process (in-process.ts), and the cost model of figures.ts
// (cost per resource, a 700-resource stack as a whole process), each judged.

import { spawnSync } from "child_process";
import * as path from "path";
import { checkStack } from "../check/check-stack";
import { capturedResources, evaluateInProcess } from "./in-process";
import { REGISTER } from "../ts-cache";
import { writeSyntheticProject } from "./synthetic";
import { GOAL, Judged, REFERENCE_RESOURCES, against, costModel } from "./figures";
import { UsageError } from "../cli-kit/stack-args";
import { parseFlags } from "../cli-kit/flags";
import { Progress, progress } from "../cli-kit/progress";
import { runCli } from "../cli-kit/run";

const ROOT = path.resolve(__dirname, "../..");
const PACK = path.join(ROOT, "policy-pack");

interface Row {
    label: string;
    subprojects: number;
    resources: number;
    seconds: number;
    program: number;
    policyPack: number;
    /** Violations the pack reported (the same in every run). */
    violations: number;
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function measure(label: string, subprojects: number, projectDir: string, stack: string, runs: number, show: Progress): Promise<Row> {
    const samples = [];
    for (let i = 0; i < runs; i++) {
        show(`${label}: run ${i + 1} of ${runs}`);
        const r = await checkStack({ projectDir, stack, packDir: PACK });
        if (r.violations.some(v => v.level === "mandatory")) {
            throw new Error(`${label}: the synthetic stack has mandatory violations: ${r.violations[0].message}`);
        }
        samples.push(r);
    }
    return {
        label, subprojects,
        resources: samples[0].resources.length,
        seconds: median(samples.map(s => s.seconds)),
        program: median(samples.map(s => s.phases.program)),
        policyPack: median(samples.map(s => s.phases.policyPack)),
        violations: samples[0].violations.length,
    };
}

const USAGE = `usage: npm run bench -- [--sizes N,N,...] [--runs N]
  --sizes N,N,...  synthetic stacks of this many subprojects each, after the real prod stack (default 10,100,400;
                   about 400 is the most the CLI's 128 KiB stack config holds; the check refuses more, exit 2)
  --runs N         runs per stack; each figure is the median (default 3; one run at 1000 subprojects or more)
  -h, --help       print this and exit
Goals, each figure says where it stands: the real prod stack in under ${GOAL.prodSeconds} s; each growth step at most
${GOAL.growth} of linear (10x the resources in at most ${10 * GOAL.growth}x the time); each further resource at most
${GOAL.perResourceMs} ms; ${REFERENCE_RESOURCES} resources as a whole process in at most ${GOAL.referenceSeconds} s; the pack phase at most
${GOAL.inProcessRatio}x the same policies run in-process. Exit 0 when every figure meets its goal,
1 when one misses it, 2 on bad arguments, 3 on an internal fault. On a terminal, progress on stderr.`;

function options(argv: string[]): { sizes: number[]; runs: number } {
    const values = parseFlags(argv, {
        sizes: { type: "string", default: "10,100,400" },
        runs: { type: "string", default: "3" },
    }, USAGE);
    const sizes = values.sizes!.split(",").map(Number);
    const runs = Number(values.runs);
    if (sizes.some(n => !Number.isInteger(n) || n < 1) || !Number.isInteger(runs) || runs < 1) {
        throw new UsageError("--sizes takes whole numbers (10,100,400) and --runs a whole count");
    }
    return { sizes, runs };
}

/** Time growth over resource growth from `a` to `b` (1.0: linear), against the goal. */
function growth(a: Row, b: Row): Judged & { resources: number; time: number; ratio: number } {
    const resources = b.resources / a.resources, time = b.seconds / a.seconds, ratio = time / resources;
    return { resources, time, ratio, ...against(ratio, GOAL.growth, "≤", "", 2) };
}

async function measureAll(sizes: number[], runs: number): Promise<Row[]> {
    const show = progress("bench");
    try {
        const rows: Row[] = [await measure("prod (real)", 7, ROOT, "prod", runs, show)];
        for (const n of sizes) {
            show(`synthetic-${n}: writing the stack`);
            const p = writeSyntheticProject(ROOT, n);
            try {
                rows.push(await measure(`synthetic-${n}`, n, p.dir, p.stack, n >= 1000 ? 1 : runs, show));
            } finally {
                p.cleanup();
            }
        }
        return rows;
    } finally {
        show.done();
    }
}

function table(rows: Row[], judged: Judged[]): string[] {
    const out = ["stack            subprojects  resources  seconds  program  policy pack  ms/resource  growth vs previous"];
    rows.forEach((r, i) => {
        const g = i > 1 ? growth(rows[i - 1], r) : undefined;
        if (g) judged.push({ ...g, figure: `${r.label} growth ${g.ratio.toFixed(2)} of linear` });
        const step = g ? `resources x${g.resources.toFixed(1)}, time x${g.time.toFixed(1)}: ${g.ratio.toFixed(2)} of linear (${g.text})` : "";
        out.push([
            r.label.padEnd(16), String(r.subprojects).padStart(11), String(r.resources).padStart(10), r.seconds.toFixed(2).padStart(8),
            r.program.toFixed(2).padStart(8), r.policyPack.toFixed(2).padStart(12), (1000 * r.seconds / r.resources).toFixed(2).padStart(12), ` ${step}`,
        ].join(" ").trimEnd());
    });
    return out;
}

/**
 * Two figures beside the prod row: the check as a whole process (CLI start included), and
 * the pack phase over the same policies run in this process (in-process.ts), judged.
 */
async function baselines(prod: Row, runs: number, judged: Judged[]): Promise<{ lines: string[]; wholeSeconds: number }> {
    const whole: number[] = [];
    for (let i = 0; i < runs; i++) {
        const started = process.hrtime.bigint();
        const run = spawnSync(process.execPath, ["-r", REGISTER, path.join(ROOT, "tools/check/cli.ts"), "--stack", "prod", "--format", "json"],
            { cwd: ROOT, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
        if (run.status !== 0 && run.status !== 1) throw new Error(`npm run check -- --stack prod exited ${run.status}: ${run.stderr.trim()}`);
        whole.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    const resources = await capturedResources(ROOT, "prod");
    const inProcess = [];
    for (let i = 0; i < runs; i++) inProcess.push(await evaluateInProcess(resources));
    const baseline = median(inProcess.map(r => r.seconds));
    const found = inProcess[0].violations;
    let ratio: string;
    if (found === prod.violations) {
        const x = prod.policyPack / baseline;
        const j = against(x, GOAL.inProcessRatio, "≤", "", 1);
        judged.push({ ...j, figure: `pack phase ${x.toFixed(1)}x in-process` });
        ratio = `${x.toFixed(1)}x (${prod.policyPack.toFixed(2)} s against ${baseline.toFixed(2)} s in-process, ${found} violation${found === 1 ? "" : "s"} in both; ${j.text})`;
    } else {
        judged.push({ met: false, text: "not comparable", figure: "pack phase against in-process" });
        ratio = `not comparable: in-process found ${found} violations, the pack ${prod.violations}`;
    }
    const wholeSeconds = median(whole);
    return {
        lines: [
            `Whole process, prod (npm run check -- --stack prod --format json, CLI start included): ${wholeSeconds.toFixed(2)} s.`,
            `Pack phase over the same policies in-process, prod: ${ratio}.`,
        ],
        wholeSeconds,
    };
}

/**
 * Issue 12's cost model: a line through the synthetic stacks (their check runs with the SDKs
 * loaded, so its fixed cost is beyond loading them), judged per resource; and the whole
 * process of a REFERENCE_RESOURCES stack, from that line and the start-up the prod stack
 * shows (whole process less its in-process check), judged too.
 */
function costLines(rows: Row[], prod: Row, wholeSeconds: number, judged: Judged[]): string[] {
    const model = costModel(rows.slice(1));
    if (!model) return [`Cost per resource: not measured (give --sizes two or more sizes; goal ≤ ${GOAL.perResourceMs} ms).`];
    const ms = 1000 * model.perResource;
    const per = against(ms, GOAL.perResourceMs, "≤", " ms", 2);
    judged.push({ ...per, figure: `${ms.toFixed(2)} ms a resource` });
    const startUp = Math.max(0, wholeSeconds - prod.seconds);
    const reference = startUp + model.fixed + REFERENCE_RESOURCES * model.perResource;
    const ref = against(reference, GOAL.referenceSeconds, "≤", " s", 2);
    judged.push({ ...ref, figure: `${REFERENCE_RESOURCES} resources ${reference.toFixed(2)} s` });
    return [
        `Cost per resource (line through the synthetic stacks): ${ms.toFixed(2)} ms (${per.text}); fixed cost beyond loading the SDKs: ${model.fixed.toFixed(2)} s.`,
        `${REFERENCE_RESOURCES} resources as a whole process (start-up ${startUp.toFixed(2)} s + fixed ${model.fixed.toFixed(2)} s + ${REFERENCE_RESOURCES} x ${ms.toFixed(2)} ms): ${reference.toFixed(2)} s (${ref.text}).`,
    ];
}

async function main(argv: string[]): Promise<number> {
    const { sizes, runs } = options(argv);
    const rows = await measureAll(sizes, runs);
    const judged: Judged[] = [];
    const body = [`Offline check timings (${runs === 1 ? "one run" : `median of ${runs} runs`}; 1 run at 1000 subprojects), ${new Date().toISOString()}`, "", ...table(rows, judged), ""];
    const synth = rows.slice(1);
    if (synth.length >= 2) {
        const g = growth(synth[synth.length - 2], synth[synth.length - 1]);
        body.push(`Largest step: ${g.resources.toFixed(1)}x the resources took ${g.time.toFixed(1)}x the time: ${g.ratio.toFixed(2)} of linear (${g.text}).`);
    } else {
        body.push(`Largest step: not measured (give --sizes two or more sizes; goal ≤ ${GOAL.growth} of linear).`);
    }
    const base = await baselines(rows[0], runs, judged);
    body.push(...base.lines, ...costLines(rows, rows[0], base.wholeSeconds, judged));
    const prod = against(rows[0].seconds, GOAL.prodSeconds, "<", " s", 2);
    judged.push({ ...prod, figure: `prod ${rows[0].seconds.toFixed(2)} s` });
    body.push(`Real prod stack: ${rows[0].seconds.toFixed(2)} s (${prod.text}).`);
    const missed = judged.filter(j => !j.met);
    const verdict = missed.length === 0 ? `bench: ok: every figure within its goal (${judged.length} judged)`
        : `bench: over: ${missed.length} of ${judged.length} figures miss their goal: ${missed.map(j => `${j.figure} (${j.text})`).join("; ")}`;
    process.stdout.write([verdict, "", ...body].join("\n") + "\n");
    return missed.length === 0 ? 0 : 1;
}

void runCli("bench", USAGE, main);
