// The zone configs (dns/zone-configs/), in the layout kubernetes/k8s.io keeps them
// for OctoDNS: a zone is its pieces <zone>._<n>_<name>.yaml concatenated in order
// (n, then name), or one whole <zone>.yaml. canary.<zone>.yaml is the canary zone's
// config, and in k8s.io a link to the base piece <zone>._0_base.yaml (a symbolic
// link, or git's one-line text stand-in for one): the canary zone serves the base
// only, while the later pieces (the canary delegation, kops' test delegations) are
// the prod zone's alone. Every file of every configured zone is read and checked
// before anything is made, and all their problems are thrown as one InputError.

import * as fs from "fs";
import * as path from "path";
import { InputError, Problem } from "../../model/errors";
import { readProblem } from "../../model/yaml-file";
import { CANARY_LABEL } from "../../model/service-config/dns";
import { PieceRecords, ZoneRecord, parsePiece } from "./zone-piece";

export type { ZoneRecord } from "./zone-piece";

export interface LoadedZone {
    /** The zone, e.g. k8s.io or canary.k8s.io (no trailing dot). */
    zone: string;
    /** Its files in OctoDNS's order, as messages name them (links resolved to the file they stand for). */
    sources: string[];
    records: ZoneRecord[];
}

export interface DomainZones {
    zone: LoadedZone;
    /** The canary twin, when the stack config makes one. */
    canary?: LoadedZone;
}

const PIECE = /^(.+?)\._(\d+)_(.+)\.yaml$/;
/** Git writes a link it cannot make as a file holding the target's name: one line, one file name. */
const LINK_STAND_IN = /^[^\s/\\]+\.yaml$/;

/** The folder's files: each name, and for a link the name of the file it stands for. */
class ZoneConfigFolder {
    readonly problems: Problem[] = [];
    private readonly parsed = new Map<string, PieceRecords>();
    private readonly files: string[];

    constructor(private readonly dir: string, private readonly displayDir: string) {
        let names: string[] = [];
        try {
            names = fs.readdirSync(dir).filter(f => f.endsWith(".yaml")).sort();
        } catch (e) {
            this.problems.push({ file: displayDir, message: readProblem(e) });
        }
        this.files = names;
    }

    display(file: string): string {
        return path.join(this.displayDir, file);
    }

    /** The files that make `zone`, in order, links resolved: undefined when it has none, [] when they are broken (a problem each). */
    sourcesOf(zone: string): string[] | undefined {
        const pieces = this.files.map(f => ({ f, m: PIECE.exec(f) })).filter(p => p.m && p.m[1] === zone)
            .sort((a, b) => Number(a.m![2]) - Number(b.m![2]) || (a.f < b.f ? -1 : a.f > b.f ? 1 : 0)).map(p => p.f);
        const whole = this.files.includes(`${zone}.yaml`) ? `${zone}.yaml` : undefined;
        if (pieces.length > 0 && whole) {
            this.problems.push({ file: this.display(whole), message: `is zone ${zone} whole, but ${zone} also has pieces (${pieces.join(", ")}); keep one form` });
            return [];
        }
        const files = pieces.length > 0 ? pieces : whole ? [whole] : [];
        if (files.length === 0) return undefined;
        const resolved = files.map(f => this.resolve(f));
        return resolved.every((f): f is string => f !== undefined) ? resolved : [];
    }

    /** The file `file` is, or stands for when it is a link to another file of the folder. */
    private resolve(file: string): string | undefined {
        const abs = path.join(this.dir, file);
        let target: string | undefined;
        try {
            if (fs.lstatSync(abs).isSymbolicLink()) target = fs.readlinkSync(abs);
            else {
                const text = fs.readFileSync(abs, "utf8").trim();
                if (!text.includes("\n") && LINK_STAND_IN.test(text)) target = text;
            }
        } catch (e) {
            this.problems.push({ file: this.display(file), message: readProblem(e) });
            return undefined;
        }
        if (target === undefined) return file;
        const name = path.basename(target);
        if (path.dirname(target) !== "." || !this.files.includes(name)) {
            this.problems.push({ file: this.display(file), line: 1, message: `links to ${target}, which is not a file of ${this.displayDir}/; link to the zone's base piece, like k8s.io._0_base.yaml` });
            return undefined;
        }
        return name;
    }

    /** The records of one file, read once however many zones share it. */
    records(file: string): PieceRecords {
        let got = this.parsed.get(file);
        if (!got) {
            let text = "";
            try {
                text = fs.readFileSync(path.join(this.dir, file), "utf8");
            } catch (e) {
                this.problems.push({ file: this.display(file), message: readProblem(e) });
            }
            got = parsePiece(text, this.display(file));
            this.problems.push(...got.problems);
            this.parsed.set(file, got);
        }
        return got;
    }
}

