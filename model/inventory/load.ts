// Reads an inventory folder (written by `npm run inventory`) into typed data,
// checking every file against its schema (model/inventory/schema.ts). All
// problems are collected, each naming its file and line, and thrown as one
// InputError, so a broken inventory never half-drives a run.

import * as fs from "fs";
import * as path from "path";
import type { z } from "zod";
import { InputError, Problem, formatPath } from "../errors";
import { YamlFile } from "../yaml-file";
import { describeIssue } from "../schema-issues";
import { GroupsFile, InfraFile, ProjectFile, ZoneFile } from "./schema";

export interface Inventory {
    /** The folder it was read from, as messages name it. */
    dir: string;
    projects: Map<string, ProjectFile>;
    zones: Map<string, ZoneFile>;
    groups: GroupsFile[];
    /** infra.yaml's project types: type -> project ids. */
    infra: Record<string, string[]>;
}

const HINT = "the inventory is generated: run `npm run inventory -- --from <k8s.io tree>` again instead of editing it";

function readOne<T>(abs: string, display: string, schema: z.ZodType<T>, problems: Problem[]): T | undefined {
    const file = YamlFile.read(abs, display);
    if (!file.ok) {
        problems.push(...file.problems);
        return undefined;
    }
    const parsed = schema.safeParse(file.toJS());
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
        const { path: at, message } = describeIssue(issue, HINT);
        problems.push({ file: display, line: file.lineOf(at), at: formatPath(at) || undefined, message });
    }
    return undefined;
}

function yamlFilesIn(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir).filter(f => f.endsWith(".yaml")).sort();
}

/** Reads `absDir`; `displayDir` is how messages name it (relative to the project). */
export function loadInventory(absDir: string, displayDir: string): Inventory {
    const problems: Problem[] = [];
    if (!fs.existsSync(path.join(absDir, "projects"))) {
        throw new InputError("inventory", [{ file: displayDir, message: `is not an inventory (no projects/ folder); make one with \`npm run inventory -- --from <k8s.io tree> --out ${displayDir}\`` }]);
    }
    const inv: Inventory = { dir: displayDir, projects: new Map(), zones: new Map(), groups: [], infra: {} };
    for (const f of yamlFilesIn(path.join(absDir, "projects"))) {
        const display = path.join(displayDir, "projects", f);
        const p = readOne(path.join(absDir, "projects", f), display, ProjectFile, problems);
        if (!p) continue;
        if (`${p.id}.yaml` !== f) problems.push({ file: display, at: "id", message: `holds project ${p.id}; the file must be named ${p.id}.yaml` });
        inv.projects.set(p.id, p);
    }
    for (const f of yamlFilesIn(path.join(absDir, "dns"))) {
        const z = readOne(path.join(absDir, "dns", f), path.join(displayDir, "dns", f), ZoneFile, problems);
        if (z) inv.zones.set(z.zone, z);
    }
    for (const f of yamlFilesIn(path.join(absDir, "groups"))) {
        const g = readOne(path.join(absDir, "groups", f), path.join(displayDir, "groups", f), GroupsFile, problems);
        if (g) inv.groups.push(g);
    }
    const infraFile = path.join(absDir, "infra.yaml");
    if (fs.existsSync(infraFile)) {
        const infra = readOne(infraFile, path.join(displayDir, "infra.yaml"), InfraFile, problems);
        if (infra) inv.infra = Object.fromEntries(Object.entries(infra.types).map(([t, v]) => [t, v.projects]));
    }
    if (problems.length > 0) throw new InputError("inventory", problems);
    return inv;
}
