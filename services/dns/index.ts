// DNS: the Cloud DNS zones for kubernetes.io, k8s.io and x-k8s.io, each with a canary
// twin that carries the same records and is where changes show first (as k8s.io's
// OctoDNS setup has it). Records come from the reviewed zone files in dns/zones/, read
// and checked whole before any zone is made. Zones are DNSSEC-signed, protected in
// prod, and administered by the owning subproject's group through zone-level IAM.

import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { DnsConfig, zoneDnsName, zoneName } from "../../model/service-config/dns";
import { InputError } from "../../model/errors";
import { ServiceComponent, ServiceContext, projectId } from "../service-component";
import type { ServiceDefinition } from "../definition";
import { CANARY_LABEL, RecordType, ZoneRecords, loadZoneFiles } from "./zone-file";


export { zoneDnsName, zoneName } from "../../model/service-config/dns";

interface RecordSpec {
    name: string;
    type: RecordType;
    ttl?: number;
    rrdatas: pulumi.Input<string[]>;
}

export class Dns extends ServiceComponent {
    /** DNS name (k8s.io.) -> Cloud DNS managed zone name. */
    readonly zones: Record<string, pulumi.Output<string>> = {};
    private readonly project: string;

    constructor(ctx: ServiceContext, name: string, args: DnsConfig, zoneFiles: Record<string, ZoneRecords>, opts?: pulumi.ComponentResourceOptions) {
        super(ctx, "Dns", name, args, opts);
        this.project = projectId(ctx, args.project);
        for (const cfg of args.zones) {
            const file = zoneFiles[cfg.domain];
            const apex = zoneDnsName(cfg.domain, args.subdomain);
            const parent = this.zone(name, apex, file, args.defaultTtl);
            if (cfg.canary) {
                // The same records in their own zone, which the parent delegates to by name servers
                // known only once the canary zone exists.
                const canary = this.zone(name, `${CANARY_LABEL}.${apex}`, file, args.defaultTtl);
                this.recordSet(name, parent, apex, {
                    name: CANARY_LABEL, type: "NS", ttl: file.canaryDelegation?.ttl, rrdatas: canary.nameServers,
                }, args.defaultTtl);
            }
        }
        this.finish({ dnsZones: this.zones });
    }

    private zone(component: string, dnsName: string, file: ZoneRecords, defaultTtl: number): gcp.dns.ManagedZone {
        const ctx = this.ctx;
        const name = zoneName(dnsName);
        const zone = new gcp.dns.ManagedZone(`${component}-${name}`, {
            project: this.project,
            name,
            dnsName,
            description: `${dnsName} from ${file.file}; managed by k8s-infra (services/dns)`,
            visibility: "public",
            dnssecConfig: { state: "on" },
            forceDestroy: false,
            labels: { ...ctx.labels },
        }, this.stateful());
        new gcp.dns.DnsManagedZoneIamMember(`${component}-${name}-owners`, {
            project: this.project,
            managedZone: zone.name,
            role: "roles/dns.admin",
            member: `group:${ctx.ownersGroup}`,
        }, this.child());
        for (const record of file.records) this.recordSet(component, zone, dnsName, record, defaultTtl);
        this.zones[dnsName] = zone.name;
        return zone;
    }

    private recordSet(component: string, zone: gcp.dns.ManagedZone, dnsName: string, r: RecordSpec, defaultTtl: number): gcp.dns.RecordSet {
        const label = r.name === "" ? "apex" : r.name.replace(/\*/g, "wildcard");
        return new gcp.dns.RecordSet(`${component}-${zoneName(dnsName)}-${label}-${r.type.toLowerCase()}`, {
            project: this.project,
            managedZone: zone.name,
            name: r.name === "" ? dnsName : `${r.name}.${dnsName}`,
            type: r.type,
            ttl: r.ttl ?? defaultTtl,
            rrdatas: r.rrdatas,
        }, this.child());
    }
}

export const dnsService: ServiceDefinition<"dns", Record<string, ZoneRecords>> = {
    prepare: (settings, environment, projectDir) => {
        if (environment === "staging" && !settings.subdomain) {
            throw new InputError("dns service config", [{
                file: `Pulumi.${pulumi.getStack()}.yaml`,
                at: "k8s-infra:services.dns.subdomain",
                message: "is required in staging, so that staging zones (staging.k8s.io.) never duplicate prod's (k8s.io.); add subdomain: staging",
            }]);
        }
        // zonesDir is relative to the project folder; files are named relative to it too (messages, zone descriptions).
        const dir = path.resolve(projectDir, settings.zonesDir);
        return loadZoneFiles(dir, path.relative(projectDir, dir) || ".", settings.zones);
    },
    deploy: (ctx, settings, opts, zoneFiles) => {
        const dns = new Dns(ctx, "dns", settings, zoneFiles ?? dnsService.prepare!(settings, ctx.environment, process.cwd()), opts);
        return { component: dns, exports: { dnsZones: dns.zones } };
    },
};