/** A zone's records from its files: a name defined in two of them is a problem, as OctoDNS would refuse the key twice. */
function loadZone(folder: ZoneConfigFolder, zone: string, files: string[]): LoadedZone {
    const definedIn = new Map<string, { file: string; line?: number }>();
    const records: ZoneRecord[] = [];
    for (const file of files) {
        const piece = folder.records(file);
        for (const [name, line] of piece.names) {
            const first = definedIn.get(name);
            if (first) {
                const where = first.line ? `${first.file}:${first.line}` : first.file;
                folder.problems.push({ file: folder.display(file), line, at: name || "''", message: `defines "${name}" again (also in ${where}); zone ${zone} is its files concatenated, so the key would be there twice: merge them` });
            } else definedIn.set(name, { file: folder.display(file), line });
        }
        records.push(...piece.records.filter(r => definedIn.get(r.name)?.file === folder.display(file)));
    }
    return { zone, sources: files.map(f => folder.display(f)), records };
}

/** Records a delegation (NS below the apex) would hide: the zone would never answer for them. */
function occludedProblems(z: LoadedZone): Problem[] {
    const cuts = z.records.filter(r => r.type === "NS");
    return z.records.flatMap(r => cuts.filter(c => r.name.endsWith(`.${c.name}`)).map(c => ({
        file: r.file, line: r.line, at: r.name,
        message: `is below the delegation of ${c.name}.${z.zone} (NS at ${c.file}:${c.line}), so zone ${z.zone} would never answer it; put it in the delegated zone`,
    })));
}

/** A delegation in a file the canary zone shares would be repeated under canary.<zone>, where nobody claims it. */
function sharedDelegationProblems(zone: LoadedZone, canary: LoadedZone): Problem[] {
    const shared = new Set(canary.sources);
    return zone.records.filter(r => r.type === "NS" && shared.has(r.file)).map(r => ({
        file: r.file, line: r.line, at: r.name,
        message: `a delegation in a file ${canary.zone} shares would also delegate ${r.name}.${canary.zone} to servers that do not serve it; move it to a prod-only piece, like ${zone.zone}._1_<name>.yaml`,
    }));
}

/** Reads every configured zone (and its canary) from `dir`; `displayDir` is how messages name the folder. */
export function loadZoneConfigs(dir: string, displayDir: string, zones: readonly { domain: string; canary: boolean }[]): Record<string, DomainZones> {
    const folder = new ZoneConfigFolder(dir, displayDir);
    const out: Record<string, DomainZones> = {};
    const zoneProblems: Problem[] = [];
    for (const { domain, canary } of zones) {
        const files = folder.sourcesOf(domain);
        if (!files) {
            zoneProblems.push({ file: folder.display(`${domain}._0_base.yaml`), message: `is missing: every zone in k8s-infra:services.dns.zones needs its zone config (${domain}._0_base.yaml and later pieces, or ${domain}.yaml)` });
            continue;
        }
        if (files.length === 0) continue;
        const zone = loadZone(folder, domain, files);
        out[domain] = { zone };
        zoneProblems.push(...occludedProblems(zone));
        if (!canary) continue;
        const canaryZone = `${CANARY_LABEL}.${domain}`;
        const canaryFiles = folder.sourcesOf(canaryZone);
        if (!canaryFiles) {
            zoneProblems.push({ file: folder.display(`${canaryZone}.yaml`), message: `is missing: ${domain} has a canary (canary: true in the stack config), whose config is a link to the base piece ${files[0]}` });
            continue;
        }
        if (canaryFiles.length === 0) continue;
        out[domain].canary = loadZone(folder, canaryZone, canaryFiles);
        zoneProblems.push(...occludedProblems(out[domain].canary!), ...sharedDelegationProblems(zone, out[domain].canary!));
        if (!zone.records.some(r => r.type === "NS" && r.name === CANARY_LABEL)) {
            zoneProblems.push({ file: zone.sources[zone.sources.length - 1], message: `${domain} has a canary, but no delegation to it; add a prod-only piece ${domain}._1_canary.yaml with\n      ${CANARY_LABEL}:\n        type: NS\n        values: [<the canary zone's name servers>]` });
        }
    }
    const problems = [...folder.problems, ...zoneProblems];
    if (problems.length > 0) throw new InputError(`DNS zone configs (${displayDir}/)`, problems);
    return out;
}
