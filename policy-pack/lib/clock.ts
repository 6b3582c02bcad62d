// The date policies judge expiry against. It is today's date (UTC) unless the
// policy's config sets `asOf`, which is how tests and what-if checks move the clock:
// --policy-pack-config '{"maximal-representation": {"asOf": "2027-07-01"}}'.

import { PolicyConfigSchema } from "@pulumi/policy";

export const CLOCK_CONFIG: PolicyConfigSchema = {
    properties: {
        asOf: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "Judge dates as of this day (YYYY-MM-DD) instead of today." },
    },
};

export function today(args: { getConfig<T extends object>(): T }): string {
    const asOf = args.getConfig<{ asOf?: string }>().asOf;
    return asOf ?? new Date().toISOString().slice(0, 10);
}

/** ISO dates compare as strings. A waiver is live through its expiry date. */
export function isOnOrBefore(day: string, limit: string): boolean {
    return day <= limit;
}
