// A roster change that passes the check passes the tests too (issue 11): in a
// clone of this repository (with the working tree's changes), make an edit the
// check must accept whatever the roster holds (./edit.ts), follow what the check
// says (`npm run docs` when generated files went stale), and then the whole unit
// suite (`npx jest`, as `npm test` runs it) must pass there. A test that pinned the
// live roster's contents (a handle, a line, who holds a waiver) fails here.
// Slow (the whole suite runs once more, in the clone): `npm run test:roster-edit`.

import * as fs from "fs";
import * as path from "path";
import { NEWCOMER, addIndependentOwner } from "./edit";
import { checkJson, makeClone, removeClone, run } from "./clone";

/** The failing suites' reports in jest's output (each starts at a FAIL line), or its end when there is none. */
function failures(output: string): string {
    const at = output.split("\n").findIndex(l => l.startsWith("FAIL "));
    return (at < 0 ? output.slice(-6000) : output.split("\n").slice(at).join("\n")).slice(0, 12000);
}

let clone: string;
beforeAll(() => { clone = makeClone(); });
afterAll(() => removeClone(clone));
const check = () => checkJson(clone);

test("an owner added to every subproject: the check accepts it, says to run npm run docs, and then the suite passes", () => {
    const before = check();
    expect(before.code === 0 || before.code === 1).toBe(true);

    addIndependentOwner(path.join(clone, "roster"), new Date().toISOString().slice(0, 10));
    const edited = check();
    expect(edited.doc.errors).toEqual([]);
    expect(edited.doc.generated?.stale.map(s => s.file)).toEqual(expect.arrayContaining(["OWNERS_ALIASES", "docs/staffing.md"]));
    expect(edited.doc.generated?.command).toBe("npm run docs");

    expect(run("npm", ["run", "--silent", "docs"], clone).code).toBe(0);
    const regenerated = check();
    expect(regenerated.doc.generated?.stale).toEqual([]);
    expect(regenerated.code).toBe(before.code);
    expect(fs.readFileSync(path.join(clone, "OWNERS_ALIASES"), "utf8")).toContain(NEWCOMER);

    const suite = run("npx", ["jest", "--ci"], clone, 35 * 60_000);
    if (suite.code === null) throw new Error(`the unit suite in the clone did not finish within 35 minutes (${suite.signal ?? "no signal"})`);
    // jest prints each failure on stderr as it happens; the last lines are only the summary.
    if (suite.code !== 0) throw new Error(`the unit suite fails after a roster edit the check accepts:\n${failures(suite.err)}`);
});
