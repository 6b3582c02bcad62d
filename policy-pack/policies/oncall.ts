// On-call and escalation: every prod subproject names an on-call rotation and an
// escalation path, so that someone answers when its service breaks.

import { ResourceValidationPolicy } from "@pulumi/policy";
import { RULE } from "@k8s-infra/model/rules";
import { COMPONENT } from "@k8s-infra/model/resource-types";
import type { SubprojectRecord } from "@k8s-infra/model/stack-model";
import { at, asArray } from "../lib/resources";

export const oncallEscalation: ResourceValidationPolicy = {
    name: RULE.oncall,
    description: "Every prod subproject names an on-call rotation and an escalation path (charter: on-call / escalation policies).",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: (args, reportViolation) => {
        if (args.type !== COMPONENT.subproject) return;
        const record = args.props as SubprojectRecord;
        if (record.environment !== "prod") return;
        const missing: string[] = [];
        // Blank text only looks present (the roster refuses it too).
        const rotation: unknown = record.oncall?.rotation;
        if (typeof rotation !== "string" || rotation.trim() === "") missing.push("on-call rotation");
        if (asArray(record.oncall?.escalation).length === 0) missing.push("escalation path");
        if (missing.length > 0) {
            reportViolation(`Subproject ${record.name}${at(record)} has no ${missing.join(" and no ")}; ` +
                "add oncall: { rotation: ..., escalation: [...] } to it in roster/subprojects.yaml.");
        }
    },
};
