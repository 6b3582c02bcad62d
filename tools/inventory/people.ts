// The one place that decides which addresses the inventory may write. The audit
// dump and the groups files name people (redacted, mostly, but not always); the
// inventory names only service accounts and the kubernetes.io groups it lists
// itself, and counts everyone else. A last pass over every string written
// withholds any other address that reached free text (descriptions, values).

import { Problem, formatPath } from "../../model/errors";

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const SERVICE_ACCOUNT_SUFFIX = ".gserviceaccount.com";
/** What a personal address in free text is replaced by. */
export const WITHHELD = "(address withheld)";

/** Every e-mail address in `text`. */
export function emailsIn(text: string): string[] {
    return [...text.matchAll(EMAIL)].map(m => m[0]);
}

export function isServiceAccount(email: string): boolean {
    return email.toLowerCase().endsWith(SERVICE_ACCOUNT_SUFFIX);
}

export interface Split {
    kept: string[];
    people: number;
}

export class People {
    private readonly groups: Set<string>;

    /** `groupEmails`: every email-id of the groups files the inventory lists. */
    constructor(groupEmails: Iterable<string>) {
        this.groups = new Set([...groupEmails].map(e => e.toLowerCase()));
    }

    isGroup(email: string): boolean {
        return this.groups.has(email.toLowerCase());
    }

    /** An address the inventory may write: a service account or one of its groups. */
    publishable(email: string): boolean {
        return isServiceAccount(email) || this.isGroup(email);
    }

    /** Whether every address in `text` may be written (true when there is none). */
    clean(text: string): boolean {
        return emailsIn(text).every(e => this.publishable(e));
    }

    /**
     * IAM members: user: and deleted:user: are people whatever follows; any other
     * member is kept when every address in it may be written (group: of the
     * inventory, serviceAccount:, domain:, allUsers, projectOwner:, ...), else counted.
     */
    iamMembers(members: readonly string[]): Split {
        const kept: string[] = [];
        let people = 0;
        for (const m of members) {
            if (/^(deleted:)?user:/.test(m) || !this.clean(m)) people++;
            else kept.push(m);
        }
        return { kept, people };
    }

    /** groups.yaml owners/managers/members: groups of the inventory, service accounts, and a count of the rest. */
    groupAddresses(addresses: readonly string[]): { groups: string[]; serviceAccounts: string[]; people: number } {
        const groups: string[] = [];
        const serviceAccounts: string[] = [];
        let people = 0;
        for (const a of addresses) {
            if (this.isGroup(a)) groups.push(a);
            else if (isServiceAccount(a)) serviceAccounts.push(a);
            else people++;
        }
        return { groups, serviceAccounts, people };
    }

    /**
     * A bucket ACL entity as the inventory writes it (user-/group-<address> as
     * user:/group:<address>), or undefined when it is a person: an address that may
     * not be written, or a user-/group-<id> (a person's or an unknown group's id).
     */
    aclEntity(entity: string): string | undefined {
        const m = /^(user|group)-(.*)$/.exec(entity);
        if (!m) return this.clean(entity) ? entity : undefined;
        return m[2].includes("@") && this.publishable(m[2]) ? `${m[1]}:${m[2]}` : undefined;
    }

    /** Free text with every address that may not be written replaced by WITHHELD. */
    scrub(text: string): string {
        return text.replace(EMAIL, e => (this.publishable(e) ? e : WITHHELD));
    }

    /**
     * The last pass over a file's data: every string scrubbed; a key holding an
     * address that may not be written is a problem (a key cannot be withheld).
     */
    scrubTree<T>(value: T, file: string, problems: Problem[], at: (string | number)[] = []): T {
        if (typeof value === "string") return this.scrub(value) as T;
        if (Array.isArray(value)) return value.map((v, i) => this.scrubTree(v, file, problems, [...at, i])) as T;
        if (value === null || typeof value !== "object") return value;
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            if (!this.clean(k)) problems.push({ file, at: formatPath([...at]) || undefined, message: "a key holds a personal e-mail address, which the inventory never writes; this is a bug in tools/inventory" });
            out[k] = this.scrubTree(v, file, problems, [...at, k]);
        }
        return out as T;
    }
}
