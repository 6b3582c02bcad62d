// `npm run check` end to end: both shipped stacks pass; a roster that breaks each
// charter rule fails naming that rule; bad input exits 2 with file and line;
// the clock and --policy-pack-config change the verdict as the CLI's would.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT, runCheck } from "../helpers/cli";
import { replace, rosterCopy } from "../helpers/roster-copy";
import { RULE } from "../../model/rules";

const BROKEN = "tests/fixtures/broken-roster";
const tempDirs: string[] = [];
afterAll(() => { for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true }); });

function tempDir(): string {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "offline-check-"));
    tempDirs.push(d);
    return d;
}

describe("the shipped stacks", () => {
    const run = runCheck(["--format", "json"]);

    test("pass with no mandatory violation (exit 0)", () => {
        expect(run.code).toBe(0);
        expect(run.json!.ok).toBe(true);
        expect(run.json!.stacks.map(s => s.stack)).toEqual(["prod", "staging"]);
    });

    test("list resources with type, name and urn, including the Stack and the default provider", () => {
        const prod = run.json!.resources.filter(r => r.stack === "prod");
        expect(prod.length).toBeGreaterThan(40);
        for (const r of prod) {
            expect(r.urn).toBe(`urn:pulumi:prod::k8s-infra::${r.urn.split("::")[2]}::${r.name}`);
            expect(r.urn.split("::")[2].split("$").pop()).toBe(r.type);
        }
        // A child's urn carries its parent's type, as the engine writes it.
        expect(prod.find(r => r.name === "gcs-k8s-infra-prow-results")!.urn)
            .toBe("urn:pulumi:prod::k8s-infra::k8s-infra:services:Gcs$gcp:storage/bucket:Bucket::gcs-k8s-infra-prow-results");
        expect(prod.map(r => r.type)).toEqual(expect.arrayContaining([
            "pulumi:pulumi:Stack", "pulumi:providers:gcp", "k8s-infra:governance:Subproject", "gcp:storage/bucket:Bucket",
        ]));
    });

    test("protect stateful resources in prod only", () => {
        const buckets = (stack: string) => run.json!.resources.filter(r => r.stack === stack && r.type === "gcp:storage/bucket:Bucket");
        expect(buckets("prod").every(b => b.protect)).toBe(true);
        expect(buckets("staging").some(b => b.protect)).toBe(false);
    });

    test("report nothing mandatory: whatever the live roster holds, a roster the check accepts passes", () => {
        expect(run.json!.violations.filter(v => v.level === "mandatory")).toEqual([]);
    });
});

describe("a roster that breaks each rule", () => {
    const run = runCheck(["--stack", "prod", "--roster", BROKEN, "--format", "json"]);

    test("fails with exit 1", () => {
        expect(run.code).toBe(1);
        expect(run.json!.ok).toBe(false);
    });

    test.each([
        [RULE.staffing, "artifacts"],
        [RULE.representation, "release-eng"],
        [RULE.contacts, "test-pool"],
        [RULE.vetting, "test-pool"],
        [RULE.oncall, "website"],
    ])("names %s on subproject %s, as mandatory, with the roster line", (policy, subproject) => {
        const hits = run.json!.violations.filter(v => v.policy === policy && v.urn.endsWith(`::${subproject}`));
        expect(hits.length).toBeGreaterThan(0);
        expect(hits[0].level).toBe("mandatory");
        expect(hits[0].message).toContain(`${BROKEN}/subprojects.yaml:`);
    });
});

describe("a bootstrapping waiver (fixture roster; staging has the same subprojects, at a fifth of prod's resources)", () => {
    const WAIVER = "tests/fixtures/engine-cases/representation-waiver";
    const waived = runCheck(["--stack", "staging", "--roster", WAIVER, "--as-of", "2027-03-31", "--format", "json"]);
    const expired = runCheck(["--stack", "staging", "--roster", WAIVER, "--as-of", "2027-04-01", "--format", "json"]);

    test("on its last day: an advisory that quotes expiry and plan, on the subproject it waives", () => {
        expect(waived.code).toBe(0);
        expect(waived.json!.violations.map(v => [v.stack, v.policy, v.level])).toEqual([["staging", RULE.representationWaived, "advisory"]]);
        expect(waived.json!.violations[0].message).toMatch(/Waived until 2027-03-31: .* Plan: /);
        expect(waived.json!.violations[0].urn).toMatch(/k8s-infra:governance:Subproject::prow$/);
    });

    test("--as-of the day after: over-representation is mandatory again", () => {
        expect(expired.code).toBe(1);
        expect(expired.json!.violations.map(v => [v.policy, v.level])).toEqual([[RULE.representation, "mandatory"]]);
        expect(expired.json!.violations[0].message).toContain("expired on 2027-03-31");
    });
});

