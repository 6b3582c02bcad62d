// The real zone configs of kubernetes/k8s.io (the 2023-07 snapshot's
// dns/zone-configs/: K8SIO_SNAPSHOT, else ../shared/k8sio/2023-07 next to the
// checkout, else /work/shared/k8sio/2023-07) load without a problem, and every
// record set in their raw YAML is kept: the counts per zone are computed here from
// the files themselves (a name's record, or each of its list's records; the canary
// zone counts the base piece only), independently of the loader.

import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { loadZoneConfigs } from "../../services/dns/zone-configs";

const ROOT = path.resolve(__dirname, "..", "..");
const SNAPSHOT = [process.env.K8SIO_SNAPSHOT, path.resolve(ROOT, "../shared/k8sio/2023-07"), "/work/shared/k8sio/2023-07"]
    .find((p): p is string => !!p && fs.existsSync(p)) ?? path.resolve(ROOT, "../shared/k8sio/2023-07");
const DIR = path.join(SNAPSHOT, "dns", "zone-configs");
const why = fs.existsSync(DIR) ? "" : `skipped: ${path.relative(ROOT, DIR)} is not here`;

/** name:type of every record set in the raw files of a zone (its pieces, or its whole file). */
function rawRecordSets(files: string[]): string[] {
    return files.flatMap(file => Object.entries((parse(fs.readFileSync(path.join(DIR, file), "utf8")) ?? {}) as Record<string, unknown>)
        .flatMap(([name, entry]) => (Array.isArray(entry) ? entry : [entry]).map(r => `${name}:${(r as { type: string }).type}`)));
}

(why ? describe.skip : describe)(`the real k8s.io zone configs, 2023-07${why ? ` (${why})` : ""}`, () => {
    const names = fs.existsSync(DIR) ? fs.readdirSync(DIR).sort() : [];
    const piecesOf = (zone: string) => names.filter(n => n.startsWith(`${zone}._`));
    const domains = [...new Set(names.filter(n => /\._\d+_/.test(n)).map(n => n.replace(/\._\d+_.*$/, "")))].filter(d => !d.startsWith("canary."));
    const zones = domains.map(domain => ({ domain, canary: names.includes(`canary.${domain}.yaml`) }));

    test("in 2023-07, six domains, each with a canary, as kubernetes-public's managed zones are", () => {
        expect(domains.length).toBeGreaterThan(0);
        if (!SNAPSHOT.endsWith("2023-07")) return;
        expect(domains.sort()).toEqual(["k8s-e2e.com", "k8s.dev", "k8s.io", "kubernetes.dev", "kubernetes.io", "x-k8s.io"]);
        expect(zones.every(z => z.canary)).toBe(true);
    });

    test("every record set of the raw files is kept: all pieces in each prod zone, the base piece in its canary", () => {
        const loaded = loadZoneConfigs(DIR, "zone-configs", zones);
        for (const { domain } of zones) {
            const pieces = piecesOf(domain);
            const key = (r: { name: string; type: string }) => `${r.name}:${r.type}`;
            expect([domain, loaded[domain].zone.records.map(key).sort()]).toEqual([domain, rawRecordSets(pieces).sort()]);
            expect([`canary.${domain}`, loaded[domain].canary!.records.map(key).sort()]).toEqual([`canary.${domain}`, rawRecordSets([pieces[0]]).sort()]);
        }
    });

    test("the counts per zone", () => {
        const loaded = loadZoneConfigs(DIR, "zone-configs", zones);
        const counts = Object.fromEntries(zones.flatMap(({ domain }) => [
            [domain, loaded[domain].zone.records.length], [`canary.${domain}`, loaded[domain].canary!.records.length]]));
        expect(counts).toEqual(Object.fromEntries(zones.flatMap(({ domain }) => [
            [domain, rawRecordSets(piecesOf(domain)).length], [`canary.${domain}`, rawRecordSets([piecesOf(domain)[0]]).length]])));
        // As measured on the 2023-07 snapshot (a later snapshot has more: this line is the one to update).
        if (SNAPSHOT.endsWith("2023-07")) {
            expect(counts).toEqual({
                "k8s.io": 133, "canary.k8s.io": 130, "kubernetes.io": 55, "canary.kubernetes.io": 54, "x-k8s.io": 3, "canary.x-k8s.io": 2,
                "k8s.dev": 3, "canary.k8s.dev": 2, "kubernetes.dev": 4, "canary.kubernetes.dev": 3, "k8s-e2e.com": 1, "canary.k8s-e2e.com": 0,
            });
        }
    });
});
