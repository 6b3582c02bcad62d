// `npm run pulumi -- <args>`: runs the pinned Pulumi CLI (tools/pulumi-cli/pinned.ts)
// with its Node.js language host on PATH, building both on first use.
// `npm run pulumi -- --where` prints the folder that holds them and how they were found.
// Every other argument, --help and unknown flags included, is the Pulumi CLI's: this is a
// pass-through, and its exit code is Pulumi's. Its own failures keep the README's
// contract: the pinned CLI cannot be built or started (no Go, a failed build) or any
// other fault of this wrapper is exit 3 (tools/cli-kit/run.ts), never a Pulumi exit code.

import { spawnSync } from "child_process";
import * as os from "os";
import { CliUnavailable, cliEnv, ensurePinnedCli } from "./pinned";
import { runCli } from "../cli-kit/run";

const USAGE = `usage: npm run pulumi -- <pulumi arguments>   (passed through to the pinned Pulumi CLI; its --help is Pulumi's)
       npm run pulumi -- --where                where the pinned CLI and its language host are, and how they were found`;

function main(argv: string[]): number {
    let cli;
    try {
        cli = ensurePinnedCli();
    } catch (err) {
        if (!(err instanceof CliUnavailable)) throw err;
        // Not the caller's input: this machine cannot provide the CLI (the same exit as npm run preview:local's).
        process.stderr.write(`pulumi-cli: ${err.message}\n`);
        return 3;
    }
    if (argv[0] === "--where") {
        process.stdout.write(`${cli.binDir} (${cli.source})\n`);
        return 0;
    }
    const res = spawnSync(cli.pulumi, argv, { stdio: "inherit", env: cliEnv(cli) });
    if (res.error) {
        process.stderr.write(`pulumi-cli: cannot run ${cli.pulumi}: ${res.error.message}\n`);
        return 3;
    }
    // Killed by a signal: 128+signal, as a shell reports it; else Pulumi's own code.
    if (res.status === null) return res.signal ? 128 + os.constants.signals[res.signal] : 3;
    return res.status;
}

void runCli("pulumi-cli", USAGE, main);
