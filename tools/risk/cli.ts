// `npm run risk`: the charter's change-risk class (low, medium, high) of a change,
// the reasons, and what the charter asks for that class. From a real preview's
// event log, or offline from the stacks' resources at a git REF against the
// working tree (or --head REF). Exit 0 whatever the class (risk is information);
// 2 on bad input: an unreadable, empty or broken event log (with its lines), one
// with no steps (the preview stopped before the deployment ran), an unknown REF;
// 3 on an internal fault (tools/cli-kit/run.ts). The text starts with the class.

import * as fs from "fs";
import * as path from "path";
import { classify } from "./classify";
import { diffSnapshots } from "./diff";
import { readEventLogChanges } from "./from-event-log";
import { BadInput, resolveRef, snapshotRef, snapshotWorkingTree } from "./offline";
import { RiskDocument, renderJson, renderText, riskDocument } from "./report";
import { endChildrenOnSignal } from "../cli-kit/children";
import { parseFlags } from "../cli-kit/flags";
import { runCli } from "../cli-kit/run";
import { UsageError } from "../cli-kit/stack-args";

const USAGE = `usage: npm run risk -- --event-log FILE [--format text|json]
       npm run risk -- --base REF [--head REF] [--format text|json] [--project-dir DIR]
  --event-log FILE   the event log of a real \`pulumi preview --event-log FILE\`
  --base REF         offline: the stacks' resources at git REF ...
  --head REF         ... against those at REF (default: the working tree, uncommitted changes included)
  --format text|json output format (default text); json has risk, label, reasons, asks
  --project-dir DIR  the Pulumi project (default: this folder)
  -h, --help         print this and exit`;

async function run(argv: string[]): Promise<{ doc: RiskDocument; format: "text" | "json" }> {
    const values = parseFlags(argv, {
        "event-log": { type: "string" },
        "base": { type: "string" },
        "head": { type: "string" },
        "format": { type: "string", default: "text" },
        "project-dir": { type: "string", default: "." },
    }, USAGE);
    if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format must be text or json, not "${values.format}"`);
    const eventLog = values["event-log"];
    if ((eventLog === undefined) === (values.base === undefined)) throw new UsageError("give exactly one of --event-log FILE or --base REF");
    if (values.head !== undefined && values.base === undefined) throw new UsageError("--head goes with --base");

    const format = values.format;
    if (eventLog !== undefined) {
        const log = readEventLogChanges(eventLog);
        const notes = [...log.notes, ...(log.unknownOps.length > 0 ? [`ops this tool does not know, taken as updates: ${log.unknownOps.join(", ")}`] : [])];
        return { format, doc: riskDocument(classify(log.changes, { environments: log.environments }), `the event log ${eventLog}`, notes) };
    }

    const projectDir = path.resolve(values["project-dir"]!);
    if (!fs.existsSync(path.join(projectDir, "Pulumi.yaml"))) throw new BadInput(`${projectDir} has no Pulumi.yaml; give the project folder with --project-dir`);
    const baseRef = values.base!;
    const baseCommit = resolveRef(projectDir, baseRef);
    const headCommit = values.head !== undefined ? resolveRef(projectDir, values.head) : undefined;
    // A commit's tree is the same whichever REF names it: one snapshot serves both sides.
    const baseSnapshot = snapshotRef(projectDir, baseRef, baseCommit);
    const [base, head] = await Promise.all([
        baseSnapshot,
        headCommit === baseCommit ? baseSnapshot : headCommit ? snapshotRef(projectDir, values.head!, headCommit) : snapshotWorkingTree(projectDir),
    ]);
    const diff = diffSnapshots(base, head);
    const notes = ["offline: no provider was asked, so a replacement is known only where a stateful resource's name or place changes; a real preview's --event-log is exact"];
    if (diff.addedStacks.length > 0) notes.push(`stacks only at head: ${diff.addedStacks.join(", ")}`);
    if (diff.removedStacks.length > 0) notes.push(`stacks only at base: ${diff.removedStacks.join(", ")} (every resource deleted)`);
    const headName = headCommit ? `${values.head} (${headCommit.slice(0, 12)})` : "the working tree";
    const stacks = Object.keys({ ...base.stacks, ...head.stacks }).sort().join(", ");
    const source = `offline diff of ${baseRef} (${baseCommit.slice(0, 12)}) -> ${headName}, stacks ${stacks}`;
    return { format, doc: riskDocument(classify(diff.changes, { environments: diff.environments }), source, notes) };
}

async function main(argv: string[]): Promise<number> {
    try {
        const { doc, format } = await run(argv);
        process.stdout.write(format === "json" ? renderJson(doc) : renderText(doc));
        return 0;
    } catch (err) {
        // Bad arguments (UsageError, with the usage) and a broken event log (InputError) are the runner's.
        if (!(err instanceof BadInput)) throw err;
        process.stderr.write(`risk: ${err.message}\n`);
        return 2;
    }
}

endChildrenOnSignal("risk");
void runCli("risk", USAGE, main);
