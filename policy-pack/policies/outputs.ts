// The stack-output contract: other teams read this project's outputs through
// StackReference, so the pulumi:pulumi:Stack outputs must match model/outputs.ts
// (the schema consumers/ is typed from). A renamed, removed or retyped output, or
// a new one not in the contract, is caught before the update.

import { StackValidationPolicy } from "@pulumi/policy";
import { RULE } from "../../model/rules";
import { OUTPUTS_SCHEMA_VERSION, StackOutputs } from "../../model/outputs";
import { formatPath } from "../../model/errors";
import { eachKnown } from "../lib/resources";

const STACK_TYPE = "pulumi:pulumi:Stack";

export const stackOutputsContract: StackValidationPolicy = {
    name: RULE.outputsContract,
    description: `The stack outputs match the documented contract (model/outputs.ts, schema version ${OUTPUTS_SCHEMA_VERSION}) that consumers read through StackReference.`,
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        const stack = args.resources.find(r => r.type === STACK_TYPE);
        if (!stack) return;
        const shape = StackOutputs.shape;
        const keys = Object.keys(shape) as (keyof typeof shape)[];
        // Key by key, so that an output unknown during preview skips only itself.
        eachKnown(keys, key => {
            const value = stack.props[key];
            if (value === undefined) {
                reportViolation(`Stack output "${key}" is missing; consumers read it (model/outputs.ts). Export it, or bump OUTPUTS_SCHEMA_VERSION and tell consumers.`, stack.urn);
                return;
            }
            const result = shape[key].safeParse(value);
            if (!result.success) {
                for (const issue of result.error.issues.slice(0, 5)) {
                    const at = formatPath([key, ...(issue.path as PropertyKey[])]);
                    reportViolation(`Stack output ${at} ${issue.message.toLowerCase()}; it must match model/outputs.ts, which consumers are typed from.`, stack.urn);
                }
            }
        });
        eachKnown(Object.keys(stack.props), key => {
            if (!(key in shape)) {
                reportViolation(`Stack output "${key}" is not in the contract; add it to model/outputs.ts (and the README) before exporting it.`, stack.urn);
            }
        });
    },
};
