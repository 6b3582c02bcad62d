// model/dates.ts: the one YYYY-MM-DD pattern and calendar check the roster schema, the
// vetting policy and --as-of share.

import { ISO_DATE, isCalendarDay } from "../../model/dates";
import { IsoDate } from "../../model/roster/schema";

test("a day the calendar has passes; a shape-only date, a month past 12 and other shapes do not (and none throws)", () => {
    expect(["2027-02-28", "2028-02-29", "2026-12-31"].filter(isCalendarDay)).toEqual(["2027-02-28", "2028-02-29", "2026-12-31"]);
    expect(["2027-02-29", "2027-02-30", "2027-13-45", "2027-00-10", "2027-1-1", "27-01-01", "2027-01-01T00:00:00Z", ""].filter(isCalendarDay)).toEqual([]);
});

test("the roster's IsoDate uses the same rule: shape first, then the calendar", () => {
    expect(IsoDate.safeParse("2027-02-28").success).toBe(true);
    expect(IsoDate.safeParse("2027-13-45").error?.issues.map(i => i.message)).toEqual(["is not a real calendar date; write YYYY-MM-DD"]);
    expect(IsoDate.safeParse("2027-1-1").error?.issues[0].message).toBe("is not a date; write YYYY-MM-DD");
    expect(ISO_DATE.test("2027-13-45")).toBe(true);
});
