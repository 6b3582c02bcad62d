// One run of the loader lists every problem: schema problems (a field a record
// breaks) and cross-reference problems (an unknown handle) together, because the
// records that pass their schema are still cross-referenced (model/roster/salvage.ts);
// and a record the schema refused is not reported again where others name it.

import { lineOf, loadError, problem, replace, rosterCopy } from "../helpers/roster-copy";

test("a schema problem in people.yaml and an unknown owner in subprojects.yaml come out in one run, sorted", () => {
    const { dir, text } = rosterCopy({
        "people.yaml": replace("    timezone: Europe/Amsterdam\n", "    timezone: Europe/Amsterdm\n"),
        "subprojects.yaml": replace("owners: [dara-mensah, ivan-petrov, jo-mbeki]", "owners: [dara-mensah, ivan-petrov, jo-mbeky]"),
    });
    const err = loadError(dir);
    expect(err.problems).toEqual([
        problem("people.yaml", lineOf(text["people.yaml"], "Europe/Amsterdm"), "is not an IANA timezone", "people[bram-okafor].timezone"),
        problem("subprojects.yaml", lineOf(text["subprojects.yaml"], "jo-mbeky"), 'unknown person "jo-mbeky"', "subprojects[dns].owners[2]"),
    ]);
});

test("a person the schema refuses is reported once: not again as an unknown owner or voucher", () => {
    // bram-okafor owns artifacts and vouches for ada-quill; his timezone is broken.
    const { dir, text } = rosterCopy({ "people.yaml": replace("    timezone: Europe/Amsterdam\n", "    timezone: Mars/Olympus\n") });
    const err = loadError(dir);
    expect(err.problems).toEqual([problem("people.yaml", lineOf(text["people.yaml"], "Mars/Olympus"), "is not an IANA timezone")]);
});

test("an organization the schema refuses still counts as known for affiliations; a voucher who is nobody is reported beside it", () => {
    const { dir, text } = rosterCopy({
        "organizations.yaml": replace("  - name: Red Hat\n", "  - name: Red Hat\n    website: redhat.com\n"),
        "people.yaml": replace("vouchedBy: [bram-okafor, chen-liwei], date: 2026-01-26", "vouchedBy: [bram-okafor, chen-liwie], date: 2026-01-26"),
    });
    const err = loadError(dir);
    expect(err.problems).toEqual([
        problem("organizations.yaml", lineOf(text["organizations.yaml"], "website: redhat.com"), /website/),
        problem("people.yaml", lineOf(text["people.yaml"], "chen-liwie"), /unknown person "chen-liwie".*did you mean chen-liwei/is),
    ]);
});

test("a file whose shape is wrong is reported, and the other files are still cross-referenced", () => {
    const { dir, text } = rosterCopy({
        "working-group.yaml": replace("workingGroup:", "workingGroups:"),
        "subprojects.yaml": replace("owners: [dara-mensah, ivan-petrov, jo-mbeki]", "owners: [dara-mensah, ivan-petrov, jo-mbeky]"),
    });
    const files = loadError(dir).problems.map(p => p.file);
    expect(files).toContain("roster/working-group.yaml");
    expect(loadError(dir).problems).toContainEqual(problem("subprojects.yaml", lineOf(text["subprojects.yaml"], "jo-mbeky"), 'unknown person "jo-mbeky"'));
});
