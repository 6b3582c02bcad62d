// `npm run adopt -- --stack NAME [--inventory DIR] [--format text|json]`: what the
// stack would do with the real estate. It runs the program offline (as the check
// does), reads the adoption record the program made (program/adoption.ts) and
// sets it against the inventory: to adopt, to create, unmanaged, differs.
// Exit 0: the plan creates nothing that exists; 1: it would create an existing
// name (the adopt-existing policy blocks that); 2: bad input, with what to fix;
// 3: an internal fault (tools/cli-kit/run.ts).

import * as path from "path";
import { NAMESPACE } from "../../model/config";
import { COMPONENT } from "../../model/resource-types";
import { loadInventory } from "../../model/inventory/load";
import { cloudObjects } from "../../model/inventory/cloud-objects";
import { EXISTENCE_CHECKED_TYPES } from "../../model/import-ids";
import { main } from "../../program/main";
import type { AdoptionRecord } from "../../model/adoption-record";
import { readStackConfig } from "../stack-config/stack-config";
import { runProgram } from "../check/run-program";
import { UsageError, selectStacks } from "../cli-kit/stack-args";
import { parseFlags } from "../cli-kit/flags";
import { runCli } from "../cli-kit/run";
import { AdoptPlan, makePlan } from "./plan";
import { renderText } from "./render";

const USAGE = `usage: npm run adopt -- --stack NAME [--inventory DIR] [--format text|json] [--project-dir DIR]
  --stack NAME       the stack to plan (one)
  --inventory DIR    the inventory to adopt from (default: the stack's k8s-infra:inventory)
  --format FORMAT    text (default) or json: {"adopt": [], "create": [], "unmanaged": [], "differs": []}
  --project-dir DIR  the Pulumi project (default: this folder)
  -h, --help         print this and exit`;

interface Options { stack: string; inventory?: string; format: "text" | "json"; projectDir: string }

function parseOptions(argv: string[]): Options {
    const v = parseFlags(argv, {
        "stack": { type: "string" }, "inventory": { type: "string" }, "format": { type: "string", default: "text" },
        "project-dir": { type: "string", default: "." },
    }, USAGE);
    if (!v.stack) throw new UsageError("--stack NAME is required");
    if (v.format !== "text" && v.format !== "json") throw new UsageError(`--format must be text or json, not "${v.format}"`);
    const { projectDir } = selectStacks(v["project-dir"]!, [v.stack]);
    return { stack: v.stack, inventory: v.inventory, format: v.format, projectDir };
}

export async function adoptPlan(opts: Omit<Options, "format">): Promise<AdoptPlan> {
    const cfg = readStackConfig(opts.projectDir, opts.stack);
    const config = { ...cfg.config };
    if (opts.inventory) config[`${NAMESPACE}:inventory`] = path.resolve(opts.inventory);
    const inventoryDir = config[`${NAMESPACE}:inventory`];
    if (!inventoryDir) throw new UsageError(`stack ${opts.stack} reads no inventory (k8s-infra:inventory); give one with --inventory DIR`);
    const run = await runProgram({
        project: cfg.project, stack: opts.stack, config, secretKeys: cfg.secretKeys, preview: false,
        program: () => main(opts.projectDir),
    });
    const component = run.resources.find(r => r.type === COMPONENT.adoption);
    const record = component?.inputs.toJavaScript().record as AdoptionRecord | undefined;
    if (!record) throw new Error("the program registered no adoption record; program/main.ts must call adoption.register()");
    const abs = path.resolve(opts.projectDir, inventoryDir);
    const objects = cloudObjects(loadInventory(abs, path.relative(process.cwd(), abs) || "."));
    const resources = run.resources.filter(r => r.custom && EXISTENCE_CHECKED_TYPES.includes(r.type))
        .map(r => ({ type: r.type, name: r.name, inputs: r.inputs.toJavaScript() as Record<string, unknown> }));
    return makePlan(record.decisions, resources, objects);
}

/** Bad arguments and bad input (the stack, the inventory: an InputError) are the runner's, exit 2. */
async function cli(argv: string[]): Promise<number> {
    const opts = parseOptions(argv);
    const plan = await adoptPlan(opts);
    process.stdout.write(opts.format === "json" ? JSON.stringify(plan, null, 2) + "\n" : renderText(opts.stack, plan));
    return plan.create.some(e => e.exists) ? 1 : 0;
}

// Only as `npm run adopt`: npm run status imports adoptPlan from here.
if (require.main === module) void runCli("adopt", USAGE, cli, { exit: true });
