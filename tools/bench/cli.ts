// `npm run bench`: times the offline check on the real prod stack and on synthetic
// stacks of growing size (10, 100 and 400 subprojects with their services), and
// prints resources, seconds (median of --runs), time per resource, and how time
// grows against resources: 10x the resources should cost at most 12x the time.
// Every stack is one the real CLI can launch: the synthetic stacks keep their
// per-subproject lists in stack config, which the CLI hands to the program in one
// environment variable capped at 128 KiB (tools/check/launch-env.ts), and 400
// subprojects is about the most that fits; the check refuses a bigger one (exit 2).

import * as path from "path";
import { checkStack } from "../check/check-stack";
import { writeSyntheticProject } from "./synthetic";
import { UsageError } from "../cli-kit/stack-args";
import { parseFlags } from "../cli-kit/flags";

const ROOT = path.resolve(__dirname, "../..");
const PACK = path.join(ROOT, "policy-pack");

interface Row {
    label: string;
    subprojects: number;
    resources: number;
    seconds: number;
    program: number;
    policyPack: number;
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function measure(label: string, subprojects: number, projectDir: string, stack: string, runs: number): Promise<Row> {
    const samples = [];
    for (let i = 0; i < runs; i++) {
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
    };
}

const USAGE = `usage: npm run bench -- [--sizes N,N,...] [--runs N]
  --sizes N,N,...  synthetic stacks of this many subprojects each, after the real prod stack (default 10,100,400)
  --runs N         runs per stack; each figure is the median (default 3; one run at 1000 subprojects or more)`;

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

async function main(): Promise<void> {
    const { sizes, runs } = options(process.argv.slice(2));

    const rows: Row[] = [];
    rows.push(await measure("prod (real)", 7, ROOT, "prod", runs));
    for (const n of sizes) {
        const p = writeSyntheticProject(ROOT, n);
        try {
            rows.push(await measure(`synthetic-${n}`, n, p.dir, p.stack, n >= 1000 ? 1 : runs));
        } finally {
            p.cleanup();
        }
    }

    const out: string[] = [`Offline check timings (median of ${runs} runs; 1 run at 1000 subprojects), ${new Date().toISOString()}`, ""];
    out.push("stack            subprojects  resources  seconds  program  policy pack  ms/resource  growth vs previous");
    rows.forEach((r, i) => {
        const prev = i > 1 ? rows[i - 1] : undefined;
        const growth = prev ? `resources x${(r.resources / prev.resources).toFixed(1)}, time x${(r.seconds / prev.seconds).toFixed(1)}` : "";
        out.push([
            r.label.padEnd(16), String(r.subprojects).padStart(11), String(r.resources).padStart(10), r.seconds.toFixed(2).padStart(8),
            r.program.toFixed(2).padStart(8), r.policyPack.toFixed(2).padStart(12), (1000 * r.seconds / r.resources).toFixed(2).padStart(12), ` ${growth}`,
        ].join(" "));
    });
    const synth = rows.slice(1);
    if (synth.length >= 2) {
        const a = synth[synth.length - 2], b = synth[synth.length - 1];
        const ratio = (b.seconds / a.seconds) / (b.resources / a.resources);
        out.push("", `Largest step: ${(b.resources / a.resources).toFixed(1)}x the resources took ${(b.seconds / a.seconds).toFixed(1)}x the time ` +
            `(${ratio.toFixed(2)} of linear; the bar is 10x resources in at most 12x time, i.e. <= 1.2).`);
    }
    out.push(`Real prod stack: ${rows[0].seconds.toFixed(2)} s (the bar is under 10 s).`);
    process.stdout.write(out.join("\n") + "\n");
}

main().catch(err => {
    if (err instanceof UsageError) {
        process.stderr.write(`bench: ${err.message}\n${USAGE}\n`);
        process.exitCode = 2;
        return;
    }
    process.stderr.write(`bench: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 3;
});
