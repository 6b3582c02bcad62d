// `npm run status`: the migration table and how far the working group is from
// its disband criteria (from the roster), and per service what exists, what the
// stack adopts and what is left (from the inventory, through the adoption plan).
// No Pulumi CLI, no cloud: the program runs offline, as in the check.

import * as path from "path";
import { parseArgs } from "util";
import { loadRoster } from "../../model/roster/load";
import { InputError } from "../../model/errors";
import { renderStatusText, statusReport } from "./status";
import { adoptPlan } from "../adopt/cli";
import { estateByService, renderEstateText } from "./estate";
import { UsageError, checkAsOf, checkRosterArg } from "../cli-kit/stack-args";

const USAGE = "usage: npm run status -- [--roster DIR] [--format text|json] [--as-of YYYY-MM-DD] [--stack NAME] [--inventory DIR]";

async function main(argv: string[]): Promise<number> {
    let values;
    try {
        values = parseArgs({ args: argv, options: {
            "roster": { type: "string", default: "roster" },
            "format": { type: "string", default: "text" },
            "as-of": { type: "string" },
            "stack": { type: "string", default: "prod" },
            "inventory": { type: "string" },
        } }).values;
    } catch (err) {
        process.stderr.write(`status: ${(err as Error).message}\n${USAGE}\n`);
        return 2;
    }
    try {
        checkAsOf(values["as-of"]);
        checkRosterArg(values.roster);
        if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format must be text or json, not "${values.format}"`);
    } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        process.stderr.write(`status: ${err.message}\n${USAGE}\n`);
        return 2;
    }
    const asOf = values["as-of"] ?? new Date().toISOString().slice(0, 10);
    try {
        const roster = loadRoster(path.resolve(values.roster!), values.roster);
        const report = statusReport(roster, asOf);
        const estate = estateByService(await adoptPlan({ stack: values.stack!, inventory: values.inventory, projectDir: "." }));
        process.stdout.write(values.format === "json"
            ? JSON.stringify({ ...report, estate: { stack: values.stack, services: estate } }, null, 2) + "\n"
            : renderStatusText(report) + "\n" + renderEstateText(values.stack!, estate));
        return 0;
    } catch (err) {
        if (err instanceof InputError) {
            process.stderr.write(`${err.message}\n`);
            return 2;
        }
        throw err;
    }
}

main(process.argv.slice(2)).then(code => { process.exitCode = code; }, err => {
    // Bad input was answered above (exit 2); anything else is a fault of this tool (exit 3, the README's contract).
    process.stderr.write(`status: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 3;
});
