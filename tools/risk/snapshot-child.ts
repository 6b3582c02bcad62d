// Runs in a child process, in a copy of the project at some git REF (or in the working
// tree): runs that tree's own program under that tree's offline runner, for each of its
// stacks, and writes the resources it registers (urn, type, protect, inputs as plain
// JSON) to a file. Only Node built-ins are imported here: everything else comes from
// the tree being snapshotted, so the program and its runner always match.
//
// usage: node -r ./tools/ts-cache/register.js snapshot-child.ts <tree> <out.json>
// exit 3: the tree lacks a file this needs (it predates the offline runner).

import * as fs from "fs";
import * as path from "path";

/** What the parent (tools/risk/offline.ts) reads back. */
export interface TreeSnapshot {
    stacks: Record<string, StackSnapshot>;
}
export interface StackSnapshot {
    /** k8s-infra:environment from the stack config, when set. */
    environment?: string;
    resources: SnapshotResource[];
}
export interface SnapshotResource {
    urn: string;
    type: string;
    custom: boolean;
    protect: boolean;
    inputs: Record<string, unknown>;
}

export const NEEDED_FILES = ["Pulumi.yaml", "program/main.ts", "tools/check/run-program.ts"];
/** Where a tree keeps readStackConfig: today's place first, then where trees before 2026-12-03 kept it. */
export const STACK_CONFIG_MODULES = ["tools/stack-config/stack-config", "tools/check/stack-config"];
export const EXIT_PREDATES = 3;

async function snapshot(tree: string): Promise<TreeSnapshot> {
    const stackConfigModule = STACK_CONFIG_MODULES.find(m => fs.existsSync(path.join(tree, `${m}.ts`)));
    const missing = [...NEEDED_FILES.filter(f => !fs.existsSync(path.join(tree, f))), ...(stackConfigModule ? [] : [`${STACK_CONFIG_MODULES[0]}.ts`])];
    if (missing.length > 0) {
        process.stderr.write(`missing ${missing.join(", ")}\n`);
        process.exit(EXIT_PREDATES);
    }
    const { runProgram } = require(path.join(tree, "tools/check/run-program"));
    const { readStackConfig } = require(path.join(tree, stackConfigModule!));
    const { main } = require(path.join(tree, "program/main"));
    if (typeof runProgram !== "function" || typeof readStackConfig !== "function" || typeof main !== "function") {
        process.stderr.write(`tools/check/run-program.ts (runProgram), ${stackConfigModule}.ts (readStackConfig) or program/main.ts (main) does not export what the offline runner needs\n`);
        process.exit(EXIT_PREDATES);
    }
    const stacks = fs.readdirSync(tree).map(f => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => !!s).sort();
    const result: TreeSnapshot = { stacks: {} };
    for (const stack of stacks) {
        const cfg = readStackConfig(tree, stack);
        const run = await runProgram({
            project: cfg.project, stack, config: cfg.config, secretKeys: cfg.secretKeys, preview: true,
            program: () => main(tree),
        });
        const environment = cfg.config[`${cfg.project}:environment`] ?? cfg.config["k8s-infra:environment"];
        result.stacks[stack] = {
            ...(typeof environment === "string" ? { environment } : {}),
            resources: run.resources.map((r: any): SnapshotResource => ({
                urn: r.urn,
                type: r.type,
                custom: r.custom,
                protect: r.protect === true,
                inputs: (r.inputs?.toJavaScript?.() ?? {}) as Record<string, unknown>,
            })),
        };
    }
    return result;
}

if (require.main === module) {
    const [tree, out] = process.argv.slice(2);
    if (!tree || !out) {
        process.stderr.write("usage: snapshot-child.ts <tree> <out.json>\n");
        process.exit(2);
    }
    process.chdir(tree);
    snapshot(path.resolve(tree)).then(
        s => fs.writeFileSync(out, JSON.stringify(s)),
        e => {
            process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
            process.exit(1);
        },
    );
}
