// What a YAML text parses to, remembered by its content, so that the 300 files of the
// inventory (3 MB: most of the program's own time in a run of the prod stack) are
// parsed once per content, not once per run. Only a text that parsed without a problem
// is kept, and only when its value survives JSON unchanged; a change to the text, the
// parser's version or its options is a new key, so a stale value is never returned.
// The parsed document (for line numbers) is made again only when a reader asks for it
// (model/yaml-file.ts). K8S_INFRA_YAML_CACHE=off turns it off; a cache folder that cannot
// be written is simply not used.

import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

const YAML_VERSION: string = require("yaml/package.json").version;
const DIR = path.join(__dirname, "..", ".cache", "yaml");

export function yamlCacheEnabled(): boolean {
    return process.env.K8S_INFRA_YAML_CACHE !== "off";
}

/** The key of `text` parsed with `options` (everything that decides the value). */
export function yamlCacheKey(text: string, options: string): string {
    return crypto.createHash("sha256").update(`${YAML_VERSION}\n${options}\n`).update(text).digest("hex");
}

/** The value remembered for `key`, as a fresh copy (callers may change it), or undefined. */
export function cachedValue(key: string): { value: unknown } | undefined {
    if (!yamlCacheEnabled()) return undefined;
    let json: string;
    try {
        json = fs.readFileSync(path.join(DIR, `${key}.json`), "utf8");
    } catch {
        return undefined;
    }
    try {
        return { value: JSON.parse(json) };
    } catch {
        return undefined; // a torn or foreign file: parse the text instead
    }
}

/** Remembers `value` for `key` when JSON keeps it exactly; never fails the caller. */
export function rememberValue(key: string, value: unknown): void {
    if (!yamlCacheEnabled() || !jsonExact(value)) return;
    try {
        fs.mkdirSync(DIR, { recursive: true });
        const tmp = path.join(DIR, `.${key}.${process.pid}.tmp`);
        fs.writeFileSync(tmp, JSON.stringify(value));
        fs.renameSync(tmp, path.join(DIR, `${key}.json`));
    } catch {
        // read-only checkout, full disk: the next run parses again
    }
}

/** True when JSON.parse(JSON.stringify(value)) equals value: plain data, finite numbers, no -0. */
export function jsonExact(value: unknown): boolean {
    if (value === null || typeof value === "string" || typeof value === "boolean") return true;
    if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
    if (Array.isArray(value)) return value.every(jsonExact);
    if (typeof value !== "object") return false;
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(value as Record<string, unknown>).every(jsonExact);
}
