// Vetting, in the Product Security Committee's style: every owner was vouched for
// by at least two people who were already owners or WG leads, not by themselves,
// on a real date that is not in the future.

import { StackValidationPolicy } from "@pulumi/policy";
import { MIN_VOUCHERS, RULE } from "../../model/rules";
import type { OwnerRecord } from "../../model/stack-model";
import { at, asArray, eachKnown, subprojects, workingGroup } from "../lib/resources";
import { CLOCK_CONFIG, isOnOrBefore, today } from "../lib/clock";

/** What is wrong with an owner's vetting record, or [] when it is valid. */
export function vettingProblems(owner: OwnerRecord, eligible: ReadonlySet<string>, day: string): string[] {
    const v = owner.vetting;
    if (!v) return ["has no vetting record"];
    const self = owner.github.toLowerCase();
    const vouchers = [...new Set(asArray<string>(v.vouchedBy).map(h => h.toLowerCase()))];
    const problems: string[] = [];
    if (vouchers.includes(self)) problems.push("vouched for themselves");
    const others = vouchers.filter(h => h !== self);
    const ineligible = others.filter(h => !eligible.has(h));
    if (ineligible.length > 0) problems.push(`was vouched for by ${ineligible.join(", ")}, who ${ineligible.length > 1 ? "are" : "is"} neither an owner nor a WG lead`);
    const valid = others.filter(h => eligible.has(h));
    if (valid.length < MIN_VOUCHERS) problems.push(`has ${valid.length} eligible voucher(s); ${MIN_VOUCHERS} are needed`);
    if (typeof v.date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v.date)) problems.push("has no vetting date");
    else if (!isOnOrBefore(v.date, day)) problems.push(`has a vetting date in the future (${v.date})`);
    return problems;
}

export const ownerVetting: StackValidationPolicy = {
    name: RULE.vetting,
    description: `Every owner was vetted: at least ${MIN_VOUCHERS} existing owners or WG leads, not themselves, vouched for them (charter: Product Security Committee model).`,
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: CLOCK_CONFIG,
    validateStack: (args, reportViolation) => {
        const subs = subprojects(args.resources);
        const eligible = new Set<string>();
        eachKnown(subs, ({ record }) => asArray<OwnerRecord>(record.owners).forEach(o => eligible.add(o.github.toLowerCase())));
        asArray<string>(workingGroup(args.resources)?.record.leads).forEach(h => eligible.add(h.toLowerCase()));
        const day = today(args);
        eachKnown(subs, ({ urn, record }) => {
            for (const owner of asArray<OwnerRecord>(record.owners)) {
                const problems = vettingProblems(owner, eligible, day);
                if (problems.length > 0) {
                    reportViolation(`Owner ${owner.github} of ${record.name}${at(record)} ${problems.join("; ")}. ` +
                        `Record the vetting under vetting: in roster/people.yaml.`, urn);
                }
            }
        });
    },
};
