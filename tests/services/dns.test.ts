// The DNS service: the zones and their canary twins, DNSSEC, protection, zone-level
// IAM and the records from dns/zones/; and the zone-file loader's rules (NS only
// where it cannot dangle, CNAMEs alone) with the file and line of each problem.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deployService, testContext } from "../helpers/service";
import { LABEL_KEYS } from "../../model/labels";
import { InputError } from "../../model/errors";
import { DnsConfig } from "../../model/service-config/dns";
import { CANARY_LABEL, loadZoneFiles, nsProblem, parseZoneFile, txtData } from "../../services/dns/zone-file";

const ZONE = "gcp:dns/managedZone:ManagedZone";
const RECORD = "gcp:dns/recordSet:RecordSet";
const IAM = "gcp:dns/dnsManagedZoneIamMember:DnsManagedZoneIamMember";
const ROOT = path.resolve(__dirname, "..", "..");
const DOMAINS = ["kubernetes.io", "k8s.io", "x-k8s.io"];

const settings = (env: "staging" | "prod", extra: object = {}) => DnsConfig.parse({
    project: "kubernetes-public",
    zones: DOMAINS.map(domain => ({ domain })),
    ...(env === "staging" ? { subdomain: "staging", defaultTtl: 300 } : {}),
    ...extra,
});
const ctx = (env: "staging" | "prod") => testContext("dns", env, "dns", "contributor-experience");

