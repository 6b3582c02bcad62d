// Engine cases that break one roster rule each: a fixture roster (a self-contained
// copy of roster/ with one change, tests/fixtures/engine-cases/<name>/) that makes
// exactly one policy fire, on the stack the rule applies to, plus the stack where
// the same roster must not fire it. The waiver cases (judged against a date) are in
// dates.ts.

import type { EngineCase } from "../case";
import { fixture } from "./edit";

export const ROSTER_POLICY_CASES: EngineCase[] = [
    {
        name: "subproject-staffing-no-owners",
        why: "A subproject that owns a deployed service (dns) with no owners left breaks subproject-staffing alone: " +
            "with 0 owners no organization exceeds 1/3, and nobody is left to lack contacts or vetting (2 owners would also break maximal-representation).",
        stack: "prod",
        roster: fixture("staffing-no-owners"),
        expect: { exit: 1, fires: [{ policy: "subproject-staffing", level: "mandatory" }], onlyThese: true },
    },
    {
        name: "maximal-representation-subsidiary",
        why: "Two of three secrets owners from IBM (one of them through its subsidiary Red Hat) break maximal-representation, with no waiver.",
        stack: "prod",
        roster: fixture("representation-over"),
        expect: { exit: 1, fires: [{ policy: "maximal-representation", level: "mandatory" }], onlyThese: true },
    },
    {
        name: "owner-contact-details-missing-phone",
        why: "An owner of two prod subprojects with no phone on file breaks owner-contact-details (mandatory in prod).",
        stack: "prod",
        roster: fixture("contacts-missing"),
        expect: { exit: 1, fires: [{ policy: "owner-contact-details", level: "mandatory" }], onlyThese: true },
    },
    {
        name: "owner-contact-details-staging-missing-phone",
        why: "The same roster on staging breaks only the advisory owner-contact-details-staging: the stack passes.",
        stack: "staging",
        roster: fixture("contacts-missing"),
        expect: { exit: 0, fires: [{ policy: "owner-contact-details-staging", level: "advisory" }], onlyThese: true },
    },
    {
        name: "owner-vetting-self-vouched",
        why: "An owner who vouched for herself (leaving one eligible voucher) breaks owner-vetting.",
        stack: "prod",
        roster: fixture("vetting-self"),
        expect: { exit: 1, fires: [{ policy: "owner-vetting", level: "mandatory" }], onlyThese: true },
    },
    {
        name: "owner-vetting-clique",
        why: "Three newcomers who vouched for each other on one day own website: none stood as an owner or WG lead before the vouching, " +
            "so none has an eligible voucher (owner-vetting judges standing by dates, not by who is an owner now).",
        stack: "prod",
        roster: fixture("vetting-clique"),
        expect: { exit: 1, fires: [{ policy: "owner-vetting", level: "mandatory" }], onlyThese: true },
    },
    {
        name: "oncall-escalation-missing",
        why: "A prod subproject with no on-call rotation and no escalation path breaks oncall-escalation.",
        stack: "prod",
        roster: fixture("oncall-missing"),
        expect: { exit: 1, fires: [{ policy: "oncall-escalation", level: "mandatory" }], onlyThese: true },
    },
    {
        name: "oncall-escalation-missing-staging",
        why: "On-call is required in prod only: the same roster on staging fires nothing.",
        stack: "staging",
        roster: fixture("oncall-missing"),
        expect: { exit: 0, fires: [], onlyThese: true },
    },
];
