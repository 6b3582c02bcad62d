// The engine-agreement corpus: every case that the suite (tests/engine/) runs
// through both `npm run check` and `npm run preview:local`, and the policies no
// roster or stack config can make fire (reported, not faked). The cases are kept
// by area in tests/engine/cases/; tests/engine/verify-cases-offline.ts checks each
// one against the offline check.

import type { EngineCase } from "./case";
import { SHIPPED_CASES } from "./cases/shipped";
import { ROSTER_POLICY_CASES } from "./cases/roster-policies";
import { CONFIG_POLICY_CASES } from "./cases/config-policies";
import { DATE_CASES } from "./cases/dates";
import { POLICY_CONFIG_CASES } from "./cases/policy-config";

export { NOT_REACHABLE } from "./cases/not-reachable";
export type { NotReachable } from "./cases/not-reachable";

export const CASES: EngineCase[] = [
    ...SHIPPED_CASES,
    ...ROSTER_POLICY_CASES,
    ...CONFIG_POLICY_CASES,
    ...DATE_CASES,
    ...POLICY_CONFIG_CASES,
];