describe("a prod stack config that drops protection or grants a user", () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const text = fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8")
        .replace("k8s-infra:protect: true", "k8s-infra:protect: false")
        .replace("k8s-infra:roster: roster", `k8s-infra:roster: ${path.join(ROOT, "roster")}`)
        .replace("k8s-infra:inventory: inventory", `k8s-infra:inventory: ${path.join(ROOT, "inventory")}`)
        .replace(/(- name: k8s-infra-prow-results\n(?: {10}.*\n)*? {10}writers: \[)/, "$1user:someone@example.org, ");
    fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), text);
    fs.cpSync(path.join(ROOT, "dns/zone-configs"), path.join(dir, "dns/zone-configs"), { recursive: true }); // zone configs are the project's (--project-dir)
    const run = runCheck(["--project-dir", dir, "--format", "json"]);

    test("fails (exit 1)", () => {
        expect(text).toContain("user:someone@example.org");
        expect(run.code).toBe(1);
    });

    test("names every unprotected stateful resource under stateful-resources-protected", () => {
        const unprotected = run.json!.violations.filter(v => v.policy === RULE.protection);
        const buckets = run.json!.resources.filter(r => r.type === "gcp:storage/bucket:Bucket");
        expect(unprotected.length).toBeGreaterThanOrEqual(buckets.length);
        expect(unprotected.every(v => v.level === "mandatory")).toBe(true);
        expect(unprotected.map(v => v.urn)).toEqual(expect.arrayContaining(buckets.map(b => b.urn)));
    });

    test("names the user grant under iam-grants-to-groups", () => {
        const grants = run.json!.violations.filter(v => v.policy === RULE.iamGroupsOnly);
        expect(grants).toEqual([expect.objectContaining({ level: "mandatory", message: expect.stringContaining("to user:someone@example.org") })]);
    });
});

describe("bad input exits 2 with what to fix, and checks nothing", () => {
    test("a broken stack config names the file, line and key of each problem", () => {
        const dir = tempDir();
        fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        const text = fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8")
            .replace("k8s-infra:environment: prod", "k8s-infra:environment: production")
            .replace("k8s-infra:roster: roster", `k8s-infra:roster: ${path.join(ROOT, "roster")}`)
            .replace("k8s-infra:inventory: inventory", `k8s-infra:inventory: ${path.join(ROOT, "inventory")}`);
        fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), text);
        const run = runCheck(["--project-dir", dir, "--format", "json"]);
        expect(run.code).toBe(2);
        expect(run.json!.resources).toEqual([]);
        const line = text.split("\n").findIndex(l => l.includes("environment: production")) + 1;
        expect(run.json!.errors).toEqual([expect.objectContaining({ line, at: "k8s-infra:environment", message: "must be one of staging, prod" })]);
    });

    test("a broken roster lists every problem with file and line, in text on stderr", () => {
        // The frozen sample roster, never roster/: what the test edits must not move with the live roster.
        const { dir, text } = rosterCopy({
            "people.yaml": replace("timezone: Asia/Tokyo", "timezone: Mars/Olympus"),
            "subprojects.yaml": replace("owners: [dara-mensah,", "owners: [nobody-here,"),
        });
        const people = text["people.yaml"];
        const run = runCheck(["--stack", "prod", "--roster", dir]);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe("");
        const tzLine = people.split("\n").findIndex(l => l.includes("Mars/Olympus")) + 1;
        expect(run.stderr).toContain(`people.yaml:${tzLine}: people[hana-sato].timezone: is not an IANA timezone`);
        expect(run.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/); // no stack trace
    });

    test("every stack's roster problems come out once, in reading order, named by the record's key", () => {
        const { dir, text } = rosterCopy({
            "people.yaml": t => replace("timezone: Europe/Prague", "timezone: Europe/Pragu")(replace("timezone: Asia/Tokyo", "timezone: Asia/Tokio")(t)),
        });
        const people = text["people.yaml"];
        const run = runCheck(["--roster", dir]); // both stacks
        expect(run.code).toBe(2);
        const lines = run.stderr.split("\n").filter(l => l.includes("is not an IANA timezone"));
        const lineOf = (tz: string) => people.split("\n").findIndex(l => l.includes(tz)) + 1;
        expect(lines).toEqual([
            expect.stringContaining(`people.yaml:${lineOf("Europe/Pragu")}: people[eli-novak].timezone: is not an IANA timezone; use a name like Europe/Berlin, America/New_York or UTC. Did you mean Europe/Prague?`),
            expect.stringContaining(`people.yaml:${lineOf("Asia/Tokio")}: people[hana-sato].timezone: is not an IANA timezone; use a name like Europe/Berlin, America/New_York or UTC. Did you mean Asia/Tokyo?`),
        ]);
        expect(run.stderr).toMatch(/^check: 2 problems to fix:/);
    });

    test("--policy-pack-config that is not JSON says which file and why (levels it sets are tested in engine.test.ts)", () => {
        const cfg = path.join(tempDir(), "policy-config.json");
        fs.writeFileSync(cfg, "{ not json");
        const run = runCheck(["--stack", "prod", "--policy-pack-config", cfg]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(`--policy-pack-config ${cfg}:`);
    });

    test("bad arguments say what is wrong", () => {
        const run = runCheck(["--format", "yaml"]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(`--format must be one of text, json, markdown, sarif, annotations; not "yaml"`);
    });
});
