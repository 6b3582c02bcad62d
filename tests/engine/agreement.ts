// The engine-agreement suite's one test body: for a case, run `npm run check` and
// `npm run preview:local` on the same input and assert the same verdict (exit code)
// and the same set of (stack, policy, level, URN) violations; then that each side
// shows what the case claims, so that two tools agreeing on nothing never passes.
// Cases that differ by design are checked each against its own expectation.
// The corpus is split over two test files (agreement-*.test.ts) so jest can use both cores.

import type { EngineCase } from "./case";
import { CASES } from "./cases";
import { describeExpect, mismatches, runTool } from "./run-tools";

export function agreementTests(part: number, parts: number): void {
    const mine = CASES.filter((_, i) => i % parts === part);
    test.each(mine.map(c => [c.name, c] as const))("agreement: %s", (_name, c: EngineCase) => {
        const offline = runTool("check", c);
        const real = runTool("preview-local", c);
        const detail = `${c.name}: ${c.why}\nexpected ${describeExpect(c.expect)}\n` +
            `offline (exit ${offline.exit}, ${offline.seconds.toFixed(0)} s): ${offline.violated.join(", ") || "none"}\n` +
            `real    (exit ${real.exit}, ${real.seconds.toFixed(0)} s): ${real.violated.join(", ") || "none"}\n` +
            `real stderr: ${real.stderr.trim().split("\n").slice(-6).join("\n")}`;
        if (c.byDesign) {
            expect({ case: detail, offline: mismatches(c.byDesign.offline, offline), real: mismatches(c.byDesign.real, real) })
                .toEqual({ case: detail, offline: [], real: [] });
            return;
        }
        expect({ case: detail, exit: real.exit, violations: real.violations }).toEqual({ case: detail, exit: offline.exit, violations: offline.violations });
        if (c.expect) expect({ case: detail, wrong: mismatches(c.expect, offline) }).toEqual({ case: detail, wrong: [] });
    });
}
