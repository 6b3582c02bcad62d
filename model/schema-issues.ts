// One way to turn a schema (zod) issue into a problem a person can act on, used by
// the roster loader and the stack config reader: the message says what to fix,
// and an unknown field points at its own key rather than at its record, with the
// field it probably meant when the schema is given.

import type { z } from "zod";
import { didYouMean } from "./did-you-mean";

export interface IssueText {
    /** Where the problem is: the issue's path, plus the unknown key for unknown fields. */
    path: PropertyKey[];
    message: string;
}

/** The schema a value at `path` under `schema` is checked against (through optional, default, arrays, records, pipes, unions). */
function schemaAt(schema: z.core.$ZodType | undefined, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
    let cur = schema;
    for (let i = 0; cur; ) {
        const def = cur._zod.def as unknown as Record<string, any>;
        if (["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"].includes(def.type)) cur = def.innerType;
        else if (def.type === "pipe") cur = def.in;
        else if (i === path.length) return cur;
        else if (def.type === "object") cur = def.shape[path[i++] as string];
        else if (def.type === "array") { cur = def.element; i++; }
        else if (def.type === "record") { cur = def.valueType; i++; }
        else if (def.type === "union") cur = (def.options as z.core.$ZodType[]).find(o => (o._zod.def as { type: string }).type === "object");
        else return undefined;
    }
    return undefined;
}

/** The field names an object schema at `path` knows, or [] when it cannot tell. */
function fieldsAt(schema: z.core.$ZodType | undefined, path: readonly PropertyKey[]): string[] {
    const at = schemaAt(schema, path);
    const def = at?._zod.def as { type?: string; shape?: Record<string, unknown> } | undefined;
    return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

/** `schema`: the root schema the issue came from, so that an unknown field is answered with the one it probably meant. */
export function describeIssue(issue: z.core.$ZodIssue, unknownFieldHint: string, schema?: z.core.$ZodType): IssueText {
    const path = issue.path as PropertyKey[];
    if (issue.code === "unrecognized_keys") {
        const keys = issue.keys;
        const fields = fieldsAt(schema, path);
        const guesses = keys.map(k => didYouMean(k, fields)).filter(g => g).join("");
        return {
            path: [...path, keys[0]],
            message: `unknown field${keys.length > 1 ? "s" : ""} ${keys.map(k => `"${k}"`).join(", ")}; ${unknownFieldHint}${guesses ? `.${guesses}` : ""}`,
        };
    }
    if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) {
        return { path, message: "is required but missing" };
    }
    return { path, message: issue.message };
}
