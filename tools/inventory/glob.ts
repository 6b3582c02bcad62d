// The path patterns of groups/restrictions.yaml, matched as the groups
// reconciler matches them (github.com/bmatcuk/doublestar): `**` any number of
// folders, `*` and `?` within one name, [classes] and {alternatives}.

/** Whether `path` (slash-separated, relative) matches `pattern`. */
export function globMatch(pattern: string, path: string): boolean {
    return new RegExp(`^${toRegex(pattern)}$`).test(path);
}

function toRegex(pattern: string): string {
    let out = "";
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        const atSegmentStart = i === 0 || pattern[i - 1] === "/";
        if (c === "*" && pattern[i + 1] === "*" && atSegmentStart && (pattern[i + 2] === "/" || i + 2 === pattern.length)) {
            out += pattern[i + 2] === "/" ? "(?:[^/]*/)*" : ".*";
            i += 2;
        } else if (c === "*") {
            out += "[^/]*";
        } else if (c === "?") {
            out += "[^/]";
        } else if (c === "[") {
            const end = pattern.indexOf("]", i + 2);
            if (end < 0) return escape(pattern); // no class: doublestar reports a bad pattern, which matches nothing we know
            const body = pattern.slice(i + 1, end).replace(/^[!^]/, "^").replace(/\\/g, "\\\\");
            out += `[${body}]`;
            i = end;
        } else if (c === "{") {
            const end = closingBrace(pattern, i);
            if (end < 0) return escape(pattern);
            out += `(?:${splitTopLevel(pattern.slice(i + 1, end)).map(toRegex).join("|")})`;
            i = end;
        } else if (c === "\\" && i + 1 < pattern.length) {
            out += escape(pattern[++i]);
        } else {
            out += escape(c);
        }
    }
    return out;
}

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function closingBrace(pattern: string, open: number): number {
    let depth = 0;
    for (let i = open; i < pattern.length; i++) {
        if (pattern[i] === "{") depth++;
        else if (pattern[i] === "}" && --depth === 0) return i;
    }
    return -1;
}

function splitTopLevel(body: string): string[] {
    const parts: string[] = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < body.length; i++) {
        if (body[i] === "{") depth++;
        else if (body[i] === "}") depth--;
        else if (body[i] === "," && depth === 0) {
            parts.push(body.slice(start, i));
            start = i + 1;
        }
    }
    parts.push(body.slice(start));
    return parts;
}
