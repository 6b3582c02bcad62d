// SARIF 2.1.0 for GitHub code scanning, written by hand against the OASIS schema
// (no dependency): one run whose tool is the policy pack, one rule per policy,
// one result per violation at the file and line that must change (locate.ts), and
// a partial fingerprint per result so that re-runs update alerts instead of
// duplicating them (line numbers inside messages are left out of the hash, so an
// edit above a roster entry does not make a new alert). A preview that cannot pass
// (it failed, or policies did not run) adds an error under the `policies-ran` rule
// at the stack file, and says `executionSuccessful: false`: a run without results
// would otherwise tell code scanning that every alert was fixed.

import { createHash } from "crypto";
import type { Problem } from "../../model/errors";
import type { Level, PolicyInfo } from "../results/types";
import { RunNotes, staleOf, staleSentence } from "./generated";
import type { Locator } from "./locate";
import { StackReport, knownStack, policiesOf, verdictOf, withResource } from "./model";

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/** Where the rules come from: the WG K8s Infra charter the pack enforces. */
export const INFORMATION_URI = "https://github.com/kubernetes/community/blob/master/wg-k8s-infra/charter.md";
export const FINGERPRINT_KEY = "k8sInfraPolicyViolation/v1";

export type SarifLevel = "error" | "warning" | "note" | "none";
export const SARIF_LEVEL: Record<Level, SarifLevel> = { mandatory: "error", advisory: "warning", remediate: "note", disabled: "none" };

export interface SarifRule {
    id: string;
    name: string;
    shortDescription: { text: string };
    fullDescription: { text: string };
    defaultConfiguration: { level: SarifLevel };
    properties: { severity: string; enforcementLevel: string };
}

export interface SarifResult {
    ruleId: string;
    ruleIndex: number;
    level: SarifLevel;
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    partialFingerprints: Record<string, string>;
    properties: { stack: string; urn: string; severity: string };
}

export interface SarifLog {
    $schema: string;
    version: "2.1.0";
    runs: {
        tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
        /** Only for previews: false when one could not pass. */
        invocations?: { executionSuccessful: boolean }[];
        results: SarifResult[];
    }[];
}

/** The rule of a preview that cannot pass. */
export const RUN_RULE: PolicyInfo = {
    name: "policies-ran",
    description: "Every policy pack runs to the end. A preview that failed, was canceled or stopped before its policies ran cannot pass, and the alerts it did not report are not fixed.",
    enforcementLevel: "mandatory",
    severity: "high",
};

/** The rule of generated files that `npm run docs` would rewrite (./generated.ts). */
export const GENERATED_RULE: PolicyInfo = {
    name: "generated-files-fresh",
    description: "Generated files (OWNERS, groups.yaml, docs, schemas) match the roster and code they come from; `npm run docs` rewrites them.",
    enforcementLevel: "mandatory",
    severity: "medium",
};

/** Why a preview cannot pass, one sentence each (none when it passes or is only blocked by its violations). */
function runFailures(r: StackReport): string[] {
    if (!r.preview) return [];
    const failed = verdictOf(r) === "failed" ? [`the preview ${r.preview.status}`] : [];
    const error = r.preview.errors[0] ? `; the engine: ${r.preview.errors[0]}` : "";
    return [...r.preview.notRun, ...failed].map(why => `${r.stack}: ${why}${error}`);
}

