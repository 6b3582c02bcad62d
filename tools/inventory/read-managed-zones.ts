// A project's Cloud DNS managed zones, services/dns/zones.json (gcloud dns
// managed-zones list): which zones the project serves, public or private.
// The records themselves are the OctoDNS zone configs (read-dns.ts).

import { z } from "zod";
import type { ManagedZone } from "../../model/inventory/schema";
import { Source, sortedRecord } from "./source";

type ManagedZoneT = z.infer<typeof ManagedZone>;

const Zones = z.array(z.looseObject({
    name: z.string(),
    dnsName: z.string(),
    visibility: z.string(),
    description: z.string().optional(),
    dnssecConfig: z.looseObject({ state: z.string().optional() }).optional(),
}));

export function readManagedZones(src: Source, projectRel: string): Record<string, ManagedZoneT> {
    const rel = `${projectRel}/services/dns/zones.json`;
    if (!src.isFile(rel)) return {};
    const zones = src.jsonOf(rel, Zones) ?? [];
    const seen = new Set<string>();
    for (const z of zones) {
        if (seen.has(z.name)) src.problem(rel, `lists zone ${z.name} twice; re-run the audit for this project`);
        seen.add(z.name);
    }
    return sortedRecord(zones.map(z => [z.name, {
        dnsName: z.dnsName,
        visibility: z.visibility,
        description: z.description ?? "",
        dnssec: z.dnssecConfig?.state === "on",
    }]));
}
