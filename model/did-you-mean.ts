// "Did you mean ...?" for a near miss: a misspelt file name, handle, field or
// policy name is answered with the known name it most likely meant, by edit
// distance (fastest-levenshtein), so the message says what to write instead of
// only what is wrong. One rule of closeness for every message that suggests.

import { distance } from "fastest-levenshtein";

/**
 * The known name `name` is most likely a misspelling of, or undefined when none is
 * close: at most max(2, a third of its length) edits away, case and a .yaml/.yml
 * ending ignored; the nearest wins, the first listed on a tie.
 */
export function closest(name: string, known: Iterable<string>): string | undefined {
    const norm = (s: string) => s.toLowerCase().replace(/\.ya?ml$/, "");
    const stem = norm(name);
    let best: { name: string; distance: number } | undefined;
    for (const candidate of known) {
        const d = distance(stem, norm(candidate));
        if (!best || d < best.distance) best = { name: candidate, distance: d };
    }
    return best && best.distance <= Math.max(2, Math.floor(stem.length / 3)) ? best.name : undefined;
}

/** " Did you mean X?" for a near miss of `known`, or "" when nothing is close. */
export function didYouMean(name: string, known: Iterable<string>): string {
    const guess = closest(name, known);
    return guess ? ` Did you mean ${guess}?` : "";
}
