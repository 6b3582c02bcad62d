import * as fs from "fs";
import * as path from "path";
import { loadRoster } from "../../model/roster/load";
import type { Problem } from "../../model/errors";
import { append, lineOf, loadError, problem, replace, rosterCopy } from "../helpers/roster-copy";

/** The live roster: only "it loads" is asserted of it, never its contents. */
const ROSTER = path.resolve(__dirname, "../../roster");
/** The mistakes below are edits of a temp copy of the frozen sample roster (tests/helpers/roster-copy.ts), never of roster/. */
const fixture = rosterCopy;

describe("the shipped roster", () => {
    // Whatever the roster holds (tests never pin its contents): it loads, and every
    // subproject and person is located at the line where its entry starts.
    test("loads, and locates every subproject and person at its entry", () => {
        const roster = loadRoster(ROSTER, "roster");
        expect(roster.people.size).toBeGreaterThan(0);
        const entryLine = (file: string, key: string, value: string) => {
            const lines = fs.readFileSync(path.join(ROSTER, file), "utf8").split("\n");
            return lines.findIndex(l => l.trim().toLowerCase() === `- ${key}: ${value.toLowerCase()}`) + 1;
        };
        for (const s of roster.subprojects) {
            expect(roster.locate("subproject", s.name)).toEqual({ file: "roster/subprojects.yaml", line: entryLine("subprojects.yaml", "name", s.name) });
        }
        for (const p of roster.people.values()) {
            expect(roster.locate("person", p.github.toUpperCase())).toEqual({ file: "roster/people.yaml", line: entryLine("people.yaml", "github", p.github) });
        }
    });
});

describe("each kind of mistake names the file, the line and what to fix", () => {
    test("an owner handle nobody has", () => {
        const { dir, text } = fixture({ "subprojects.yaml": replace("owners: [dara-mensah, ivan-petrov, jo-mbeki]", "owners: [dara-mensah, ivan-petrov, jo-mbeky]") });
        const err = loadError(dir);
        expect(err.problems).toEqual([problem("subprojects.yaml", lineOf(text["subprojects.yaml"], "jo-mbeky"),
            'unknown person "jo-mbeky"; add them to people.yaml first', "subprojects[dns].owners[2]")]);
        expect(err.message).toContain(`roster/subprojects.yaml:${lineOf(text["subprojects.yaml"], "jo-mbeky")}: subprojects[dns].owners[2]: unknown person`);
    });

    test("the same person twice (handles are case-insensitive)", () => {
        const dup = "\n  - github: Ada-Quill\n    name: Ada Again\n    email: ada2@example.org\n    affiliation: Google\n    timezone: UTC\n";
        const { dir, text } = fixture({ "people.yaml": t => t + dup });
        const first = lineOf(text["people.yaml"], "- github: ada-quill");
        expect(loadError(dir).problems).toEqual([problem("people.yaml", lineOf(text["people.yaml"], "- github: Ada-Quill"),
            `Ada-Quill is listed twice (first at line ${first}); keep one entry`)]);
    });

    test("an organization that organizations.yaml does not list", () => {
        const { dir, text } = fixture({ "people.yaml": replace("affiliation: Microsoft", "affiliation: Microsfot") });
        expect(loadError(dir).problems).toEqual([problem("people.yaml", lineOf(text["people.yaml"], "Microsfot"),
            'unknown organization "Microsfot"; add it (or an alias) to organizations.yaml, or write "independent"', "people[dara-mensah].affiliation")]);
    });

    test("a timezone that is not an IANA name", () => {
        const { dir, text } = fixture({ "people.yaml": replace("timezone: Europe/London", "timezone: Mars/Olympus_Mons") });
        expect(loadError(dir).problems).toEqual([problem("people.yaml", lineOf(text["people.yaml"], "Mars/Olympus_Mons"),
            "is not an IANA timezone; use a name like Europe/Berlin, America/New_York or UTC", "people[dara-mensah].timezone")]);
    });

    test("a date that is not on the calendar (2026-13-45)", () => {
        const { dir, text } = fixture({ "people.yaml": replace("date: 2026-01-26 }\n  - github: bram-okafor", "date: 2026-13-45 }\n  - github: bram-okafor") });
        expect(loadError(dir).problems).toEqual([problem("people.yaml", lineOf(text["people.yaml"], "2026-13-45"),
            "is not a real calendar date; write YYYY-MM-DD", "people[ada-quill].vetting.date")]);
    });

    test("a waiver with no expiry: reported on the waiver, asking for the field", () => {
        const { dir, text } = fixture({ "subprojects.yaml": replace("        expires: 2027-06-30\n", "") });
        expect(loadError(dir).problems).toEqual([problem("subprojects.yaml", lineOf(text["subprojects.yaml"], "- rule: maximal-representation"),
            "is required but missing", "subprojects[prow].waivers[0].expires")]);
    });

    test("a YAML syntax error", () => {
        const { dir, text } = fixture({ "working-group.yaml": replace("name: wg-k8s-infra", "name: wg-k8s-infra: extra") });
        expect(loadError(dir).problems).toEqual([problem("working-group.yaml", lineOf(text["working-group.yaml"], "wg-k8s-infra: extra"),
            /^YAML syntax: Nested mappings are not allowed/)]);
    });

    test("a key written twice in one mapping", () => {
        const { dir, text } = fixture({ "working-group.yaml": replace("  name: wg-k8s-infra\n", "  name: wg-k8s-infra\n  name: wg-again\n") });
        expect(loadError(dir).problems).toEqual([problem("working-group.yaml", lineOf(text["working-group.yaml"], "wg-again"), "Map keys must be unique")]);
    });

    test("an unknown field: reported on the field's own line", () => {
        const { dir, text } = fixture({ "people.yaml": replace("    timezone: Europe/London\n", "    timezone: Europe/London\n    slack: dara\n") });
        expect(loadError(dir).problems).toEqual([problem("people.yaml", lineOf(text["people.yaml"], "slack: dara"),
            'unknown field "slack"; check the spelling against roster/README.md', "people[dara-mensah].slack")]);
    });

    test("an unknown field a letter off a known one names it", () => {
        const { dir } = fixture({ "people.yaml": replace("    timezone: Europe/London\n", "    timezone: Europe/London\n    afiliation: IBM\n") });
        expect(loadError(dir).problems.map(p => p.message)).toEqual(['unknown field "afiliation"; check the spelling against roster/README.md. Did you mean affiliation?']);
    });

    test("a missing file", () => {
        const { dir } = fixture({});
        fs.rmSync(path.join(dir, "organizations.yaml"));
        expect(loadError(dir).problems).toEqual([expect.objectContaining({ file: "roster/organizations.yaml", message: expect.stringContaining("is missing") })]);
    });
});

