// Checks the engine-agreement corpus against the offline check alone: each case is
// run with `npm run check` (its scratch project copy, --format json), and its exit
// code and violated policies are compared with what the case claims. It exists so
// the corpus can be trusted before the slow real-preview suite compares the two
// tools: a case that does not show what it claims offline is a broken case, not a
// disagreement. One check at a time (the check itself uses both cores).
//
//   node -r ./tools/ts-cache/register.js tests/engine/verify-cases-offline.ts [NAME...]

import type { EngineCase } from "./case";
import { CASES, NOT_REACHABLE } from "./cases";
import { describeExpect, mismatches, runTool } from "./run-tools";
import { RULE } from "../../model/rules";

/** Every policy either has a case that breaks just it (onlyThese, fires only it) or is in NOT_REACHABLE, never both. */
export function coverageProblems(): string[] {
    const problems: string[] = [];
    for (const policy of Object.values(RULE)) {
        const cases = CASES.filter(c => c.expect?.onlyThese && c.expect.fires?.length === 1 && c.expect.fires[0].policy === policy);
        const unreachable = NOT_REACHABLE.some(n => n.policy === policy);
        if (cases.length === 0 && !unreachable) problems.push(`${policy}: no case breaks just it, and it is not in NOT_REACHABLE`);
        if (cases.length > 0 && unreachable) problems.push(`${policy}: in NOT_REACHABLE, but ${cases.map(c => c.name).join(", ")} fire(s) it`);
    }
    const names = CASES.map(c => c.name);
    for (const dup of names.filter((n, i) => names.indexOf(n) !== i)) problems.push(`case name ${dup} is used twice`);
    for (const n of names.filter(n => !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(n))) problems.push(`case name ${n} is not kebab-case`);
    return problems;
}

function main(names: string[]): number {
    const unknown = names.filter(n => !CASES.some(c => c.name === n));
    if (unknown.length > 0) {
        process.stderr.write(`no such case: ${unknown.join(", ")}\n`);
        return 2;
    }
    const cases = names.length > 0 ? CASES.filter(c => names.includes(c.name)) : CASES;
    let failed = 0;
    for (const c of cases) {
        const expect: EngineCase["expect"] = c.byDesign?.offline ?? c.expect;
        const got = runTool("check", c);
        const wrong = expect ? mismatches(expect, got) : [];
        if (wrong.length > 0) failed++;
        const seconds = got.seconds.toFixed(1);
        process.stdout.write(`${wrong.length > 0 ? "FAIL" : "ok  "} ${c.name} (${c.stack}, ${seconds}s)\n` +
            `     expected: ${describeExpect(expect)}\n` +
            `     got:      exit ${got.exit}; ${got.violated.join(", ") || "none"}${got.errors ? `; ${got.errors} input problem(s)` : ""}\n` +
            (wrong.length > 0 ? `     wrong:    ${wrong.join("; ")}\n${got.stderr ? `     stderr:   ${got.stderr.trim().split("\n").slice(-3).join(" | ")}\n` : ""}` : ""));
    }
    process.stdout.write(`\n${cases.length - failed} of ${cases.length} cases match their expectation offline\n`);
    const coverage = coverageProblems();
    const reached = Object.values(RULE).length - NOT_REACHABLE.length;
    process.stdout.write(coverage.length > 0 ? `corpus: ${coverage.join("; ")}\n`
        : `corpus: ${reached} policies each broken alone by a case, ${NOT_REACHABLE.length} not reachable (${NOT_REACHABLE.map(n => n.policy).join(", ")})\n`);
    return failed > 0 || coverage.length > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
