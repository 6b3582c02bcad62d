// Engine cases for what ships: both stacks exactly as they are in the checkout
// (live roster, no edits, today's date: agreement alone is asserted, no expected
// verdict, so a roster edit the check accepts keeps the suite green), and the
// charter-breaking fixture roster that the offline check's own tests use.

import type { EngineCase } from "../case";
import { BROKEN_ROSTER } from "./edit";

export const SHIPPED_CASES: EngineCase[] = [
    {
        name: "shipped-prod",
        why: "The prod stack exactly as it ships (live roster and config, today): whatever it holds, both tools must say the same.",
        stack: "prod",
    },
    {
        name: "shipped-staging",
        why: "The staging stack exactly as it ships: whatever it holds, both tools must say the same.",
        stack: "staging",
    },
    {
        name: "broken-roster-prod",
        why: "The fixture roster that breaks each roster rule once blocks prod with five mandatory policies and keeps the " +
            "waived prow advisory; asOf pins the day so that its prow waiver (expiring 2027-06-30) is judged live whenever the suite runs.",
        stack: "prod",
        roster: BROKEN_ROSTER,
        asOf: "2026-12-01",
        expect: {
            exit: 1,
            fires: [
                { policy: "subproject-staffing", level: "mandatory" },
                { policy: "maximal-representation", level: "mandatory" },
                { policy: "maximal-representation-waived", level: "advisory" },
                { policy: "owner-contact-details", level: "mandatory" },
                { policy: "owner-vetting", level: "mandatory" },
                { policy: "oncall-escalation", level: "mandatory" },
            ],
            onlyThese: true,
        },
    },
];
