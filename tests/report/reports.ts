// Shared inputs of the report tests: the event-log fixtures (logs of real previews,
// made by tests/engine/fixtures/regenerate-event-logs.ts; their README says which
// run is which) read as the CLI reads them (tools/engine-events, then
// tools/report/from-event-log), and a small offline StackReport with violations
// chosen to exercise escaping (pipes, newlines, <field>) and every level.

import * as fs from "fs";
import * as path from "path";
import { readEventLog, readEventLogText } from "../../tools/engine-events";
import { reportFromEventLog } from "../../tools/report/from-event-log";
import { Locator } from "../../tools/report/locate";
import type { StackReport } from "../../tools/report/model";
import { knownPack } from "../../tools/report/pack";

export const ROOT = path.resolve(__dirname, "../..");
export const LOGS = "tests/fixtures/event-logs";
export const FIXTURE_PROJECT = `${LOGS}/project`;
// Logs of whole stacks are gzipped (a prod preview's log is about 5 MB of JSON lines).
export const PASSING = `${LOGS}/preview-staging-pass.jsonl.gz`;
export const BLOCKED = `${LOGS}/preview-prod-blocked.jsonl.gz`;
export const MALFORMED = `${LOGS}/malformed-line.jsonl`;
/** Failed previews: stopped before the deployment (no summaryEvent); a program error; a step the engine refused after a per-resource violation. */
export const STOPPED = `${LOGS}/preview-stopped.jsonl`;
export const PROGRAM_FAILED = `${LOGS}/preview-program-failed.jsonl`;
export const STEP_FAILED = `${LOGS}/preview-prod-step-failed.jsonl.gz`;

export const KNOWN = knownPack();

export function readLog(file: string, stack?: string): StackReport[] {
    return reportFromEventLog(readEventLog(readEventLogText(path.join(ROOT, file)), file), KNOWN, stack);
}

/** Locates against the fixture project (its Pulumi.prod.yaml is the stack file of BLOCKED, with the bad `ci_logs` stem), paths relative to the repo. */
export function fixtureLocator(): Locator {
    return new Locator(path.join(ROOT, FIXTURE_PROJECT), ROOT);
}

/** The 1-based line of the first line of a repo file that contains `text`. */
export function lineContaining(file: string, text: string): number {
    const i = fs.readFileSync(path.join(ROOT, file), "utf8").split("\n").findIndex(l => l.includes(text));
    if (i < 0) throw new Error(`${file} has no line with ${text}`);
    return i + 1;
}

const SUB = "urn:pulumi:prod::k8s-infra::k8s-infra:governance:Subproject::";
const pack = { pack: "k8s-infra-policies", packVersion: "0.1.0" };

/** An offline check result of prod: 2 mandatory (one with a pipe, a newline and <field>), 1 advisory, 1 remediated. */
export function offlineReport(): StackReport {
    return {
        stack: "prod",
        project: "k8s-infra",
        resources: [
            { type: "pulumi:pulumi:Stack", name: "k8s-infra-prod", urn: "urn:pulumi:prod::k8s-infra::pulumi:pulumi:Stack::k8s-infra-prod", parent: "", protect: false },
            { type: "k8s-infra:governance:Subproject", name: "artifacts", urn: `${SUB}artifacts`, parent: "urn:pulumi:prod::k8s-infra::pulumi:pulumi:Stack::k8s-infra-prod", protect: false, source: "roster/subprojects.yaml:13" },
            { type: "k8s-infra:governance:Subproject", name: "prow", urn: `${SUB}prow`, parent: "urn:pulumi:prod::k8s-infra::pulumi:pulumi:Stack::k8s-infra-prod", protect: false, source: "roster/subprojects.yaml:33" },
        ],
        pack: { name: pack.pack, version: pack.packVersion, policies: KNOWN.policies },
        violations: [
            { ...pack, policy: "subproject-staffing", level: "mandatory", severity: "high", urn: `${SUB}artifacts`,
                description: KNOWN.policies[0].description,
                message: "Subproject artifacts (roster/subprojects.yaml:13) owns deployed service(s) gcs, gcr but has 2 distinct owner(s) (ada-quill, bram-okafor); add 1 more to owners in the roster." },
            { ...pack, policy: "owner-contact-details", level: "mandatory", severity: "high", urn: `${SUB}artifacts`,
                description: "Every owner of a prod subproject has alternate e-mail, phone and timezone on record.",
                message: "Owner ada-quill of artifacts (roster/subprojects.yaml:13) has no phone | e-mail on record;\nadd it with: pulumi config set --secret --path 'k8s-infra:contacts.ada-quill.<field>'" },
            { ...pack, policy: "maximal-representation-waived", level: "advisory", severity: "medium", urn: `${SUB}prow`,
                description: "A bootstrapping subproject is over-represented under a live waiver.",
                message: "Subproject prow (roster/subprojects.yaml:33): Google holds 2 of 3 (eli-novak, kai-moreno). Waived until 2027-06-30." },
            { ...pack, policy: "cost-attribution-labels", level: "remediate", severity: "low", urn: "",
                description: "Every labelable resource carries cost labels.", message: "Added the managed-by label." },
        ],
        seconds: 12.5,
    };
}
