// Docs generated from code (the README's policy table, docs/*.md, OWNERS files)
// must match what `npm run docs` would write now: this fails when a policy, the
// naming scheme or the roster changed and the docs were not regenerated.

import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policy-pack/policies";
import { generatedFiles, ROOT } from "../../tools/docs/generate";
import { loadRoster } from "../../model/roster/load";

const README = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");

test.each(Object.entries(generatedFiles(loadRoster(path.join(ROOT, "roster"), "roster"), README)))(
    "%s is up to date (run npm run docs)", (file, text) => {
        expect(fs.readFileSync(path.join(ROOT, file), "utf8")).toBe(text);
    });

test("the table lists every policy with its level", () => {
    for (const p of policies) {
        expect(README).toContain(`| \`${p.name}\` | ${p.enforcementLevel} |`);
    }
});

test("the README's setup commands are the ones package.json and CI provide", () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8"));
    expect(README).toContain("npm ci\nnpm run check\n");
    expect(README).toContain("npm test\n");
    expect(pkg.scripts.check).toBeDefined();
    expect(pkg.scripts.test).toBeDefined();
    expect(fs.readFileSync(path.resolve(__dirname, "../../.ci/run"), "utf8")).toMatch(/npm ci[^\n]*\nnpm test\n/);
});
