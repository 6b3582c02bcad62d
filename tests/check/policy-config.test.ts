// `--policy-pack-config` as the engine (v3.248.0) reads, reconciles and validates it:
// each rule firing and quiet, on a pack described in the test (no pack process), then
// the CLI end to end: exit 2 with the file, the policy and what to fix; exit 0 with a
// warning for a policy name the pack does not have.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../../model/errors";
import { parsePolicyPackConfig, readPolicyPackConfigFile, withSource } from "../../tools/check/policy-config-file";
import { PackInfo, reconcilePolicyConfig } from "../../tools/check/policy-config";
import { validatePolicyConfig } from "../../tools/check/policy-schema";
import type { PolicyPackConfig } from "../../tools/results/types";
import { runCheck } from "../helpers/cli";
import { RULE } from "../../model/rules";

const tempDirs: string[] = [];
afterAll(() => { for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true }); });

function tempFile(text: string): string {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
    tempDirs.push(d);
    fs.writeFileSync(path.join(d, "config.json"), text);
    return path.join(d, "config.json");
}

/** The problems an InputError carries, as "at: message" lines. */
function problemsOf(fn: () => unknown): string[] {
    try {
        fn();
    } catch (e) {
        if (!(e instanceof InputError)) throw e;
        return e.problems.map(p => `${p.at ?? ""}: ${p.message}`);
    }
    throw new Error("no InputError");
}

describe("reading the file as the CLI does (parsePolicyPackConfig)", () => {
    const parse = (value: unknown) => parsePolicyPackConfig(value, "c.json");

    test("an empty or whitespace-only file, and JSON null, are no config", () => {
        expect(readPolicyPackConfigFile(tempFile(""))).toEqual({});
        expect(readPolicyPackConfigFile(tempFile(" \n\t"))).toEqual({});
        expect(readPolicyPackConfigFile(tempFile("null"))).toEqual({});
    });

    test("not JSON, not an object, or no file: refused naming the file", () => {
        const bad = tempFile("{ nope");
        expect(() => readPolicyPackConfigFile(bad)).toThrow(InputError);
        expect(() => readPolicyPackConfigFile(bad)).toThrow(`--policy-pack-config ${bad}`);
        expect(problemsOf(() => readPolicyPackConfigFile(tempFile("[]")))[0]).toMatch(/must be a JSON object .* cannot unmarshal array/);
        expect(problemsOf(() => readPolicyPackConfigFile("/nonexistent/config.json"))).toEqual([": no such file"]);
    });

    test("a level: one of the engine's four, nothing else", () => {
        expect(parse({ a: "advisory", b: "mandatory", c: "remediate", d: "disabled" }).entries.get("c")).toEqual({ level: "remediate" });
        expect(problemsOf(() => parse({ a: "warn" }))).toEqual(['a: "warn" is not a valid enforcement level; use one of advisory, mandatory, remediate, disabled']);
        expect(problemsOf(() => parse({ a: { enforcementLevel: "strict" } }))[0]).toMatch(/^a: enforcementLevel: "strict" is not a valid enforcement level/);
        expect(problemsOf(() => parse({ a: { enforcementLevel: 1 } }))[0]).toMatch(/^a: enforcementLevel: 1 is not a valid enforcement level; it must be a string/);
    });

    test("a value that is neither a string nor an object is refused; every problem is listed", () => {
        expect(problemsOf(() => parse({ a: 3, b: ["x"], c: null, d: true }))).toEqual(
            ["a: 3", 'b: ["x"]', "c: null", "d: true"].map(v => expect.stringMatching(new RegExp(`^${v.replace(/[[\]]/g, "\\$&")} is not a valid value; it must be a string`))));
    });

    test("settings and level are split; an empty object is dropped, as the engine does", () => {
        const { entries } = parse({ a: { enforcementLevel: "advisory", n: 1 }, b: {} });
        expect(entries.get("a")).toEqual({ level: "advisory", properties: { n: 1 } });
        expect(entries.has("b")).toBe(false);
    });

    test('"environments" is ESC environments, not a policy: an empty list is nothing, any environment is refused', () => {
        expect(parse({ environments: [], a: "advisory" })).toEqual({ entries: new Map([["a", { level: "advisory" }]]), environments: [] });
        expect(problemsOf(() => parse({ environments: ["org/env"] }))[0]).toMatch(/^environments: names ESC environments \(org\/env\), which need a Pulumi Cloud backend/);
        expect(problemsOf(() => parse({ environments: "org/env" }))[0]).toMatch(/^environments: must be an array of strings/);
        expect(problemsOf(() => parse({ environments: ["a", 2] }))[0]).toMatch(/^environments: environments\[1\] must be a string, not 2/);
    });
});

