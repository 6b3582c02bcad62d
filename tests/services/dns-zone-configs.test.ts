// The zone-config loader (services/dns/zone-configs.ts) on the tests' own files in
// k8s.io's layout: pieces concatenated, a canary that is a link (git's text stand-in
// or a symbolic link) gets the base only, every record type k8s.io uses plus SRV, and
// every problem of every file in one InputError, sorted, each with its file and line.

import * as fs from "fs";
import * as path from "path";
import { InputError, Problem, sortProblems } from "../../model/errors";
import { loadZoneConfigs } from "../../services/dns/zone-configs";
import { FIXTURE_COUNTS, FIXTURE_ZONES, MINI_AWS_PIECE, MINI_BASE, lineOf, zoneConfigDir } from "./dns-fixture";

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });
function load(changes: Record<string, string | null> = {}, zones = FIXTURE_ZONES) {
    const dir = zoneConfigDir(changes);
    dirs.push(dir);
    return loadZoneConfigs(dir, "zc", zones);
}
function problems(changes: Record<string, string | null>, zones = FIXTURE_ZONES): Problem[] {
    try { load(changes, zones); } catch (e) { if (e instanceof InputError) return e.problems; throw e; }
    throw new Error("expected an InputError");
}
const f = (name: string) => path.join("zc", name);

test("pieces in order make the prod zone; the canary (a text stand-in or a symbolic link) is the base alone", () => {
    const z = load();
    expect(z["mini.k8s.io"].zone.sources).toEqual(["mini.k8s.io._0_base.yaml", "mini.k8s.io._1_canary.yaml", "mini.k8s.io._2_aws.yaml"].map(f));
    expect(z["mini.k8s.io"].canary!.sources).toEqual([f("mini.k8s.io._0_base.yaml")]);
    expect(z["mini.dev"].canary!.sources).toEqual([f("mini.dev._0_base.yaml")]);
    expect(z["solo.dev"]).toEqual({ zone: expect.objectContaining({ zone: "solo.dev", sources: [f("solo.dev.yaml")] }) });
    const counts = Object.fromEntries(Object.values(z).flatMap(d => [d.zone, ...(d.canary ? [d.canary] : [])]).map(x => [x.zone, x.records.length]));
    expect(counts).toEqual(FIXTURE_COUNTS);
    const canaryNames = z["mini.k8s.io"].canary!.records.map(r => `${r.name} ${r.type}`);
    expect(canaryNames).not.toContain("canary NS");
    expect(canaryNames).not.toContain("test-aws NS");
});

test("SRV and NS delegations in prod-only pieces are accepted, with their file and line", () => {
    const recs = load()["mini.k8s.io"].zone.records;
    expect(recs.find(r => r.type === "SRV")).toMatchObject({ name: "_sip._tcp", rrdatas: ["10 5 5060 sip.mini.k8s.io."], file: f("mini.k8s.io._0_base.yaml"), line: lineOf(MINI_BASE, "_sip._tcp:") });
    expect(recs.find(r => r.name === "test-aws")).toMatchObject({ type: "NS", file: f("mini.k8s.io._2_aws.yaml"), line: lineOf(MINI_AWS_PIECE, "test-aws:") });
});

test("a copy of the base as the canary's config works as a link does", () => {
    const z = load({ "canary.mini.k8s.io.yaml": MINI_BASE });
    expect(z["mini.k8s.io"].canary!.records.length).toBe(FIXTURE_COUNTS["canary.mini.k8s.io"]);
});

test("octodns: ignored records are left alone (no record set); any other octodns setting is refused", () => {
    const z = load({ "solo.dev.yaml": "'':\n  type: TXT\n  value: hello\nold:\n  type: A\n  value: 1.2.3.4\n  octodns:\n    ignored: true\n" });
    expect(z["solo.dev"].zone.records.map(r => r.name)).toEqual([""]);
    expect(problems({ "solo.dev.yaml": "x:\n  type: A\n  value: 1.2.3.4\n  octodns:\n    excluded: [gcp]\n" })).toEqual([
        expect.objectContaining({ file: f("solo.dev.yaml"), line: 5, at: "x.octodns.excluded" }),
    ]);
});

