// The stand-in cloud's memory: one JSON file per package, holding what it has
// created (or taken over from the inventory by an update), by type token and id,
// and which inventory objects it has deleted. It is read before and written
// after every operation, so it can be inspected (or edited between runs) while
// the provider runs; a write goes to a temporary file that is then renamed over
// the old one, so a reader never sees half a file.

import * as fs from "fs";
import * as path from "path";
import type { Props } from "./values";

export const STATE_FORMAT_VERSION = 1;

export interface StateRecord {
    /** The URN of the resource that created or last updated it. */
    urn: string;
    /** Its state: exactly the inputs it was created or updated with. */
    properties: Props;
}

export interface CloudState {
    version: number;
    package: string;
    /** type token -> id -> record */
    resources: Record<string, Record<string, StateRecord>>;
    /** type token -> ids of inventory objects that were deleted (the inventory file is never changed). */
    deleted: Record<string, string[]>;
}

export function emptyState(pkg: string): CloudState {
    return { version: STATE_FORMAT_VERSION, package: pkg, resources: {}, deleted: {} };
}

/** The state in `file`, or an empty one when the file does not exist yet. */
export function readState(file: string, pkg: string): CloudState {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return emptyState(pkg);
        throw e;
    }
    let data: Partial<CloudState>;
    try {
        data = JSON.parse(text) as Partial<CloudState>;
    } catch (e) {
        throw new Error(`stand-in cloud state ${file} is not JSON: ${(e as Error).message}`);
    }
    if (data.version !== STATE_FORMAT_VERSION) {
        throw new Error(`stand-in cloud state ${file} has format version ${String(data.version)}; this code reads ${STATE_FORMAT_VERSION}`);
    }
    if (data.package !== pkg) {
        throw new Error(`stand-in cloud state ${file} belongs to package "${String(data.package)}", not "${pkg}"`);
    }
    return { version: data.version, package: pkg, resources: data.resources ?? {}, deleted: data.deleted ?? {} };
}

/** Writes the state atomically: a temporary file in the same folder, renamed over `file`. */
export function writeState(file: string, state: CloudState): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state, null, 2) + "\n");
    fs.renameSync(tmp, file);
}
