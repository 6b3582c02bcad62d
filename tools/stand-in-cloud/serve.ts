// Serves one package of the stand-in cloud over gRPC, the way a provider plugin
// is served: it prints the port it listens on (the first line of stdout, as
// @pulumi/pulumi/provider's main() does), then answers the engine, which
// attaches to it through PULUMI_DEBUG_PROVIDERS=<package>:<port>.
//
//   node -r ./tools/ts-cache/register.js tools/stand-in-cloud/serve.ts \
//       --package gcp --state /tmp/cloud/gcp.json [--inventory inventory.yaml] [--exit-with-stdin]
//
// --exit-with-stdin: exit when stdin closes, i.e. when the process that started
// it dies, however it dies (start.ts uses it so no provider outlives its parent).
// One line per operation goes to stderr.

import { main } from "@pulumi/pulumi/provider";
import { PACKAGES, isPackageName, PackageName } from "./package-info";
import { standInProvider } from "./provider";
import { applyServerFixes } from "./server-fixes";

export interface ServeArgs {
    pkg: PackageName;
    stateFile: string;
    inventoryFile?: string;
    exitWithStdin: boolean;
}

const USAGE = `usage: serve.ts --package ${PACKAGES.join("|")} --state FILE [--inventory FILE] [--exit-with-stdin]`;

export function parseServeArgs(argv: string[]): ServeArgs {
    const values: Record<string, string> = {};
    let exitWithStdin = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--exit-with-stdin") { exitWithStdin = true; continue; }
        if (!["--package", "--state", "--inventory"].includes(arg)) throw new Error(`unknown argument ${arg}\n${USAGE}`);
        const value = argv[++i];
        if (value === undefined || value.startsWith("--")) throw new Error(`${arg} needs a value\n${USAGE}`);
        values[arg.slice(2)] = value;
    }
    const pkg = values.package;
    if (!pkg || !isPackageName(pkg)) throw new Error(`--package must be one of ${PACKAGES.join(", ")}\n${USAGE}`);
    if (!values.state) throw new Error(`--state is required\n${USAGE}`);
    return { pkg, stateFile: values.state, inventoryFile: values.inventory, exitWithStdin };
}

async function serve(argv: string[]): Promise<void> {
    const args = parseServeArgs(argv);
    const log = (line: string) => process.stderr.write(`[stand-in ${args.pkg}] ${line}\n`);
    const provider = standInProvider({ pkg: args.pkg, stateFile: args.stateFile, inventoryFile: args.inventoryFile, log });
    if (args.exitWithStdin) {
        process.stdin.on("end", () => process.exit(0));
        process.stdin.on("close", () => process.exit(0));
        process.stdin.resume();
    }
    applyServerFixes();
    await main(provider, []);
    log(`serving ${args.pkg} ${provider.version}, state ${args.stateFile}${args.inventoryFile ? `, inventory ${args.inventoryFile}` : ""}`);
}

if (require.main === module) {
    serve(process.argv.slice(2)).catch(e => {
        process.stderr.write(`stand-in cloud: ${(e as Error).message}\n`);
        process.exit(1);
    });
}
