// owner-vetting and the order of vouching: a voucher counts only if they stood
// (as a WG lead since an earlier day, or as an owner vetted on an earlier day)
// before the vouching. Rosters are copies of the frozen sample roster.

import { ownerVetting } from "../../policy-pack/policies/vetting";
import { messagesOf, runStackPolicy, stackFromRoster } from "../helpers/policy";
import { append, personEntry, replace, rosterCopy, subprojectEntry } from "../helpers/roster-copy";

const AS_OF = { asOf: "2026-12-31" };

/** A roster with these extra people and a new steady subproject `newbies` owned by `owners`. */
function withNewcomers(people: string, owners: string[], wg?: (t: string) => string): string {
    return rosterCopy({
        "people.yaml": append(people),
        "subprojects.yaml": append(subprojectEntry("newbies", owners)),
        ...(wg ? { "working-group.yaml": wg } : {}),
    }).dir;
}

const vettingMessages = (dir: string) => messagesOf(runStackPolicy(ownerVetting, stackFromRoster(dir, { environment: "prod" }), AS_OF));

describe("owner-vetting: vouchers must have stood before the vouching", () => {
    test("three newcomers who vouch for each other on one day all fire", () => {
        const dir = withNewcomers(
            personEntry("new-a", { vouchedBy: ["new-b", "new-c"], date: "2026-06-01" }) +
            personEntry("new-b", { vouchedBy: ["new-a", "new-c"], date: "2026-06-01" }) +
            personEntry("new-c", { vouchedBy: ["new-a", "new-b"], date: "2026-06-01" }),
            ["new-a", "new-b", "new-c"]);
        expect(vettingMessages(dir)).toEqual([
            expect.stringMatching(/^Owner new-a of newbies .* was vouched for by new-b, new-c, who did not yet stand as an owner or WG lead before 2026-06-01 .*has 0 eligible voucher\(s\); 2 are needed/),
            expect.stringMatching(/^Owner new-b of newbies .*has 0 eligible voucher\(s\)/),
            expect.stringMatching(/^Owner new-c of newbies .*has 0 eligible voucher\(s\)/),
        ]);
    });

    test("a clique with staggered (backdated) days still fires: its earliest member has no earlier voucher", () => {
        const dir = withNewcomers(
            personEntry("new-a", { vouchedBy: ["new-b", "new-c"], date: "2026-06-01" }) +
            personEntry("new-b", { vouchedBy: ["new-a", "new-c"], date: "2026-06-02" }) +
            personEntry("new-c", { vouchedBy: ["new-a", "new-b"], date: "2026-06-03" }),
            ["new-a", "new-b", "new-c"]);
        const messages = vettingMessages(dir);
        expect(messages).toEqual(expect.arrayContaining([
            expect.stringMatching(/^Owner new-a of newbies .*has 0 eligible voucher\(s\)/),
            expect.stringMatching(/^Owner new-b of newbies .*was vouched for by new-c, who did not yet stand .*has 1 eligible voucher\(s\)/),
        ]));
        expect(messages.length).toBeGreaterThan(0);
    });

    test("newcomers vouched for by the leads, then by an owner vetted earlier: quiet", () => {
        const dir = withNewcomers(
            personEntry("new-a", { vouchedBy: ["ada-quill", "bram-okafor"], date: "2026-06-01" }) +
            personEntry("new-b", { vouchedBy: ["new-a", "ada-quill"], date: "2026-06-02" }) +
            personEntry("new-c", { vouchedBy: ["new-a", "new-b"], date: "2026-06-03" }),
            ["new-a", "new-b", "new-c"]);
        expect(vettingMessages(dir)).toEqual([]);
    });

    test("an owner vetted on the same day does not count: strictly earlier", () => {
        const dir = withNewcomers(
            personEntry("new-a", { vouchedBy: ["ada-quill", "bram-okafor"], date: "2026-06-01" }) +
            personEntry("new-b", { vouchedBy: ["new-a", "ada-quill"], date: "2026-06-01" }) +
            personEntry("new-c", { vouchedBy: ["ada-quill", "bram-okafor"], date: "2026-06-01" }),
            ["new-a", "new-b", "new-c"]);
        expect(vettingMessages(dir)).toEqual([
            expect.stringMatching(/^Owner new-b of newbies .*was vouched for by new-a, who did not yet stand as an owner or WG lead before 2026-06-01/),
        ]);
    });

    test("a lead counts only for vouching after the day they took office", () => {
        // late-lead leads since 2026-07-01 and owns nothing, so that day is their only standing.
        const later = replace("leads: [ada-quill, bram-okafor]\n", "leads: [ada-quill, bram-okafor, late-lead]\n");
        const since = replace("bram-okafor: 2025-11-03 }", "bram-okafor: 2025-11-03, late-lead: 2026-07-01 }");
        const dir = withNewcomers(
            personEntry("late-lead") +
            personEntry("new-a", { vouchedBy: ["ada-quill", "late-lead"], date: "2026-06-01" }) +
            personEntry("new-b", { vouchedBy: ["ada-quill", "late-lead"], date: "2026-07-01" }) +
            personEntry("new-c", { vouchedBy: ["ada-quill", "late-lead"], date: "2026-07-02" }),
            ["new-a", "new-b", "new-c"], t => since(later(t)));
        expect(vettingMessages(dir)).toEqual([
            expect.stringMatching(/^Owner new-a of newbies .*was vouched for by late-lead, who did not yet stand as an owner or WG lead before 2026-06-01/),
            expect.stringMatching(/^Owner new-b of newbies .*was vouched for by late-lead, who did not yet stand as an owner or WG lead before 2026-07-01/),
        ]);
    });
});
