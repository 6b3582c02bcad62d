// The charter's staffing arithmetic, shared by the policy pack and the reports:
// distinct owners, and how many of them each organization holds. Maximal
// representation is compared in integers (3 x count <= owners), never in floats.

import { MAX_SHARE_DENOMINATOR, MAX_SHARE_NUMERATOR, MIN_OWNERS } from "./rules";

export interface OwnerAffiliation {
    github: string;
    /** Canonical top-level organization; null for an independent owner, who counts alone. */
    organization: string | null;
}

export interface OrganizationShare {
    organization: string;
    count: number;
    owners: string[];
}

export interface Representation {
    /** Distinct owners (GitHub handles are case-insensitive). */
    total: number;
    shares: OrganizationShare[];
    /** Organizations over the maximum share, largest first. */
    over: OrganizationShare[];
}

export function distinctOwners<T extends { github: string }>(owners: readonly T[]): T[] {
    const seen = new Set<string>();
    return owners.filter(o => {
        const key = o.github.toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

export function isStaffed(owners: readonly { github: string }[]): boolean {
    return distinctOwners(owners).length >= MIN_OWNERS;
}

/** True when `count` of `total` owners is within the maximum share. */
export function withinShare(count: number, total: number): boolean {
    return MAX_SHARE_DENOMINATOR * count <= MAX_SHARE_NUMERATOR * total;
}

export function representation(owners: readonly OwnerAffiliation[]): Representation {
    const distinct = distinctOwners(owners);
    const byOrg = new Map<string, OrganizationShare>();
    for (const owner of distinct) {
        // An independent owner is an organization of one.
        const key = owner.organization ?? `independent:${owner.github.toLowerCase()}`;
        const label = owner.organization ?? `independent (${owner.github})`;
        const share = byOrg.get(key) ?? { organization: label, count: 0, owners: [] };
        share.count += 1;
        share.owners.push(owner.github);
        byOrg.set(key, share);
    }
    const shares = [...byOrg.values()].sort((a, b) => b.count - a.count || a.organization.localeCompare(b.organization));
    return {
        total: distinct.length,
        shares,
        over: shares.filter(s => !withinShare(s.count, distinct.length)),
    };
}

/**
 * The fewest owners to add from other organizations, or to rotate out of `share`'s
 * organization in favour of owners from elsewhere (so the subproject keeps its
 * size), that bring it within the maximum share of `total` owners:
 * add k with DEN x count <= NUM x (total + k); rotate r with DEN x (count - r) <= NUM x total.
 */
export function toRebalance(share: { count: number }, total: number): { add: number; rotateOut: number } {
    const excess = MAX_SHARE_DENOMINATOR * share.count - MAX_SHARE_NUMERATOR * total;
    if (excess <= 0) return { add: 0, rotateOut: 0 };
    return { add: Math.ceil(excess / MAX_SHARE_NUMERATOR), rotateOut: Math.ceil(excess / MAX_SHARE_DENOMINATOR) };
}
