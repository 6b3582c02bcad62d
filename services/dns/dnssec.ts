// Whether each zone is DNSSEC-signed: as the stack config says for its domain, else
// as the zone is (the inventory's managed zone in the project), so that adopting a
// real zone never turns signing on or off as a side effect (k8s.io's zones are all
// unsigned today); a zone that does not exist yet starts signed.

import type { Inventory } from "../../model/inventory/load";
import { DnssecState, NEW_ZONE_DNSSEC, ZoneConfig, zoneName } from "../../model/service-config/dns";

/** The DNSSEC state for the zone `dnsName` (with its trailing dot) of `zone` in `project`. */
export function dnssecOf(zone: Pick<ZoneConfig, "dnssec">, dnsName: string, project: string, inventory?: Inventory): DnssecState {
    if (zone.dnssec) return zone.dnssec;
    const existing = inventory?.projects.get(project)?.dnsZones[zoneName(dnsName)];
    if (!existing || existing.dnsName !== dnsName) return NEW_ZONE_DNSSEC;
    return existing.dnssec ? "on" : "off";
}
