// The stand-in cloud's tables against the program and the pinned SDKs: every
// gcp and aws type the program registers (in staging and prod) has a replace
// rule and an id rule, and every property the tables name is an input of its
// type in @pulumi/gcp 9.37.0 / @pulumi/aws 7.48.0.

import * as path from "path";
import { main } from "../../program/main";
import { readStackConfig } from "../../tools/stack-config/stack-config";
import { runProgram } from "../../tools/check/run-program";
import { DEFAULT_REPLACE_ON_CHANGE, REPLACE_ON_CHANGE, replaceOnChange } from "../../tools/stand-in-cloud/replace-table";
import { NATURAL_KEYS, SERVER_ASSIGNED_IDS } from "../../tools/stand-in-cloud/ids";
import { GUARD_DEFAULTS } from "../../tools/stand-in-cloud/protection";
import { sdkHasInputPath, sdkInputs } from "./sdk-types";
import { WHOLE_STACK_MS } from "../helpers/timeouts";

const ROOT = path.resolve(__dirname, "../..");

async function programTypes(stack: string): Promise<string[]> {
    const cfg = readStackConfig(ROOT, stack);
    const run = await runProgram({
        project: cfg.project, stack, config: cfg.config, secretKeys: cfg.secretKeys, preview: true,
        program: () => main(ROOT),
    });
    return run.resources.filter(r => r.custom && /^(gcp|aws):/.test(r.type)).map(r => r.type);
}

describe("the types the program uses", () => {
    let types: string[];
    beforeAll(async () => {
        types = [...new Set([...await programTypes("staging"), ...await programTypes("prod")])].sort();
    }, 2 * WHOLE_STACK_MS);

    test("there are some of both packages", () => {
        expect(types.filter(t => t.startsWith("gcp:")).length).toBeGreaterThan(20);
        expect(types.filter(t => t.startsWith("aws:")).length).toBeGreaterThan(0);
    });

    test("each has its own entry in the replace table (none relies on the default)", () => {
        expect(types.filter(t => !(t in REPLACE_ON_CHANGE))).toEqual([]);
    });

    test("each has a natural key or is listed as server-assigned", () => {
        expect(types.filter(t => !(t in NATURAL_KEYS) && !SERVER_ASSIGNED_IDS.includes(t))).toEqual([]);
    });
});

describe("every property the tables name is an input of its type", () => {
    test.each(Object.keys(REPLACE_ON_CHANGE))("replace table: %s", type => {
        expect(sdkInputs(type)).toBeDefined();
        expect(REPLACE_ON_CHANGE[type].filter(p => !sdkHasInputPath(type, p))).toEqual([]);
    });

    test.each(Object.keys(NATURAL_KEYS))("natural key: %s", type => {
        const paths = [...NATURAL_KEYS[type].template.matchAll(/\{([^}]+)\}/g)].map(m => m[1]);
        expect(paths.length).toBeGreaterThan(0);
        expect(paths.filter(p => !sdkHasInputPath(type, p))).toEqual([]);
    });

    test.each(Object.keys(GUARD_DEFAULTS))("guard default: %s", type => {
        expect(Object.keys(GUARD_DEFAULTS[type]).filter(p => !sdkHasInputPath(type, p))).toEqual([]);
    });

    test("server-assigned types are real types with no natural key entry", () => {
        for (const type of SERVER_ASSIGNED_IDS) {
            expect(sdkInputs(type)).toBeDefined();
            expect(type in NATURAL_KEYS).toBe(false);
        }
    });
});

describe("replaceOnChange", () => {
    test("a listed type gets its own properties", () => {
        expect(replaceOnChange("gcp:organizations/project:Project")).toEqual(["projectId"]);
        expect(replaceOnChange("gcp:storage/bucket:Bucket")).toContain("location");
    });

    test("an unlisted type gets name, project, location, region, zone", () => {
        expect(replaceOnChange("gcp:compute/network:Network")).toBe(DEFAULT_REPLACE_ON_CHANGE);
        expect(DEFAULT_REPLACE_ON_CHANGE).toEqual(["name", "project", "location", "region", "zone"]);
    });
});
