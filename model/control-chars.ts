// Text from the roster and the stack config reaches terminals (messages, reports,
// previews). Terminal control characters in it could rewrite what a reviewer sees
// (ESC sequences, bidi overrides), so neither may hold them. One set of characters
// and one way to name them, for every reader of either (model/roster/control-chars.ts
// walks a roster file with it; program/config.ts and tools/check/stack-values.ts the
// stack config).

/**
 * C0 controls except tab and newline (so ESC and CR too), DEL, C1 controls, the
 * bidi marks U+200E/U+200F and the embeddings, overrides and isolates
 * (U+202A-U+202E, U+2066-U+2069).
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

const NAMES: Readonly<Record<number, string>> = {
    0x00: "NUL", 0x07: "BEL", 0x200e: "LEFT-TO-RIGHT MARK", 0x200f: "RIGHT-TO-LEFT MARK", 0x08: "BS", 0x0d: "CR", 0x1b: "ESC", 0x7f: "DEL", 0x9b: "CSI",
    0x202a: "LEFT-TO-RIGHT EMBEDDING", 0x202b: "RIGHT-TO-LEFT EMBEDDING", 0x202c: "POP DIRECTIONAL FORMATTING",
    0x202d: "LEFT-TO-RIGHT OVERRIDE", 0x202e: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
};

/** "U+001B (ESC)" for the first control character in `text` and where it is (1-based), or undefined when there is none. */
function firstControl(text: string): { named: string; position: number } | undefined {
    const m = CONTROL.exec(text);
    if (!m) return undefined;
    const cp = m[0].codePointAt(0)!;
    const code = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
    return { named: NAMES[cp] ? `${code} (${NAMES[cp]})` : code, position: m.index + 1 };
}

/** "U+001B (ESC)" for the first control character in `text`, or undefined when there is none. */
export function controlCharIn(text: string): string | undefined {
    return firstControl(text)?.named;
}

/** Why `text` may not be config text, or undefined when it may. */
export function controlCharProblem(text: string): string | undefined {
    const found = firstControl(text);
    if (!found) return undefined;
    return `holds the control character ${found.named} at position ${found.position}; config text may not hold terminal control characters (C0, C1, bidi overrides): remove it`;
}
