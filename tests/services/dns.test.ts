// The DNS service under mocks, on the tests' own zone configs: a zone and its canary
// twin per domain (the canary with the base piece's records only), zone-level IAM,
// protection, record sets as Cloud DNS takes them (SRV, CAA, MX, TXT, NS delegations),
// the canary delegation under a staging subdomain, and DNSSEC as each zone is.

import * as fs from "fs";
import { deployService, testContext, unwrap } from "../helpers/service";
import { UNKNOWN, runProgram } from "../../tools/check/run-program";
import { LABEL_KEYS } from "../../model/labels";
import { DnsConfig } from "../../model/service-config/dns";
import type { Inventory } from "../../model/inventory/load";
import type { ProjectFile } from "../../model/inventory/schema";
import { dnsService } from "../../services/dns";
import { FIXTURE_COUNTS, FIXTURE_ZONES, zoneConfigDir } from "./dns-fixture";

const ZONE = "gcp:dns/managedZone:ManagedZone";
const RECORD = "gcp:dns/recordSet:RecordSet";
const IAM = "gcp:dns/dnsManagedZoneIamMember:DnsManagedZoneIamMember";

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });
function fixtureDir(): string { const d = zoneConfigDir(); dirs.push(d); return d; }

const settings = (env: "staging" | "prod", extra: object = {}) => DnsConfig.parse({
    project: "kubernetes-public",
    zonesDir: fixtureDir(),
    zones: FIXTURE_ZONES,
    ...(env === "staging" ? { subdomain: "staging", defaultTtl: 300 } : {}),
    ...extra,
});
const ctx = (env: "staging" | "prod") => testContext("dns", env, "dns", "contributor-experience");
const zoneOf = (dnsName: string) => dnsName.slice(0, -1).replace(/\./g, "-");

