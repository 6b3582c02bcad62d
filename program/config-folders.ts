// The folders a stack config names (k8s-infra:roster, k8s-infra:inventory,
// services.dns.zonesDir) are relative to the project folder, never to where a tool
// runs, and must be folders: a file or nothing where a folder is expected is bad
// input at the key's line, not a crash when the first file in it is read.

import * as fs from "fs";
import * as path from "path";
import type { StackConfig } from "../model/config";

export interface FolderProblem {
    /** The key, as a path in the k8s-infra namespace (["services", "dns", "zonesDir"]). */
    at: PropertyKey[];
    message: string;
}

/** The folders `config` names, each as [key path, value]. */
function foldersOf(config: StackConfig): [PropertyKey[], string][] {
    const out: [PropertyKey[], string][] = [[["roster"], config.roster]];
    if (config.inventory) out.push([["inventory"], config.inventory]);
    if (config.services.dns) out.push([["services", "dns", "zonesDir"], config.services.dns.zonesDir]);
    return out;
}

/** Why each folder the config names is not a folder under `projectDir`. */
export function folderProblems(config: StackConfig, projectDir: string): FolderProblem[] {
    const problems: FolderProblem[] = [];
    for (const [at, value] of foldersOf(config)) {
        const abs = path.resolve(projectDir, value);
        const stat = fs.statSync(abs, { throwIfNoEntry: false });
        if (!stat) problems.push({ at, message: `names ${abs}, which does not exist; give a folder relative to the project folder (${projectDir})` });
        else if (!stat.isDirectory()) problems.push({ at, message: `names ${abs}, which is a file; give the folder (relative to the project folder) that holds it` });
    }
    return problems;
}