describe("several mistakes at once are all reported", () => {
    test("field mistakes in three files, in one error", () => {
        const { dir, text } = fixture({
            "people.yaml": t => replace("timezone: Europe/London", "timezone: Mars/Olympus_Mons")(
                replace("date: 2026-01-26 }\n  - github: bram-okafor", "date: 2026-13-45 }\n  - github: bram-okafor")(t)),
            "subprojects.yaml": replace("    phase: bootstrapping\n", "    phase: bootstrapping\n    tier: gold\n"),
            "working-group.yaml": replace("name: wg-k8s-infra", "name: wg-k8s-infra: extra"),
        });
        const err = loadError(dir);
        expect(err.problems).toHaveLength(4);
        expect(err.problems).toEqual(expect.arrayContaining([
            problem("people.yaml", lineOf(text["people.yaml"], "2026-13-45"), "not a real calendar date"),
            problem("people.yaml", lineOf(text["people.yaml"], "Olympus_Mons"), "not an IANA timezone"),
            problem("subprojects.yaml", lineOf(text["subprojects.yaml"], "tier: gold"), 'unknown field "tier"'),
            problem("working-group.yaml", lineOf(text["working-group.yaml"], "wg-k8s-infra: extra"), "YAML syntax"),
        ]));
        expect(err.message).toMatch(/^roster \(roster\/\): 4 problems to fix:\n/);
    });

    test("cross-file mistakes in every file, in one error", () => {
        const { dir, text } = fixture({
            "organizations.yaml": replace("    parent: IBM\n", "    parent: IBN\n"),
            "people.yaml": t => replace("affiliation: SUSE", "affiliation: SUSE GmbH")(replace("vouchedBy: [jo-mbeki, lena-fischer]", "vouchedBy: [jo-mbeki, lena-fisher]")(t)),
            "subprojects.yaml": t => replace("owners: [jo-mbeki, nia-walker, chen-liwei]", "owners: [jo-mbeki, nia-walker, nia-walker]")(replace("services: [gcb]", "services: [gcs]")(t)),
            "working-group.yaml": t => replace("bram-okafor: 2025-11-03", "bram-okafr: 2025-11-03")(replace("leads: [ada-quill, bram-okafor]", "leads: [ada-quill, bram-okafr]")(t)),
        });
        const problems: Problem[] = loadError(dir).problems;
        expect(problems).toHaveLength(6);
        expect(problems).toEqual(expect.arrayContaining([
            problem("organizations.yaml", lineOf(text["organizations.yaml"], "parent: IBN"), 'unknown organization "IBN"'),
            problem("people.yaml", lineOf(text["people.yaml"], "SUSE GmbH"), 'unknown organization "SUSE GmbH"'),
            problem("people.yaml", lineOf(text["people.yaml"], "lena-fisher"), 'unknown person "lena-fisher"'),
            problem("subprojects.yaml", lineOf(text["subprojects.yaml"], "nia-walker, nia-walker"), "nia-walker is listed twice as an owner of website"),
            problem("subprojects.yaml", lineOf(text["subprojects.yaml"], "services: [gcs]"), "service gcs is already owned by artifacts"),
            problem("working-group.yaml", lineOf(text["working-group.yaml"], "leads: [ada-quill, bram-okafr]"), 'unknown person "bram-okafr"'),
        ]));
    });
});