test("two bad files with several bad records: every problem, sorted, each with file and line", () => {
    const base = `'':
  - type: A
    value: 1.2.3
  - type: NS
    values: [ns1.example.com.]
  - type: SOA
www:
  - type: CNAME
    value: mini.k8s.io.
  - type: TXT
    value: hi
sub:
  type: NS
  values: [ns1.example.com.]
mx:
  type: MX
  values:
    - exchange: a.b.
      priority: 1
txt:
  type: TXT
  value: v=DMARC1; p=none
srv:
  type: SRV
  value: {priority: 1, weight: 1, port: 99999, target: x.}
WWW:
  type: A
  value: 1.1.1.1
`;
    const aws = "test-aws:\n  type: NS\n  values: [ns-1.awsdns-1.org.]\nfoo.test-aws:\n  type: A\n  value: 1.2.3.4\nwww:\n  type: A\n  value: 1.2.3.4\n";
    const got = problems({ "mini.k8s.io._0_base.yaml": base, "mini.k8s.io._2_aws.yaml": aws });
    expect(got).toEqual(sortProblems(got));
    const b = f("mini.k8s.io._0_base.yaml"), a = f("mini.k8s.io._2_aws.yaml");
    expect(got.map(p => [p.file, p.line, p.at])).toEqual([
        [b, 3, "''[0].value"],
        [b, 4, "''[1]"],
        [b, 6, "''[2].type"],
        [b, 7, "www"],
        [b, 12, "sub"],
        [b, 18, "mx.values[0].preference"],
        [b, 19, "mx.values[0].priority"],
        [b, 22, "txt.value"],
        [b, 25, "srv.value.port"],
        [b, 26, "WWW"],
        [a, 4, "foo.test-aws"],
        [a, 7, "www"],
    ]);
    const message = (at: string) => got.find(p => p.at === at)!.message;
    expect(message("''[1]")).toContain("Cloud DNS's own");
    expect(message("''[2].type")).toContain("Cloud DNS writes the SOA record itself");
    expect(message("www")).toMatch(/CNAME must be the only record at its name; www also has TXT|defines "www" again/);
    expect(message("sub")).toContain("canary.mini.k8s.io shares");
    expect(message("txt.value")).toContain("unescaped ;");
    expect(message("foo.test-aws")).toContain("below the delegation of test-aws.mini.k8s.io");
    expect(got.find(p => p.file === a && p.at === "www")!.message).toContain(`also in ${b}:7`);
});

test("a zone or canary config that is missing, a link to nothing, two forms of one zone, no canary delegation", () => {
    const got = problems({
        "canary.mini.k8s.io.yaml": "mini.k8s.io._9_gone.yaml",
        "mini.dev._1_canary.yaml": null,
        "solo.dev._0_base.yaml": "a:\n  type: A\n  value: 1.2.3.4\n",
    }, [...FIXTURE_ZONES, { domain: "absent.dev", canary: false }]);
    expect(got.map(p => [p.file, p.line, p.message.slice(0, 40)])).toEqual([
        [f("absent.dev._0_base.yaml"), undefined, expect.stringMatching(/^is missing/)],
        [f("canary.mini.k8s.io.yaml"), 1, expect.stringMatching(/^links to mini.k8s.io._9_gone.yaml/)],
        [f("mini.dev._0_base.yaml"), undefined, expect.stringMatching(/^mini.dev has a canary, but no delegation/)],
        [f("solo.dev.yaml"), undefined, expect.stringMatching(/^is zone solo.dev whole, but/)],
    ]);
});

test("a YAML syntax error and a folder where a file should be are problems with the file, with the others", () => {
    const dir = zoneConfigDir({ "mini.k8s.io._2_aws.yaml": "test-aws: [unclosed\n", "solo.dev.yaml": null });
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, "solo.dev.yaml"));
    let error: unknown;
    try { loadZoneConfigs(dir, "zc", FIXTURE_ZONES); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map(p => [p.file, p.message.slice(0, 12)])).toEqual([
        [f("mini.k8s.io._2_aws.yaml"), "YAML syntax:"],
        [f("solo.dev.yaml"), "is a folder;"],
    ]);
});
