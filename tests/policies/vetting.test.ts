import * as path from "path";
import { ownerVetting, vettingProblems } from "../../policy-pack/policies/vetting";
import { COMPONENT } from "../../model/resource-types";
import type { OwnerRecord } from "../../model/stack-model";
import { StackResource, messagesOf, runStackPolicy, stackFromRoster, subprojectProps, withUnknown } from "../helpers/policy";

/** A frozen copy of roster/ as it shipped (tests/fixtures/sample-roster): edits to the live roster do not reach it. */
const ROSTER = path.resolve(__dirname, "../fixtures/sample-roster");
/** A day after every vetting date in the sample roster. */
const AS_OF = { asOf: "2026-12-31" };

/** The prod stack with dns's first owner (dara-mensah) given this vetting record. */
function withDaraVetting(vetting: OwnerRecord["vetting"]): StackResource[] {
    const resources = stackFromRoster(ROSTER, { environment: "prod" });
    // dara-mensah also owns secrets; give her the same record there so each stack judges one person.
    for (const sub of ["dns", "secrets"]) {
        const owner = subprojectProps(resources, sub).owners.find(o => o.github === "dara-mensah")!;
        owner.vetting = vetting;
    }
    return resources;
}

function daraMessages(resources: StackResource[], config: Record<string, unknown> = AS_OF): string[] {
    return messagesOf(runStackPolicy(ownerVetting, resources, config)).filter(m => m.startsWith("Owner dara-mensah of dns"));
}

describe("owner-vetting", () => {
    test("every owner in the sample roster is vetted: quiet", () => {
        expect(runStackPolicy(ownerVetting, stackFromRoster(ROSTER, { environment: "prod" }), AS_OF)).toEqual([]);
        expect(runStackPolicy(ownerVetting, stackFromRoster(ROSTER, { environment: "staging" }), AS_OF)).toEqual([]);
    });

    test("no vetting record fires, once per subproject the owner holds", () => {
        const v = runStackPolicy(ownerVetting, withDaraVetting(null), AS_OF).filter(x => x.message.startsWith("Owner dara-mensah"));
        expect(messagesOf(v)).toEqual([
            "Owner dara-mensah of dns (roster/subprojects.yaml:24) has no vetting record. Record the vetting under vetting: in roster/people.yaml.",
            expect.stringMatching(/^Owner dara-mensah of secrets \(roster\/subprojects\.yaml:79\) has no vetting record/),
        ]);
        expect(v[0].urn).toMatch(/Subproject::dns$/);
    });

    test("vouching for oneself fires and does not count", () => {
        const [m] = daraMessages(withDaraVetting({ vouchedBy: ["dara-mensah", "ada-quill"], date: "2026-02-02" }));
        expect(m).toContain("vouched for themselves");
        expect(m).toContain("has 1 eligible voucher(s); 2 are needed");
    });

    test("self-vouching is caught in any letter case", () => {
        const [m] = daraMessages(withDaraVetting({ vouchedBy: ["Dara-Mensah", "ada-quill", "bram-okafor"], date: "2026-02-02" }));
        expect(m).toContain("vouched for themselves");
        expect(m).not.toContain("eligible voucher(s)");
    });

    test("a voucher who is neither an owner nor a WG lead fires and does not count", () => {
        const [m] = daraMessages(withDaraVetting({ vouchedBy: ["ada-quill", "random-stranger"], date: "2026-02-02" }));
        expect(m).toContain("was vouched for by random-stranger, who is neither an owner nor a WG lead");
        expect(m).toContain("has 1 eligible voucher(s)");
    });

    test("a WG lead who owns nothing is an eligible voucher", () => {
        const resources = withDaraVetting({ vouchedBy: ["wg-only-lead", "ada-quill"], date: "2026-02-02" });
        const wg = resources.find(r => r.type === COMPONENT.workingGroup)!.props;
        wg.leads.push("wg-only-lead");
        wg.leadsSince["wg-only-lead"] = "2026-01-01";
        expect(daraMessages(resources)).toEqual([]);
    });

    test("one voucher is not enough, nor the same voucher twice", () => {
        expect(daraMessages(withDaraVetting({ vouchedBy: ["ada-quill"], date: "2026-02-02" })))
            .toEqual([expect.stringContaining("has 1 eligible voucher(s); 2 are needed")]);
        expect(daraMessages(withDaraVetting({ vouchedBy: ["ada-quill", "ADA-QUILL"], date: "2026-02-02" })))
            .toEqual([expect.stringContaining("has 1 eligible voucher(s); 2 are needed")]);
    });

    test("a vetting date after asOf fires; on the day itself it is quiet", () => {
        const resources = withDaraVetting({ vouchedBy: ["ada-quill", "bram-okafor"], date: "2026-05-01" });
        expect(daraMessages(resources, { asOf: "2026-04-30" })).toEqual([expect.stringContaining("has a vetting date in the future (2026-05-01)")]);
        expect(daraMessages(resources, { asOf: "2026-05-01" })).toEqual([]);
    });

    test("without asOf the policy judges against today (a date far in the future fires)", () => {
        const resources = withDaraVetting({ vouchedBy: ["ada-quill", "bram-okafor"], date: "2999-01-01" });
        expect(daraMessages(resources, {})).toEqual([expect.stringContaining("in the future (2999-01-01)")]);
    });

    test("a malformed date fires", () => {
        expect(daraMessages(withDaraVetting({ vouchedBy: ["ada-quill", "bram-okafor"], date: "soon" })))
            .toEqual([expect.stringContaining("has no vetting date")]);
    });

    test("an unknown owner list (preview) skips that subproject; the others are still judged", () => {
        const resources = withDaraVetting(null);
        const dns = resources.find(r => r.type === COMPONENT.subproject && r.name === "dns")!;
        dns.props = withUnknown(dns.props, "owners", "array");
        const messages = messagesOf(runStackPolicy(ownerVetting, resources, AS_OF));
        expect(messages.filter(m => m.startsWith("Owner dara-mensah"))).toEqual([expect.stringContaining("Owner dara-mensah of secrets")]);
        expect(messages.filter(m => m.includes(" of dns "))).toEqual([]);
    });
});

describe("vettingProblems", () => {
    const owner = (vetting: OwnerRecord["vetting"]): OwnerRecord => ({
        github: "new-owner", name: "New Owner", affiliation: "independent", affiliationSource: "roster/people.yaml:1", organization: null,
        timezone: "UTC", vetting, contact: { alternateEmail: true, phone: true },
    });
    const eligible = new Map<string, string | null>([["ada-quill", "2025-01-01"], ["bram-okafor", "2025-01-01"], ["new-owner", null]]);

    test("a valid record has no problems", () => {
        expect(vettingProblems(owner({ vouchedBy: ["ada-quill", "bram-okafor"], date: "2026-01-01" }), eligible, "2026-01-01")).toEqual([]);
    });

    test("several problems are all reported", () => {
        expect(vettingProblems(owner({ vouchedBy: ["new-owner", "stranger"], date: "2027-01-01" }), eligible, "2026-01-01")).toEqual([
            "vouched for themselves",
            "was vouched for by stranger, who is neither an owner nor a WG lead",
            "has 0 eligible voucher(s); 2 are needed",
            "has a vetting date in the future (2027-01-01)",
        ]);
    });
});