export function sarifLog(reports: readonly StackReport[], locator: Locator, notes: RunNotes = {}): SarifLog {
    const policies = policiesOf(reports);
    const index = new Map(policies.map((p, i) => [p.name, i]));
    const results: SarifResult[] = [];
    for (const r of reports) {
        for (const v of r.violations) {
            if (v.level === "disabled") continue;
            const at = locator.locateIn(r, v);
            results.push({
                ruleId: v.policy,
                ruleIndex: index.get(v.policy)!,
                level: SARIF_LEVEL[v.level],
                message: { text: `${r.stack}: ${withResource(v)}` },
                locations: [{ physicalLocation: { artifactLocation: { uri: at.file }, region: { startLine: Math.max(1, at.line) } } }],
                partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(v.policy, r.stack, v.urn, v.message) },
                properties: { stack: r.stack, urn: v.urn, severity: v.severity },
            });
        }
    }
    const failures = reports.flatMap(r => runFailures(r).map(text => ({ r, text })));
    if (failures.length > 0) policies.push(RUN_RULE);
    for (const { r, text } of failures) {
        const at = locator.stackFile(knownStack(r));
        results.push({
            ruleId: RUN_RULE.name, ruleIndex: policies.length - 1, level: "error", message: { text },
            locations: [{ physicalLocation: { artifactLocation: { uri: at.file }, region: { startLine: Math.max(1, at.line) } } }],
            partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(RUN_RULE.name, r.stack, "", text) },
            properties: { stack: r.stack, urn: "", severity: RUN_RULE.severity },
        });
    }
    if (staleOf(notes).length > 0) policies.push(GENERATED_RULE);
    for (const s of staleOf(notes)) {
        const text = staleSentence(notes);
        results.push({
            ruleId: GENERATED_RULE.name, ruleIndex: policies.length - 1, level: "error", message: { text },
            locations: [{ physicalLocation: { artifactLocation: { uri: s.file }, region: { startLine: 1 } } }],
            partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(GENERATED_RULE.name, "", s.file, s.state) },
            properties: { stack: "", urn: "", severity: GENERATED_RULE.severity },
        });
    }
    const pack = reports.find(r => r.pack.name)?.pack ?? { name: "k8s-infra-policies", version: "" };
    const invocations = reports.some(r => r.preview) ? { invocations: [{ executionSuccessful: failures.length === 0 }] } : {};
    return {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [{ tool: { driver: { name: pack.name, version: pack.version, informationUri: INFORMATION_URI, rules: policies.map(rule) } }, ...invocations, results }],
    };
}

export function renderSarif(reports: readonly StackReport[], locator: Locator, notes: RunNotes = {}): string {
    return JSON.stringify(sarifLog(reports, locator, notes), null, 2) + "\n";
}

function rule(p: PolicyInfo): SarifRule {
    // The first sentence, without the charter reference the descriptions end with.
    const short = p.description.replace(/\s*\(charter:[^)]*\)\.?$/, "").split(/(?<=\.)\s/)[0] || p.name;
    return {
        id: p.name,
        name: p.name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
        shortDescription: { text: short },
        fullDescription: { text: p.description || p.name },
        defaultConfiguration: { level: SARIF_LEVEL[p.enforcementLevel] ?? "warning" },
        properties: { severity: p.severity, enforcementLevel: p.enforcementLevel },
    };
}

/** Stable across runs: the rule, stack, resource and message, with `file:line` references reduced to the file. */
export function fingerprint(policy: string, stack: string, urn: string, message: string): string {
    const normalized = message.replace(/(\.ya?ml):\d+/g, "$1");
    return createHash("sha256").update([policy, stack, urn, normalized].join("\u0000")).digest("hex").slice(0, 32);
}

/** Bad input (exit 2) as SARIF: one `input` rule, an error per problem, so code scanning does not close alerts it could not check. */
export function renderSarifProblems(problems: readonly Problem[], pack: { name: string; version: string }): string {
    const input: PolicyInfo = { name: "input", description: "The roster and the stack configuration must be valid before any policy can be checked.", enforcementLevel: "mandatory", severity: "high" };
    const log: SarifLog = {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [{
            tool: { driver: { name: pack.name, version: pack.version, informationUri: INFORMATION_URI, rules: [rule(input)] } },
            results: problems.map(p => ({
                ruleId: "input", ruleIndex: 0, level: "error" as const,
                message: { text: p.at ? `${p.at}: ${p.message}` : p.message },
                locations: [{ physicalLocation: { artifactLocation: { uri: p.file }, region: { startLine: p.line ?? 1 } } }],
                partialFingerprints: { [FINGERPRINT_KEY]: fingerprint("input", "", p.file, `${p.at ?? ""} ${p.message}`) },
                properties: { stack: "", urn: "", severity: "high" },
            })),
        }],
    };
    return JSON.stringify(log, null, 2) + "\n";
}
