// How well the naming scheme fits the real estate, per kind of name: the share
// of the inventory's real names the rules accept (in a family, a listed legacy
// name, or a name Google or tests make), and the share of a stack's names that
// exist in the inventory. Figures for `npm run naming` and the README.

import type { Inventory } from "../../model/inventory/load";
import { NameKind, classifyRealName } from "../../model/naming";

export const KINDS: readonly NameKind[] = ["project", "bucket", "group", "serviceAccount", "secret"];

export type RealNames = Record<NameKind, string[]>;

/** The real names of each kind the inventory holds (a group or service account by its address). */
export function realNames(inv: Inventory): RealNames {
    const names: RealNames = { project: [], bucket: [], group: [], serviceAccount: [], secret: [] };
    for (const p of inv.projects.values()) {
        names.project.push(p.id);
        names.bucket.push(...Object.keys(p.buckets));
        names.serviceAccount.push(...Object.keys(p.serviceAccounts));
        names.secret.push(...Object.keys(p.secrets));
    }
    for (const g of inv.groups) names.group.push(...g.groups.map(x => x.email));
    return names;
}

export interface AcceptedShare {
    kind: NameKind;
    total: number;
    family: number;
    legacy: number;
    madeByGoogleOrTests: number;
    none: string[];
}

export function acceptedShares(names: RealNames): AcceptedShare[] {
    return KINDS.map(kind => {
        const share: AcceptedShare = { kind, total: names[kind].length, family: 0, legacy: 0, madeByGoogleOrTests: 0, none: [] };
        for (const n of names[kind]) {
            const c = classifyRealName(kind, n);
            if (c === "family") share.family++;
            else if (c === "legacy") share.legacy++;
            else if (c === "none") share.none.push(n);
            else share.madeByGoogleOrTests++;
        }
        return share;
    });
}

export interface ExistingShare {
    kind: NameKind;
    total: number;
    existing: number;
}

/** Of the stack's names of each kind, how many the inventory holds (a service account id matches <id>@<project>.iam...). */
export function existingShares(stackNames: Record<NameKind, string[]>, names: RealNames): ExistingShare[] {
    return KINDS.map(kind => {
        const real = new Set(kind === "serviceAccount" ? names.serviceAccount.map(e => e.split("@")[0]) : names[kind]);
        const unique = [...new Set(stackNames[kind])];
        return { kind, total: unique.length, existing: unique.filter(n => real.has(n)).length };
    });
}
