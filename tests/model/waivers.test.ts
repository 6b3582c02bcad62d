import { addDays, latestExpiry, waiverState } from "../../model/waivers";
import { MAX_WAIVER_DAYS } from "../../model/rules";

describe("waiverState: live through the expiry day, and never more than MAX_WAIVER_DAYS ahead", () => {
    test("addDays counts calendar days across a leap day", () => {
        expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
        expect(addDays("2026-12-01", 365)).toBe("2027-12-01");
    });

    test("live, expired, too long", () => {
        expect(waiverState("2027-06-30", "2027-06-30")).toBe("live");
        expect(waiverState("2027-06-30", "2027-07-01")).toBe("expired");
        expect(waiverState(latestExpiry("2026-12-01"), "2026-12-01")).toBe("live");
        expect(waiverState(addDays("2026-12-01", MAX_WAIVER_DAYS + 1), "2026-12-01")).toBe("too-long");
        expect(waiverState("2060-01-01", "2026-12-01")).toBe("too-long");
    });
});
