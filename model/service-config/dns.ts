// Stack config for the dns service (k8s-infra:services.dns): the project's Cloud DNS
// zones (kubernetes.io, k8s.io, x-k8s.io, k8s.dev, kubernetes.dev, k8s-e2e.com), each
// with a canary twin, where their records are kept (k8s.io's OctoDNS zone configs,
// dns/zone-configs/) and whether each is DNSSEC-signed. In staging the zones sit
// under a staging-only label so they never shadow prod's.

import { z } from "zod";
import { ProjectId } from "./names";
import { refineUnique } from "./unique";

/** A registered domain: lowercase labels joined by dots, like k8s.io or x-k8s.io. */
export const DOMAIN = /^(?:[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** One DNS label, as the staging subdomain. */
const LABEL = /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A zone's DNSSEC state, as Cloud DNS's dnssecConfig.state has it. */
export const DNSSEC_STATES = ["on", "off"] as const;
export type DnssecState = (typeof DNSSEC_STATES)[number];
/** The state of a zone that does not exist yet (the inventory does not hold it): signed from the start. */
export const NEW_ZONE_DNSSEC: DnssecState = "on";

export const ZoneConfig = z.strictObject({
    /** The domain, e.g. k8s.io; its records are in <zonesDir>/<domain>._<n>_<piece>.yaml (or <domain>.yaml). */
    domain: z.string().regex(DOMAIN, { message: "is not a domain like k8s.io (lowercase, no trailing dot)" }),
    /**
     * Also make canary.<domain>: the base piece's records in their own zone (its config,
     * canary.<domain>.yaml, links to <domain>._0_base.yaml), delegated from the parent by
     * the `canary` NS record of a prod-only piece; changes to the base show there first.
     */
    canary: z.boolean().default(true),
    /**
     * DNSSEC for the zone and its canary. Left out: as each zone is (the inventory's
     * managed zone; off for k8s.io's today), so adopting a zone never changes it; a zone
     * that does not exist yet is signed (on). Give on or off to change it.
     */
    dnssec: z.enum(DNSSEC_STATES, { message: "must be on or off" }).optional(),
});
export type ZoneConfig = z.infer<typeof ZoneConfig>;

export const DnsConfig = z.strictObject({
    /** The project's prod id (model/naming.ts), e.g. kubernetes-public. */
    project: ProjectId,
    /** Folder of the zone configs (OctoDNS YAML, k8s.io's layout), relative to the project folder (where Pulumi.yaml is). */
    zonesDir: z.string().min(1).default("dns/zone-configs"),
    /**
     * A label put in front of every zone, e.g. `staging` makes staging.k8s.io. instead of
     * k8s.io. Required in staging, so that staging never creates a zone for a prod name.
     */
    subdomain: z.string().regex(LABEL, { message: "is not a single DNS label like staging" }).optional(),
    /** TTL in seconds of records whose zone config gives none (OctoDNS's default_ttl in k8s.io, 3600). */
    defaultTtl: z.number().int().min(30, { message: "must be at least 30 seconds" }).max(86400, { message: "must be at most 86400 seconds (a day)" }).default(3600),
    /** The zones, one per domain, all in `project`. */
    zones: z.array(ZoneConfig).min(1, { message: "needs at least one zone, like - domain: k8s.io" }),
}).superRefine((c, ctx) => refineUnique(ctx, c.zones, "Cloud DNS zone name (its own or its canary's)", z => zoneNamesOf(z, c.subdomain), ["zones"]));
export type DnsConfig = z.infer<typeof DnsConfig>;

/** The label of a zone's canary twin: canary.k8s.io. */
export const CANARY_LABEL = "canary";

/** A zone's DNS name: k8s.io., or staging.k8s.io. under a subdomain. */
export function zoneDnsName(domain: string, subdomain?: string): string {
    return `${subdomain ? `${subdomain}.` : ""}${domain}.`;
}

/** The Cloud DNS zone name for a DNS name: canary.k8s.io. -> canary-k8s-io (so x-k8s.io and x.k8s.io meet). */
export function zoneName(dnsName: string): string {
    return dnsName.replace(/\.$/, "").replace(/\./g, "-");
}

/** The Cloud DNS zone names one configured zone makes (services/dns): its own, and its canary's. */
export function zoneNamesOf(zone: { domain: string; canary?: boolean }, subdomain?: string): string[] {
    const apex = zoneDnsName(zone.domain, subdomain);
    return [zoneName(apex), ...(zone.canary !== false ? [zoneName(`${CANARY_LABEL}.${apex}`)] : [])];
}
