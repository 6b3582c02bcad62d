// `npm run status`: the migration table and how far the working group is from
// its disband criteria. Reads only the roster; no Pulumi, no cloud.

import * as path from "path";
import { parseArgs } from "util";
import { loadRoster } from "../../model/roster/load";
import { InputError } from "../../model/errors";
import { renderStatusText, statusReport } from "./status";

const USAGE = "usage: npm run status -- [--roster DIR] [--format text|json] [--as-of YYYY-MM-DD]";

function main(argv: string[]): number {
    let values;
    try {
        values = parseArgs({ args: argv, options: {
            "roster": { type: "string", default: "roster" },
            "format": { type: "string", default: "text" },
            "as-of": { type: "string" },
        } }).values;
    } catch (err) {
        process.stderr.write(`status: ${(err as Error).message}\n${USAGE}\n`);
        return 2;
    }
    const asOf = values["as-of"] ?? new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || (values.format !== "text" && values.format !== "json")) {
        process.stderr.write(`status: --as-of takes YYYY-MM-DD and --format text or json\n${USAGE}\n`);
        return 2;
    }
    try {
        const roster = loadRoster(path.resolve(values.roster!), values.roster);
        const report = statusReport(roster, asOf);
        process.stdout.write(values.format === "json" ? JSON.stringify(report, null, 2) + "\n" : renderStatusText(report));
        return 0;
    } catch (err) {
        if (err instanceof InputError) {
            process.stderr.write(`${err.message}\n`);
            return 2;
        }
        throw err;
    }
}

process.exitCode = main(process.argv.slice(2));
