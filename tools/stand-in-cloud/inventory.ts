// The inventory: objects that exist in the (pretend) cloud without the stand-in
// having created them, for refresh and import to find. A JSON or YAML file (by
// extension: .json is JSON, anything else YAML):
//
//   version: 1
//   description: where this came from      # optional, free text
//   resources:
//     <type token>:                        # e.g. gcp:storage/bucket:Bucket
//       <id>:                              # the id `pulumi import` would be given
//         <property>: <value>              # the resource's properties, named as in the SDK's inputs
//
// It is only read, never written: an update of an inventory object copies it
// into the state file, and a delete records its id there as deleted.

import * as fs from "fs";
import { parse as parseYaml } from "yaml";
import type { Props } from "./values";

export const INVENTORY_FORMAT_VERSION = 1;

/** type token -> id -> properties */
export type Inventory = Record<string, Record<string, Props>>;

const TYPE_TOKEN = /^[A-Za-z0-9_-]+:[^:]+:[^:]+$/;
const TOP_LEVEL = new Set(["version", "description", "resources"]);

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks the document's shape; returns every problem found, each naming where it is. */
export function inventoryProblems(doc: unknown): string[] {
    if (!isObject(doc)) return ["the document is not a mapping"];
    const problems: string[] = [];
    for (const key of Object.keys(doc)) {
        if (!TOP_LEVEL.has(key)) problems.push(`unknown top-level key "${key}" (expected version, description, resources)`);
    }
    if (doc.version !== INVENTORY_FORMAT_VERSION) problems.push(`version must be ${INVENTORY_FORMAT_VERSION}, not ${JSON.stringify(doc.version)}`);
    if (doc.description !== undefined && typeof doc.description !== "string") problems.push("description must be a string");
    if (!isObject(doc.resources)) return [...problems, "resources must be a mapping of type token -> id -> properties"];
    for (const [type, byId] of Object.entries(doc.resources)) {
        if (!TYPE_TOKEN.test(type)) problems.push(`resources."${type}": not a type token (package:module:Type)`);
        if (!isObject(byId)) { problems.push(`resources."${type}": must be a mapping of id -> properties`); continue; }
        for (const [id, props] of Object.entries(byId)) {
            if (id === "") problems.push(`resources."${type}": an id is empty`);
            if (!isObject(props)) problems.push(`resources."${type}"."${id}": properties must be a mapping`);
        }
    }
    return problems;
}

/** Reads and checks an inventory file; keeps only the types of `pkg` (e.g. "gcp"). */
export function readInventory(file: string, pkg: string): Inventory {
    const text = fs.readFileSync(file, "utf8");
    let doc: unknown;
    try {
        doc = file.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
    } catch (e) {
        throw new Error(`stand-in cloud inventory ${file} does not parse: ${(e as Error).message}`);
    }
    const problems = inventoryProblems(doc);
    if (problems.length > 0) {
        throw new Error(`stand-in cloud inventory ${file} is not valid:\n  ${problems.join("\n  ")}`);
    }
    const resources = (doc as { resources: Inventory }).resources;
    const own: Inventory = {};
    for (const [type, byId] of Object.entries(resources)) {
        if (type.startsWith(`${pkg}:`)) own[type] = byId;
    }
    return own;
}
