// The stack-output contract: other teams read this project's outputs through
// StackReference, so the pulumi:pulumi:Stack outputs must match model/outputs.ts
// (the schema consumers/ is typed from). A renamed, removed or retyped output, or
// a new output or field not in the contract, is caught before the update. The check
// is strict, so that the contract is complete; consumers read it tolerantly, so
// adding a key to the contract is additive (no version bump), while removing or
// retyping one is breaking (bump OUTPUTS_SCHEMA_VERSION, consumers/CHANGELOG.md).
// The messages say which of the two a fix is.

import { StackValidationPolicy } from "@pulumi/policy";
import { RULE } from "@k8s-infra/model/rules";
import { OUTPUTS_SCHEMA_VERSION, StackOutputs } from "@k8s-infra/model/outputs";
import { formatPath } from "@k8s-infra/model/errors";
import { eachKnown } from "../lib/resources";

const STACK_TYPE = "pulumi:pulumi:Stack";
const CHANGELOG = "consumers/CHANGELOG.md";
/** Appended to what a missing or retyped output or field asks for. */
const BREAKING = ` Removing, renaming or retyping an output or a field is a breaking change: bump OUTPUTS_SCHEMA_VERSION and add the version to ${CHANGELOG}.`;
/** Appended to what an output or field outside the contract asks for. */
const ADDITIVE = ` Adding an output or a field to the contract is additive: no version bump, an "Added" line in ${CHANGELOG}.`;

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
                reportViolation(`Stack output "${key}" is missing; consumers read it (model/outputs.ts). Export it.${BREAKING}`, stack.urn);
                return;
            }
            const result = shape[key].safeParse(value);
            if (!result.success) {
                for (const issue of result.error.issues.slice(0, 5)) {
                    const at = formatPath([key, ...(issue.path as PropertyKey[])]);
                    if (issue.code === "unrecognized_keys") {
                        for (const field of issue.keys) {
                            reportViolation(`Stack output ${at} has a field "${field}" that is not in the contract; add it to model/outputs.ts, with its .describe() text, before exporting it.${ADDITIVE}`, stack.urn);
                        }
                        continue;
                    }
                    reportViolation(`Stack output ${at} ${issue.message.toLowerCase()}; it must match model/outputs.ts, which consumers are typed from.${BREAKING}`, stack.urn);
                }
            }
        });
        eachKnown(Object.keys(stack.props), key => {
            if (!(key in shape)) {
                reportViolation(`Stack output "${key}" is not in the contract; add it to model/outputs.ts, with its .describe() text (docs/consumers.md is made from it), before exporting it.${ADDITIVE}`, stack.urn);
            }
        });
    },
};
