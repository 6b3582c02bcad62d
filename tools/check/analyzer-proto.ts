// The engine's Analyzer protocol as the offline check speaks it: the protobuf module
// of the same @pulumi/pulumi copy the pack uses (an instance of another copy is not
// accepted), and the conversions between its enums and messages and the check's
// types: levels, severities, what GetAnalyzerInfo says about a pack, a resource's
// options, and a diagnostic as a Violation.

import * as path from "path";
import type * as analyzerT from "@pulumi/pulumi/proto/analyzer_pb";
import type { EnforcementLevel, Severity } from "@pulumi/policy";
import type { PackInfo } from "./policy-config";
import type { CapturedResource, Violation } from "../results/types";

// The same copies of grpc-js and google-protobuf that @pulumi/pulumi (and so the pack) uses.
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
export const fromPulumi = (id: string): unknown => require(require.resolve(id, { paths: [pulumiDir] }));
export const proto = fromPulumi("@pulumi/pulumi/proto/analyzer_pb") as typeof analyzerT;

export const LEVELS: Record<number, EnforcementLevel> = {
    [proto.EnforcementLevel.ADVISORY]: "advisory",
    [proto.EnforcementLevel.MANDATORY]: "mandatory",
    [proto.EnforcementLevel.DISABLED]: "disabled",
    [proto.EnforcementLevel.REMEDIATE]: "remediate",
};
export const LEVEL_ENUM: Record<EnforcementLevel, analyzerT.EnforcementLevel> = {
    advisory: proto.EnforcementLevel.ADVISORY,
    mandatory: proto.EnforcementLevel.MANDATORY,
    disabled: proto.EnforcementLevel.DISABLED,
    remediate: proto.EnforcementLevel.REMEDIATE,
};
export const SEVERITIES: Record<number, Severity | ""> = {
    [proto.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: "",
    [proto.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [proto.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [proto.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [proto.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

/** What GetAnalyzerInfo said, as the engine's reconciliation reads it. */
export function packInfo(info: analyzerT.AnalyzerInfo, dir: string): PackInfo {
    return {
        name: info.getName(),
        version: info.getVersion(),
        dir,
        supportsConfig: info.getSupportsconfig(),
        policies: info.getPoliciesList().map(p => {
            const schema = p.getConfigschema();
            return {
                name: p.getName(),
                level: LEVELS[p.getEnforcementlevel()],
                schema: schema && {
                    properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>,
                    required: schema.getRequiredList(),
                },
            };
        }),
        initial: new Map([...info.getInitialconfigMap().entries()].map(([name, c]) =>
            [name, { level: LEVELS[c.getEnforcementlevel()], properties: c.getProperties()?.toJavaScript() }])),
    };
}

/** A resource's options as the engine sends them to Analyze and AnalyzeStack. */
export function options(r: CapturedResource): analyzerT.AnalyzerResourceOptions {
    return new proto.AnalyzerResourceOptions()
        .setProtect(r.protect).setIgnorechangesList(r.ignoreChanges)
        .setDeletebeforereplace(r.deleteBeforeReplace).setDeletebeforereplacedefined(r.deleteBeforeReplace)
        .setAdditionalsecretoutputsList(r.additionalSecretOutputs).setAliasesList(r.aliases)
        .setCustomtimeouts(new proto.AnalyzerResourceOptions.CustomTimeouts())
        .setParent(r.parent);
}

/** A diagnostic as a Violation; the message loses the "<description>\n" the pack puts in front of it. */
export function violation(d: analyzerT.AnalyzeDiagnostic, urn: string): Violation {
    const description = d.getDescription();
    let message = d.getMessage();
    if (message === description) message = "";
    else if (description && message.startsWith(`${description}\n`)) message = message.substring(description.length + 1);
    return {
        policy: d.getPolicyname(),
        pack: d.getPolicypackname(),
        packVersion: d.getPolicypackversion(),
        level: LEVELS[d.getEnforcementlevel()],
        severity: SEVERITIES[d.getSeverity()] ?? "",
        urn,
        description,
        message,
    };
}
