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

export class InputError extends Error {
    constructor(readonly subject: string, readonly problems: Problem[]) {
        super(`${subject}: ${problems.length} problem${problems.length === 1 ? "" : "s"} to fix:\n` +
            problems.map(p => `  ${formatProblem(p)}`).join("\n"));
        this.name = "InputError";
    }
}

/** The path form used in messages: a.b[2].c */
export function formatPath(path: readonly PropertyKey[]): string {
    return path.reduce<string>((acc, key) =>
        typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key), "");
}
