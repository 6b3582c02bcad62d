import * as path from "path";
import { loadRoster, Roster } from "../../model/roster/load";
import { SERVICE_IDS } from "../../model/services";
import { renderStatusText, statusReport } from "../../tools/status/status";

/** A frozen copy of roster/ as it shipped (tests/fixtures/sample-roster): edits to the live roster do not reach it. */
const roster = loadRoster(path.resolve(__dirname, "../fixtures/sample-roster"), "roster");

describe("npm run status", () => {
    test("counts migrated services and names what blocks disbanding", () => {
        const r = statusReport(roster, "2026-11-25");
        expect(r.total).toBe(SERVICE_IDS.length);
        expect(r.migrated).toBe(SERVICE_IDS.filter(id => roster.migration[id].status === "migrated").length);
        expect(r.disbandReady).toBe(false);
        expect(r.blockers).toEqual(expect.arrayContaining(["bigquery is not-started", "prow does not meet staffing or representation"]));
    });

    test("shows prow's representation and its waiver: live before the expiry, expired after, too long when judged too early", () => {
        const gke = (asOf: string) => statusReport(roster, asOf).services.find(s => s.id === "gke")!;
        expect(gke("2027-06-30")).toMatchObject({ subproject: "prow", representation: "Google 2/3", waiver: { expires: "2027-06-30", state: "live" } });
        expect(gke("2027-07-01").waiver).toEqual({ expires: "2027-06-30", state: "expired" });
        expect(renderStatusText(statusReport(roster, "2027-07-01"))).toContain("2027-06-30 (expired)");
        // More than MAX_WAIVER_DAYS ahead of the day judged: the policy does not honour it, and neither does the status.
        expect(gke("2026-01-01").waiver).toEqual({ expires: "2027-06-30", state: "too-long" });
        expect(renderStatusText(statusReport(roster, "2026-01-01"))).toContain("2027-06-30 (too-long)");
    });

    test("disband criteria are met when every service is migrated and every owning subproject is staffed and balanced", () => {
        const done: Roster = {
            ...roster,
            migration: Object.fromEntries(SERVICE_IDS.map(id => [id, { ...roster.migration[id], status: "migrated" }])) as Roster["migration"],
            subprojects: roster.subprojects.map(s => s.name === "prow" ? { ...s, owners: ["eli-novak", "hana-sato", "ivan-petrov"] }
                : s.name === "secrets" ? { ...s, services: [...s.services, "requests-repo" as const] } : s),
        };
        const r = statusReport(done, "2026-11-25");
        expect(r.blockers).toEqual([]);
        expect(r.disbandReady).toBe(true);
        expect(renderStatusText(r)).toContain("Disband criteria: met.");
    });
});
