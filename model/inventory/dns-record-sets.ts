// The Cloud DNS record sets that exist, from the inventory's zones (inventory/dns/,
// what OctoDNS pushes from k8s.io's zone configs) and the managed zones of the
// project that holds them: each prod zone has every record of its files, and its
// canary zone the base piece's only (a record with `piece` is a later, prod-only
// piece's). Properties are what a Read after import gives, in Cloud DNS's form
// (model/dns-rrdata.ts), a TTL the config left out being OctoDNS's default.

import type { Inventory } from "./load";
import type { ProjectFile, ZoneFile } from "./schema";
import { OCTODNS_DEFAULT_TTL, RECORD_TYPES, RecordType, recordSetName, rrdatasOf } from "../dns-rrdata";
import { importIdOf } from "../import-ids";

export const RECORD_SET_TYPE = "gcp:dns/recordSet:RecordSet";

export interface RecordSetObject {
    type: string;
    id: string;
    project: string;
    props: Record<string, unknown>;
}

/** The project and managed zone name that serve `dnsName` (with its trailing dot), if the inventory has one. */
function zoneIn(inv: Inventory, dnsName: string): { project: ProjectFile; name: string } | undefined {
    for (const project of inv.projects.values()) {
        const name = Object.keys(project.dnsZones).find(n => project.dnsZones[n].dnsName === dnsName);
        if (name) return { project, name };
    }
    return undefined;
}

function recordSets(inv: Inventory, dnsName: string, records: ZoneFile["records"]): RecordSetObject[] {
    const at = zoneIn(inv, dnsName);
    if (!at) return [];
    return records.filter(r => (RECORD_TYPES as readonly string[]).includes(r.type)).map(r => {
        const props = {
            project: at.project.id,
            managedZone: at.name,
            name: recordSetName(r.name, dnsName),
            type: r.type,
            ttl: r.ttl ?? OCTODNS_DEFAULT_TTL,
            rrdatas: rrdatasOf(r.type as RecordType, r.values),
        };
        return { type: RECORD_SET_TYPE, id: importIdOf(RECORD_SET_TYPE, props)!, project: at.project.id, props };
    });
}

/** Every record set of every inventoried zone and of its canary. */
export function recordSetObjects(inv: Inventory): RecordSetObject[] {
    return [...inv.zones.values()].flatMap(z => [
        ...recordSets(inv, `${z.zone}.`, z.records),
        ...(z.canary ? recordSets(inv, `canary.${z.zone}.`, z.records.filter(r => r.piece === undefined)) : []),
    ]);
}
