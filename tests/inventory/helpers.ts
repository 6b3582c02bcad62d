// Running `npm run inventory` as a user would (a child process, exit code and
// output), on the test's own k8s.io tree (tests/fixtures/k8sio-mini) or a broken
// copy of it, and reading back what it wrote.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import type { z } from "zod";
import { GroupsFile, InfraFile, OrganizationFile, ProjectFile, ZoneFile } from "../../model/inventory/schema";
import { REGISTER } from "../../tools/ts-cache";

export const ROOT = path.resolve(__dirname, "../..");
export const MINI = path.join(ROOT, "tests/fixtures/k8sio-mini");

export interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** The declared/ folder the runs read unless a test names one: none, so the repository's own changes nothing here. */
export const NO_DECLARED = path.join(ROOT, "tests/fixtures/declared-none");

export function inventory(args: string[]): Run {
    const declared = args.includes("--declared") ? [] : ["--declared", NO_DECLARED];
    const res = spawnSync(process.execPath, ["-r", REGISTER, "tools/inventory/cli.ts", ...args, ...declared], {
        cwd: ROOT, encoding: "utf8", timeout: 60_000, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") },
    });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

export function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), `inventory-${prefix}-`));
}

/** A copy of the mini tree to break (symbolic links kept as links). */
export function copyOfMini(into: string): string {
    const dst = path.join(into, "k8sio");
    fs.cpSync(MINI, dst, { recursive: true, verbatimSymlinks: true });
    return dst;
}

/** Every file under `dir`, relative, sorted, with its bytes. */
export function snapshot(dir: string): Map<string, string> {
    const out = new Map<string, string>();
    const walk = (rel: string) => {
        for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
            const child = rel ? `${rel}/${e.name}` : e.name;
            if (e.isDirectory()) walk(child);
            else out.set(child, fs.readFileSync(path.join(dir, child), "utf8"));
        }
    };
    walk("");
    return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The schema an inventory file is read with, by its path in the inventory. */
export function schemaFor(rel: string): z.ZodType {
    if (rel.startsWith("projects/")) return ProjectFile;
    if (rel.startsWith("dns/")) return ZoneFile;
    if (rel.startsWith("groups/")) return GroupsFile;
    if (rel === "infra.yaml") return InfraFile;
    if (rel === "organization.yaml") return OrganizationFile;
    throw new Error(`no schema for ${rel}`);
}

export function readYaml<T = any>(dir: string, rel: string): T { // eslint-disable-line @typescript-eslint/no-explicit-any
    return parse(fs.readFileSync(path.join(dir, rel), "utf8")) as T;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/**
 * Every e-mail address in the inventory at `dir` that is neither a service
 * account (*.gserviceaccount.com) nor a kubernetes.io group the inventory itself
 * lists (the groups files' emails), as "<file>: <address>".
 */
export function personalAddresses(dir: string): string[] {
    const files = snapshot(dir);
    const groups = new Set<string>();
    for (const [rel, text] of files) {
        if (!rel.startsWith("groups/")) continue;
        for (const g of (parse(text) as GroupsFile).groups) groups.add(g.email.toLowerCase());
    }
    const found: string[] = [];
    for (const [rel, text] of files) {
        for (const [address] of text.matchAll(EMAIL)) {
            const a = address.toLowerCase();
            const ok = a.endsWith(".gserviceaccount.com") || (a.endsWith("@kubernetes.io") && groups.has(a));
            if (!ok) found.push(`${rel}: ${address}`);
        }
    }
    return found;
}
