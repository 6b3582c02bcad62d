import * as path from "path";
import fc from "fast-check";
import { OwnerAffiliation, distinctOwners, isStaffed, representation, toRebalance, withinShare } from "../../model/representation";
import { loadRoster } from "../../model/roster/load";
import { Organizations } from "../../model/roster/organizations";

/** A frozen copy of roster/ as it shipped (tests/fixtures/sample-roster): edits to the live roster do not reach it. */
const ROSTER = path.resolve(__dirname, "../fixtures/sample-roster");
const HANDLES = ["ana", "ben", "cai", "dee", "eve", "fox", "gil", "hal", "ivy"];
const ORGS = ["Google", "IBM", "Microsoft", "Amazon"];

/** Owner lists with repeated handles in any letter case and some independents. */
const ownerList = fc.array(fc.record({
    github: fc.tuple(fc.constantFrom(...HANDLES), fc.boolean()).map(([h, upper]) => (upper ? h.toUpperCase() : h)),
    organization: fc.option(fc.constantFrom(...ORGS), { nil: null, freq: 3 }),
}), { maxLength: 12 });

/** A reference count, written independently of the model: first occurrence of a handle wins. */
function reference(owners: readonly OwnerAffiliation[]) {
    const first = new Map<string, string | null>();
    for (const o of owners) if (!first.has(o.github.toLowerCase())) first.set(o.github.toLowerCase(), o.organization);
    const counts = new Map<string, number>();
    for (const [handle, org] of first) {
        const key = org ?? `solo:${handle}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return { total: first.size, counts };
}

describe("representation (property-based)", () => {
    test("`over` is non-empty iff some organization has 3 x count > total", () => {
        fc.assert(fc.property(ownerList, owners => {
            const rep = representation(owners);
            const ref = reference(owners);
            const someOver = [...ref.counts.values()].some(c => 3 * c > ref.total);
            expect(rep.over.length > 0).toBe(someOver);
            for (const s of rep.over) expect(3 * s.count).toBeGreaterThan(rep.total);
            for (const s of rep.shares.filter(x => !rep.over.includes(x))) expect(3 * s.count).toBeLessThanOrEqual(rep.total);
        }), { numRuns: 1000 });
    });

    test("total counts distinct handles (case-insensitive); the shares partition them", () => {
        fc.assert(fc.property(ownerList, owners => {
            const rep = representation(owners);
            expect(rep.total).toBe(reference(owners).total);
            expect(rep.total).toBe(distinctOwners(owners).length);
            expect(rep.shares.reduce((n, s) => n + s.count, 0)).toBe(rep.total);
            const listed = rep.shares.flatMap(s => s.owners.map(h => h.toLowerCase()));
            expect(new Set(listed).size).toBe(rep.total);
            expect(isStaffed(owners)).toBe(rep.total >= 3);
        }), { numRuns: 500 });
    });

    test("independents count alone: with 3 or more owners an independent never exceeds the share", () => {
        fc.assert(fc.property(ownerList, owners => {
            const rep = representation(owners);
            const independents = rep.shares.filter(s => s.organization.startsWith("independent ("));
            for (const s of independents) expect(s.count).toBe(1);
            if (rep.total >= 3) expect(rep.over.filter(s => independents.includes(s))).toEqual([]);
            // Replacing every independent by a fresh organization of one changes nothing.
            const renamed = owners.map(o => ({ ...o, organization: o.organization ?? `Solo ${o.github.toLowerCase()}` }));
            expect(representation(renamed).over.map(s => s.count)).toEqual(rep.over.map(s => s.count));
        }), { numRuns: 500 });
    });

    test("`over` is sorted largest first", () => {
        fc.assert(fc.property(ownerList, owners => {
            const counts = representation(owners).over.map(s => s.count);
            expect(counts).toEqual([...counts].sort((a, b) => b - a));
        }));
    });
});

describe("withinShare: integer arithmetic at the boundary", () => {
    test.each([[1, 3, true], [2, 6, true], [2, 5, false], [1, 2, false], [0, 0, true], [3, 9, true], [4, 11, false]])(
        "%i of %i within 1/3: %s", (count, total, expected) => {
            expect(withinShare(count, total)).toBe(expected);
        });
});

describe("organizations: aliases and parents fold into one", () => {
    const orgs = loadRoster(ROSTER, "roster").organizations;

    test.each([
        ["Google", "Google"], ["Google LLC", "Google"], ["google.com", "Google"], ["  ALPHABET ", "Google"],
        ["Red Hat", "IBM"], ["redhat.com", "IBM"], ["Red Hat Inc.", "IBM"], ["ibm.com", "IBM"],
        ["VMware by Broadcom", "Broadcom"], ["CNCF", "Linux Foundation"], ["Amazon Web Services", "Amazon"],
    ])("%s counts for %s", (affiliation, root) => {
        expect(orgs.rootOf(affiliation)).toBe(root);
    });

    test("independent (any case) counts for no organization", () => {
        expect(orgs.rootOf("independent")).toBeNull();
        expect(orgs.rootOf("Independent")).toBeNull();
    });

    test("property: owners written with any alias are judged exactly as with the canonical name", () => {
        const spellings = orgs.list.flatMap(o => [o.name, ...o.aliases].map(s => ({ spelling: s, canonical: o.name })));
        const owners = fc.uniqueArray(fc.record({ github: fc.constantFrom(...HANDLES), pick: fc.constantFrom(...spellings) }), { selector: o => o.github, maxLength: 9 });
        fc.assert(fc.property(owners, list => {
            const viaAlias = representation(list.map(o => ({ github: o.github, organization: orgs.rootOf(o.pick.spelling) })));
            const viaName = representation(list.map(o => ({ github: o.github, organization: orgs.rootOf(o.pick.canonical) })));
            expect(viaAlias).toEqual(viaName);
        }), { numRuns: 300 });
    });

    test("a chain of parents folds to the top, and a cycle does not hang", () => {
        const chain = new Organizations([
            { name: "A", aliases: [] }, { name: "B", aliases: ["b.example"], parent: "A" }, { name: "C", aliases: [], parent: "b.example" },
            { name: "X", aliases: [], parent: "Y" }, { name: "Y", aliases: [], parent: "X" },
        ]);
        expect(chain.rootOf("C")).toBe("A");
        expect(chain.chain("X")).toEqual({ names: ["X", "Y", "X"], cycle: true });
        expect(["X", "Y"]).toContain(chain.rootOf("X"));
    });

    test("Red Hat and IBM owners are one organization in the arithmetic", () => {
        const rep = representation([
            { github: "a", organization: orgs.rootOf("Red Hat") }, { github: "b", organization: orgs.rootOf("IBM") },
            { github: "c", organization: null }, { github: "d", organization: null }, { github: "e", organization: orgs.rootOf("SUSE") },
        ]);
        expect(rep.over).toEqual([{ organization: "IBM", count: 2, owners: ["a", "b"] }]);
    });
});

describe("toRebalance: the fewest owners to add, or to rotate out for owners from elsewhere", () => {
    const share = fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 30 })).map(([count, others]) => ({ count, total: count + others }));

    test("adding `add` owners from other organizations is enough, and one fewer is not", () => {
        fc.assert(fc.property(share, ({ count, total }) => {
            const { add } = toRebalance({ count }, total);
            expect(withinShare(count, total + add)).toBe(true);
            if (add > 0) expect(withinShare(count, total + add - 1)).toBe(false);
        }));
    });

    test("rotating `rotateOut` of them out for others is enough, and one fewer is not; nothing to do within the share", () => {
        fc.assert(fc.property(share, ({ count, total }) => {
            const { rotateOut } = toRebalance({ count }, total);
            expect(withinShare(count - rotateOut, total)).toBe(true);
            if (rotateOut > 0) expect(withinShare(count - rotateOut + 1, total)).toBe(false);
            if (withinShare(count, total)) expect(toRebalance({ count }, total)).toEqual({ add: 0, rotateOut: 0 });
        }));
    });

    test("Google holding 2 of 3: add 3, or rotate 1 out", () => {
        expect(toRebalance({ count: 2 }, 3)).toEqual({ add: 3, rotateOut: 1 });
    });
});
