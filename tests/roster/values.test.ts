// Values that only look present (blank or white-space text), escalation entries
// that are not project group addresses, and WG leads without a start date: all
// refused when the roster loads, at their line. Copies of the frozen sample roster.

import { loadRoster } from "../../model/roster/load";
import { lineOf, loadError, problem, replace, rosterCopy } from "../helpers/roster-copy";

describe("blank text is refused", () => {
    test.each([
        ["subprojects.yaml", "rotation: k8s-infra-dns-oncall", 'rotation: "   "', "subprojects[dns].oncall.rotation", "is blank; name the on-call rotation"],
        ["subprojects.yaml", "        plan: Two owners", '        plan: " "\n        note: Two owners', "subprojects[prow].waivers[0].plan", "is blank; say how and when the rule will be met"],
        ["subprojects.yaml", "        reason: Prow moves", '        reason: "\\t"\n        note: Prow moves', "subprojects[prow].waivers[0].reason", "is blank; say why the rule cannot be met yet"],
        ["subprojects.yaml", "description: kubernetes.io website and blogs.", 'description: "  "', "subprojects[website].description", "is blank; describe the subproject, or leave the field out"],
        ["people.yaml", "name: Dara Mensah", 'name: "  "', "people[dara-mensah].name", "is blank; write the person's name"],
        ["people.yaml", "affiliation: Microsoft", 'affiliation: " "', "people[dara-mensah].affiliation", 'is blank; name an organization or write "independent"'],
        ["organizations.yaml", "aliases: [apple.com]", 'aliases: [apple.com, " "]', "organizations[Apple].aliases[1]", "is blank"],
        ["working-group.yaml", "name: wg-k8s-infra", 'name: " "', "workingGroup.name", "is blank; name the working group"],
        ["services.yaml", "previously: Netlify (vendor account)", 'previously: "  "', "services.website.previously", "is blank"],
    ] as const)("%s: %s", (file, from, to, at, message) => {
        const { dir, text } = rosterCopy({ [file]: replace(from, to) });
        const problems = loadError(dir).problems.filter(p => !/unknown field "note"/.test(p.message));
        const needle = to.split("\n")[0];
        expect(problems).toEqual([problem(file, lineOf(text[file], needle), message, at)]);
    });

    test("a name on several lines is refused", () => {
        const { dir, text } = rosterCopy({ "people.yaml": replace("name: Dara Mensah", 'name: "Dara\\nroster/people.yaml:1: ok"') });
        expect(loadError(dir).problems).toEqual([problem("people.yaml", lineOf(text["people.yaml"], "name: \"Dara"), "spans several lines", "people[dara-mensah].name")]);
    });
});

describe("oncall.escalation entries are group addresses at the groups' domain", () => {
    test.each(["lol", "dara.mensah@example.org", "K8S-INFRA-DNS-OWNERS@kubernetes.io", "owners@kubernetes.io.evil.com", "dns-team@k8s.io"])("%s is refused", entry => {
        const { dir, text } = rosterCopy({ "subprojects.yaml": replace("escalation: [k8s-infra-dns-owners@kubernetes.io,", `escalation: [${entry},`) });
        expect(loadError(dir).problems).toEqual(expect.arrayContaining([problem("subprojects.yaml", lineOf(text["subprojects.yaml"], entry),
            "is not a project group address; escalate to groups such as k8s-infra-<subproject>-owners@kubernetes.io", "subprojects[dns].oncall.escalation[0]")]));
    });

    test("group addresses at kubernetes.io load (Google groups exist only there)", () => {
        const { dir } = rosterCopy({ "subprojects.yaml": replace("escalation: [k8s-infra-dns-owners@kubernetes.io,", "escalation: [k8s-infra-oncall@kubernetes.io, sig-dns-leads@kubernetes.io,") });
        expect(() => loadRoster(dir, "roster")).not.toThrow();
    });
});

describe("every WG lead has a leadsSince date", () => {
    test("a lead without one is refused at the lead", () => {
        const { dir, text } = rosterCopy({ "working-group.yaml": replace("bram-okafor: 2025-11-03 }", "}") });
        expect(loadError(dir).problems).toEqual([problem("working-group.yaml", lineOf(text["working-group.yaml"], "leads: ["),
            "lead bram-okafor has no date in leadsSince", "workingGroup.leads[1]")]);
    });

    test("a date for someone who is not a lead is refused", () => {
        const { dir, text } = rosterCopy({ "working-group.yaml": replace("bram-okafor: 2025-11-03 }", "bram-okafor: 2025-11-03, chen-liwei: 2025-11-03 }") });
        expect(loadError(dir).problems).toEqual([problem("working-group.yaml", lineOf(text["working-group.yaml"], "chen-liwei"),
            "chen-liwei is not among the leads", "workingGroup.leadsSince.chen-liwei")]);
    });

    test("no leadsSince at all is a missing field", () => {
        const { dir, text } = rosterCopy({ "working-group.yaml": replace("  leadsSince: { ada-quill: 2025-11-03, bram-okafor: 2025-11-03 }\n", "") });
        expect(loadError(dir).problems).toEqual([problem("working-group.yaml", lineOf(text["working-group.yaml"], "name: wg-k8s-infra"), "is required but missing", "workingGroup.leadsSince")]);
    });
});

describe("near misses say what was probably meant", () => {
    test("an owner, a voucher and an affiliation spelt a letter off name the real handle and organization", () => {
        const { dir } = rosterCopy({
            "subprojects.yaml": replace("owners: [dara-mensah, ivan-petrov, jo-mbeki]", "owners: [dara-mensha, ivan-petrov, jo-mbeki]"),
            "people.yaml": replace("affiliation: Microsoft", "affiliation: Microsfot"),
        });
        const messages = loadError(dir).problems.map(p => p.message);
        expect(messages).toContainEqual(expect.stringContaining('unknown person "dara-mensha"; add them to people.yaml first. Did you mean dara-mensah?'));
        expect(messages).toContainEqual(expect.stringContaining('unknown organization "Microsfot"; add it (or an alias) to organizations.yaml, or write "independent". Did you mean Microsoft?'));
    });

    test("a name nothing is close to gets no guess", () => {
        const { dir } = rosterCopy({ "subprojects.yaml": replace("owners: [dara-mensah, ivan-petrov, jo-mbeki]", "owners: [zzzzzzzz, ivan-petrov, jo-mbeki]") });
        expect(loadError(dir).problems.map(p => p.message)).toContainEqual('unknown person "zzzzzzzz"; add them to people.yaml first.');
    });
});

test("a misspelt timezone names the IANA zone it probably meant", () => {
    const { dir } = rosterCopy({ "people.yaml": replace("timezone: Europe/Prague", "timezone: Europe/Pragu") });
    expect(loadError(dir).problems.map(p => p.message)).toContainEqual(expect.stringContaining("is not an IANA timezone; use a name like Europe/Berlin, America/New_York or UTC. Did you mean Europe/Prague?"));
});
