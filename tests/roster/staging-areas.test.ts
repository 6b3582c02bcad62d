// roster/staging-areas.yaml as the loader reads it: areas with their SIG and owners,
// located at their lines; the file may be left out (no areas); every mistake in it is
// reported with file, line and what to write instead, together with the other files'.
// Edits of temp copies of the frozen sample roster, never of roster/.

import * as fs from "fs";
import * as path from "path";
import { loadRoster } from "../../model/roster/load";
import { append, lineOf, loadError, problem, replace, rosterCopy } from "../helpers/roster-copy";

const AREA = (name: string, owners: string, sig = "testing") => `  - name: ${name}\n    sig: ${sig}\n    owners: [${owners}]\n`;
/** The staging-areas.yaml these tests start from: two areas. */
const BASE = "stagingAreas:\n" + AREA("kind", "chen-liwei, dara-mensah, eli-novak") + AREA("cluster-api", "fatima-rahman, gus-lindqvist, ivan-petrov", "cluster-lifecycle");
/** A copy of the sample roster whose staging-areas.yaml is BASE changed by `edit`, other files changed by `others`. */
const withAreas = (edit: (text: string) => string = t => t, others: Parameters<typeof rosterCopy>[0] = {}) =>
    rosterCopy({ ...others, "staging-areas.yaml": () => edit(BASE) });

describe("a good staging-areas.yaml", () => {
    test("loads every area with its SIG and owners, each located at its entry", () => {
        const { dir, text } = withAreas(append(AREA("lws", "hana-sato, ivan-petrov, jo-mbeki", "apps")));
        const roster = loadRoster(dir, "roster");
        expect(roster.stagingAreas.map(a => [a.name, a.sig, a.owners])).toEqual([
            ["kind", "testing", ["chen-liwei", "dara-mensah", "eli-novak"]],
            ["cluster-api", "cluster-lifecycle", ["fatima-rahman", "gus-lindqvist", "ivan-petrov"]],
            ["lws", "apps", ["hana-sato", "ivan-petrov", "jo-mbeki"]],
        ]);
        for (const name of ["kind", "cluster-api", "lws"]) {
            expect(roster.locate("staging-area", name)).toEqual({ file: "roster/staging-areas.yaml", line: lineOf(text["staging-areas.yaml"], `- name: ${name}`) });
        }
    });

    test("may be left out: the roster then has no staging areas", () => {
        const { dir } = rosterCopy({});
        fs.rmSync(path.join(dir, "staging-areas.yaml"));
        expect(loadRoster(dir, "roster").stagingAreas).toEqual([]);
    });

    test("an empty list is no areas", () => {
        const { dir } = rosterCopy({ "staging-areas.yaml": () => "stagingAreas: []\n" });
        expect(loadRoster(dir, "roster").stagingAreas).toEqual([]);
    });
});

describe("each mistake names the file, the line and what to fix", () => {
    test("an owner nobody has: the nearest handle is suggested", () => {
        const { dir, text } = withAreas(replace("owners: [chen-liwei, dara-mensah, eli-novak]", "owners: [chen-liwei, dara-mensah, eli-novac]"));
        expect(loadError(dir).problems).toEqual([problem("staging-areas.yaml", lineOf(text["staging-areas.yaml"], "eli-novac"),
            'unknown person "eli-novac"; add them to people.yaml first. Did you mean eli-novak?', "stagingAreas[kind].owners[2]")]);
    });

    test("an owner listed twice (handles are case-insensitive)", () => {
        const { dir, text } = withAreas(replace("owners: [chen-liwei, dara-mensah, eli-novak]", "owners: [chen-liwei, dara-mensah, Chen-Liwei]"));
        expect(loadError(dir).problems).toEqual([problem("staging-areas.yaml", lineOf(text["staging-areas.yaml"], "Chen-Liwei"),
            "Chen-Liwei is listed twice as an owner of staging area kind", "stagingAreas[kind].owners[2]")]);
    });

    test("an area defined twice names the first one's line", () => {
        const { dir, text } = withAreas(append(AREA("kind", "hana-sato, ivan-petrov, jo-mbeki")));
        const lines = text["staging-areas.yaml"].split("\n");
        const [first, second] = lines.map((l, i) => [l, i + 1] as const).filter(([l]) => l === "  - name: kind").map(([, n]) => n);
        expect(loadError(dir).problems).toEqual([problem("staging-areas.yaml", second,
            `staging area kind is defined twice (first at line ${first}); merge the entries`)]);
    });

    test("a name longer than k8s.io's writers groups allow, and one with the staging word", () => {
        const long = "cluster-api-provider-x";
        const { dir, text } = withAreas(t => append(AREA(long, "hana-sato, ivan-petrov, jo-mbeki"))(t.replace("name: kind", "name: kind-stg")));
        expect(loadError(dir).problems).toEqual([
            problem("staging-areas.yaml", lineOf(text["staging-areas.yaml"], "kind-stg"), 'contains the word "stg", which is reserved for staging names'),
            problem("staging-areas.yaml", lineOf(text["staging-areas.yaml"], long), `"${long}" is ${long.length} characters; a staging area name takes at most 18`),
        ]);
    });

    test("a misspelt field: did you mean", () => {
        const { dir, text } = withAreas(replace("    owners: [fatima-rahman", "    owner: [fatima-rahman"));
        expect(loadError(dir).problems).toEqual(expect.arrayContaining([problem("staging-areas.yaml", lineOf(text["staging-areas.yaml"], "owner: [fatima"),
            'unknown field "owner"; check the spelling against roster/README.md. Did you mean owners?')]));
    });

    test("a refused entry does not hide the cross-reference problems of the others, nor of other files", () => {
        const { dir, text } = withAreas(t => t.replace("sig: testing", "sig: Testing").replace("gus-lindqvist", "gus-lindkvist"),
            { "subprojects.yaml": replace("owners: [dara-mensah, ivan-petrov, jo-mbeki]", "owners: [dara-mensah, ivan-petrov, jo-mbeky]") });
        expect(loadError(dir).problems).toEqual([
            problem("staging-areas.yaml", lineOf(text["staging-areas.yaml"], "sig: Testing"), "is not a SIG name like release or cluster-lifecycle"),
            problem("staging-areas.yaml", lineOf(text["staging-areas.yaml"], "gus-lindkvist"), 'unknown person "gus-lindkvist"'),
            problem("subprojects.yaml", lineOf(text["subprojects.yaml"], "jo-mbeky"), 'unknown person "jo-mbeky"'),
        ]);
    });

    test("a misspelt file name is refused with the file it meant", () => {
        const { dir } = rosterCopy({});
        fs.renameSync(path.join(dir, "staging-areas.yaml"), path.join(dir, "staging-area.yaml"));
        expect(loadError(dir).problems).toEqual([{ file: "roster/staging-area.yaml", message: expect.stringContaining("Did you mean staging-areas.yaml?") }]);
    });
});
