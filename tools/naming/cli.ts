// `npm run naming -- [--inventory DIR] [--stack NAME]`: measures the naming scheme
// (model/naming.ts) against the inventory: the share of real names it accepts,
// per kind, and the share of the stack's names (default prod) that exist.
// Exit 0 (a measurement blocks nothing), 2 on bad input, 3 on an internal fault
// (tools/cli-kit/run.ts).

import * as path from "path";
import { NAMED_TYPES } from "../../model/resource-types";
import { loadInventory } from "../../model/inventory/load";
import { main } from "../../program/main";
import { readStackConfig } from "../stack-config/stack-config";
import { runProgram } from "../check/run-program";
import { selectStacks } from "../cli-kit/stack-args";
import { parseFlags } from "../cli-kit/flags";
import { runCli } from "../cli-kit/run";
import { KINDS, acceptedShares, existingShares, realNames } from "./measure";
import type { NameKind } from "../../model/naming";

const USAGE = `usage: npm run naming -- [--inventory DIR] [--stack NAME] [--project-dir DIR]
  --inventory DIR    the inventory whose real names are measured (default: inventory)
  --stack NAME       the stack whose names are looked up in it (default: prod)
  --project-dir DIR  the Pulumi project (default: this folder)
  -h, --help         print this and exit`;
const pct = (n: number, total: number) => total === 0 ? "  -  " : `${(100 * n / total).toFixed(1).padStart(5)} %`;

async function stackNames(projectDir: string, stack: string): Promise<Record<NameKind, string[]>> {
    const cfg = readStackConfig(projectDir, stack);
    const run = await runProgram({ project: cfg.project, stack, config: cfg.config, secretKeys: cfg.secretKeys, preview: false, program: () => main(projectDir) });
    const out = Object.fromEntries(KINDS.map(k => [k, [] as string[]])) as Record<NameKind, string[]>;
    for (const r of run.resources) {
        const rule = NAMED_TYPES[r.type];
        if (!rule) continue;
        const v = rule.property.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], r.inputs.toJavaScript());
        if (typeof v === "string") out[rule.kind].push(v);
    }
    return out;
}

async function cli(argv: string[]): Promise<number> {
    const v = parseFlags(argv, { inventory: { type: "string", default: "inventory" }, stack: { type: "string", default: "prod" }, "project-dir": { type: "string", default: "." } }, USAGE);
    const { projectDir } = selectStacks(v["project-dir"]!, [v.stack!]);
    const dir = path.resolve(v.inventory!);
    const names = realNames(loadInventory(dir, path.relative(process.cwd(), dir) || "."));
    const lines = ["Real names the scheme accepts (inventory):", "  kind            names  accepted   family  legacy  google/tests  none"];
    for (const s of acceptedShares(names)) {
        const ok = s.family + s.legacy + s.madeByGoogleOrTests;
        lines.push(`  ${s.kind.padEnd(14)} ${String(s.total).padStart(6)}  ${pct(ok, s.total)}  ${String(s.family).padStart(7)} ${String(s.legacy).padStart(7)} ${String(s.madeByGoogleOrTests).padStart(13)} ${String(s.none.length).padStart(5)}`);
        if (s.none.length) lines.push(`      not accepted: ${s.none.slice(0, 20).join(", ")}${s.none.length > 20 ? ", ..." : ""}`);
    }
    lines.push("", `Names of the ${v.stack} stack that exist in the inventory:`, "  kind            names  existing");
    for (const s of existingShares(await stackNames(projectDir, v.stack!), names)) {
        lines.push(`  ${s.kind.padEnd(14)} ${String(s.total).padStart(6)}  ${String(s.existing).padStart(5)} (${pct(s.existing, s.total).trim()})`);
    }
    process.stdout.write(lines.join("\n") + "\n");
    return 0;
}

if (require.main === module) void runCli("naming", USAGE, cli, { exit: true });
