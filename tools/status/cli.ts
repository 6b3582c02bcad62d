// `npm run status`: the migration table and how far the working group is from
// its disband criteria (from the roster), and per service what exists, what the
// stack adopts and what is left (from the inventory, through the adoption plan).
// No Pulumi CLI, no cloud: the program runs offline, as in the check. Exit 0 (the
// status is information), 2 on bad input, 3 on an internal fault (tools/cli-kit/run.ts).

import * as path from "path";
import { loadRoster } from "../../model/roster/load";
import { renderStatusText, statusReport } from "./status";
import { adoptPlan } from "../adopt/cli";
import { estateByService, renderEstateText } from "./estate";
import { UsageError, checkAsOf, checkRosterArg } from "../cli-kit/stack-args";
import { parseFlags } from "../cli-kit/flags";
import { runCli } from "../cli-kit/run";

const USAGE = `usage: npm run status -- [--roster DIR] [--format text|json] [--as-of YYYY-MM-DD] [--stack NAME] [--inventory DIR]
  --roster DIR      the roster folder (default: roster)
  --format FORMAT   text (default; the disband verdict first) or json
  --as-of DATE      judge waivers as of DATE (YYYY-MM-DD) instead of today
  --stack NAME      the stack whose real estate is counted (default: prod)
  --inventory DIR   the inventory to count it against (default: the stack's k8s-infra:inventory)
  -h, --help        print this and exit`;

async function main(argv: string[]): Promise<number> {
    const values = parseFlags(argv, {
        "roster": { type: "string", default: "roster" },
        "format": { type: "string", default: "text" },
        "as-of": { type: "string" },
        "stack": { type: "string", default: "prod" },
        "inventory": { type: "string" },
    }, USAGE);
    checkAsOf(values["as-of"]);
    checkRosterArg(values.roster);
    if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format must be text or json, not "${values.format}"`);
    const asOf = values["as-of"] ?? new Date().toISOString().slice(0, 10);
    // Bad input (an InputError from the roster, the stack or the inventory) is the runner's: exit 2.
    const roster = loadRoster(path.resolve(values.roster!), values.roster);
    const report = statusReport(roster, asOf);
    const estate = estateByService(await adoptPlan({ stack: values.stack!, inventory: values.inventory, projectDir: "." }));
    process.stdout.write(values.format === "json"
        ? JSON.stringify({ ...report, estate: { stack: values.stack, services: estate } }, null, 2) + "\n"
        : renderStatusText(report) + "\n" + renderEstateText(values.stack!, estate));
    return 0;
}

void runCli("status", USAGE, main);
