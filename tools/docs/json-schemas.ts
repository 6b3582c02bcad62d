// JSON Schemas for the files people edit by hand: each roster file and the stack
// files (Pulumi.<stack>.yaml), generated from the zod schemas the loaders use
// (z.toJSONSchema), so an editor with the YAML language server validates and
// completes them as you type, from the same rules the check applies. Each file
// names its schema in a `# yaml-language-server: $schema=...` first line.
// Rules zod cannot express in JSON Schema (cross-references, refinements) are the
// loader's alone: the schema is the editor's first help, the check the judge.

import * as path from "path";
import { z } from "zod";
import { FILES } from "../../model/roster/schema";
import { CONFIG_KEYS, StackConfig } from "../../model/config";

type JsonSchema = Record<string, unknown>;

/** Where a roster file's schema is, from the repository root. */
export function rosterSchemaPath(file: string): string {
    return `schemas/roster/${file.replace(/\.yaml$/, "")}.schema.json`;
}
export const STACK_SCHEMA = "schemas/stack.schema.json";

/** The modeline a file at `file` (from the root) carries to name `schema` (from the root). */
export function modeline(file: string, schema: string): string {
    return `# yaml-language-server: $schema=${path.posix.relative(path.posix.dirname(file), schema)}`;
}

function toJson(schema: z.ZodType, title: string): JsonSchema {
    // draft-7: what the YAML language server and ajv's default both read; input: what is written, before defaults.
    return { title, ...z.toJSONSchema(schema, { target: "draft-7", io: "input", unrepresentable: "any" }) as JsonSchema };
}

/** A stack file: Pulumi's keys, and under config the k8s-infra: keys (any other namespace is the providers'). */
function stackSchema(): JsonSchema {
    const inner = toJson(StackConfig, "k8s-infra stack config");
    const props = inner.properties as Record<string, JsonSchema>;
    const required = (inner.required as string[] | undefined) ?? [];
    const known = CONFIG_KEYS.map(k => `k8s-infra:${k}`);
    return {
        $schema: inner.$schema,
        title: "Pulumi.<stack>.yaml of k8s-infra",
        type: "object",
        properties: {
            secretsprovider: { type: "string" },
            encryptedkey: { type: "string" },
            encryptionsalt: { type: "string" },
            config: {
                type: "object",
                properties: Object.fromEntries(CONFIG_KEYS.map(k => [`k8s-infra:${k}`, props[k]])),
                required: required.map(k => `k8s-infra:${k}`),
                // Other namespaces (gcp:, aws:, pulumi:) are the providers' to judge; a k8s-infra: key must be one of ours.
                propertyNames: { anyOf: [{ enum: known }, { not: { pattern: "^k8s-infra:" } }] },
            },
        },
        required: ["config"],
        ...(inner.definitions ? { definitions: inner.definitions } : {}),
    };
}

/** Every schema file: path (from the root) -> its text. */
export function jsonSchemaFiles(): Record<string, string> {
    const files: Record<string, string> = {};
    for (const [file, schema] of Object.entries(FILES)) {
        files[rosterSchemaPath(file)] = JSON.stringify(toJson(schema, `roster/${file}`), null, 2) + "\n";
    }
    files[STACK_SCHEMA] = JSON.stringify(stackSchema(), null, 2) + "\n";
    return files;
}
