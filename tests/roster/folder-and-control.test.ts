// The roster folder holds only roster files (and README.md, hidden files), and
// no roster text carries terminal control characters: both refused at load with
// the file (and line), never printing the character. Copies of the sample roster.

import * as fs from "fs";
import * as path from "path";
import { loadRoster } from "../../model/roster/load";
import { closest } from "../../model/did-you-mean";
import { FILES } from "../../model/roster/schema";
import { lineOf, loadError, problem, replace, rosterCopy, subprojectEntry } from "../helpers/roster-copy";

describe("files the loader would not read are refused", () => {
    test("a typo'd subprojects.yml holding an under-staffed subproject names the file it probably meant", () => {
        const { dir } = rosterCopy({});
        fs.writeFileSync(path.join(dir, "subprojects.yml"), "subprojects:\n" + subprojectEntry("lonely", ["ada-quill"]));
        expect(loadError(dir).problems).toEqual([{
            file: "roster/subprojects.yml",
            message: expect.stringMatching(/^is not a roster file: the loader reads only organizations\.yaml, .* so this file would be ignored\. Did you mean subprojects\.yaml\?/),
        }]);
    });

    test("any other file or folder is refused; README.md and hidden files are not", () => {
        const { dir } = rosterCopy({});
        fs.writeFileSync(path.join(dir, "notes.txt"), "hello");
        fs.mkdirSync(path.join(dir, "old"));
        fs.writeFileSync(path.join(dir, ".people.yaml.swp"), "");
        expect(loadError(dir).problems).toEqual([
            expect.objectContaining({ file: "roster/notes.txt", message: expect.stringContaining("Move its content into a roster file, or remove it.") }),
            expect.objectContaining({ file: "roster/old", message: expect.stringContaining("so this folder would be ignored") }),
        ]);
        fs.rmSync(path.join(dir, "notes.txt"));
        fs.rmSync(path.join(dir, "old"), { recursive: true });
        expect(fs.existsSync(path.join(dir, "README.md"))).toBe(true);
        expect(() => loadRoster(dir, "roster")).not.toThrow();
    });

    test.each([["people.yml", "people.yaml"], ["Subprojects.yaml", "subprojects.yaml"], ["organisations.yaml", "organizations.yaml"],
        ["working_group.yaml", "working-group.yaml"], ["contacts.yaml", undefined], ["budget.yaml", undefined]])("%s -> %s", (name, meant) => {
        expect(closest(name, Object.keys(FILES))).toBe(meant);
    });
});

describe("control characters are refused, named and never printed", () => {
    test.each([
        ["an ESC sequence in a name", "people.yaml", "name: Dara Mensah", 'name: "Dara \\e[2J Mensah"', "people[dara-mensah].name", "U+001B (ESC)"],
        ["a right-to-left override in a plan", "subprojects.yaml", "        plan: Two owners", '        plan: "Two \\u202E owners', "subprojects[prow].waivers[0].plan", "U+202E (RIGHT-TO-LEFT OVERRIDE)"],
        ["a carriage return in a reason", "subprojects.yaml", "        reason: Prow moves", '        reason: "Prow\\r moves', "subprojects[prow].waivers[0].reason", "U+000D (CR)"],
        ["a C1 control in a description", "subprojects.yaml", "description: kubernetes.io website and blogs.", 'description: "web\\x9b site"', "subprojects[website].description", "U+009B (CSI)"],
        ["an isolate in an organization name", "organizations.yaml", "- name: Apple", '- name: "Ap\\u2066ple"', "organizations[8].name", "U+2066 (LEFT-TO-RIGHT ISOLATE)"],
    ] as const)("%s", (_, file, from, to, at, named) => {
        const { dir, text } = rosterCopy({ [file]: (t: string) => replace(from, to)(t).replace(/(plan|reason): "(.*)$/m, '$1: "$2"') });
        const err = loadError(dir);
        expect(err.problems).toEqual([problem(file, lineOf(text[file], to.trim().split(":")[0] + ": \""), `contains ${named}: control characters`, at)]);
        expect(err.message).not.toMatch(/[\u001b\u202e\r\u009b\u2066]/);
    });

    test("a key with a control character is reported at its parent, without printing the key", () => {
        const { dir, text } = rosterCopy({ "contacts-on-file.yaml": replace("  ada-quill: {", '  "ada\\e[31m-quill": {') });
        const err = loadError(dir);
        expect(err.problems).toEqual([problem("contacts-on-file.yaml", lineOf(text["contacts-on-file.yaml"], "ada\\e"), "a key here contains U+001B (ESC)", "contactsOnFile")]);
        expect(err.message).not.toContain("\u001b");
    });

    test("tabs and newlines in multi-line text are fine", () => {
        const { dir } = rosterCopy({ "subprojects.yaml": replace("description: kubernetes.io website and blogs.", 'description: "kubernetes.io\\twebsite\\nand blogs."') });
        expect(() => loadRoster(dir, "roster")).not.toThrow();
    });
});
