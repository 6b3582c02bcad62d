// One file of dns/zone-configs/ (a zone's base, a prod-only piece, or a whole zone),
// read with line numbers: a mapping of names (relative to the apex, '' for the apex)
// to a record or a list of records, as OctoDNS's YamlProvider reads it. Every record
// is checked (record-schema.ts) and every problem kept with its file and line; the
// rules that need the whole zone (a name in two pieces, what a delegation hides, a
// delegation in a piece a canary shares) are zone-configs.ts's.

import { isMap, isScalar } from "yaml";
import { Problem, formatPath } from "../../model/errors";
import { YamlFile } from "../../model/yaml-file";
import { describeIssue } from "../../model/schema-issues";
import { RECORD_TYPES, RecordType } from "../../model/dns-rrdata";
import { FIELDS_HINT, RECORD, nameProblem, rrdatasOfParsed, typeProblem } from "./record-schema";

export interface ZoneRecord {
    /** Relative to the zone apex; "" is the apex. */
    name: string;
    type: RecordType;
    ttl?: number;
    /** As Cloud DNS takes them (model/dns-rrdata.ts), sorted. */
    rrdatas: string[];
    /** The zone config file (as messages name it) and line it is at. */
    file: string;
    line?: number;
}

export interface PieceRecords {
    records: ZoneRecord[];
    /** Every name the file defines, with its line (records marked ignored included: OctoDNS still reads the key). */
    names: Map<string, number | undefined>;
    problems: Problem[];
}

/** Problem factory for one file: a path's line, the key's own line for a name, and '' written as such. */
function problemsAt(parsed: YamlFile) {
    const keyLines = new Map<string, number>();
    const root = parsed.document.contents;
    if (isMap(root)) {
        for (const item of root.items) {
            const line = isScalar(item.key) ? parsed.lineAt(item.key) : undefined;
            if (isScalar(item.key) && line !== undefined) keyLines.set(String(item.key.value), line);
        }
    }
    return {
        keyLine: (name: string) => keyLines.get(name),
        lineOf: (at: PropertyKey[]) => parsed.lineOf(at),
        problem: (at: PropertyKey[], message: string): Problem => ({
            ...parsed.problem(at, message),
            ...(at.length === 1 && keyLines.has(String(at[0])) ? { line: keyLines.get(String(at[0])) } : {}),
            at: formatPath(at[0] === "" ? ["''", ...at.slice(1)] : at),
        }),
    };
}

/** Reads the records of one zone config file; `file` is how messages name it. */
export function parsePiece(text: string, file: string): PieceRecords {
    const parsed = YamlFile.parse(text, file);
    const out: PieceRecords = { records: [], names: new Map(), problems: [...parsed.problems] };
    if (!parsed.ok) return out;
    const data = parsed.toJS() ?? {};
    if (typeof data !== "object" || Array.isArray(data)) {
        out.problems.push({ file, line: 1, message: "must be a mapping of names to records, like www: {type: CNAME, value: k8s.io.}" });
        return out;
    }
    const yaml = problemsAt(parsed);
    for (const [name, entry] of Object.entries(data as Record<string, unknown>)) {
        out.names.set(name, yaml.keyLine(name));
        const np = nameProblem(name);
        if (np) { out.problems.push(yaml.problem([name], np)); continue; }
        readName(name, entry, file, yaml, out);
    }
    return out;
}

function readName(name: string, entry: unknown, file: string, yaml: ReturnType<typeof problemsAt>, out: PieceRecords): void {
    const entries = Array.isArray(entry) ? entry.map((e, i) => ({ e, at: [name, i] as PropertyKey[] })) : [{ e: entry, at: [name] as PropertyKey[] }];
    const types = new Set<RecordType>();
    // A record alone at its name is at its name's line; one of a list at its item's.
    const lineOfRecord = (at: PropertyKey[]) => (at.length === 1 ? yaml.keyLine(name) : undefined) ?? yaml.lineOf(at);
    for (const { e, at } of entries) {
        const type = e && typeof e === "object" ? (e as Record<string, unknown>).type : undefined;
        if (!(RECORD_TYPES as readonly unknown[]).includes(type)) {
            out.problems.push(yaml.problem(type === undefined ? at : [...at, "type"], typeProblem(type)));
            continue;
        }
        const t = type as RecordType;
        if (types.has(t)) {
            out.problems.push(yaml.problem([...at, "type"], `a second ${t} record at ${name || "the apex"}; put every value in one record's values`));
            continue;
        }
        types.add(t);
        const rec = RECORD[t].safeParse(e);
        if (!rec.success) {
            for (const issue of rec.error.issues) {
                const d = describeIssue(issue, FIELDS_HINT[t]);
                out.problems.push(yaml.problem([...at, ...d.path], d.message));
            }
            continue;
        }
        const r = rec.data;
        if ((r.value === undefined) === (r.values === undefined)) {
            out.problems.push(yaml.problem(at, r.value === undefined ? "needs value or values" : "has both value and values; give one"));
            continue;
        }
        const rrdatas = rrdatasOfParsed(t, r);
        const wrong = recordProblem(name, t, rrdatas);
        if (wrong) { out.problems.push(yaml.problem(at, wrong)); continue; }
        if (r.octodns?.ignored) continue; // OctoDNS leaves it alone in the cloud; so does services/dns
        out.records.push({ name, type: t, ...(r.ttl !== undefined ? { ttl: r.ttl } : {}), rrdatas, file, line: lineOfRecord(at) });
    }
    if (types.has("CNAME") && types.size > 1) {
        out.problems.push(yaml.problem([name], `a CNAME must be the only record at its name; ${name || "the apex"} also has ${[...types].filter(x => x !== "CNAME").join(", ")}`));
    }
}

/** Why a record of `type` at `name` cannot be, whatever its zone, or undefined. */
function recordProblem(name: string, type: RecordType, rrdatas: string[]): string | undefined {
    if (type === "NS" && name === "") return "NS records at the zone apex are Cloud DNS's own (it writes them with the zone); remove this one";
    if (type === "CNAME" && name === "") return "a CNAME cannot be at the zone apex (RFC 1034); use A and AAAA records";
    if (type === "CNAME" && rrdatas.length > 1) return "a CNAME has exactly one value";
    return undefined;
}
