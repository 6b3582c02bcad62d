// The DNS zones, dns/zone-configs/ (OctoDNS YAML): a zone is its pieces
// <zone>._<n>_<name>.yaml concatenated in order; canary.<zone>.yaml is the base
// piece again (a symbolic link, a copy, or git's text stand-in for the link),
// so the canary zone serves the base alone. Any other <name>.yaml is a zone.

import * as fs from "fs";
import { z } from "zod";
import { INVENTORY_FORMAT, ZoneFile } from "../../model/inventory/schema";
import { Source, canonical, compare, sortBy } from "./source";

export const ZONE_CONFIGS = "dns/zone-configs";
const ADVICE = "fix the zone config (octodns-validate would refuse it too) or teach tools/inventory/read-dns.ts the new form";
const PIECE = /^(.+?)\._(\d+)_(.+)\.yaml$/;

const RecordYaml = z.strictObject({
    type: z.string(),
    ttl: z.number().int().positive().optional(),
    value: z.unknown().optional(),
    values: z.array(z.unknown()).optional(),
});
type DnsRecordT = ZoneFile["records"][number];

interface ZoneSources {
    zone: string;
    sources: string[];
    canary: boolean;
}

export function readZones(src: Source): ZoneFile[] {
    if (!src.isDir(ZONE_CONFIGS)) {
        src.problem(ZONE_CONFIGS, "is missing: a k8s.io tree has it; check --from");
        return [];
    }
    return zoneSources(src).map(z => ({ format: INVENTORY_FORMAT, zone: z.zone, sources: z.sources, canary: z.canary, records: records(src, z) }));
}

/** Which files make which zone, in OctoDNS's order. */
function zoneSources(src: Source): ZoneSources[] {
    const names = src.list(ZONE_CONFIGS);
    const pieces = new Map<string, { n: number; file: string }[]>();
    const whole: string[] = [];
    for (const file of names) {
        const m = PIECE.exec(file);
        if (m) pieces.set(m[1], [...(pieces.get(m[1]) ?? []), { n: Number(m[2]), file }]);
        else if (file.endsWith(".yaml")) whole.push(file);
        else src.problem(`${ZONE_CONFIGS}/${file}`, "is not a zone config (<zone>.yaml or <zone>._<n>_<piece>.yaml); remove it or rename it");
    }
    const zones: ZoneSources[] = [...pieces].map(([zone, list]) => ({
        zone,
        sources: list.sort((a, b) => a.n - b.n || compare(a.file, b.file)).map(p => p.file),
        canary: false,
    }));
    for (const file of whole) {
        const name = file.slice(0, -".yaml".length);
        const base = name.startsWith("canary.") ? zones.find(z => z.zone === name.slice("canary.".length)) : undefined;
        if (base && sharesBase(src, file, base.sources[0])) base.canary = true;
        else if (pieces.has(name)) src.problem(`${ZONE_CONFIGS}/${file}`, `is zone ${name} whole, but ${name} also has pieces (${pieces.get(name)!.map(p => p.file).join(", ")}); keep one form`);
        else zones.push({ zone: name, sources: [file], canary: false });
    }
    return sortBy(zones, z => z.zone);
}

/** Whether canary.<zone>.yaml is the base piece: a link to it, git's stand-in for such a link, or a copy. */
function sharesBase(src: Source, file: string, baseFile: string): boolean {
    const abs = src.abs(`${ZONE_CONFIGS}/${file}`);
    src.consumed.add(`${ZONE_CONFIGS}/${file}`);
    const stat = fs.lstatSync(abs);
    if (stat.isSymbolicLink()) {
        const target = fs.readlinkSync(abs).split("/").pop();
        if (target !== baseFile) src.problem(`${ZONE_CONFIGS}/${file}`, `links to ${target}, not to the base piece ${baseFile}; point it at the base`);
        return true;
    }
    const text = src.text(`${ZONE_CONFIGS}/${file}`) ?? "";
    if (!text.includes("\n") && /^[^\s/]+\.yaml$/.test(text.trim())) {
        if (text.trim() !== baseFile) src.problem(`${ZONE_CONFIGS}/${file}`, `stands for a link to ${text.trim()}, not to the base piece ${baseFile}; point it at the base`);
        return true;
    }
    return text === (src.text(`${ZONE_CONFIGS}/${baseFile}`) ?? "");
}

/** The zone's records: its pieces' records together, a name defined in one piece only. */
function records(src: Source, zone: ZoneSources): DnsRecordT[] {
    const out: DnsRecordT[] = [];
    const definedIn = new Map<string, string>();
    for (const file of zone.sources) {
        const rel = `${ZONE_CONFIGS}/${file}`;
        const doc = src.yaml(rel, ADVICE, "pyyaml");
        if (doc === undefined) continue;
        if (doc !== null && (typeof doc !== "object" || Array.isArray(doc))) {
            src.problem(rel, `is not a mapping of record names; ${ADVICE}`);
            continue;
        }
        for (const [name, value] of Object.entries((doc ?? {}) as Record<string, unknown>)) {
            if (definedIn.has(name)) src.problem(rel, `defines "${name}" again (also in ${definedIn.get(name)}); the concatenated zone would have the key twice: merge them`);
            definedIn.set(name, file);
            // A later piece's records are the prod zone's alone (a canary zone shares the base): say which piece.
            out.push(...recordsOf(src, rel, name, value).map(r => file === zone.sources[0] ? r : { ...r, piece: file }));
        }
    }
    return sortBy(out, r => `${r.name}\u0000${r.type}`);
}

function recordsOf(src: Source, rel: string, name: string, value: unknown): DnsRecordT[] {
    const list = Array.isArray(value) ? value : [value];
    const out: DnsRecordT[] = [];
    list.forEach((raw, i) => {
        const at = Array.isArray(value) ? `${name}[${i}]` : name;
        const r = src.check(rel, RecordYaml, raw, ADVICE, Array.isArray(value) ? [name, i] : [name]);
        if (!r) return;
        if ((r.value === undefined) === (r.values === undefined)) {
            src.problems.push({ file: rel, at, message: `has ${r.value === undefined ? "neither value nor values" : "both value and values"}; give one` });
            return;
        }
        if (out.some(o => o.type === r.type)) src.problems.push({ file: rel, at, message: `is a second ${r.type} record for "${name}"; merge their values` });
        const values = r.values ?? [r.value];
        const record: DnsRecordT = { name, type: r.type, values: sortBy(values.map(canonical), v => JSON.stringify(v)) };
        if (r.ttl !== undefined) record.ttl = r.ttl;
        out.push(record);
    });
    return out;
}
