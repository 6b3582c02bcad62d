// What the pinned provider SDKs say about a type token: the input properties of
// its `<Type>Args` interface, read from node_modules/@pulumi/<package>'s .d.ts
// (the file is the module's one whose .js registers that token). The tables of
// tools/stand-in-cloud are checked against these, so a typo or a renamed input
// fails a test instead of silently never matching.

import * as fs from "fs";
import * as path from "path";

const cache = new Map<string, Set<string> | undefined>();

function sdkFile(type: string): string | undefined {
    const [pkg, mod] = type.split(":");
    const [dir, base] = mod.includes("/") ? mod.split("/") : ["", mod];
    const root = path.dirname(require.resolve(`@pulumi/${pkg}/package.json`));
    const folder = path.join(root, dir);
    if (!fs.existsSync(folder)) return undefined;
    const candidates = fs.readdirSync(folder).filter(f => f.toLowerCase() === `${base.toLowerCase()}.js`);
    const file = candidates.find(f => fs.readFileSync(path.join(folder, f), "utf8").includes(`__pulumiType = '${type}'`));
    return file ? path.join(folder, file.replace(/\.js$/, ".d.ts")) : undefined;
}

/** The members of `interface <name> {` in text: property name -> its declared type. */
function interfaceMembers(text: string, name: string): Map<string, string> | undefined {
    const start = text.search(new RegExp(`interface ${name} \\{`));
    if (start < 0) return undefined;
    const indent = /\n( *)[^\n]*$/.exec(text.slice(0, start + 1))?.[1] ?? "";
    const body = text.slice(start, text.indexOf(`\n${indent}}`, start));
    const members = new Map<string, string>();
    for (const m of body.matchAll(new RegExp(`^${indent} {4}([A-Za-z0-9_]+)\\??: ([^;]*);`, "gm"))) members.set(m[1], m[2]);
    return members;
}

function argsMembers(type: string): Map<string, string> | undefined {
    const file = sdkFile(type);
    return file ? interfaceMembers(fs.readFileSync(file, "utf8"), `${type.split(":")[2]}Args`) : undefined;
}

/** The input property names of the type, or undefined when the SDK has no such resource. */
export function sdkInputs(type: string): Set<string> | undefined {
    if (!cache.has(type)) {
        const members = argsMembers(type);
        cache.set(type, members && new Set(members.keys()));
    }
    return cache.get(type);
}

/**
 * Whether a dotted input path ("nodeConfig.machineType") names an input of the type:
 * each step after the first is looked up in the block type the SDK declares (types/input.d.ts).
 */
export function sdkHasInputPath(type: string, dotted: string): boolean {
    const [first, ...rest] = dotted.split(".");
    let members = argsMembers(type);
    const pkg = type.split(":")[0];
    const inputs = fs.readFileSync(path.join(path.dirname(require.resolve(`@pulumi/${pkg}/package.json`)), "types", "input.d.ts"), "utf8");
    let declared = members?.get(first);
    for (const step of rest) {
        const block = declared && /inputs\.\w+\.(\w+)/.exec(declared)?.[1];
        members = block ? interfaceMembers(inputs, block) : undefined;
        declared = members?.get(step);
    }
    return declared !== undefined;
}
