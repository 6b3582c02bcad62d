// The README's policy table is generated from the policy objects; this fails when
// a policy's name, level or description changed and `npm run docs` was not run.

import * as fs from "fs";
import * as path from "path";
import { withPolicyTable } from "../../tools/docs/policy-table";
import { policies } from "../../policy-pack/policies";

const README = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");

test("the README's policy table is up to date (run npm run docs)", () => {
    expect(withPolicyTable(README)).toBe(README);
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
