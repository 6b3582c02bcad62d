// The engine's check of one policy's settings against its configSchema, so the
// offline check refuses exactly the settings `pulumi preview` refuses and says so in
// the same words. The engine (pkg/resource/analyzer/config.go, convertSchema and
// validatePolicyConfig, v3.248.0) builds {type: "object", properties, required}
// (each key only when non-empty) and runs gojsonschema v1.2.0 in its default
// "hybrid" draft mode, which knows draft-04/06/07 keywords, ignores unknown ones,
// and checks `format`. Here ajv (draft-07) runs the same schema, unknown keywords
// ignored (strict: false), and each error is worded as gojsonschema words it
// ("<field>: <description>", with "(root): " trimmed, as validatePolicyConfig does).
// Known gaps: `format` is not checked (ajv needs ajv-formats, not a dependency);
// for anyOf/oneOf only the combinator's own error is kept (gojsonschema adds the
// closest branch's errors); draft-04 boolean exclusiveMinimum/Maximum is refused as
// an invalid schema, which gojsonschema's hybrid mode accepts.

import Ajv, { ErrorObject } from "ajv";
import { goJson } from "../stack-config/go-json";

/** A policy's configSchema as the engine holds it (plugin.AnalyzerPolicyConfigSchema). */
export interface ConfigSchema {
    properties: Record<string, Record<string, unknown>>;
    required: string[];
}

/** One validation error: gojsonschema's message, and what to change. */
export interface SchemaIssue {
    message: string;
    fix: string;
}

/** The schema itself is broken: the engine fails with it too ("reconciling policy config for ..."). */
export class SchemaError extends Error {}

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, logger: false, validateFormats: false });

/** The engine's convertSchema. */
export function convertSchema(schema: ConfigSchema): Record<string, unknown> {
    const result: Record<string, unknown> = { type: "object" };
    if (Object.keys(schema.properties).length > 0) result.properties = schema.properties;
    if (schema.required.length > 0) result.required = schema.required;
    return result;
}

/** The engine's validatePolicyConfig: every error in `config`, as gojsonschema words it. */
export function validatePolicyConfig(schema: ConfigSchema, config: Record<string, unknown>): SchemaIssue[] {
    const converted = convertSchema(schema);
    let validate;
    try {
        validate = ajv.compile(converted);
    } catch (e) {
        throw new SchemaError((e as Error).message);
    }
    try {
        if (validate(config)) return [];
        return gojsonschemaErrors(validate.errors ?? []).map(issue);
    } finally {
        ajv.removeSchema(converted);
    }
}

/**
 * ajv's errors cut to those gojsonschema reports: it stops at a node whose type is wrong (so
 * no enum or minimum error beside it), and lists a failed anyOf/oneOf as one error.
 */
function gojsonschemaErrors(errors: ErrorObject[]): ErrorObject[] {
    const parentOf = (e: ErrorObject) => e.schemaPath.substring(0, e.schemaPath.lastIndexOf("/"));
    const typeFailed = new Set(errors.filter(e => e.keyword === "type").map(e => `${e.instancePath}\0${parentOf(e)}`));
    const combinators = errors.filter(e => e.keyword === "anyOf" || e.keyword === "oneOf").map(e => `${e.schemaPath}/`);
    return errors.filter(e =>
        (e.keyword === "type" || !typeFailed.has(`${e.instancePath}\0${parentOf(e)}`)) &&
        !combinators.some(prefix => e.schemaPath.startsWith(prefix)));
}

/** gojsonschema's field: "(root)", or the path below it joined with dots ("allowed.0"). */
function fieldOf(instancePath: string): string {
    if (instancePath === "") return "(root)";
    return instancePath.substring(1).split("/").map(s => s.replace(/~1/g, "/").replace(/~0/g, "~")).join(".");
}

/** gojsonschema's name for a value's type: whole numbers are "integer". */
function typeName(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
}

function issue(e: ErrorObject): SchemaIssue {
    const field = fieldOf(e.instancePath);
    const { description, fix } = describe(e, field);
    const message = `${field}: ${description}`;
    return { message: message.startsWith("(root): ") ? message.substring("(root): ".length) : message, fix };
}

/** gojsonschema's DefaultLocale wording (locales.go) for each keyword, and what to do about it. */
function describe(e: ErrorObject, field: string): { description: string; fix: string } {
    const p = e.params as Record<string, unknown>;
    const at = field === "(root)" ? "the settings" : field;
    const change = `change ${at} to satisfy the policy's configSchema`;
    switch (e.keyword) {
        case "required": {
            const prop = String(p.missingProperty);
            return { description: `${prop} is required`, fix: `set ${field === "(root)" ? prop : `${field}.${prop}`}: the schema requires it and gives no default` };
        }
        case "type": {
            const t = e.parentSchema?.type;
            const expected = Array.isArray(t) ? (t.length > 1 ? `[${t.join(",")}]` : String(t[0])) : String(t);
            return { description: `Invalid type. Expected: ${expected}, given: ${typeName(e.data)}`, fix: `give ${at} a value of type ${expected}` };
        }
        case "enum": {
            const allowed = (p.allowedValues as unknown[]).map(goJson).join(", ");
            return { description: `${field} must be one of the following: ${allowed}`, fix: `use one of ${allowed}` };
        }
        case "const":
            return { description: `${field} does not match: ${goJson(p.allowedValue)}`, fix: `set ${at} to ${goJson(p.allowedValue)}` };
        default:
            return { description: wording(e, p), fix: change };
    }
}

function wording(e: ErrorObject, p: Record<string, unknown>): string {
    switch (e.keyword) {
        case "minimum": return `Must be greater than or equal to ${p.limit}`;
        case "exclusiveMinimum": return `Must be greater than ${p.limit}`;
        case "maximum": return `Must be less than or equal to ${p.limit}`;
        case "exclusiveMaximum": return `Must be less than ${p.limit}`;
        case "multipleOf": return `Must be a multiple of ${p.multipleOf}`;
        case "minLength": return `String length must be greater than or equal to ${p.limit}`;
        case "maxLength": return `String length must be less than or equal to ${p.limit}`;
        case "pattern": return `Does not match pattern '${p.pattern}'`;
        case "minItems": return `Array must have at least ${p.limit} items`;
        case "maxItems": return `Array must have at most ${p.limit} items`;
        case "uniqueItems": return `array items[${p.i},${p.j}] must be unique`;
        case "contains": return "At least one of the items must match";
        case "additionalItems": return "No additional items allowed on array";
        case "minProperties": return `Must have at least ${p.limit} properties`;
        case "maxProperties": return `Must have at most ${p.limit} properties`;
        case "additionalProperties": return `Additional property ${p.additionalProperty} is not allowed`;
        case "propertyNames": return `Property name of "${p.propertyName}" does not match`;
        case "dependencies": return `Has a dependency on ${p.missingProperty}`;
        case "anyOf": return "Must validate at least one schema (anyOf)";
        case "oneOf": return "Must validate one and only one schema (oneOf)";
        case "not": return "Must not validate the schema (not)";
        case "if": return `Must validate "${p.failingKeyword}" as "if" was ${p.failingKeyword === "then" ? "valid" : "not valid"}`;
        case "false schema": return "False always fails validation";
        default: return e.message ?? e.keyword;
    }
}
