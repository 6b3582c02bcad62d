// The engine's colour markup, removed from the text of diagnostics and policy
// events: a log is written with `color: raw` unless the CLI ran with --color never,
// so messages carry directives like `<{%fg 1%}>` and `<{%reset%}>`
// (sdk/go/common/diag/colors). ConvertEngineEvent already drops ANSI escapes from
// diagnostics; other text may still have them.

export function stripColors(s: string): string {
    return s.replace(/<\{%[^%]*%\}>/g, "").replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
}
