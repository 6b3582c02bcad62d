// The YAML parse cache (model/yaml-cache.ts): a text read a second time gives the same
// value and the same line numbers as a fresh parse, a text with a problem or a value
// JSON would change is never kept, a broken cache entry is ignored, and
// K8S_INFRA_YAML_CACHE=off parses every time.

import * as fs from "fs";
import * as path from "path";
import { YamlFile, yamlFileCacheKey } from "../../model/yaml-file";
import { cachedValue, jsonExact, rememberValue, yamlCacheKey } from "../../model/yaml-cache";

const CACHE = path.join(__dirname, "..", "..", ".cache", "yaml");
/** A text no other test parses, so that the first parse here is a miss. */
const unique = (body: string) => `# ${process.pid}-${Date.now()}-${Math.random()}\n${body}`;
const entryFor = (text: string) => path.join(CACHE, `${yamlFileCacheKey(text)}.json`);

afterEach(() => { delete process.env.K8S_INFRA_YAML_CACHE; });

test("a clean text is kept, and read back with the same value and lines", () => {
    const text = unique("people:\n  - github: ada\n    name: Ada\n  - github: bo\n    name: Bo\n");
    const first = YamlFile.parse(text, "people.yaml");
    expect(fs.existsSync(entryFor(text))).toBe(true);
    const second = YamlFile.parse(text, "people.yaml");
    expect(second.toJS()).toEqual(first.toJS());
    expect(second.toJS()).not.toBe(first.toJS());
    expect(second.lineOf(["people", 1, "name"])).toBe(6);
    expect(second.keyedPath(["people", 1, "name"])).toBe(first.keyedPath(["people", 1, "name"]));
    expect(second.problem(["people", 0], "m")).toEqual({ file: "people.yaml", line: 3, at: "people[ada]", message: "m" });
    // The second read took its value from the entry, not from the parser.
    fs.writeFileSync(entryFor(text), JSON.stringify({ from: "cache" }));
    expect(YamlFile.parse(text, "people.yaml").toJS()).toEqual({ from: "cache" });
});

test("a text with a problem, or a value JSON would change, is not kept", () => {
    const broken = unique("a: [1, 2\n");
    expect(YamlFile.parse(broken, "b.yaml").ok).toBe(false);
    expect(fs.existsSync(entryFor(broken))).toBe(false);
    expect(YamlFile.parse(broken, "b.yaml").problems[0]).toMatchObject({ file: "b.yaml", message: expect.stringMatching(/^YAML syntax/) });

    const infinite = unique("limit: .inf\nzero: -0\n");
    const file = YamlFile.parse(infinite, "i.yaml");
    expect(file.toJS()).toEqual({ limit: Infinity, zero: -0 });
    expect(fs.existsSync(entryFor(infinite))).toBe(false);
    expect(jsonExact({ a: [1, "x", null, true, { b: 2 }] })).toBe(true);
    expect(jsonExact({ a: Infinity })).toBe(false);
    expect(jsonExact({ a: -0 })).toBe(false);
    expect(jsonExact(new Map())).toBe(false);
    expect(jsonExact(undefined)).toBe(false);
});

test("a torn cache entry is ignored and the text parsed again", () => {
    const text = unique("a: 1\n");
    const key = yamlCacheKey(text, "opts");
    rememberValue(key, { a: 1 });
    expect(cachedValue(key)).toEqual({ value: { a: 1 } });
    fs.writeFileSync(path.join(CACHE, `${key}.json`), "{\"a\":");
    expect(cachedValue(key)).toBeUndefined();
});

test("K8S_INFRA_YAML_CACHE=off neither reads nor writes the cache", () => {
    const text = unique("a: 1\n");
    process.env.K8S_INFRA_YAML_CACHE = "off";
    expect(YamlFile.parse(text, "a.yaml").toJS()).toEqual({ a: 1 });
    expect(fs.existsSync(entryFor(text))).toBe(false);
    delete process.env.K8S_INFRA_YAML_CACHE;
    YamlFile.parse(text, "a.yaml");
    expect(fs.existsSync(entryFor(text))).toBe(true);
    process.env.K8S_INFRA_YAML_CACHE = "off";
    fs.writeFileSync(entryFor(text), JSON.stringify({ a: 2 }));
    expect(YamlFile.parse(text, "a.yaml").toJS()).toEqual({ a: 1 });
});
