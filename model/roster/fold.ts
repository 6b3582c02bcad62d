// The one comparison key for names a person could mistake for one another:
// organization names and aliases, affiliations, GitHub handles. Without it a
// second "Microsoft" spelt with a Cyrillic letter, or with a zero-width space at
// the end, is a different organization, and maximal representation counts it
// apart. Every roster comparison of such names goes through foldKey().

import unhomoglyph from "unhomoglyph";

/** Code points that render as nothing (zero-width spaces, joiners, variation selectors...). */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * The key two names share when a reader could take one for the other: Unicode
 * NFKC, invisible code points removed, white space collapsed, letter case
 * ignored, and confusables (Unicode's confusables.txt, via unhomoglyph) folded to
 * their base letters.
 *
 * The confusable skeleton is case-sensitive (capital I -> l, but i stays i; m ->
 * rn), and Cyrillic capitals map to Latin capitals while some lowercase ones do
 * not, so the skeleton is taken before and after lowercasing. Since our names are
 * case-insensitive, capital I is both "i" and confusable with "l": the two are one
 * letter here.
 */
export function foldKey(name: string): string {
    const plain = name.normalize("NFKC").replace(INVISIBLE, "").replace(/\s+/gu, " ").trim();
    const once = unhomoglyph(plain).toLowerCase();
    return unhomoglyph(once).toLowerCase().normalize("NFKC").replace(/l/g, "i");
}

/** True when a reader could take `a` for `b`. */
export function confusable(a: string, b: string): boolean {
    return foldKey(a) === foldKey(b);
}

/**
 * `name` as a message should quote it when it may hide look-alike or invisible
 * characters: anything outside printable ASCII written as \u{XXXX}, so the
 * difference from the real name can be seen.
 */
export function visible(name: string): string {
    return [...name].map(ch => (/^[\x20-\x7e]$/.test(ch) ? ch : `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}}`)).join("");
}

/** `"name"`, followed by its escaped spelling when that differs (look-alikes, invisible characters). */
export function quoteName(name: string): string {
    const shown = visible(name);
    return shown === name ? `"${name}"` : `"${name}" (written ${shown})`;
}
