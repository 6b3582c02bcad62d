// Look-alike names: organizations, aliases, affiliations and handles are compared
// after NFKC, with invisible characters removed and confusables folded
// (model/roster/fold.ts). Rosters are copies of the frozen sample roster.

import { loadRoster } from "../../model/roster/load";
import { foldKey, quoteName } from "../../model/roster/fold";
import { maximalRepresentation } from "../../policy-pack/policies/staffing";
import { messagesOf, runStackPolicy, stackFromRoster } from "../helpers/policy";
import { append, lineOf, loadError, personEntry, problem, replace, rosterCopy, subprojectEntry } from "../helpers/roster-copy";

const CYRILLIC = "М\u0456crosoft"; // Cyrillic capital EM and Byelorussian-Ukrainian i
const ZERO_WIDTH = "Microsoft\u200B";

describe("foldKey", () => {
    test.each([CYRILLIC, ZERO_WIDTH, "MICROSOFT", "microsoft", "Ｍｉｃｒｏｓｏｆｔ", " Micro\u00ADsoft "])("%j folds like Microsoft", name => {
        expect(foldKey(name)).toBe(foldKey("Microsoft"));
    });

    test("different names stay different", () => {
        expect(foldKey("Microsoft")).not.toBe(foldKey("Microsfot"));
        expect(foldKey("Google")).not.toBe(foldKey("Apple"));
    });

    test("quoteName shows what a look-alike is written with", () => {
        expect(quoteName("Microsoft")).toBe('"Microsoft"');
        expect(quoteName(ZERO_WIDTH)).toBe(`"${ZERO_WIDTH}" (written Microsoft\\u{200B})`);
    });
});

describe("a new organization that looks like an existing one is refused, with both names and both lines", () => {
    test.each([["a Cyrillic letter", CYRILLIC, "\\u{041C}\\u{0456}crosoft"], ["a zero-width space", ZERO_WIDTH, "Microsoft\\u{200B}"]])(
        "%s", (_, name, written) => {
            const { dir, text } = rosterCopy({ "organizations.yaml": append(`  - name: ${name}\n`) });
            const lines = text["organizations.yaml"].split("\n");
            const existing = lines.indexOf("  - name: Microsoft") + 1;
            const added = lines.indexOf(`  - name: ${name}`) + 1;
            expect(existing).toBeGreaterThan(0);
            expect(loadError(dir).problems).toEqual([problem("organizations.yaml", added,
                `"${name}" (written ${written}) looks like "Microsoft" of organization Microsoft (line ${existing})`, "organizations[11].name")]);
        });

    test("an alias that looks like another organization's name is refused too", () => {
        const { dir, text } = rosterCopy({ "organizations.yaml": replace("aliases: [apple.com]", `aliases: [apple.com, ${CYRILLIC}]`) });
        expect(loadError(dir).problems).toEqual([problem("organizations.yaml", lineOf(text["organizations.yaml"], CYRILLIC),
            "looks like \"Microsoft\" of organization Microsoft", "organizations[Apple].aliases[1]")]);
    });

    test("a look-alike of \"independent\" is reserved like it", () => {
        const { dir } = rosterCopy({ "organizations.yaml": append("  - name: lndependent\n") });
        expect(loadError(dir).problems).toEqual([expect.objectContaining({ message: expect.stringContaining("is reserved for people with no affiliation") })]);
    });
});

describe("an affiliation written with a look-alike counts for the real organization", () => {
    test("Microsoft holding 2 of 3 owners through a Cyrillic spelling breaks maximal-representation", () => {
        const { dir } = rosterCopy({
            "people.yaml": append(personEntry("mimi-lookalike", { affiliation: CYRILLIC, vouchedBy: ["ada-quill", "bram-okafor"] })),
            "subprojects.yaml": append(subprojectEntry("lookalike", ["dara-mensah", "mimi-lookalike", "chen-liwei"])),
        });
        const roster = loadRoster(dir, "roster");
        expect(roster.organizations.rootOf(CYRILLIC)).toBe("Microsoft");
        expect(roster.organizations.rootOf(ZERO_WIDTH)).toBe("Microsoft");
        const v = messagesOf(runStackPolicy(maximalRepresentation, stackFromRoster(dir, { environment: "prod" }), { asOf: "2026-12-01" }));
        expect(v).toEqual([expect.stringContaining("Subproject lookalike")]);
        expect(v[0]).toContain("Microsoft holds 2 of 3 (dara-mensah, mimi-lookalike)");
    });
});

describe("handles a reader could confuse are one person twice", () => {
    test.each([["ada-qu1ll", "digit one for l"], ["ADA-QUlLL", "l for capital I"]])("%s (%s)", handle => {
        const { dir, text } = rosterCopy({ "people.yaml": append(personEntry(handle)) });
        const first = lineOf(text["people.yaml"], "- github: ada-quill");
        expect(loadError(dir).problems).toEqual([problem("people.yaml", lineOf(text["people.yaml"], `- github: ${handle}`),
            `${handle} looks like ada-quill (line ${first})`)]);
    });

    test("distinct handles are fine", () => {
        const { dir } = rosterCopy({ "people.yaml": append(personEntry("ada-quilt")) });
        expect(() => loadRoster(dir, "roster")).not.toThrow();
    });
});
