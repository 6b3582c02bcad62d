// The bench's in-process baseline (tools/bench/in-process.ts) runs the same policies as the
// pack on the same resources: on a stack whose roster breaks rules, it finds as many
// violations as the offline check's pack does, and none go missing when the roster is fine.

import * as path from "path";
import { capturedResources, evaluateInProcess } from "../../tools/bench/in-process";
import { checkStack } from "../../tools/check/check-stack";
import { ROOT } from "../helpers/cli";
import { WHOLE_STACK_MS } from "../helpers/timeouts";

const FIXTURES = path.join(ROOT, "tests/fixtures/engine-cases");

test.each(["representation-over", "baseline-roster"])("roster %s: as many violations in-process as the pack reports", async roster => {
    const dir = path.join(FIXTURES, roster);
    const pack = await checkStack({ projectDir: ROOT, stack: "staging", packDir: path.join(ROOT, "policy-pack"), roster: dir });
    const inProcess = await evaluateInProcess(await capturedResources(ROOT, "staging", dir));
    expect(inProcess.violations).toBe(pack.violations.length);
    if (roster === "representation-over") expect(inProcess.violations).toBeGreaterThan(0);
}, WHOLE_STACK_MS);
