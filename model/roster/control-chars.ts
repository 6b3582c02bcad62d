// Terminal control characters in roster text. Names, descriptions, reasons and
// plans are printed by the check, the reports and the policy messages; an escape
// sequence or a bidi override in one of them could recolour, hide or reorder what
// a reviewer reads. They are refused when the roster loads, keys included, and
// the message names the character (model/control-chars.ts), never prints it.

import { Problem, formatPath } from "../errors";
import type { YamlFile } from "../yaml-file";
import { controlCharIn } from "../control-chars";

/**
 * Every value and key in a parsed roster file that holds a control character. A
 * key's problem names its parent's path (which can be printed safely) and its own line.
 */
export function controlCharProblems(file: YamlFile, data: unknown): Problem[] {
    const problems: Problem[] = [];
    const advice = "control characters (escape sequences, carriage returns, bidi overrides) are not allowed in the roster; retype the text without it";
    const walk = (value: unknown, at: (string | number)[]): void => {
        if (typeof value === "string") {
            const found = controlCharIn(value);
            if (found) problems.push(file.problem(at, `contains ${found}: ${advice}`));
        } else if (Array.isArray(value)) {
            value.forEach((v, i) => walk(v, [...at, i]));
        } else if (value !== null && typeof value === "object") {
            for (const [k, v] of Object.entries(value)) {
                const found = controlCharIn(k);
                if (found) {
                    problems.push({ file: file.file, line: file.lineOf([...at, k]), at: formatPath(at) || undefined, message: `a key here contains ${found}: ${advice}` });
                }
                else walk(v, [...at, k]);
            }
        }
    };
    walk(data, []);
    return problems;
}