describe.each(["staging", "prod"] as const)("in %s", env => {
    const stg = env === "staging" ? "-stg" : "";
    const apex = (zone: string) => env === "staging" ? (zone.startsWith("canary.") ? `canary.staging.${zone.slice(7)}.` : `staging.${zone}.`) : `${zone}.`;

    test("a zone per domain and a canary twin where configured, labelled, protected in prod only, new zones signed", async () => {
        const d = await deployService("dns", settings(env), env, ctx(env));
        const zones = d.inputsOf(ZONE);
        const names = Object.keys(FIXTURE_COUNTS).map(apex);
        expect(zones.map(z => z.dnsName).sort()).toEqual([...names].sort());
        for (const z of zones) {
            expect(z.name).toBe(zoneOf(z.dnsName));
            expect(z.dnssecConfig).toEqual({ state: "on" }); // no inventory: every zone is new
            expect([z.forceDestroy, z.visibility, z.project]).toEqual([false, "public", `kubernetes-public${stg}`]);
            expect(Object.keys(z.labels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
        }
        expect(d.ofType(ZONE).map(r => r.protect)).toEqual(zones.map(() => env === "prod"));
        expect(d.exports).toEqual({ dnsZones: Object.fromEntries(names.map(n => [n, zoneOf(n)])) });
        const grants = d.inputsOf(IAM);
        expect(grants.map(g => `${g.role} ${g.member}`)).toEqual(names.map(() => `roles/dns.admin group:k8s-infra-dns-owners${stg}@kubernetes.io`));
    });

    test("each zone's record sets: all pieces in the prod zone, the base only in its canary", async () => {
        const d = await deployService("dns", settings(env), env, ctx(env));
        const records = d.inputsOf(RECORD);
        for (const [zone, count] of Object.entries(FIXTURE_COUNTS)) {
            expect([zone, records.filter(r => r.managedZone === zoneOf(apex(zone))).length]).toEqual([zone, count]);
        }
        const strip = (z: string) => records.filter(r => r.managedZone === zoneOf(z)).map(r => `${r.name.slice(0, r.name.length - z.length)} ${r.type}`).sort();
        expect(strip(apex("mini.k8s.io")).filter(r => !strip(apex("canary.mini.k8s.io")).includes(r))).toEqual(["canary. NS", "test-aws. NS"]);
        const at = (name: string, type: string) => records.find(r => r.name === name && r.type === type)!;
        const a = apex("mini.k8s.io");
        expect(at(a, "A")).toMatchObject({ rrdatas: ["34.107.204.206"], ttl: env === "staging" ? 300 : 3600 });
        expect(at(`prow.${a}`, "A").ttl).toBe(600);
        expect(at(a, "MX").rrdatas).toEqual(["1 aspmx.l.google.com.", "5 alt1.aspmx.l.google.com."]);
        expect(at(a, "CAA").rrdatas).toEqual(['0 issue "pki.goog"']);
        expect(at(a, "TXT").rrdatas).toEqual(['"v=spf1 include:_spf.google.com ~all"']);
        expect(at(`_dmarc.${a}`, "TXT").rrdatas).toEqual(['"v=DMARC1; p=none"']);
        expect(at(`_sip._tcp.${a}`, "SRV").rrdatas).toEqual(["10 5 5060 sip.mini.k8s.io."]);
        expect(at(`*.docs.${a}`, "CNAME").rrdatas).toEqual(["mini.netlify.app."]);
        expect(at(`test-aws.${a}`, "NS").rrdatas).toEqual(["ns-1458.awsdns-54.org.", "ns-265.awsdns-33.com."]);
        expect(d.ofType(RECORD).map(r => r.name)).toContain("dns-mini-k8s-io-wildcard.docs-cname".replace("mini-k8s-io", zoneOf(a)));
    });

    test("the canary delegation: prod keeps the zone configs' name servers, staging delegates to its own canary zone", async () => {
        const d = await deployService("dns", settings(env), env, ctx(env));
        const ns = d.inputsOf(RECORD).find(r => r.type === "NS" && r.name === `canary.${apex("mini.k8s.io")}`)!;
        // Staging's delegation is its canary zone's nameServers: an output, unknown in a preview.
        expect(ns.rrdatas).toEqual(env === "prod" ? ["ns-cloud-c1.googledomains.com.", "ns-cloud-c2.googledomains.com."] : UNKNOWN);
        expect(ns.ttl).toBe(env === "prod" ? 3600 : 300);
    });
});

test("staging without a subdomain would shadow prod's zones: an InputError naming the key", async () => {
    const bad = DnsConfig.parse({ project: "kubernetes-public", zonesDir: fixtureDir(), zones: [{ domain: "solo.dev", canary: false }] });
    await expect(deployService("dns", bad, "staging", ctx("staging"))).rejects.toThrow(/services\.dns\.subdomain: is required in staging/);
    await expect(deployService("dns", bad, "prod", ctx("prod"))).resolves.toBeDefined();
});

test("the config rejects a domain listed twice, a trailing dot and an unknown DNSSEC state", () => {
    expect(DnsConfig.safeParse({ project: "kubernetes-public", zones: [{ domain: "k8s.io" }, { domain: "k8s.io" }] }).success).toBe(false);
    expect(DnsConfig.safeParse({ project: "kubernetes-public", zones: [{ domain: "k8s.io." }] }).success).toBe(false);
    expect(DnsConfig.safeParse({ project: "kubernetes-public", zones: [{ domain: "k8s.io", dnssec: "yes" }] }).success).toBe(false);
    expect(DnsConfig.parse({ project: "kubernetes-public", zones: [{ domain: "k8s.io" }] }).zonesDir).toBe("dns/zone-configs");
});

describe("DNSSEC: as each zone is in the inventory, unless the config says", () => {
    const zone = (dnsName: string, dnssec: boolean) => ({ description: "", dnsName, visibility: "public", dnssec });
    const inventory = {
        dir: "inv", groups: [], infra: {}, zones: new Map(),
        projects: new Map([["kubernetes-public", { id: "kubernetes-public", dnsZones: {
            "mini-k8s-io": zone("mini.k8s.io.", false), "canary-mini-k8s-io": zone("canary.mini.k8s.io.", false), "mini-dev": zone("mini.dev.", true),
        } } as unknown as ProjectFile]]),
    } as unknown as Inventory;
    const states = async (zones: object[]) => {
        const s = DnsConfig.parse({ project: "kubernetes-public", zonesDir: fixtureDir(), zones });
        const prepared = dnsService.prepare!(s, "prod", process.cwd(), inventory);
        const run = await runProgram({ project: "k8s-infra", stack: "prod", config: {}, secretKeys: [], preview: true,
            program: async () => ({ exports: dnsService.deploy(ctx("prod"), s, {}, prepared).exports }) });
        return Object.fromEntries(run.resources.filter(r => r.type === ZONE).map(r => {
            const i = unwrap(r.inputs.toJavaScript()) as Record<string, any>;
            return [i.dnsName, i.dnssecConfig.state];
        }));
    };

    test("an existing zone keeps its state (off stays off, on stays on); a new one (canary.mini.dev.) is signed", async () => {
        expect(await states(FIXTURE_ZONES)).toEqual({
            "mini.k8s.io.": "off", "canary.mini.k8s.io.": "off", "mini.dev.": "on", "canary.mini.dev.": "on", "solo.dev.": "on",
        });
    });

    test("dnssec in the config sets the zone and its canary", async () => {
        const zones = [{ domain: "mini.k8s.io", dnssec: "on" }, { domain: "mini.dev", dnssec: "off" }];
        expect(await states(zones)).toEqual({ "mini.k8s.io.": "on", "canary.mini.k8s.io.": "on", "mini.dev.": "off", "canary.mini.dev.": "off" });
    });
});
