// groups.yaml as k8s.io's groups reconciler reads it, generated from a roster:
// every group the program refers to (each subproject's owners, the contact
// readers, in each stack's environment) is defined once, with the roster's people
// as members; the file and its restrictions entry pass the reconciler's rules as
// npm run inventory applies them; and no group in it is already defined in k8s.io.

import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { loadRoster } from "../../model/roster/load";
import { loadInventory } from "../../model/inventory/load";
import { buildModel } from "../../model/stack-model";
import { StackConfig } from "../../model/config";
import { projectConfigValues } from "../../tools/stack-config/stack-config";
import { GROUPS_FILE, RESTRICTIONS_FILE, groupsFiles } from "../../tools/docs/groups";
import { ROOT } from "../../tools/docs/generate";
import { checkName } from "../../model/naming";
import { copyOfMini, inventory, tempDir } from "../inventory/helpers";

/** A frozen copy of roster/ as it shipped: edits to the live roster do not reach these tests. */
const FIXTURE = path.join(ROOT, "tests", "fixtures", "sample-roster");
const roster = loadRoster(FIXTURE, "tests/fixtures/sample-roster");
const files = groupsFiles(roster, ROOT);
type Entry = { "email-id": string; name: string; members: string[] };
const groups = (parse(files[GROUPS_FILE]) as { groups: Entry[] }).groups;

/** The stack's k8s-infra config, parsed as the program parses it. */
function stackConfig(stack: string): StackConfig {
    return StackConfig.parse(projectConfigValues(ROOT, stack));
}

test.each(["staging", "prod"])("every group the %s stack's model refers to is defined, once, with the roster's people", stack => {
    const model = buildModel(roster, stackConfig(stack), `Pulumi.${stack}.yaml`);
    const byEmail = new Map(groups.map(g => [g["email-id"], g]));
    expect(byEmail.size).toBe(groups.length);
    const emailOf = (h: string) => roster.people.get(h.toLowerCase())!.email;
    for (const sub of model.subprojects) {
        expect(byEmail.get(sub.ownersGroup)?.members).toEqual(sub.owners.map(o => emailOf(o.github)));
    }
    expect(byEmail.get(model.workingGroup.contactReadersGroup)?.members).toEqual(model.workingGroup.leads.map(emailOf));
});

test("the restrictions entry allows exactly the file's groups", () => {
    const entry = (parse(files[RESTRICTIONS_FILE]) as { restrictions: { path: string; allowedGroups: string[] }[] }).restrictions[0];
    expect(`groups/${entry.path}`).toBe(GROUPS_FILE);
    const patterns = entry.allowedGroups.map(p => new RegExp(p));
    for (const g of groups) expect(patterns.filter(p => p.test(g["email-id"]))).toHaveLength(1);
    expect(patterns).toHaveLength(groups.length);
    expect(patterns.some(p => p.test("k8s-infra-dns-ownersXkubernetes.io"))).toBe(false); // dots are escaped
});

test("a k8s.io tree with the file and its restrictions entry passes the reconciler's rules (npm run inventory reads it)", () => {
    const tmp = tempDir("groups-yaml");
    try {
        const tree = copyOfMini(path.join(tmp, "tree"));
        fs.mkdirSync(path.dirname(path.join(tree, GROUPS_FILE)), { recursive: true });
        fs.writeFileSync(path.join(tree, GROUPS_FILE), files[GROUPS_FILE]);
        const restrictionsFile = path.join(tree, "groups", "restrictions.yaml");
        const restrictions = parse(fs.readFileSync(restrictionsFile, "utf8")) as { restrictions: unknown[] };
        const entry = (parse(files[RESTRICTIONS_FILE]) as { restrictions: unknown[] }).restrictions[0];
        fs.writeFileSync(restrictionsFile, stringify({ restrictions: [entry, ...restrictions.restrictions] }));
        const run = inventory(["--from", tree, "--out", path.join(tmp, "out")]);
        expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
        const read = loadInventory(path.join(tmp, "out"), "out");
        const defined = [...read.groups.values()].flatMap(f => f.groups.map(g => g.email));
        for (const g of groups) expect(defined).toContain(g["email-id"]);
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
});

test("no group in the file is one k8s.io already defines (the reconciler refuses a group defined twice)", () => {
    const real = loadInventory(path.join(ROOT, "inventory"), "inventory");
    const defined = new Set([...real.groups.values()].flatMap(f => f.groups.map(g => g.email.toLowerCase())));
    expect(groups.map(g => g["email-id"]).filter(e => defined.has(e))).toEqual([]);
});

test("every group address follows the naming scheme in its environment (the program makes none, so resource-naming cannot see them)", () => {
    const problems = groups.map(g => [g["email-id"], checkName("group", g["email-id"], g["email-id"].includes("-stg@") ? "staging" : "prod")] as const)
        .filter(([, problem]) => problem !== undefined);
    expect(problems).toEqual([]);
    expect(groups.some(g => g["email-id"].includes("-stg@"))).toBe(true);
});
