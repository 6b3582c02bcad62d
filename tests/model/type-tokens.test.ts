// Every provider type token the project writes (model/resource-types.ts, the policies,
// the program, the services, the tools) names a resource the pinned SDKs have, and each
// stateful type's deletion guards and label property are inputs of it: a typo or a
// renamed type would otherwise make a policy silently match nothing.

import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../helpers/cli";
import { sdkHasInputPath, sdkInputs } from "../stand-in-cloud/sdk-types";
import { GCP, NAMED_TYPES, STATEFUL_TYPES } from "../../model/resource-types";

const TOKEN = /["'`]((?:gcp|aws|random):[A-Za-z0-9]+(?:\/[A-Za-z0-9]+)?:[A-Za-z0-9]+)["'`]/g;
const FOLDERS = ["model", "policy-pack/policies", "policy-pack/lib", "program", "services", "tools"];

function tokensInSources(): Map<string, string[]> {
    const found = new Map<string, string[]>();
    const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            const p = path.join(dir, e.name);
            if (e.isDirectory()) walk(p);
            else if (e.name.endsWith(".ts")) {
                for (const [, token] of fs.readFileSync(p, "utf8").matchAll(TOKEN)) found.set(token, [...(found.get(token) ?? []), path.relative(ROOT, p)]);
            }
        }
    };
    for (const f of FOLDERS) walk(path.join(ROOT, f));
    return found;
}

test("every type token in the sources is a resource of the pinned provider SDKs", () => {
    const tokens = tokensInSources();
    expect(tokens.size).toBeGreaterThan(20);
    const unknown = [...tokens].filter(([token]) => !token.endsWith(":Provider") && sdkInputs(token) === undefined)
        .map(([token, files]) => `${token} (${[...new Set(files)].join(", ")})`);
    expect(unknown).toEqual([]);
});

test("each stateful type's guards and label property, and each named type's name property, are inputs of that type", () => {
    const missing: string[] = [];
    for (const [type, rule] of Object.entries(STATEFUL_TYPES)) {
        const inputs = sdkInputs(type);
        for (const p of [...Object.keys(rule.guards ?? {}), ...(rule.labels ? [rule.labels] : [])]) if (!inputs?.has(p)) missing.push(`${type}.${p}`);
    }
    for (const [type, rule] of Object.entries(NAMED_TYPES)) if (!sdkHasInputPath(type, rule.property)) missing.push(`${type}.${rule.property}`);
    expect(missing).toEqual([]);
});

test("a misspelt token or property is caught", () => {
    expect(sdkInputs(GCP.bucket)?.has("forceDestroy")).toBe(true);
    expect(sdkInputs("gcp:storage/bucket:Buckett")).toBeUndefined();
    expect(sdkInputs(GCP.bucket)?.has("forceDestroyed")).toBe(false);
});
