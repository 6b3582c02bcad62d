// Property values as the engine sends them to a provider that accepts secrets:
// plain JSON, with secrets as `{ <sig key>: <secret sig>, value }` objects and, in a
// preview, unknowns as one sentinel string. The stand-in cloud keeps values in
// that form (so what it returns is exactly what it was given) and reads through
// it only to compare values and to build ids.

/** The engine's marker key for special values, and its signature for a secret. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** How an unknown value (a preview's not-yet-known output) travels over gRPC. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Props = Record<string, unknown>;

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The value with every secret wrapper removed (secrets compare equal to their plain values). */
export function unwrapSecrets(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(unwrapSecrets);
    if (!isObject(v)) return v;
    if (v[SIG_KEY] === SECRET_SIG) return unwrapSecrets(v.value);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = unwrapSecrets(x);
    return out;
}

/** True when the value is unknown or holds an unknown anywhere inside. */
export function containsUnknown(v: unknown): boolean {
    if (v === UNKNOWN) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (isObject(v)) return Object.values(v).some(containsUnknown);
    return false;
}

/** Deep equality of two property values, ignoring secretness; a missing value equals only a missing one. */
export function sameValue(a: unknown, b: unknown): boolean {
    return equalPlain(unwrapSecrets(a), unwrapSecrets(b));
}

function equalPlain(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (Array.isArray(a) || Array.isArray(b)) {
        if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
        return a.every((x, i) => equalPlain(x, b[i]));
    }
    if (!isObject(a) || !isObject(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
        if (!equalPlain(a[k], b[k])) return false;
    }
    return true;
}

/**
 * The value at a dotted property path ("nodeConfig.machineType"), secrets unwrapped
 * on the way; undefined when any step is missing or is not an object.
 */
export function valueAt(props: Props, path: string): unknown {
    let cur: unknown = props;
    for (const step of path.split(".")) {
        cur = unwrapSecrets(cur);
        if (!isObject(cur)) return undefined;
        cur = cur[step];
    }
    return unwrapSecrets(cur);
}

/** The top-level properties whose values differ between olds and news (either side may lack one). */
export function changedKeys(olds: Props, news: Props): string[] {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
    return [...keys].filter(k => !sameValue(olds[k], news[k])).sort();
}
