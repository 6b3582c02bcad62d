// Engine cases for --policy-pack-config: levels moved down (a mandatory policy made
// advisory or disabled, "all": advisory) and up (an advisory made mandatory), and
// files the engine refuses before any policy runs (a setting of the wrong type or
// pattern, an unknown enforcement level, settings for a policy the pack does not
// have with no level, a file that is not JSON): exit 2 from both tools.

import type { EngineCase } from "../case";
import { BASELINE_ROSTER, BROKEN_ROSTER, fixture } from "./edit";

const LEVEL_CASES: EngineCase[] = [
    {
        name: "config-oncall-made-advisory",
        why: "A mandatory policy made advisory by name still fires, at the new level, and no longer blocks.",
        stack: "prod",
        roster: fixture("oncall-missing"),
        policyPackConfig: { "oncall-escalation": "advisory" },
        expect: { exit: 0, fires: [{ policy: "oncall-escalation", level: "advisory" }], onlyThese: true },
    },
    {
        name: "config-vetting-disabled",
        why: "A policy disabled through its settings object ({enforcementLevel: disabled}) does not run at all: nothing fires.",
        stack: "prod",
        roster: fixture("vetting-self"),
        policyPackConfig: { "owner-vetting": { enforcementLevel: "disabled" } },
        expect: { exit: 0, fires: [], onlyThese: true },
    },
    {
        name: "config-all-advisory",
        why: '"all": "advisory" turns every violation of the broken roster into an advisory: the same six policies fire and nothing blocks.',
        stack: "prod",
        roster: BROKEN_ROSTER,
        asOf: "2026-12-01",
        policyPackConfig: { all: "advisory" },
        expect: {
            exit: 0,
            fires: [
                { policy: "subproject-staffing", level: "advisory" },
                { policy: "maximal-representation", level: "advisory" },
                { policy: "maximal-representation-waived", level: "advisory" },
                { policy: "owner-contact-details", level: "advisory" },
                { policy: "owner-vetting", level: "advisory" },
                { policy: "oncall-escalation", level: "advisory" },
            ],
            onlyThese: true,
        },
    },
    {
        name: "config-waived-made-mandatory",
        why: "The waived advisory made mandatory blocks a stack that passes by default (the waiver is live on the asOf day).",
        stack: "prod",
        roster: fixture("representation-waiver"),
        asOf: "2027-03-31",
        policyPackConfig: { "maximal-representation-waived": "mandatory" },
        expect: { exit: 1, fires: [{ policy: "maximal-representation-waived", level: "mandatory" }], onlyThese: true },
    },
];

const INVALID_CASES: EngineCase[] = [
    {
        name: "config-invalid-asof-type",
        why: "asOf must be a string (the policies' configSchema); a number is refused when the config is validated.",
        stack: "prod",
        roster: BASELINE_ROSTER,
        policyPackConfig: { "maximal-representation": { asOf: 20270101 } },
        expect: { exit: 2 },
    },
    {
        name: "config-invalid-asof-pattern",
        why: "asOf must match YYYY-MM-DD (the configSchema's pattern); a date in words is refused.",
        stack: "prod",
        roster: BASELINE_ROSTER,
        policyPackConfig: { "owner-vetting": { asOf: "1 July 2027" } },
        expect: { exit: 2 },
    },
    {
        name: "config-invalid-level",
        why: "An enforcement level that does not exist (warn) is refused when the file is read.",
        stack: "prod",
        roster: BASELINE_ROSTER,
        policyPackConfig: { "oncall-escalation": "warn" },
        expect: { exit: 2 },
    },
    {
        name: "config-invalid-unknown-policy-settings",
        why: "Settings for a policy the pack does not have, with no level, reach the pack with an empty level, which the engine refuses.",
        stack: "prod",
        roster: BASELINE_ROSTER,
        policyPackConfig: { "owner-vettin": { asOf: "2027-01-01" } },
        expect: { exit: 2 },
    },
    {
        name: "config-invalid-json",
        why: "A policy-pack-config file that is not JSON is refused before anything runs.",
        stack: "prod",
        roster: BASELINE_ROSTER,
        policyPackConfig: '{ "all": "advisory", }\n',
        expect: { exit: 2 },
    },
];

export const POLICY_CONFIG_CASES: EngineCase[] = [...LEVEL_CASES, ...INVALID_CASES];
