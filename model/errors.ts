// Bad input (a broken roster, a wrong config value) is reported as a list of
// problems, each naming the file, the line when it is known, and what to fix.
// Everything that reads input collects all problems first, then throws one
// InputError, so nothing is registered from half-valid input.

export interface Problem {
    /** Path of the file, relative to the project root. */
    file: string;
    /** 1-based line, when known. */
    line?: number;
    /** Where inside the file, e.g. `subprojects[2].owners[1]` or `k8s-infra:services.gcs`. */
    at?: string;
    message: string;
}

export function formatProblem(p: Problem): string {
    const where = p.line ? `${p.file}:${p.line}` : p.file;
    return p.at ? `${where}: ${p.at}: ${p.message}` : `${where}: ${p.message}`;
}

/** Problems in reading order: by file, then line (a problem of the whole file first), then place and message. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
    const key = (p: Problem) => [p.file, String(p.line ?? 0).padStart(9, "0"), p.at ?? "", p.message];
    return [...problems].sort((a, b) => {
        const [ka, kb] = [key(a), key(b)];
        for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
        return 0;
    });
}

export class InputError extends Error {
    readonly problems: Problem[];

    constructor(readonly subject: string, problems: Problem[]) {
        const sorted = sortProblems(problems);
        super(`${subject}: ${sorted.length} problem${sorted.length === 1 ? "" : "s"} to fix:\n` +
            sorted.map(p => `  ${formatProblem(p)}`).join("\n"));
        this.problems = sorted;
        this.name = "InputError";
    }
}

/** The path form used in messages: people[3].name, or people[dara-mensah].name where an entry is named by its key ({ entry }). */
export function formatPath(path: readonly (PropertyKey | { entry: string })[]): string {
    return path.reduce<string>((acc, key) =>
        typeof key === "number" ? `${acc}[${key}]` : typeof key === "object" ? `${acc}[${key.entry}]` : acc ? `${acc}.${String(key)}` : String(key), "");
}
