// The engine refuses a program that registers two resources with one URN ("Duplicate
// resource URN ..."); the mocks do not. The offline run keeps a ledger of the URNs it
// has seen and fails as the engine would. Names come from the stack config, whose
// schemas refuse entries that meet (model/service-config/unique.ts), so a duplicate
// that gets here is reported as bad input naming the URN and the stack file.

export class DuplicateUrnError extends Error {
    constructor(readonly urns: string[]) {
        super(`duplicate resource URN${urns.length === 1 ? "" : "s"} ${urns.join(", ")}`);
    }
}

/** Records URNs as they are registered or read; `duplicates` lists each one seen more than once. */
export class UrnLedger {
    private readonly seen = new Set<string>();
    readonly duplicates: string[] = [];

    add(urn: string): void {
        if (!urn) return;
        if (this.seen.has(urn)) {
            if (!this.duplicates.includes(urn)) this.duplicates.push(urn);
            return;
        }
        this.seen.add(urn);
    }

    /** Throws a DuplicateUrnError when any URN was seen twice. */
    check(): void {
        if (this.duplicates.length > 0) throw new DuplicateUrnError(this.duplicates);
    }
}
