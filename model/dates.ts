// Calendar days as the roster, the waivers, the vetting records and --as-of write them:
// YYYY-MM-DD, and a day the calendar has (2027-02-30 is refused). One pattern and one
// check, for the loaders' schemas, the policies and the tools' flags alike.

/** The shape of a day: YYYY-MM-DD. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD naming a day the calendar has (not 2027-02-30). */
export function isCalendarDay(s: string): boolean {
    if (!ISO_DATE.test(s)) return false;
    const day = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(s); // 2027-13-45 is no Date at all
}
