// One way to turn a schema (zod) issue into a problem a person can act on, used by
// the roster loader and the stack config reader: the message says what to fix,
// and an unknown field points at its own key rather than at its record.

import type { z } from "zod";

export interface IssueText {
    /** Where the problem is: the issue's path, plus the unknown key for unknown fields. */
    path: PropertyKey[];
    message: string;
}

export function describeIssue(issue: z.core.$ZodIssue, unknownFieldHint: string): IssueText {
    const path = issue.path as PropertyKey[];
    if (issue.code === "unrecognized_keys") {
        const keys = issue.keys;
        return {
            path: [...path, keys[0]],
            message: `unknown field${keys.length > 1 ? "s" : ""} ${keys.map(k => `"${k}"`).join(", ")}; ${unknownFieldHint}`,
        };
    }
    if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) {
        return { path, message: "is required but missing" };
    }
    return { path, message: issue.message };
}
