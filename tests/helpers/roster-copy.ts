// Rosters for tests, made in a temp folder from the frozen sample roster
// (tests/fixtures/sample-roster) with each named file's text edited, and helpers
// to assert what the loader refuses: file, line and message. Never the live roster.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadRoster } from "../../model/roster/load";
import { InputError } from "../../model/errors";

export const SAMPLE_ROSTER = path.resolve(__dirname, "../fixtures/sample-roster");
export type RosterFile = "organizations.yaml" | "people.yaml" | "subprojects.yaml" | "working-group.yaml" | "services.yaml" | "contacts-on-file.yaml" | "staging-areas.yaml";

const made: string[] = [];
afterAll(() => made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));

/** A copy of the sample roster with each named file's text changed; returns the dir and every file's text. */
export function rosterCopy(edits: Partial<Record<RosterFile, (text: string) => string>>): { dir: string; text: Record<RosterFile, string> } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-"));
    made.push(dir);
    const text = {} as Record<RosterFile, string>;
    for (const name of fs.readdirSync(SAMPLE_ROSTER)) {
        const original = fs.readFileSync(path.join(SAMPLE_ROSTER, name), "utf8");
        const edit = edits[name as RosterFile];
        const changed = edit ? edit(original) : original;
        if (edit) expect(changed).not.toBe(original); // the edit really applied
        fs.writeFileSync(path.join(dir, name), changed);
        text[name as RosterFile] = changed;
    }
    return { dir, text };
}

/** Replaces exactly one occurrence of `from`. */
export const replace = (from: string, to: string) => (text: string) => {
    expect(text.split(from)).toHaveLength(2);
    return text.replace(from, to);
};

/** Appends `more` to the file. */
export const append = (more: string) => (text: string) => text.trimEnd() + "\n" + more;

/** The 1-based line of the one line that contains `needle`. */
export function lineOf(text: string, needle: string): number {
    const lines = text.split("\n").map((l, i) => [l, i + 1] as const).filter(([l]) => l.includes(needle));
    expect(lines).toHaveLength(1);
    return lines[0][1];
}

export function loadError(dir: string): InputError {
    try {
        loadRoster(dir, "roster");
    } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        return err as InputError;
    }
    throw new Error("expected the roster to be refused");
}

/** A problem in roster/<file> at `line` whose message contains (or matches) `message`. */
export const problem = (file: string, line: number | undefined, message: string | RegExp, at?: string) => expect.objectContaining({
    file: `roster/${file}`,
    line,
    message: typeof message === "string" ? expect.stringContaining(message) : expect.stringMatching(message),
    ...(at ? { at } : {}),
});

/** A person entry for people.yaml, as text. */
export function personEntry(github: string, opts: { affiliation?: string; vouchedBy?: string[]; date?: string } = {}): string {
    const vetting = opts.vouchedBy ? `\n    vetting: { vouchedBy: [${opts.vouchedBy.join(", ")}], date: ${opts.date ?? "2026-06-01"} }` : "";
    return `  - github: ${github}\n    name: ${github}\n    email: ${github}@example.org\n    affiliation: ${opts.affiliation ?? "independent"}\n    timezone: UTC${vetting}\n`;
}

/** A steady subproject entry for subprojects.yaml, as text. */
export function subprojectEntry(name: string, owners: string[]): string {
    return `  - name: ${name}\n    sigs: [testing]\n    owners: [${owners.join(", ")}]\n    phase: steady\n` +
        `    oncall:\n      rotation: k8s-infra-${name}-oncall\n      escalation: [k8s-infra-${name}-owners@kubernetes.io]\n`;
}
