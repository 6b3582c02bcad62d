// `npm run pulumi -- <args>`: runs the pinned Pulumi CLI (tools/pulumi-cli/pinned.ts)
// with its Node.js language host on PATH, building both on first use.
// `npm run pulumi -- --where` prints the folder that holds them and how they were found.

import { spawnSync } from "child_process";
import { CliUnavailable, cliEnv, ensurePinnedCli } from "./pinned";

function main(argv: string[]): number {
    let cli;
    try {
        cli = ensurePinnedCli();
    } catch (err) {
        if (err instanceof CliUnavailable) {
            process.stderr.write(`pulumi-cli: ${err.message}\n`);
            return 2;
        }
        throw err;
    }
    if (argv[0] === "--where") {
        process.stdout.write(`${cli.binDir} (${cli.source})\n`);
        return 0;
    }
    const res = spawnSync(cli.pulumi, argv, { stdio: "inherit", env: cliEnv(cli) });
    if (res.error) {
        process.stderr.write(`pulumi-cli: cannot run ${cli.pulumi}: ${res.error.message}\n`);
        return 2;
    }
    return res.status ?? 1;
}

try {
    process.exitCode = main(process.argv.slice(2));
} catch (err) {
    process.stderr.write(`pulumi-cli: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 3;
}
