// Runs `npm run risk` (tools/risk/cli.ts) in a child process, as a user would, and
// returns its exit code, output and (with --format json) document.

import * as path from "path";
import type { RiskDocument } from "../../tools/risk/report";
import { ROOT, ToolRun, runTool } from "../helpers/cli";

export { ROOT };
export const EVENT_LOGS = path.join(ROOT, "tests/fixtures/event-logs");

export type RiskRun = ToolRun<RiskDocument>;

export function runRisk(args: string[], env: Record<string, string> = {}): RiskRun {
    const run = runTool<RiskDocument>("risk", args, 300_000, env);
    // Only a successful run's document is read (a failed one prints its error).
    return run.code === 0 ? run : { ...run, json: undefined };
}
