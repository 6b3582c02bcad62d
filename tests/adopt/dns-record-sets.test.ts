// Record sets that exist are adopted, not created: the tests' own zone configs are
// read as `npm run inventory` reads k8s.io's (tools/inventory/read-dns.ts) into an
// inventory whose project holds the zones, and the DNS service deployed from the
// same files in prod, under the adoption transformation, imports every record set,
// the canary's base-only ones included, each with the inputs the inventory's Read gives.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runProgram } from "../../tools/check/run-program";
import { Source } from "../../tools/inventory/source";
import { readZones } from "../../tools/inventory/read-dns";
import { makePlan } from "../../tools/adopt/plan";
import { AdoptionPlan } from "../../program/adoption";
import { cloudObjects } from "../../model/inventory/cloud-objects";
import { RECORD_SET_TYPE } from "../../model/inventory/dns-record-sets";
import { importIdOf } from "../../model/import-ids";
import type { Inventory } from "../../model/inventory/load";
import type { ProjectFile } from "../../model/inventory/schema";
import { DnsConfig } from "../../model/service-config/dns";
import { dnsService } from "../../services/dns";
import { testContext, unwrap } from "../helpers/service";
import { FIXTURE_COUNTS, FIXTURE_ZONES, zoneConfigDir } from "../services/dns-fixture";

const tree = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-dns-"));
afterAll(() => fs.rmSync(tree, { recursive: true, force: true }));

function inventoryOf(zonesDir: string): Inventory {
    fs.mkdirSync(path.join(tree, "dns"), { recursive: true });
    fs.renameSync(zonesDir, path.join(tree, "dns", "zone-configs"));
    const src = new Source(tree);
    const zones = readZones(src);
    expect(src.problems).toEqual([]);
    const dnsZones = Object.fromEntries(Object.keys(FIXTURE_COUNTS).map(z => [z.replace(/\./g, "-"), { description: "", dnsName: `${z}.`, visibility: "public", dnssec: false }]));
    return {
        dir: "inv", groups: [], infra: {}, zones: new Map(zones.map(z => [z.zone, z])),
        projects: new Map([["kubernetes-public", { id: "kubernetes-public", parent: "organizations/1", dnsZones, buckets: {}, serviceAccounts: {}, secrets: {}, datasets: {}, clusters: {} } as unknown as ProjectFile]]),
    } as unknown as Inventory;
}

test("every existing record set is adopted with the inputs the inventory holds; none is created", async () => {
    const inventory = inventoryOf(zoneConfigDir());
    const objects = cloudObjects(inventory);
    const sets = objects.filter(o => o.type === RECORD_SET_TYPE);
    const perZone = (ids: string[]) => Object.fromEntries(Object.keys(FIXTURE_COUNTS).map(z => [z, ids.filter(id => id.includes(`/managedZones/${z.replace(/\./g, "-")}/`)).length]));
    expect(perZone(sets.map(o => o.id))).toEqual(FIXTURE_COUNTS);
    expect(sets.map(o => o.id)).toContain("projects/kubernetes-public/managedZones/mini-k8s-io/rrsets/test-aws.mini.k8s.io./NS");
    expect(sets.map(o => o.id)).not.toContain("projects/kubernetes-public/managedZones/canary-mini-k8s-io/rrsets/test-aws.canary.mini.k8s.io./NS");

    const settings = DnsConfig.parse({ project: "kubernetes-public", zonesDir: path.join(tree, "dns", "zone-configs"), zones: FIXTURE_ZONES });
    const prepared = dnsService.prepare!(settings, "prod", tree, inventory);
    const adoption = new AdoptionPlan("prod", "inv", objects);
    const run = await runProgram({
        project: "k8s-infra", stack: "prod", config: {}, secretKeys: [], preview: true,
        program: async () => {
            adoption.install();
            const deployed = dnsService.deploy(testContext("dns", "prod", "dns", "contributor-experience"), settings, {}, prepared);
            return { exports: deployed.exports };
        },
    });
    const resources = run.resources.filter(r => r.custom && r.type === RECORD_SET_TYPE)
        .map(r => ({ type: r.type, name: r.name, inputs: unwrap(r.inputs.toJavaScript()) as Record<string, unknown> }));
    expect(resources.every(r => importIdOf(r.type, r.inputs) !== undefined)).toBe(true);
    const plan = makePlan(adoption.decisions.filter(d => d.type === RECORD_SET_TYPE), resources, sets);
    expect(plan.create).toEqual([]);
    expect(plan.unmanaged).toEqual([]);
    expect(plan.differs).toEqual([]);
    expect(plan.adopt).toHaveLength(sets.length);
});
