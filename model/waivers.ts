// When a bootstrapping waiver counts, judged as of one day: through its expiry
// (inclusive), and only if that expiry is within MAX_WAIVER_DAYS of the day. A
// waiver written to expire decades away is not honoured until it is fixed. The
// policy pack and the reports judge waivers with this one function.

import { MAX_WAIVER_DAYS } from "./rules";

export type WaiverState = "live" | "expired" | "too-long";

/** `day` (YYYY-MM-DD) plus `days` calendar days, as YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
    const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
    return new Date(t).toISOString().slice(0, 10);
}

/** The latest expiry a waiver may have when judged on `day`. */
export function latestExpiry(day: string): string {
    return addDays(day, MAX_WAIVER_DAYS);
}

/** ISO dates compare as strings. */
export function waiverState(expires: string, day: string): WaiverState {
    if (day > expires) return "expired";
    if (expires > latestExpiry(day)) return "too-long";
    return "live";
}

/** The sentence a refusal of a too-long waiver says. */
export function tooLongMessage(expires: string, day: string): string {
    return `The bootstrapping waiver until ${expires} runs more than ${MAX_WAIVER_DAYS} days past ${day}, ` +
        `longer than a bootstrapping waiver may run; it is not honoured. Set expires on or before ${latestExpiry(day)}.`;
}