const PACK: PackInfo = {
    name: "test-pack", version: "1.2.3", dir: "/packs/test", supportsConfig: true, initial: new Map(),
    policies: [
        { name: "typed", level: "advisory", schema: { properties: {
            count: { type: "integer", default: 3 },
            mode: { type: "string", enum: ["fast", "slow"] },
            tags: { type: "array", items: { type: "string", pattern: "^[a-z]+$" } },
        }, required: [] } },
        { name: "needs-owner", level: "mandatory", schema: { properties: { owner: { type: "string" } }, required: ["owner"] } },
        { name: "plain", level: "mandatory" },
    ],
};
const reconcile = (config?: PolicyPackConfig, pack: Partial<PackInfo> = {}) =>
    reconcilePolicyConfig({ ...PACK, ...pack }, config && withSource(config, "c.json"));
const OWNED = { "needs-owner": { owner: "wg" } };

describe("reconciling and validating as the engine does (ReconcilePolicyPackConfig)", () => {
    test("defaults: each policy's level and its schema's top-level defaults; every policy is configured", () => {
        const { settings, warnings } = reconcile(OWNED);
        expect([...settings]).toEqual([
            ["typed", { level: "advisory", properties: { count: 3 } }],
            ["needs-owner", { level: "mandatory", properties: { owner: "wg" } }],
            ["plain", { level: "mandatory", properties: {} }],
        ]);
        expect(warnings).toEqual([]);
    });

    test("wrong type: gojsonschema's message, and only that one for the value (no enum error beside it)", () => {
        expect(problemsOf(() => reconcile({ ...OWNED, typed: { count: "3" } })))
            .toEqual(["typed: count: Invalid type. Expected: integer, given: string; give count a value of type integer"]);
        expect(problemsOf(() => reconcile({ ...OWNED, typed: { mode: 5, count: 1.5 } }))).toEqual([
            "typed: count: Invalid type. Expected: integer, given: number; give count a value of type integer",
            "typed: mode: Invalid type. Expected: string, given: integer; give mode a value of type string",
        ]);
        expect(reconcile({ ...OWNED, typed: { count: 7 } }).settings.get("typed")!.properties).toEqual({ count: 7 });
    });

    test("enum: the allowed values as JSON", () => {
        expect(problemsOf(() => reconcile({ ...OWNED, typed: { mode: "medium" } })))
            .toEqual(['typed: mode: mode must be one of the following: "fast", "slow"; use one of "fast", "slow"']);
        expect(() => reconcile({ ...OWNED, typed: { mode: "slow" } })).not.toThrow();
    });

    test("nested values are named by their path", () => {
        expect(problemsOf(() => reconcile({ ...OWNED, typed: { tags: ["ok", "Not OK"] } })))
            .toEqual(["typed: tags.1: Does not match pattern '^[a-z]+$'; change tags.1 to satisfy the policy's configSchema"]);
    });

    test("required: refused when nobody sets it; set in the file or by the pack's initial config, it passes", () => {
        const [missing] = problemsOf(() => reconcile({}));
        expect(missing).toBe("needs-owner: owner is required; set owner: the schema requires it and gives no default");
        const [noFile] = problemsOf(() => reconcile(undefined));
        expect(noFile).toMatch(/in a file given with --policy-pack-config/);
        expect(() => reconcile(OWNED)).not.toThrow();
        expect(() => reconcile(undefined, { initial: new Map([["needs-owner", { level: "advisory", properties: { owner: "wg" } }]]) })).not.toThrow();
    });

    test("the injected enforcementLevel enum applies to every policy, with or without a configSchema", () => {
        const initial = new Map([["plain", { level: "advisory" as const, properties: { enforcementLevel: "strict" } }]]);
        expect(problemsOf(() => reconcile(OWNED, { initial }))).toEqual([expect.stringMatching(
            /^plain: enforcementLevel: enforcementLevel must be one of the following: "advisory", "mandatory", "remediate", "disabled"/)]);
    });

    test('"all": its level to every policy first, then each policy\'s own entry; "all" itself is sent on', () => {
        const { settings } = reconcile({ ...OWNED, all: "disabled", typed: "mandatory" });
        expect([...settings].map(([n, s]) => `${n}=${s.level}`)).toEqual(["typed=mandatory", "needs-owner=disabled", "plain=disabled", "all=disabled"]);
    });

    test("order: defaults, then the pack's initial config, then the file", () => {
        const initial = new Map([["plain", { level: "disabled" as const }], ["typed", { level: "remediate" as const, properties: { count: 9 } }]]);
        const { settings } = reconcile({ ...OWNED, all: "advisory", typed: { mode: "fast" } }, { initial });
        expect(settings.get("plain")!.level).toBe("advisory");
        expect(settings.get("typed")).toEqual({ level: "advisory", properties: { count: 9, mode: "fast" } });
        expect(reconcile(OWNED, { initial }).settings.get("plain")!.level).toBe("disabled");
    });

    test("a name the pack does not have: accepted with a level (sent on, ignored by the pack), with a warning", () => {
        const { settings, warnings } = reconcile({ ...OWNED, "typd": "disabled" });
        expect(settings.get("typed")!.level).toBe("advisory");
        expect(settings.get("typd")).toEqual({ level: "disabled", properties: {} });
        expect(warnings).toEqual([expect.stringMatching(/^c\.json: "typd": the pack has no such policy, so this entry changes nothing .* its policies are typed, needs-owner, plain\. Did you mean typed\?$/)]);
    });

    test("a name the pack does not have, or \"all\", with settings but no level: refused, as Configure refuses it", () => {
        expect(problemsOf(() => reconcile({ ...OWNED, typd: { count: 1 }, all: { count: 2 } }))).toEqual([
            // In reading order (model/errors.ts sortProblems): by place, so "all" before "typd".
            expect.stringMatching(/^all: settings under "all" without an enforcementLevel: .*invalid enforcement level ""/),
            expect.stringMatching(/^typd: the pack has no policy "typd" and it is given settings but no level: .*invalid enforcement level "".* Did you mean typed\?$/),
        ]);
        const { warnings } = reconcile({ ...OWNED, all: { enforcementLevel: "advisory", count: 2 } });
        expect(warnings).toEqual([expect.stringContaining('"all": its settings reach no policy')]);
    });

    test("a pack without config support refuses a config file, and is not configured without one", () => {
        expect(problemsOf(() => reconcile({}, { supportsConfig: false }))[0]).toMatch(/does not support config/);
        expect(reconcile(undefined, { supportsConfig: false }).settings.size).toBe(0);
    });

    test("a broken configSchema is the pack's problem, reported, not a crash", () => {
        const policies = [{ name: "broken", level: "advisory" as const, schema: { properties: { x: { type: "strng" } }, required: [] } }];
        expect(problemsOf(() => reconcile(undefined, { policies }))[0]).toMatch(/^broken: the policy's configSchema is not a valid JSON Schema/);
    });

    test("the problems name the file", () => {
        try {
            reconcile({ typed: { count: "x" } });
            throw new Error("no error");
        } catch (e) {
            expect((e as InputError).problems.every(p => p.file === "c.json")).toBe(true);
            expect((e as InputError).message).toMatch(/^policy config for policy pack test-pack 1\.2\.3: 2 problems to fix/);
        }
    });
});

describe("gojsonschema's wording for other keywords", () => {
    const schema = { properties: { n: { type: "number", minimum: 2 }, o: { type: "object", additionalProperties: false, properties: {} } }, required: [] };
    test.each([
        [{ n: 1 }, "n: Must be greater than or equal to 2"],
        [{ o: { x: 1 } }, "o: Additional property x is not allowed"],
    ])("%j", (config, message) => {
        expect(validatePolicyConfig(schema, config).map(i => i.message)).toEqual([message]);
    });
});

// The pack's config is judged the same whatever the stack: staging has a fifth of prod's resources.
describe("npm run check -- --policy-pack-config", () => {
    const write = (config: unknown) => tempFile(JSON.stringify(config));

    test("a wrong type: exit 2 naming the file, the policy and what to fix; no stack trace", () => {
        const file = write({ [RULE.vetting]: { asOf: 20260101 } });
        const run = runCheck(["--stack", "staging", "--policy-pack-config", file]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(`${file}: ${RULE.vetting}: asOf: Invalid type. Expected: string, given: integer; give asOf a value of type string`);
        expect(run.stderr).not.toMatch(/internal error|\n\s+at .*\.ts:\d+/);
    });

    test("an unknown level or ESC environments: exit 2 before any stack runs", () => {
        const file = write({ environments: ["k8s/infra"], [RULE.vetting]: "warn" });
        const run = runCheck(["--stack", "staging", "--policy-pack-config", file]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(`${file}: ${RULE.vetting}: "warn" is not a valid enforcement level`);
        expect(run.stderr).toContain(`${file}: environments: names ESC environments (k8s/infra)`);
        expect(run.stderr).not.toContain("staging:");
    });

    test("a policy name the pack does not have: accepted (exit 0), with a warning on stderr", () => {
        const file = write({ "owner-veting": "disabled" });
        const run = runCheck(["--stack", "staging", "--format", "json", "--policy-pack-config", file]);
        expect(run.code).toBe(0);
        expect(run.stderr).toContain(`warning: ${file}: "owner-veting": the pack has no such policy`);
        expect(run.stderr).toContain("Did you mean owner-vetting?");
        expect(run.json!.stacks[0].stack).toBe("staging");
    });
});