describe.each(["staging", "prod"] as const)("in %s", env => {
    const stg = env === "staging" ? "-stg" : "";
    const apex = (domain: string) => env === "staging" ? `staging.${domain}.` : `${domain}.`;

    test("makes a DNSSEC-signed zone and its canary twin per domain, labelled, protected in prod only", async () => {
        const d = await deployService("dns", settings(env), env, ctx(env));
        const zones = d.inputsOf(ZONE);
        const names = DOMAINS.flatMap(dm => [apex(dm), `canary.${apex(dm)}`]);
        expect(zones.map(z => z.dnsName).sort()).toEqual([...names].sort());
        for (const z of zones) {
            expect(z.name).toBe(z.dnsName.slice(0, -1).replace(/\./g, "-"));
            expect(z.dnssecConfig).toEqual({ state: "on" });
            expect(z.forceDestroy).toBe(false);
            expect(z.visibility).toBe("public");
            expect(z.project).toBe(`kubernetes-public${stg}`);
            expect(Object.keys(z.labels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
        }
        expect(d.ofType(ZONE).map(r => r.protect)).toEqual(zones.map(() => env === "prod"));
        if (env === "staging") expect(zones.every(z => z.dnsName.includes("staging."))).toBe(true);
        expect(d.exports).toEqual({ dnsZones: Object.fromEntries(names.map(n => [n, n.slice(0, -1).replace(/\./g, "-")])) });
    });

    test("grants roles/dns.admin on each zone to the owners group, and nothing else", async () => {
        const d = await deployService("dns", settings(env), env, ctx(env));
        const grants = d.inputsOf(IAM);
        expect(grants).toHaveLength(6);
        for (const g of grants) {
            expect(g.role).toBe("roles/dns.admin");
            expect(g.member).toBe(`group:k8s-infra-dns-owners${stg}@kubernetes.io`);
        }
        expect(d.resources.filter(r => /IAM|Iam/.test(r.type)).map(r => r.type)).toEqual(grants.map(() => IAM));
    });

    test("the canary zone has the parent's records; only the parent delegates canary, by NS", async () => {
        const d = await deployService("dns", settings(env), env, ctx(env));
        const records = d.inputsOf(RECORD);
        for (const dm of DOMAINS) {
            const inZone = (z: string) => records.filter(r => r.managedZone === z.slice(0, -1).replace(/\./g, "-"));
            const strip = (z: string) => inZone(z).map(r => `${r.name.slice(0, r.name.length - z.length)} ${r.type} ${r.ttl} ${JSON.stringify(r.rrdatas)}`).sort();
            const parent = strip(apex(dm)).filter(r => !r.startsWith("canary. NS"));
            expect(parent.length).toBeGreaterThan(1);
            expect(strip(`canary.${apex(dm)}`)).toEqual(parent);
            const ns = records.filter(r => r.type === "NS");
            expect(ns.filter(r => r.name === `canary.${apex(dm)}`)).toHaveLength(1);
        }
        expect(records.filter(r => r.type === "NS")).toHaveLength(3);
        const apexA = records.find(r => r.name === apex("k8s.io") && r.type === "A")!;
        expect(apexA.rrdatas).toEqual(["34.107.204.206"]);
        expect(apexA.ttl).toBe(env === "staging" ? 300 : 3600);
        expect(records.find(r => r.name === `prow.${apex("k8s.io")}`)!.ttl).toBe(600);
        expect(records.find(r => r.name === apex("k8s.io") && r.type === "TXT")!.rrdatas).toEqual(['"v=spf1 include:_spf.google.com ~all"']);
    });
});

test("staging without a subdomain would shadow prod's zones: an InputError naming the key", async () => {
    const bad = DnsConfig.parse({ project: "kubernetes-public", zones: [{ domain: "k8s.io" }] });
    await expect(deployService("dns", bad, "staging", ctx("staging"))).rejects.toThrow(/services\.dns\.subdomain: is required in staging/);
    await expect(deployService("dns", bad, "prod", ctx("prod"))).resolves.toBeDefined();
});

test("the config rejects a domain listed twice and a domain with a trailing dot", () => {
    expect(DnsConfig.safeParse({ project: "kubernetes-public", zones: [{ domain: "k8s.io" }, { domain: "k8s.io" }] }).success).toBe(false);
    expect(DnsConfig.safeParse({ project: "kubernetes-public", zones: [{ domain: "k8s.io." }] }).success).toBe(false);
});

describe("zone files", () => {
    const parse = (text: string, canary = true) => parseZoneFile(text, "dns/zones/k8s.io.yaml", { domain: "k8s.io", canary });
    const lineOf = (text: string, needle: string) => text.split("\n").findIndex(l => l.includes(needle)) + 1;

    test("the shipped files load, each with its canary delegation", () => {
        const files = loadZoneFiles(path.join(ROOT, "dns/zones"), "dns/zones", DOMAINS.map(domain => ({ domain, canary: true })));
        for (const dm of DOMAINS) {
            expect(files[dm].canaryDelegation).toBeDefined();
            expect(files[dm].records.some(r => r.type === "NS")).toBe(false);
        }
    });

    test("NS below the apex is an error at its line, and names the dangling canary delegation", () => {
        const text = "www:\n  type: CNAME\n  value: k8s.io.\ncanary:\n  type: NS\nsub:\n  type: NS\n  values: [ns1.example.com.]\n";
        const { problems } = parse(text);
        expect(problems).toEqual([expect.objectContaining({ file: "dns/zones/k8s.io.yaml", line: lineOf(text, "sub:"), at: "sub" })]);
        expect(problems[0].line).toBe(6);
        expect(problems[0].message).toContain("only allowed at the zone apex");
        expect(problems[0].message).toContain("sub.canary.k8s.io");
    });

    test("NS at the apex is Cloud DNS's own: an error naming '' and its line", () => {
        const text = "canary:\n  type: NS\n'':\n  - type: A\n    value: 1.2.3.4\n  - type: NS\n    values: [ns1.example.com.]\n";
        const { problems } = parse(text);
        expect(problems).toEqual([expect.objectContaining({ line: 6, at: "''[1]" })]);
        expect(problems[0].message).toContain("Cloud DNS's own");
    });

    test("the canary delegation: allowed only with a canary, without values, and required with one", () => {
        expect(nsProblem(CANARY_LABEL, { domain: "k8s.io", canary: true })).toBeUndefined();
        expect(nsProblem(CANARY_LABEL, { domain: "k8s.io", canary: false })).toContain("no canary");
        expect(nsProblem("", { domain: "k8s.io", canary: true })).toBeDefined();
        expect(nsProblem("go", { domain: "k8s.io", canary: true })).toContain("go.canary.k8s.io");
        const withValues = parse("canary:\n  type: NS\n  values: [ns-cloud-b1.googledomains.com.]\n");
        expect(withValues.problems).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining("remove value/values") })]);
        expect(parse("canary:\n  type: NS\n", false).problems[0].message).toContain("no canary");
        expect(parse("www:\n  type: CNAME\n  value: k8s.io.\n").problems[0].message).toContain("no delegation to it");
        expect(parse("www:\n  type: CNAME\n  value: k8s.io.\n", false).problems).toEqual([]);
    });

    test("records below the canary delegation would be occluded", () => {
        const { problems } = parse("canary:\n  type: NS\nfoo.canary:\n  type: A\n  value: 1.2.3.4\n");
        expect(problems).toEqual([expect.objectContaining({ line: 3, at: "foo.canary" })]);
    });

    test("CNAMEs: not at the apex, one value, alone at their name", () => {
        const text = "canary:\n  type: NS\n'':\n  type: CNAME\n  value: a.b.\nwww:\n  - type: CNAME\n    value: k8s.io.\n  - type: TXT\n    value: hello\nmulti:\n  type: CNAME\n  values: [a.b., c.d.]\n";
        const messages = parse(text).problems.map(p => `${p.line} ${p.message}`);
        expect(messages).toEqual([
            expect.stringMatching(/^3 a CNAME cannot be at the zone apex/),
            expect.stringMatching(/^6 a CNAME must be the only record at its name; www also has TXT/),
            expect.stringMatching(/^11 a CNAME has exactly one value/),
        ]);
    });

    test("bad values, unknown types and fields, and duplicates name their line", () => {
        const text = "canary:\n  type: NS\nbar:\n  - type: A\n    value: 1.2.3\n  - type: SOA\nmx:\n  type: MX\n  values:\n    - exchange: a.b.\n      priority: 1\nx:\n  - type: TXT\n    value: a\n  - type: TXT\n    value: b\nWWW:\n  type: A\n  value: 1.1.1.1\n";
        const got = parse(text).problems.map(p => [p.line, p.at, p.message]);
        expect(got).toEqual([
            [5, "bar[0].value", "is not an IPv4 address like 34.107.204.206"],
            [6, "bar[1].type", expect.stringContaining("Cloud DNS writes the SOA record itself")],
            [10, "mx.values[0].preference", "is required but missing"],
            [11, "mx.values[0].priority", expect.stringContaining("MX values have exchange and preference")],
            [15, "x[1].type", expect.stringContaining("a second TXT record at x")],
            [17, "WWW", "must be lowercase"],
        ]);
    });

    test("a YAML syntax error and a missing file are problems with the file", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dns-zones-"));
        try {
            fs.writeFileSync(path.join(dir, "k8s.io.yaml"), "canary:\n  type: NS\nwww: [unclosed\n");
            let error: unknown;
            try { loadZoneFiles(dir, "zones", [{ domain: "k8s.io", canary: true }, { domain: "x-k8s.io", canary: true }]); } catch (e) { error = e; }
            expect(error).toBeInstanceOf(InputError);
            const problems = (error as InputError).problems;
            expect(problems.map(p => p.file)).toEqual([path.join("zones", "k8s.io.yaml"), path.join("zones", "x-k8s.io.yaml")]);
            expect(problems[0].message).toMatch(/^YAML syntax/);
            expect(problems[1].message).toContain("is missing");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    test("TXT data is quoted and split into strings of at most 255 characters", () => {
        expect(txtData('say "hi"')).toBe('"say \\"hi\\""');
        const long = "v".repeat(300);
        expect(txtData(long)).toBe(`"${"v".repeat(255)}" "${"v".repeat(45)}"`);
    });
});
