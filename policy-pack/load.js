// The pack's entry (package.json "main"): runs the pack compiled ahead of time, and
// never a stale build. The CLI's run-policy-pack would otherwise have ts-node
// type-check and compile index.ts and everything it imports at every start (about
// 5 s for each `pulumi preview` and each offline check). Here a build in .build/
// records the content hash of every source file it was compiled from (and the
// TypeScript version and tsconfig.json); it is used only when all of them still
// match, else the pack is type-checked and compiled again, as ts-node would, and a
// type error stops the pack with TypeScript's own diagnostics. Builds are written
// to a temporary folder and renamed into place, so parallel starts never see half of one.
// The TypeScript packages the pack depends on (@k8s-infra/model, the workspace package it
// shares with the program) are compiled into the build with it and linked from the
// build's own node_modules, in this checkout and where the pack is installed from its
// `npm pack` tarball alike.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const PACK = __dirname;
const BUILDS = path.join(PACK, ".build");
const CURRENT = path.join(BUILDS, "current.json");
const TSCONFIG = path.join(PACK, "tsconfig.json");

const sha = (text) => crypto.createHash("sha256").update(text).digest("hex");
const hashFile = (file) => { try { return sha(fs.readFileSync(file)); } catch { return undefined; } };

/** What a build depends on besides its sources: the compiler and its options. */
function compilerKey(ts) {
    return sha(`${ts.version}\n${fs.readFileSync(TSCONFIG, "utf8")}`);
}

/** The build in .build/ whose recorded sources all still hash the same, or undefined. */
function freshBuild(ts) {
    let current;
    try { current = JSON.parse(fs.readFileSync(CURRENT, "utf8")); } catch { return undefined; }
    const dir = path.join(BUILDS, String(current.build));
    let manifest;
    try { manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")); } catch { return undefined; }
    if (manifest.compiler !== compilerKey(ts)) return undefined;
    for (const [rel, hash] of Object.entries(manifest.sources)) {
        if (hashFile(path.resolve(PACK, rel)) !== hash) return undefined;
    }
    // A new file in the pack's folder is part of its program (tsconfig.json includes it).
    if (JSON.stringify(packSources()) !== JSON.stringify(manifest.packFiles)) return undefined;
    return path.join(dir, manifest.entry);
}

/** The .ts files in the pack's own folder (tsconfig.json has no "include": all of them). */
function packSources() {
    const found = [];
    const walk = (dir) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            if (e.name === "node_modules" || e.name.startsWith(".")) continue;
            const p = path.join(dir, e.name);
            if (e.isDirectory()) walk(p);
            else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) found.push(path.relative(PACK, p));
        }
    };
    walk(PACK);
    return found;
}

/**
 * The pack's program, with the TypeScript packages it depends on (@k8s-infra/model, a
 * workspace package of sources) as root files: TypeScript emits nothing it found through
 * node_modules, and a root file is compiled like the pack's own.
 */
function packProgram(ts, fileNames, options) {
    const first = ts.createProgram(fileNames, options);
    const deps = first.getSourceFiles().filter((f) => !f.isDeclarationFile && first.isSourceFileFromExternalLibrary(f)).map((f) => f.fileName);
    return deps.length === 0 ? first : ts.createProgram([...deps, ...fileNames], options, undefined, first);
}

/** The package a source file belongs to: the nearest folder above it with a package.json. */
function packageOf(file) {
    for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest)) return { dir, name: JSON.parse(fs.readFileSync(manifest, "utf8")).name };
    }
    return undefined;
}

/**
 * In the build, node_modules/<name> links to the compiled copy of each TypeScript package
 * the pack depends on, so that `require("@k8s-infra/model/rules")` from the pack's compiled
 * files finds the compiled rules.js before the sources (Node looks in the nearest node_modules first).
 */
function linkPackages(program, outDir, outRoot) {
    const own = path.resolve(PACK);
    const linked = new Set();
    for (const f of program.getSourceFiles()) {
        if (f.isDeclarationFile) continue;
        const pkg = packageOf(path.resolve(f.fileName));
        if (!pkg || pkg.dir === own || !pkg.name || linked.has(pkg.name)) continue;
        linked.add(pkg.name);
        const link = path.join(outDir, "node_modules", ...pkg.name.split("/"));
        fs.mkdirSync(path.dirname(link), { recursive: true });
        fs.symlinkSync(path.relative(path.dirname(link), path.join(outDir, path.relative(outRoot, pkg.dir))), link, "dir");
    }
}

/** Type-checks and compiles the pack into a new build folder; returns its entry file. */
function build(ts) {
    const parsed = ts.getParsedCommandLineOfConfigFile(TSCONFIG, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(format(ts, [d])); } });
    fs.mkdirSync(BUILDS, { recursive: true });
    const tmp = fs.mkdtempSync(path.join(BUILDS, "tmp-"));
    const options = { ...parsed.options, outDir: tmp, rootDir: undefined, noEmit: false, sourceMap: true, declaration: false };
    const program = packProgram(ts, parsed.fileNames, options);
    const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (diagnostics.length > 0) {
        fs.rmSync(tmp, { recursive: true, force: true });
        throw new Error(`⨯ Unable to compile TypeScript:\n${format(ts, diagnostics)}`);
    }
    program.emit();
    // Every source compiled, the dependencies' too: an upgraded or edited one rebuilds.
    const sources = {};
    for (const f of program.getSourceFiles()) {
        if (!f.isDeclarationFile) sources[path.relative(PACK, f.fileName)] = hashFile(f.fileName);
    }
    // tsc lays the output out under the sources' common folder (the pack's and its packages').
    const outRoot = commonRoot(Object.keys(sources).map((rel) => path.resolve(PACK, rel)));
    linkPackages(program, tmp, outRoot);
    const entry = path.relative(outRoot, path.join(PACK, "index.js"));
    const manifest = { compiler: compilerKey(ts), sources, packFiles: packSources(), entry };
    const text = JSON.stringify(manifest, null, 1);
    fs.writeFileSync(path.join(tmp, "manifest.json"), text);
    const name = sha(text).slice(0, 16);
    const dir = path.join(BUILDS, name);
    try { fs.renameSync(tmp, dir); } catch { fs.rmSync(tmp, { recursive: true, force: true }); } // another start made the same build
    const pointer = path.join(BUILDS, `current.${process.pid}.tmp`);
    fs.writeFileSync(pointer, JSON.stringify({ build: name }));
    fs.renameSync(pointer, CURRENT);
    prune(name);
    return path.join(dir, entry);
}

/** Removes builds other than `keep` (a start that is loading one has read its files already or will rebuild). */
function prune(keep) {
    for (const e of fs.readdirSync(BUILDS, { withFileTypes: true })) {
        if (e.isDirectory() && e.name !== keep && !e.name.startsWith("tmp-")) fs.rmSync(path.join(BUILDS, e.name), { recursive: true, force: true });
    }
}

function commonRoot(files) {
    let root = path.dirname(files[0]);
    for (const f of files) while (!f.startsWith(root + path.sep)) root = path.dirname(root);
    return root;
}

function format(ts, diagnostics) {
    return ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => PACK, getNewLine: () => "\n" });
}

const ts = require("typescript");
require(freshBuild(ts) ?? build(ts));
