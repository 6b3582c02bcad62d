// DNS: the project's Cloud DNS zones (kubernetes.io, k8s.io, x-k8s.io, k8s.dev,
// kubernetes.dev, k8s-e2e.com in kubernetes-public), each with a canary twin that
// serves the zone's base records and is where changes show first, as k8s.io's
// OctoDNS setup has it. Records come from the reviewed zone configs in
// dns/zone-configs/ (k8s.io's own files and layout), read and checked whole before
// any zone is made. Each zone keeps its DNSSEC state unless the config changes it,
// is protected in prod, and is administered by the owning subproject's group
// through zone-level IAM. What exists is adopted (program/adoption.ts): the zones
// and their record sets by import id, so the real records are taken over as they are.

import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { CANARY_LABEL, DnsConfig, DnssecState, zoneDnsName, zoneName } from "../../model/service-config/dns";
import { recordSetName } from "../../model/dns-rrdata";
import { InputError } from "../../model/errors";
import { nameIn } from "../../model/naming";
import { ServiceComponent, projectId, ServiceArgs } from "../service-component";
import type { ServiceDefinition } from "../definition";
import { DomainZones, LoadedZone, ZoneRecord, loadZoneConfigs } from "./zone-configs";
import { dnssecOf } from "./dnssec";

export { zoneDnsName, zoneName } from "../../model/service-config/dns";

/** What prepare() read: each domain's zones, and each zone's DNSSEC state by DNS name. */
export interface PreparedDns {
    zones: Record<string, DomainZones>;
    dnssec: Record<string, DnssecState>;
}

export class Dns extends ServiceComponent {
    /** DNS name (k8s.io.) -> Cloud DNS managed zone name. */
    readonly zones: Record<string, pulumi.Output<string>> = {};
    private readonly project: string;

    constructor(name: string, { context: ctx, settings: args, prepared }: ServiceArgs<DnsConfig> & { prepared: PreparedDns }, opts?: pulumi.ComponentResourceOptions) {
        super("Dns", name, { context: ctx, settings: args }, opts);
        this.project = projectId(ctx, args.project);
        for (const cfg of args.zones) {
            const loaded = prepared.zones[cfg.domain];
            const apex = zoneDnsName(cfg.domain, args.subdomain);
            const canaryApex = `${CANARY_LABEL}.${apex}`;
            const canary = cfg.canary && loaded.canary
                ? this.zone(name, canaryApex, loaded.canary, prepared.dnssec[canaryApex], args.defaultTtl) : undefined;
            // The zone configs' canary delegation names prod's canary name servers; under a
            // subdomain (staging) the delegation is to this stack's own canary zone, so it takes that zone's.
            const delegateTo = args.subdomain ? canary : undefined;
            this.zone(name, apex, loaded.zone, prepared.dnssec[apex], args.defaultTtl, delegateTo);
        }
        this.finish({ dnsZones: this.zones });
    }

    private zone(component: string, dnsName: string, loaded: LoadedZone, dnssec: DnssecState, defaultTtl: number, canary?: gcp.dns.ManagedZone): gcp.dns.ManagedZone {
        const ctx = this.ctx;
        const name = zoneName(dnsName);
        const zone = new gcp.dns.ManagedZone(`${component}-${name}`, {
            project: this.project,
            name,
            dnsName,
            description: `${dnsName} from ${loaded.sources.join(", ")}; managed by k8s-infra (services/dns)`,
            visibility: "public",
            dnssecConfig: { state: dnssec },
            labels: { ...ctx.labels },
        }, this.child());
        new gcp.dns.DnsManagedZoneIamMember(`${component}-${name}-owners`, {
            project: this.project,
            managedZone: zone.name,
            role: "roles/dns.admin",
            member: `group:${ctx.ownersGroup}`,
        }, this.child());
        for (const record of loaded.records) {
            const toCanary = canary && record.type === "NS" && record.name === CANARY_LABEL;
            this.recordSet(component, zone, dnsName, record, defaultTtl, toCanary ? canary.nameServers : undefined);
        }
        this.zones[dnsName] = zone.name;
        return zone;
    }

    private recordSet(component: string, zone: gcp.dns.ManagedZone, dnsName: string, r: ZoneRecord, defaultTtl: number, rrdatas?: pulumi.Input<string[]>): gcp.dns.RecordSet {
        const label = r.name === "" ? "apex" : r.name.replace(/\*/g, "wildcard");
        // The zone's name as a plain string (with the zone as a dependency), so that the record
        // set's import id (model/import-ids.ts) is known when it is declared and it can be adopted.
        return new gcp.dns.RecordSet(`${component}-${zoneName(dnsName)}-${label}-${r.type.toLowerCase()}`, {
            project: this.project,
            managedZone: zoneName(dnsName),
            name: recordSetName(r.name, dnsName),
            type: r.type,
            ttl: r.ttl ?? defaultTtl,
            rrdatas: rrdatas ?? r.rrdatas,
        }, this.child({ dependsOn: [zone] }));
    }
}

export const dnsService: ServiceDefinition<"dns", PreparedDns> = {
    prepare: (settings, environment, projectDir, inventory) => {
        if (environment === "staging" && !settings.subdomain) {
            throw new InputError("dns service config", [{
                file: `Pulumi.${pulumi.getStack()}.yaml`,
                at: "k8s-infra:services.dns.subdomain",
                message: "is required in staging, so that staging zones (staging.k8s.io.) never duplicate prod's (k8s.io.); add subdomain: staging",
            }]);
        }
        // zonesDir is relative to the project folder; files are named relative to it too (messages, zone descriptions).
        const dir = path.resolve(projectDir, settings.zonesDir);
        const zones = loadZoneConfigs(dir, path.relative(projectDir, dir) || ".", settings.zones);
        const project = nameIn({ kind: "project", name: settings.project, environment });
        const dnssec: Record<string, DnssecState> = {};
        for (const z of settings.zones) {
            const apex = zoneDnsName(z.domain, settings.subdomain);
            for (const dnsName of [apex, ...(z.canary ? [`${CANARY_LABEL}.${apex}`] : [])]) dnssec[dnsName] = dnssecOf(z, dnsName, project, inventory);
        }
        return { zones, dnssec };
    },
    deploy: (ctx, settings, opts, prepared) => {
        const dns = new Dns("dns", { context: ctx, settings, prepared: prepared ?? dnsService.prepare!(settings, ctx.environment, process.cwd()) }, opts);
        return { component: dns, exports: { dnsZones: dns.zones } };
    },
};
