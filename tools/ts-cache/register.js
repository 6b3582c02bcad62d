// Loads the project's TypeScript in Node as `ts-node --transpile-only` does (each file
// on its own through TypeScript's transpileModule, with tsconfig.json's options and no
// type check: `npm run typecheck` does that), but keeps each file's JavaScript in
// .cache/ts/ under a hash of its path, its text, the TypeScript version and
// tsconfig.json. A file is compiled again only when one of those changed, and a
// changed file can never load an old output. Every `npm run` tool and every tool a test
// starts is loaded this way (node -r ./tools/ts-cache/register.js): compiling the tools'
// sources took about 3 s of each start, which this takes back after the first.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "../..");
const CACHE = path.join(ROOT, ".cache", "ts");
const TSCONFIG = path.join(ROOT, "tsconfig.json");

const sha = (text) => crypto.createHash("sha256").update(text).digest("hex");
const TS_VERSION = JSON.parse(fs.readFileSync(require.resolve("typescript/package.json"), "utf8")).version;
const KEY = sha(`${TS_VERSION}\n${fs.readFileSync(TSCONFIG, "utf8")}`);

let compiler;
/** TypeScript and tsconfig.json's options, loaded only when a file must be compiled. */
function load() {
    if (compiler) return compiler;
    const ts = require("typescript");
    const read = ts.readConfigFile(TSCONFIG, ts.sys.readFile);
    if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT);
    const options = { ...parsed.options, module: ts.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: true, inlineSources: false, declaration: false, noEmit: false };
    compiler = { ts, options };
    return compiler;
}

function transpile(text, filename) {
    const { ts, options } = load();
    return ts.transpileModule(text, { compilerOptions: options, fileName: filename, reportDiagnostics: false }).outputText;
}

/** The file's JavaScript: from the cache when this exact text was compiled before, else compiled and kept. */
function javaScript(filename) {
    const text = fs.readFileSync(filename, "utf8");
    const key = sha(`${KEY}\n${filename}\n${text}`);
    const out = path.join(CACHE, key.slice(0, 2), `${key}.js`);
    try {
        return fs.readFileSync(out, "utf8");
    } catch {
        const js = transpile(text, filename);
        try {
            fs.mkdirSync(path.dirname(out), { recursive: true });
            const tmp = `${out}.${process.pid}.tmp`;
            fs.writeFileSync(tmp, js);
            fs.renameSync(tmp, out); // whole or not at all, for starts that run at the same time
        } catch { /* a read-only checkout still runs, compiling each time */ }
        return js;
    }
}

require.extensions[".ts"] = function (module, filename) {
    module._compile(javaScript(filename), filename);
};
// Stack traces (an internal error's, with --debug) point into the TypeScript, through the inline maps.
process.setSourceMapsEnabled(true);
