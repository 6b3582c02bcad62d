// DNS record values in the two forms this project meets: OctoDNS's (the zone
// configs of kubernetes/k8s.io, dns/zone-configs/, and the inventory read from
// them) and Cloud DNS's rrdatas (what a record set holds and what a Read gives).
// One conversion, used by the DNS service for what it declares and by the
// inventory for what exists, so that an adopted record set compares equal.

/** The record types the zone configs may use: those OctoDNS and Cloud DNS both have and k8s.io uses or may use. */
export const RECORD_TYPES = ["A", "AAAA", "CAA", "CNAME", "MX", "NS", "PTR", "SRV", "TXT"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/**
 * The TTL of a record whose zone config gives none: k8s.io's OctoDNS YamlProvider
 * `default_ttl` (kubernetes/k8s.io dns/octodns-config.yaml), so what the real zones hold.
 */
export const OCTODNS_DEFAULT_TTL = 3600;

export interface MxValue { exchange: string; preference: number }
export interface CaaValue { flags: number; tag: string; value: string }
export interface SrvValue { priority: number; weight: number; port: number; target: string }

/**
 * TXT data as Cloud DNS takes it: quoted strings of at most 255 characters. OctoDNS
 * writes a semicolon escaped (`\;`, as in a zone file): it is the character itself.
 */
export function txtData(text: string): string {
    const plain = text.replace(/\\;/g, ";");
    const chunks = plain.match(/[\s\S]{1,255}/g) ?? [""];
    return chunks.map(c => `"${c.replace(/(["\\])/g, "\\$1")}"`).join(" ");
}

/** One OctoDNS value of `type` (already checked) as one Cloud DNS rrdata. */
export function rrdataOf(type: RecordType, value: unknown): string {
    switch (type) {
        case "TXT": return txtData(String(value));
        // OctoDNS's older MX keys (priority, value) and CAA's default flags (0) read as OctoDNS reads them.
        case "MX": { const v = value as MxValue & { priority?: number; value?: string }; return `${v.preference ?? v.priority} ${v.exchange ?? v.value}`; }
        case "CAA": { const v = value as CaaValue; return `${v.flags ?? 0} ${v.tag} "${v.value}"`; }
        case "SRV": { const v = value as SrvValue; return `${v.priority} ${v.weight} ${v.port} ${v.target}`; }
        default: return String(value);
    }
}

/** A record set's rrdatas in one order (Cloud DNS keeps a set; both sides of a comparison sort the same way). */
export function rrdatasOf(type: RecordType, values: readonly unknown[]): string[] {
    return values.map(v => rrdataOf(type, v)).sort();
}

/** The record set's DNS name: `name` relative to the zone apex ("" is the apex) under `apex` (with its trailing dot). */
export function recordSetName(name: string, apex: string): string {
    return name === "" ? apex : `${name}.${apex}`;
}
