// The README's how-to tasks, done as a new contributor does them, in a clone of
// this checkout: each gives a report in one run of the check, green or red, and a
// mistaken edit gives every problem once, in reading order. The edits read what the
// roster and stack files hold (./edit.ts) and pin none of it.

import * as fs from "fs";
import * as path from "path";
import { YAMLMap, YAMLSeq } from "yaml";
import { formatProblem, sortProblems } from "../../model/errors";
import { loadRoster } from "../../model/roster/load";
import type { CheckDocument } from "../../tools/report/json";
import { addOwner, addPerson, edit, read } from "./edit";
import { checkJson, makeClone, removeClone, withChanges } from "./clone";

const TODAY = new Date().toISOString().slice(0, 10);
const ROSTER_FILES = ["people.yaml", "contacts-on-file.yaml", "subprojects.yaml"].map(f => `roster/${f}`);
let clone: string;
beforeAll(() => { clone = makeClone(); });
afterAll(() => removeClone(clone));
const roster = () => path.join(clone, "roster");

/** A report, green or red, of both stacks: no input problem, every stack judged. */
function expectReport(run: { code: number | null; doc: CheckDocument; err: string }): void {
    if (run.doc.errors.length > 0) throw new Error(`the check refused the input:\n${run.doc.errors.map(formatProblem).join("\n")}`);
    expect([0, 1]).toContain(run.code);
    expect(run.doc.stacks.map(s => s.stack).sort()).toEqual(["prod", "staging"]);
}

test("add an owner: a report in one run", () => {
    withChanges(clone, ROSTER_FILES, () => {
        addPerson(roster(), "contributor-owner", TODAY);
        addOwner(roster(), "contributor-owner", i => i === 0);
    }, () => expectReport(checkJson(clone)));
});

test("add a subproject with three new owners: a report in one run", () => {
    const owners = ["contributor-one", "contributor-two", "contributor-three"];
    withChanges(clone, ROSTER_FILES, () => {
        for (const h of owners) addPerson(roster(), h, TODAY);
        edit(path.join(roster(), "subprojects.yaml"), doc => (doc.get("subprojects") as YAMLSeq).add(doc.createNode({
            name: "contributor-tools", description: "A subproject a contributor adds.", sigs: ["testing"], owners, phase: "steady",
            oncall: { rotation: "k8s-infra-contributor-tools-oncall", escalation: ["k8s-infra-contributor-tools-owners@kubernetes.io"] },
        })));
    }, () => expectReport(checkJson(clone)));
});

test("add a bucket to the prod stack: a report in one run", () => {
    withChanges(clone, ["Pulumi.prod.yaml"], () => edit(path.join(clone, "Pulumi.prod.yaml"), doc => {
        (doc.getIn(["config", "k8s-infra:services", "gcs", "buckets"]) as YAMLSeq).add(doc.createNode({
            name: "k8s-infra-contributor-logs", purpose: "logs", deleteAfterDays: 30,
        }));
    }), () => expectReport(checkJson(clone)));
});

test("add a DNS record: a report in one run", () => {
    const zone = read(path.join(clone, "Pulumi.prod.yaml")).config["k8s-infra:services"].dns.zones[0].domain as string;
    // The zone's base piece (which its canary shares), as the README says; a zone kept whole is its one file.
    const base = fs.readdirSync(path.join(clone, "dns/zone-configs")).filter(f => f.startsWith(`${zone}._`)).sort()[0] ?? `${zone}.yaml`;
    const file = `dns/zone-configs/${base}`;
    withChanges(clone, [file], () => edit(path.join(clone, file), doc => {
        doc.set("contributor-test", doc.createNode({ type: "CNAME", value: "contributor-test.example.org." }));
    }), () => expectReport(checkJson(clone)));
});

test("change an owner's company so that one organization holds too much: red, naming the people.yaml line changed and what to do", () => {
    const loaded = loadRoster(roster(), "roster");
    const rootOf = (h: string) => loaded.organizations.rootOf(loaded.people.get(h.toLowerCase())!.affiliation);
    // A steady subproject of 3 to 5 owners whose second owner has an organization the first does not share.
    const sub = loaded.subprojects.find(s => s.phase === "steady" && s.owners.length >= 3 && s.owners.length <= 5 &&
        rootOf(s.owners[1]) !== null && rootOf(s.owners[0]) !== rootOf(s.owners[1]) &&
        s.owners.filter(h => rootOf(h) === rootOf(s.owners[1])).length === 1);
    if (!sub) throw new Error("no steady subproject of 3 to 5 owners to try an affiliation change on; widen the search");
    const [moved, colleague] = sub.owners;
    const company = loaded.people.get(colleague.toLowerCase())!.affiliation;
    const line = loaded.locate("person", moved, "affiliation").line;
    withChanges(clone, ["roster/people.yaml"], () => edit(path.join(roster(), "people.yaml"), doc => {
        const person = ((doc.get("people") as YAMLSeq).items as YAMLMap[]).find(p => String(p.get("github")).toLowerCase() === moved.toLowerCase())!;
        person.set("affiliation", company);
    }), () => {
        const run = checkJson(clone, ["--stack", "prod"]);
        expect(run.doc.errors).toEqual([]);
        expect(run.code).toBe(1);
        const v = run.doc.violations.filter(x => x.policy === "maximal-representation" && x.message.includes(`Subproject ${sub.name} `));
        expect(v).toHaveLength(1);
        expect(v[0].message).toContain(`${moved} roster/people.yaml:${line}`);
        expect(v[0].message).toMatch(/Add \d+ owners? from other organizations, or rotate out 1 /);
    });
});

test("a mistaken edit (a misspelt owner, a misspelt time zone): every problem once, sorted, in one run (exit 2)", () => {
    const loaded = loadRoster(roster(), "roster");
    const owner = loaded.subprojects[0].owners[0];
    const person = [...loaded.people.values()][0].github;
    withChanges(clone, ["roster/people.yaml", "roster/subprojects.yaml"], () => {
        edit(path.join(roster(), "subprojects.yaml"), doc => {
            const owners = ((doc.get("subprojects") as YAMLSeq).items[0] as YAMLMap).get("owners") as YAMLSeq;
            owners.set(0, `${owner}x`);
        });
        edit(path.join(roster(), "people.yaml"), doc => ((doc.get("people") as YAMLSeq).items[0] as YAMLMap).set("timezone", "Europe/Berlinn"));
    }, () => {
        const run = checkJson(clone);
        expect(run.code).toBe(2);
        const messages = run.doc.errors.map(formatProblem);
        expect(new Set(messages).size).toBe(messages.length);
        expect(run.doc.errors).toEqual(sortProblems(run.doc.errors));
        expect(run.doc.errors).toEqual([
            expect.objectContaining({ file: "roster/people.yaml", at: `people[${person}].timezone`, message: expect.stringContaining("Did you mean Europe/Berlin?") }),
            expect.objectContaining({ file: "roster/subprojects.yaml", message: expect.stringContaining(`unknown person "${owner}x"`) }),
        ]);
    });
});
