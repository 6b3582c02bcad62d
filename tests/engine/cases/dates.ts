// Engine cases judged against a date (--as-of): a bootstrapping waiver on its last
// day and on the day after, and a vetting date that is still in the future. The
// fixture rosters choose their own dates, so the cases hold whatever the live
// roster's waiver says and whenever the suite runs.

import type { EngineCase } from "../case";
import { fixture } from "./edit";

const WAIVER_ROSTER = fixture("representation-waiver"); // prow: Google 2 of 3, waiver expires 2027-03-31

export const DATE_CASES: EngineCase[] = [
    {
        name: "maximal-representation-waived-last-day",
        why: "On the waiver's expiry day (inclusive) the over-represented bootstrapping subproject is only the advisory maximal-representation-waived.",
        stack: "prod",
        roster: WAIVER_ROSTER,
        asOf: "2027-03-31",
        expect: { exit: 0, fires: [{ policy: "maximal-representation-waived", level: "advisory" }], onlyThese: true },
    },
    {
        name: "maximal-representation-waiver-expired",
        why: "The day after the waiver's expiry the same roster breaks maximal-representation (mandatory) and the advisory is gone.",
        stack: "prod",
        roster: WAIVER_ROSTER,
        asOf: "2027-04-01",
        expect: { exit: 1, fires: [{ policy: "maximal-representation", level: "mandatory" }], onlyThese: true },
    },
    {
        name: "owner-vetting-future-date",
        why: "A vetting dated after the asOf day breaks owner-vetting: asOf reaches the vetting policy, not only the waiver's.",
        stack: "prod",
        roster: fixture("vetting-dated"), // nia-walker vetted 2027-02-01
        asOf: "2027-01-31",
        expect: { exit: 1, fires: [{ policy: "owner-vetting", level: "mandatory" }], onlyThese: true },
    },
];
