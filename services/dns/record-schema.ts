// What one record of a zone config may hold, type by type, as OctoDNS validates it
// (octodns-validate) and as Cloud DNS takes it: the fields, each value's form, and
// the names records may have. A record is checked here before it becomes rrdatas
// (model/dns-rrdata.ts), so that a bad value is a problem at its line, never an
// error of the cloud in the middle of an update.

import { z } from "zod";
import { RECORD_TYPES, RecordType, rrdataOf } from "../../model/dns-rrdata";

const FQDN = z.string().regex(/^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+$/,
    { message: "is not a fully qualified name ending in a dot, like redirect.k8s.io. (lowercase)" });
const U16 = (what: string) => z.number().int().min(0).max(65535, { message: `${what} must be 0-65535` });

const VALUE: Record<RecordType, z.ZodType<unknown, any>> = {
    A: z.ipv4({ message: "is not an IPv4 address like 34.107.204.206" }),
    AAAA: z.ipv6({ message: "is not an IPv6 address like \"2600:1901:0:26f3::\" (quote it)" }),
    CNAME: FQDN,
    NS: FQDN,
    PTR: FQDN,
    TXT: z.string({ message: "must be text; quote it" }).min(1, { message: "is empty" })
        .refine(t => !/(^|[^\\]);/.test(t), { message: "has an unescaped ; (OctoDNS refuses it): write \\; as in a zone file" }),
    MX: z.strictObject({ exchange: FQDN, preference: U16("preference") }),
    CAA: z.strictObject({
        flags: z.number().int().min(0).max(255).default(0),
        tag: z.enum(["issue", "issuewild", "iodef"], { message: "must be issue, issuewild or iodef" }),
        value: z.string().min(1),
    }),
    SRV: z.strictObject({ priority: U16("priority"), weight: U16("weight"), port: U16("port"), target: FQDN }),
};

const RECORD_FIELDS = "records have type, value or values, ttl and octodns";
export const FIELDS_HINT: Record<RecordType, string> = {
    A: RECORD_FIELDS, AAAA: RECORD_FIELDS, CNAME: RECORD_FIELDS, TXT: RECORD_FIELDS, NS: RECORD_FIELDS, PTR: RECORD_FIELDS,
    MX: `${RECORD_FIELDS}; MX values have exchange and preference`,
    CAA: `${RECORD_FIELDS}; CAA values have flags, tag and value`,
    SRV: `${RECORD_FIELDS}; SRV values have priority, weight, port and target`,
};

/**
 * OctoDNS's per-record settings. `ignored: true` makes OctoDNS leave the record alone
 * in the cloud, so services/dns does too (it declares no record set for it). The other
 * settings (included/excluded targets, healthchecks, lenient validation) choose between
 * providers or bend validation; this project has one target and validates every record,
 * so they are refused rather than silently dropped.
 */
const OCTODNS = z.strictObject({ ignored: z.boolean().optional() });

export interface ParsedRecord { type: RecordType; ttl?: number; value?: unknown; values?: unknown[]; octodns?: { ignored?: boolean } }

function recordSchema(type: RecordType): z.ZodType<ParsedRecord, any> {
    return z.strictObject({
        type: z.literal(type),
        /** Seconds; the stack's defaultTtl when left out. */
        ttl: z.number().int().min(30, { message: "must be at least 30 seconds" }).max(604800, { message: "must be at most a week (604800)" }).optional(),
        value: VALUE[type].optional(),
        values: z.array(VALUE[type]).min(1, { message: "is empty; give at least one value" }).optional(),
        octodns: OCTODNS.optional(),
    });
}
export const RECORD = Object.fromEntries(RECORD_TYPES.map(t => [t, recordSchema(t)])) as Record<RecordType, z.ZodType<ParsedRecord, any>>;

/** The record's Cloud DNS rrdatas (its values checked by RECORD). */
export function rrdatasOfParsed(type: RecordType, rec: ParsedRecord): string[] {
    return (rec.values ?? [rec.value]).map(v => rrdataOf(type, v)).sort();
}

const LABEL = /^(?:\*|[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)$/;

/** Why `name` cannot name records in a zone config, or undefined. */
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

/** The record types, for messages. */
export function typeProblem(type: unknown): string {
    const what = type === undefined ? "needs a type" : `"${String(type)}" is not a record type here`;
    const soa = type === "SOA" ? "; Cloud DNS writes the SOA record itself" : "";
    return `${what}; use one of ${RECORD_TYPES.join(", ")}${soa}`;
}
