// JSON text exactly as Go's encoding/json Marshal writes it, because the Pulumi CLI
// (Go) is what writes the JSON the program and the policy pack receive: a
// structured config value (sdk/go/common/resource/config/plaintext.go, marshalText),
// PULUMI_CONFIG itself, and the enum values gojsonschema quotes in its messages.
// It differs from JSON.stringify in two ways that change bytes, and so the size
// of PULUMI_CONFIG: object keys are sorted by their UTF-8 bytes (JavaScript puts
// integer-like keys first), and <, >, &, U+2028 and U+2029 are escaped as \u003c
// and so on (Marshal's HTML-safe escaping).

/** Go's json.Marshal of a JSON-like value (strings, numbers, booleans, null, arrays, plain objects). */
export function goJson(value: unknown): string {
    if (value === null || value === undefined) return "null";
    if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
    switch (typeof value) {
        case "string": return goString(value);
        case "number": return Number.isFinite(value) ? JSON.stringify(value) : "null";
        case "boolean": return String(value);
        case "object": {
            const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
            entries.sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
            return `{${entries.map(([k, v]) => `${goString(k)}:${goJson(v)}`).join(",")}}`;
        }
        default: return "null";
    }
}

/** A JSON string literal as Go writes it: JSON.stringify's escapes plus the HTML-safe ones. */
function goString(s: string): string {
    return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
