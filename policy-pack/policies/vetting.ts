// Vetting, in the Product Security Committee's style: every owner was vouched for
// by at least two people who were already owners or WG leads, not by themselves,
// on a real date that is not in the future. "Already" is proven by dates: a
// voucher counts only if they stood before the day of the vouching, as a WG lead
// (leadsSince in working-group.yaml) or as an owner whose own vetting is dated
// strictly earlier. Newcomers who vouch for each other (a clique) cannot all pass:
// the earliest of them has no voucher who stood before them. And since every
// owner is judged, all passing means every chain of vouching runs back to the
// leads; one broken record is reported once, at that record.

import { StackValidationPolicy } from "@pulumi/policy";
import { MIN_VOUCHERS, RULE } from "@k8s-infra/model/rules";
import type { OwnerRecord } from "@k8s-infra/model/stack-model";
import { at, asArray, eachKnown, subprojects, workingGroup } from "../lib/resources";
import { CLOCK_CONFIG, isOnOrBefore, today } from "../lib/clock";
import { ISO_DATE } from "@k8s-infra/model/dates";


/**
 * Who may vouch: every owner and WG lead (lowercased handle), with the day from
 * which they stand, or null when no day is known (an owner with no vetting date).
 */
export type Standing = ReadonlyMap<string, string | null>;

/** What vetting needs of an owner record. */
export type Vetted = Pick<OwnerRecord, "github" | "vetting">;

/** What is wrong with an owner's vetting record, or [] when it is valid. */
export function vettingProblems(owner: Vetted, standing: Standing, day: string): string[] {
    const v = owner.vetting;
    if (!v) return ["has no vetting record"];
    const self = owner.github.toLowerCase();
    const vouchers = [...new Set(asArray<string>(v.vouchedBy).map(h => h.toLowerCase()))];
    const dated = typeof v.date === "string" && ISO_DATE.test(v.date);
    const problems: string[] = [];
    if (vouchers.includes(self)) problems.push("vouched for themselves");
    const others = vouchers.filter(h => h !== self);
    const ineligible = others.filter(h => !standing.has(h));
    if (ineligible.length > 0) problems.push(`was vouched for by ${ineligible.join(", ")}, who ${ineligible.length > 1 ? "are" : "is"} neither an owner nor a WG lead`);
    const stoodBefore = (h: string) => { const s = standing.get(h); return dated && typeof s === "string" && s < v.date; };
    const late = others.filter(h => standing.has(h) && !stoodBefore(h));
    if (dated && late.length > 0) {
        problems.push(`was vouched for by ${late.join(", ")}, who did not yet stand as an owner or WG lead before ${v.date} ` +
            "(a voucher's own vetting date, or their leadsSince date, must be earlier than the vouching)");
    }
    const valid = others.filter(stoodBefore);
    if (valid.length < MIN_VOUCHERS) problems.push(`has ${valid.length} eligible voucher(s); ${MIN_VOUCHERS} are needed`);
    if (!dated) problems.push("has no vetting date");
    else if (!isOnOrBefore(v.date, day)) problems.push(`has a vetting date in the future (${v.date})`);
    return problems;
}

/** The standing of every lead (from leadsSince) and owner (from their vetting date); the earlier when both. */
export function standingOf(owners: readonly Vetted[], leads: ReadonlyMap<string, string | null>): Map<string, string | null> {
    const standing = new Map<string, string | null>(leads);
    for (const o of owners) {
        const h = o.github.toLowerCase();
        const date = typeof o.vetting?.date === "string" && ISO_DATE.test(o.vetting.date) ? o.vetting.date : null;
        const current = standing.get(h) ?? null;
        standing.set(h, current === null || (date !== null && date < current) ? date ?? current : current);
    }
    return standing;
}

/** The WG leads with the day each took office (null when the record has none). */
function leadsOf(record: { leads?: unknown; leadsSince?: unknown } | undefined): Map<string, string | null> {
    const since = new Map<string, string>();
    const given = record?.leadsSince;
    if (given && typeof given === "object") {
        for (const [h, d] of Object.entries(given as Record<string, unknown>)) if (typeof d === "string" && ISO_DATE.test(d)) since.set(h.toLowerCase(), d);
    }
    return new Map(asArray<string>(record?.leads).map(h => [h.toLowerCase(), since.get(h.toLowerCase()) ?? null]));
}

export const ownerVetting: StackValidationPolicy = {
    name: RULE.vetting,
    // The description stays as recorded event logs quote it (tests/fixtures/event-logs); "existing" is proven by dates, see above.
    description: `Every owner was vetted: at least ${MIN_VOUCHERS} existing owners or WG leads, not themselves, vouched for them (charter: Product Security Committee model).`,
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: CLOCK_CONFIG,
    validateStack: (args, reportViolation) => {
        const subs = subprojects(args.resources);
        // Plain copies, read inside eachKnown: a subproject with unknown (preview) values is left out.
        const owners: Vetted[] = [];
        eachKnown(subs, ({ record }) => owners.push(...asArray<OwnerRecord>(record.owners).map(o => ({
            github: o.github,
            vetting: o.vetting ? { vouchedBy: [...asArray<string>(o.vetting.vouchedBy)], date: o.vetting.date } : null,
        }))));
        const day = today(args);
        const standing = standingOf(owners, leadsOf(workingGroup(args.resources)?.record));
        eachKnown(subs, ({ urn, record }) => {
            for (const owner of asArray<OwnerRecord>(record.owners)) {
                const problems = vettingProblems(owner, standing, day);
                if (problems.length > 0) {
                    reportViolation(`Owner ${owner.github} of ${record.name}${at(record)} ${problems.join("; ")}. ` +
                        `Record the vetting under vetting: in roster/people.yaml.`, urn);
                }
            }
        });
    },
};
