// A text is parsed for its lines once per process: every YamlFile of it (the program's
// roster, the docs check's, the report's stack file) shares that tree, and a changed
// text is parsed anew.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "yaml";
import { YamlFile } from "../../model/yaml-file";

// Counts parses: the yaml package's exports cannot be spied on in place.
jest.mock("yaml", () => {
    const actual = jest.requireActual("yaml");
    return { ...actual, parseDocument: jest.fn(actual.parseDocument) };
});

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "yaml-trees-")); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("two readers of one text: one parse, the same lines; an edit parses again", () => {
    const file = path.join(dir, "people.yaml");
    const text = `# ${Date.now()} ${Math.random()}\npeople:\n  - github: ada-quill\n    name: Ada\n`;
    fs.writeFileSync(file, text);
    const parse = yaml.parseDocument as jest.Mock;
    parse.mockClear();
    const first = YamlFile.read(file, "roster/people.yaml");
    const second = YamlFile.read(file, "other/people.yaml");
    expect([first.lineOf(["people", 0, "name"]), second.lineOf(["people", 0, "name"])]).toEqual([4, 4]);
    expect(second.problem(["people", 0, "name"], "x")).toMatchObject({ file: "other/people.yaml", line: 4 });
    expect(parse).toHaveBeenCalledTimes(1);
    fs.writeFileSync(file, text.replace("people:\n", "people:\n\n"));
    expect(YamlFile.read(file, "roster/people.yaml").lineOf(["people", 0, "name"])).toBe(5);
    expect(parse).toHaveBeenCalledTimes(2);
});
