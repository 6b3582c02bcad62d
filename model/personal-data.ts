// Owners' private contact details (alternate e-mails, phone numbers) are personal
// data: they live in the owner-contacts secret and nowhere else. This is the one
// detector for them in clear text, used by the roster loader, the stack config
// loader and the no-plain-text-contacts policy, so that a value pasted into the
// wrong file is refused wherever it lands.

import { Environment, nameIn } from "./naming";

/** The stem of the one secret that holds the owners' contact details (services/governance/owner-contacts.ts). */
export const OWNER_CONTACTS_SECRET = "k8s-infra-owner-contacts";

/** That secret's id in an environment. */
export function ownerContactsSecretId(environment: Environment): string {
    return nameIn({ kind: "secret", name: OWNER_CONTACTS_SECRET, environment });
}

/** Domains whose addresses are project addresses (groups, robots), not personal ones. */
export const PROJECT_EMAIL_DOMAINS: readonly string[] = ["kubernetes.io", "k8s.io", "x-k8s.io"];
/** Google-made service account domains (`<name>@<project>.iam.gserviceaccount.com` and the like). */
const SERVICE_ACCOUNT_SUFFIX = "gserviceaccount.com";

// International numbers (+ and 7 to 15 digits, with the usual separators), and the
// North American (555) 123-4567 / 555-123-4567 forms. Ids, dates, versions and IP
// addresses do not match: they have no "+", or not the 3-3-4 grouping.
const PHONE_PATTERNS: readonly RegExp[] = [
    /(?:^|[^\w+])\+\d(?:[\s().-]?\d){6,14}(?!\d)/,
    /(?:^|\D)\(\d{3}\)\s?\d{3}[\s.-]\d{4}(?!\d)/,
    /(?:^|[^\w.-])\d{3}[\s.-]\d{3}[\s.-]\d{4}(?![\w.-]*\d)/,
];
const EMAIL = /[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;

export type PersonalDataKind = "phone number" | "personal e-mail address";

export function looksLikePhoneNumber(text: string): boolean {
    return PHONE_PATTERNS.some(p => p.test(text));
}

/** An e-mail address in `text` that is neither a project address nor a service account. */
export function personalEmailIn(text: string): string | undefined {
    for (const m of text.matchAll(EMAIL)) {
        const domain = m[1].toLowerCase();
        if (PROJECT_EMAIL_DOMAINS.includes(domain) || domain === SERVICE_ACCOUNT_SUFFIX || domain.endsWith(`.${SERVICE_ACCOUNT_SUFFIX}`)) continue;
        return m[0];
    }
    return undefined;
}

/** What kind of personal data `text` holds, if any; `emails: false` looks for phone numbers only. */
export function personalDataIn(text: string, opts: { emails: boolean }): PersonalDataKind | undefined {
    if (looksLikePhoneNumber(text)) return "phone number";
    if (opts.emails && personalEmailIn(text) !== undefined) return "personal e-mail address";
    return undefined;
}

/** The advice every refusal gives; it never repeats the value. */
export function personalDataAdvice(kind: PersonalDataKind): string {
    return `looks like a ${kind}: owners' contact details never go into the repository or the stack config. ` +
        "Remove it (and from the git history), send it to a WG lead privately, who stores it in the owner-contacts secret " +
        "and records the date in roster/contacts-on-file.yaml";
}

/** Every string leaf of a JSON-like value, with its path. */
export function* stringLeaves(value: unknown, at: (string | number)[] = []): Generator<{ path: (string | number)[]; text: string }> {
    if (typeof value === "string") {
        yield { path: at, text: value };
    } else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) yield* stringLeaves(value[i], [...at, i]);
    } else if (value !== null && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) yield* stringLeaves(v, [...at, k]);
    }
}
