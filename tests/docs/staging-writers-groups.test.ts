// The writers groups of staging areas in the generated groups.yaml: a stack's area
// whose k8s-infra-staging-<name>@ group k8s.io's groups files define already is only
// referred to; one they do not define is written into the file, with the area's
// owners as members, in each environment that makes the area, and nowhere else.

import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { loadRoster } from "../../model/roster/load";
import { buildModel } from "../../model/stack-model";
import { StackConfig } from "../../model/config";
import { projectConfigValues } from "../../tools/stack-config/stack-config";
import { GROUPS_FILE, groupsFiles, rosterGroups } from "../../tools/docs/groups";
import { k8sioGroups } from "../../tools/docs/k8sio-groups";
import { InputError } from "../../model/errors";
import { append, rosterCopy } from "../helpers/roster-copy";
import { tempDir } from "../inventory/helpers";

const ROOT = path.resolve(__dirname, "../..");
const LWS = "  - name: lws\n    sig: apps\n    owners: [hana-sato, ivan-petrov, jo-mbeki]\n";
/** The sample roster with lws, an area k8s.io's 2023 groups files do not have. */
const roster = loadRoster(rosterCopy({ "staging-areas.yaml": append(LWS) }).dir, "roster");
const K8SIO = new Set(["k8s-infra-staging-kind@kubernetes.io", "k8s-infra-staging-cluster-api@kubernetes.io"]);
const writers = (groups: ReturnType<typeof rosterGroups>) => groups.filter(g => g.email.startsWith("k8s-infra-staging-"));

test("an area k8s.io already has a group for is left out; a new one is written with the area's owners", () => {
    const groups = writers(rosterGroups(roster, [{ environment: "prod", domain: "kubernetes.io", stagingAreas: ["kind", "cluster-api", "lws"] }], K8SIO));
    expect(groups).toEqual([{
        email: "k8s-infra-staging-lws@kubernetes.io", name: "k8s-infra-staging-lws", holders: ["hana-sato", "ivan-petrov", "jo-mbeki"],
        description: "Writers of staging area lws (SIG apps): push to k8s-staging-lws's bucket and registry and run its builds; roster/staging-areas.yaml.",
    }]);
});

test("only the areas a stack makes: staging's few, with -stg addresses (which k8s.io never defines)", () => {
    const groups = writers(rosterGroups(roster, [{ environment: "staging", domain: "kubernetes.io", stagingAreas: ["kind"] }], K8SIO));
    expect(groups.map(g => [g.email, g.holders])).toEqual([["k8s-infra-staging-kind-stg@kubernetes.io", ["chen-liwei", "dara-mensah", "eli-novak"]]]);
    expect(groups[0].description).toContain("push to k8s-staging-kind-stg's bucket");
    expect(writers(rosterGroups(roster, [{ environment: "prod", domain: "kubernetes.io" }], new Set()))).toEqual([]); // the service is off
});

test("the shipped stacks: every writers group their models refer to is defined once, by k8s.io or by the generated file", () => {
    const file = groupsFiles(roster, ROOT)[GROUPS_FILE];
    const entries = (parse(file) as { groups: { "email-id": string; members: string[] }[] }).groups;
    const inFile = new Map(entries.map(g => [g["email-id"], g.members]));
    const k8sio = k8sioGroups(path.join(ROOT, "inventory"), "inventory");
    const emailOf = (h: string) => roster.people.get(h.toLowerCase())!.email.toLowerCase();
    for (const stack of ["prod", "staging"]) {
        const model = buildModel(roster, StackConfig.parse(projectConfigValues(ROOT, stack)), `Pulumi.${stack}.yaml`);
        expect(model.stagingAreas.length).toBeGreaterThan(0);
        for (const area of model.stagingAreas) {
            const defined = [k8sio.has(area.writersGroup), inFile.has(area.writersGroup)];
            expect([area.writersGroup, defined.filter(Boolean).length]).toEqual([area.writersGroup, 1]);
            if (inFile.has(area.writersGroup)) expect(inFile.get(area.writersGroup)).toEqual(area.owners.map(o => emailOf(o.github)));
        }
    }
    // kind's prod group is k8s.io's (groups/sig-testing); lws's is new, and so is every -stg one.
    expect(inFile.has("k8s-infra-staging-kind@kubernetes.io")).toBe(false);
    expect(inFile.has("k8s-infra-staging-lws@kubernetes.io")).toBe(true);
    expect([...inFile.keys()].filter(e => e.startsWith("k8s-infra-staging-") && e.endsWith("-stg@kubernetes.io")).length).toBeGreaterThan(0);
});

test("k8s.io's groups are read from the inventory's groups/ alone; a broken file is an InputError naming it", () => {
    expect(k8sioGroups(path.join(ROOT, "inventory"), "inventory").has("k8s-infra-staging-kind@kubernetes.io")).toBe(true);
    const dir = tempDir("k8sio-groups");
    try {
        fs.mkdirSync(path.join(dir, "groups"));
        fs.writeFileSync(path.join(dir, "groups", "sig-x.yaml"), "format: 1\ngroups: nope\n");
        expect(() => k8sioGroups(dir, "inv")).toThrow(InputError);
        expect(() => k8sioGroups(dir, "inv")).toThrow(/inv\/groups\/sig-x\.yaml/);
        expect(k8sioGroups(path.join(dir, "absent"), "absent")).toEqual(new Set());
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
