// Zone files (dns/zones/<domain>.yaml): a domain's records, reviewable in a pull
// request, in the shape of kubernetes/k8s.io's OctoDNS zone configs. Each file is read
// with line numbers and checked whole before anything is made: record types and
// values, one record per name and type, CNAMEs alone at their name, and NS records
// only where they cannot dangle. A zone file is also its canary zone's records (as
// k8s.io's base files are), so a delegation in it would be repeated under canary,
// where nobody claims it; the only delegation allowed is `canary` itself.

import * as fs from "fs";
import * as path from "path";
import { isMap, isScalar } from "yaml";
import { z } from "zod";
import { InputError, Problem, formatPath } from "../../model/errors";
import { YamlFile, readProblem } from "../../model/yaml-file";
import { describeIssue } from "../../model/schema-issues";

export const RECORD_TYPES = ["A", "AAAA", "CNAME", "TXT", "MX", "CAA", "NS"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** The label the parent zone delegates to its canary twin: the one NS record a zone file may hold. */
export { CANARY_LABEL } from "../../model/service-config/dns";
import { CANARY_LABEL } from "../../model/service-config/dns";

export interface ZoneRecord {
    /** Relative to the zone apex; "" is the apex. */
    name: string;
    type: RecordType;
    ttl?: number;
    /** As Cloud DNS takes them (TXT quoted, MX "<preference> <exchange>", CAA "<flags> <tag> \"<value>\""). */
    rrdatas: string[];
    line?: number;
}

export interface ZoneRecords {
    file: string;
    /** The records of the zone, and unchanged of its canary twin. */
    records: ZoneRecord[];
    /** The `canary` NS record: its name servers are the canary zone's, known once that zone exists. */
    canaryDelegation?: { ttl?: number; line?: number };
}

const FQDN = z.string().regex(/^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+$/,
    { message: "is not a fully qualified name ending in a dot, like redirect.k8s.io. (lowercase)" });

/** TXT data: quoted, in strings of at most 255 characters, as DNS carries them. */
export function txtData(text: string): string {
    const chunks = text.match(/[\s\S]{1,255}/g) ?? [""];
    return chunks.map(c => `"${c.replace(/(["\\])/g, "\\$1")}"`).join(" ");
}

const VALUE: Record<RecordType, z.ZodType<string, any>> = {
    A: z.ipv4({ message: "is not an IPv4 address like 34.107.204.206" }),
    AAAA: z.ipv6({ message: "is not an IPv6 address like \"2600:1901:0:26f3::\" (quote it)" }),
    CNAME: FQDN,
    NS: FQDN,
    TXT: z.string({ message: "must be text; quote it" }).min(1, { message: "is empty" }).transform(txtData),
    MX: z.strictObject({
        exchange: FQDN,
        preference: z.number().int().min(0).max(65535, { message: "must be 0-65535" }),
    }).transform(v => `${v.preference} ${v.exchange}`),
    CAA: z.strictObject({
        flags: z.number().int().min(0).max(255).default(0),
        tag: z.enum(["issue", "issuewild", "iodef"], { message: "must be issue, issuewild or iodef" }),
        value: z.string().min(1),
    }).transform(v => `${v.flags} ${v.tag} "${v.value}"`),
};

const RECORD_FIELDS = "records have type, value or values, and ttl";
const FIELDS_HINT: Record<RecordType, string> = {
    A: RECORD_FIELDS, AAAA: RECORD_FIELDS, CNAME: RECORD_FIELDS, TXT: RECORD_FIELDS, NS: RECORD_FIELDS,
    MX: `${RECORD_FIELDS}; MX values have exchange and preference`,
    CAA: `${RECORD_FIELDS}; CAA values have flags, tag and value`,
};

interface ParsedRecord { type: RecordType; ttl?: number; value?: string; values?: string[] }

function recordSchema(type: RecordType): z.ZodType<ParsedRecord, any> {
    return z.strictObject({
        type: z.literal(type),
        /** Seconds; the stack's defaultTtl when left out. */
        ttl: z.number().int().min(30, { message: "must be at least 30 seconds" }).max(604800, { message: "must be at most a week (604800)" }).optional(),
        value: VALUE[type].optional(),
        values: z.array(VALUE[type]).min(1, { message: "is empty; give at least one value" }).optional(),
    });
}
const RECORD = Object.fromEntries(RECORD_TYPES.map(t => [t, recordSchema(t)])) as Record<RecordType, z.ZodType<ParsedRecord, any>>;

const LABEL = /^(?:\*|[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)$/;

/** Why `name` cannot name records in a zone file, or undefined. */
export function nameProblem(name: string): string | undefined {
    if (name === "") return undefined;
    if (name === "@") return `write '' for the zone apex, as OctoDNS does`;
    if (name.endsWith(".")) return `names are relative to the zone apex: write "www", not "www.k8s.io."`;
    if (name !== name.toLowerCase()) return "must be lowercase";
    const labels = name.split(".");
    if (!labels.every(l => LABEL.test(l))) return "must be dot-separated labels of lowercase letters, digits, - and _ (at most 63 each)";
    if (labels.slice(1).includes("*")) return "a wildcard * may only be the first label, like *.docs";
    return undefined;
}

/**
 * Why an NS record at `name` cannot be in a zone file, or undefined for the canary
 * delegation (allowed when the zone has a canary). NS records belong at the zone apex
 * only, and there Cloud DNS writes them itself when it makes the zone.
 */
export function nsProblem(name: string, opts: { domain: string; canary: boolean }): string | undefined {
    if (name === "") {
        return "NS records at the zone apex are Cloud DNS's own (it writes them with the zone); remove this one";
    }
    if (name === CANARY_LABEL) {
        return opts.canary ? undefined : `delegates ${CANARY_LABEL}, but this zone has no canary (canary: false in the stack config); remove it or turn the canary on`;
    }
    return `NS records are only allowed at the zone apex: this file is also the canary zone's, so delegating ${name}.${opts.domain} here would also delegate ${name}.${CANARY_LABEL}.${opts.domain} to servers nobody claims (a dangling delegation); the only delegation here is ${CANARY_LABEL}`;
}

/** Reads the records of one zone file; problems carry the file and line. */
export function parseZoneFile(text: string, file: string, opts: { domain: string; canary: boolean }): { zone: ZoneRecords; problems: Problem[] } {
    const parsedYaml = YamlFile.parse(text, file);
    // A problem with a name itself points at the name's own line, not its record's;
    // and messages name the apex '' rather than leaving its key out of the path.
    const keyLines = new Map<string, number>();
    const root = parsedYaml.document.contents;
    if (isMap(root)) {
        for (const item of root.items) {
            const line = isScalar(item.key) ? parsedYaml.lineAt(item.key) : undefined;
            if (isScalar(item.key) && line !== undefined) keyLines.set(String(item.key.value), line);
        }
    }
    const yaml = {
        lineOf: (at: PropertyKey[]) => parsedYaml.lineOf(at),
        problem: (at: PropertyKey[], message: string): Problem => ({
            ...parsedYaml.problem(at, message),
            ...(at.length === 1 && keyLines.has(String(at[0])) ? { line: keyLines.get(String(at[0])) } : {}),
            at: formatPath(at[0] === "" ? ["''", ...at.slice(1)] : at),
        }),
    };
    const zone: ZoneRecords = { file, records: [] };
    const problems: Problem[] = [...parsedYaml.problems];
    if (!parsedYaml.ok) return { zone, problems };
    const data = parsedYaml.toJS() ?? {};
    if (typeof data !== "object" || Array.isArray(data)) {
        problems.push({ file, line: 1, message: "must be a mapping of names to records, like www: {type: CNAME, value: k8s.io.}" });
        return { zone, problems };
    }

    for (const [name, entry] of Object.entries(data as Record<string, unknown>)) {
        const np = nameProblem(name);
        if (np) { problems.push(yaml.problem([name], np)); continue; }
        const entries = Array.isArray(entry) ? entry.map((e, i) => ({ e, at: [name, i] as PropertyKey[] })) : [{ e: entry, at: [name] as PropertyKey[] }];
        const types = new Set<string>();
        const kept = new Set<RecordType>();
        for (const { e, at } of entries) {
            const type = (e && typeof e === "object" ? (e as Record<string, unknown>).type : undefined);
            if (!(RECORD_TYPES as readonly unknown[]).includes(type)) {
                const what = type === undefined ? "needs a type" : `"${String(type)}" is not a record type here`;
                const soa = type === "SOA" ? "; Cloud DNS writes the SOA record itself" : "";
                problems.push(yaml.problem(type === undefined ? at : [...at, "type"], `${what}; use one of ${RECORD_TYPES.join(", ")}${soa}`));
                continue;
            }
            const t = type as RecordType;
            if (types.has(t)) {
                problems.push(yaml.problem([...at, "type"], `a second ${t} record at ${name || "the apex"}; put every value in one record's values`));
                continue;
            }
            types.add(t);
            const parsed = RECORD[t].safeParse(e);
            if (!parsed.success) {
                for (const issue of parsed.error.issues) {
                    const d = describeIssue(issue, FIELDS_HINT[t]);
                    problems.push(yaml.problem([...at, ...d.path], d.message));
                }
                continue;
            }
            const rec = parsed.data;
            const line = yaml.lineOf(at);
            if (t === "NS") {
                const ns = nsProblem(name, opts);
                if (ns) { problems.push(yaml.problem(at, ns)); continue; }
                if (rec.value !== undefined || rec.values !== undefined) {
                    problems.push(yaml.problem(at, "the canary delegation's name servers are the canary zone's own, filled in by services/dns; remove value/values"));
                    continue;
                }
                zone.canaryDelegation = { ttl: rec.ttl, line };
                kept.add(t);
                continue;
            }
            if ((rec.value === undefined) === (rec.values === undefined)) {
                problems.push(yaml.problem(at, rec.value === undefined ? "needs value or values" : "has both value and values; give one"));
                continue;
            }
            const rrdatas = rec.values ?? [rec.value!];
            if (t === "CNAME" && name === "") { problems.push(yaml.problem(at, "a CNAME cannot be at the zone apex (RFC 1034); use A and AAAA records")); continue; }
            if (t === "CNAME" && rrdatas.length > 1) { problems.push(yaml.problem(at, "a CNAME has exactly one value")); continue; }
            zone.records.push({ name, type: t, ttl: rec.ttl, rrdatas, line });
            kept.add(t);
        }
        if (kept.size > 1 && (kept.has("CNAME") || kept.has("NS"))) {
            const which = kept.has("CNAME") ? "a CNAME" : "a delegation (NS)";
            problems.push(yaml.problem([name], `${which} must be the only record at its name; ${name || "the apex"} also has ${[...kept].filter(x => x !== "CNAME" && x !== "NS").join(", ") || "another"}`));
        }
        if (opts.canary && name.split(".").pop() === CANARY_LABEL && name !== CANARY_LABEL) {
            problems.push(yaml.problem([name], `is below the ${CANARY_LABEL} delegation, so the parent zone would never answer it; records of the canary zone are this file's own`));
        }
    }
    if (opts.canary && !zone.canaryDelegation && problems.length === 0) {
        problems.push({ file, line: 1, message: `the zone has a canary, but no delegation to it; add\n      ${CANARY_LABEL}:\n        type: NS` });
    }
    return { zone, problems };
}

/**
 * Reads the zone file of every domain in `zones` from `dir`; `displayDir` is how
 * messages name the folder. Throws one InputError with every problem in every file.
 */
export function loadZoneFiles(dir: string, displayDir: string, zones: readonly { domain: string; canary: boolean }[]): Record<string, ZoneRecords> {
    const problems: Problem[] = [];
    const out: Record<string, ZoneRecords> = {};
    for (const { domain, canary } of zones) {
        const abs = path.join(dir, `${domain}.yaml`);
        const file = path.join(displayDir, `${domain}.yaml`);
        let text: string;
        try {
            text = fs.readFileSync(abs, "utf8");
        } catch (e) {
            const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
            problems.push({ file, message: missing ? `is missing; every zone in k8s-infra:services.dns.zones needs its zone file (${domain} is listed)` : readProblem(e) });
            continue;
        }
        const { zone, problems: found } = parseZoneFile(text, file, { domain, canary });
        problems.push(...found);
        out[domain] = zone;
    }
    if (problems.length > 0) throw new InputError(`DNS zone files (${displayDir}/)`, problems);
    return out;
}
