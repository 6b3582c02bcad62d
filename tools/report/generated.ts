// What a report says beyond the stacks: generated files (OWNERS, groups.yaml, docs,
// schemas) that `npm run docs` would rewrite, because a change (often to the roster)
// was made without regenerating them. Stale generated files block like a mandatory
// violation: the pull request's report says which and gives the command, instead of
// a test failing later with a diff. The check finds them (tools/docs/stale.ts); every
// format shows them from here.

export interface StaleGenerated {
    /** Path from the repository root. */
    file: string;
    state: "stale" | "missing";
}

export interface RunNotes {
    /** Present when the run compared the generated files (a check of this repository with its own roster). */
    generated?: { stale: StaleGenerated[]; command: string };
}

/** The command that regenerates them: one home for its spelling in reports. */
export const REGENERATE = "npm run docs";

export function staleOf(notes: RunNotes): StaleGenerated[] {
    return notes.generated?.stale ?? [];
}

/** One sentence: which files, and what to run; `quote` writes a file name or the command (Markdown: a code span). "" when there are none. */
export function staleSentence(notes: RunNotes, quote: (text: string) => string = t => t): string {
    const stale = staleOf(notes);
    if (stale.length === 0) return "";
    const files = stale.map(s => s.state === "missing" ? `${quote(s.file)} (missing)` : quote(s.file)).join(", ");
    return `${stale.length} generated file${stale.length === 1 ? " is" : "s are"} out of date: ${files}. ` +
        `Run ${quote(notes.generated!.command)} and commit what it writes.`;
}

/** Reads `generated` back from a check document; undefined when the document has none; throws on a malformed one. */
export function readGenerated(value: unknown): RunNotes["generated"] {
    if (value === undefined) return undefined;
    const v = value as RunNotes["generated"];
    const ok = !!v && typeof v.command === "string" && Array.isArray(v.stale) &&
        v.stale.every(s => !!s && typeof s.file === "string" && (s.state === "stale" || s.state === "missing"));
    if (!ok) throw new Error("`generated` must have command and stale: [{ file, state: stale|missing }]");
    return v;
}
