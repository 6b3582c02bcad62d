// Which organization a person counts for: aliases fold into the canonical name
// ("Google LLC", "google.com" -> Google) and a subsidiary counts with its parent,
// as the Steering Committee's representation rule does. Names are matched by
// their look-alike fold (fold.ts), so "Міcrosoft" with a Cyrillic і counts for
// Microsoft.

import { INDEPENDENT, Organization } from "./schema";
import { foldKey } from "./fold";

export class Organizations {
    private readonly byKey = new Map<string, Organization>();

    constructor(readonly list: readonly Organization[]) {
        for (const org of list) {
            for (const key of [org.name, ...org.aliases]) {
                this.byKey.set(foldKey(key), org);
            }
        }
    }

    /** The organization record an affiliation names, by name or alias; undefined when unknown. */
    find(affiliation: string): Organization | undefined {
        return this.byKey.get(foldKey(affiliation));
    }

    /**
     * The top-level organization that an affiliation counts for, or null for an
     * independent person. Assumes the roster has been checked for unknown
     * names and parent cycles.
     */
    rootOf(affiliation: string): string | null {
        if (isIndependent(affiliation)) return null;
        let org = this.find(affiliation);
        const seen = new Set<string>();
        while (org?.parent && !seen.has(org.name)) {
            seen.add(org.name);
            org = this.find(org.parent) ?? org;
        }
        return org?.name ?? affiliation;
    }

    /** The chain of names from an organization up through its parents, for cycle detection. */
    chain(name: string): { names: string[]; cycle: boolean } {
        const names: string[] = [];
        let org = this.find(name);
        while (org) {
            if (names.includes(org.name)) return { names: [...names, org.name], cycle: true };
            names.push(org.name);
            org = org.parent ? this.find(org.parent) : undefined;
        }
        return { names, cycle: false };
    }
}

export function isIndependent(affiliation: string): boolean {
    return foldKey(affiliation) === foldKey(INDEPENDENT);
}
