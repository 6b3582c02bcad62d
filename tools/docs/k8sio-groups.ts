// The group addresses k8s.io's own groups files already define, from an inventory's
// groups/ folder (inventory/groups/*.yaml, written by `npm run inventory`). A group
// k8s.io defines is referred to by address only; the generated groups.yaml must not
// define it again (the reconciler refuses a group defined twice). Only groups/ is
// read, not the project files, so that `npm run docs` stays quick.

import * as fs from "fs";
import * as path from "path";
import { GroupsFile } from "../../model/inventory/schema";
import { InputError, Problem, formatPath } from "../../model/errors";
import { YamlFile } from "../../model/yaml-file";

/** Lowercased addresses of every group in `inventoryDir`/groups; none when the folder is absent. */
export function k8sioGroups(inventoryDir: string, displayDir: string): Set<string> {
    const dir = path.join(inventoryDir, "groups");
    const defined = new Set<string>();
    if (!fs.existsSync(dir)) return defined;
    const problems: Problem[] = [];
    for (const name of fs.readdirSync(dir).filter(f => f.endsWith(".yaml")).sort()) {
        const file = YamlFile.read(path.join(dir, name), path.join(displayDir, "groups", name));
        if (!file.ok) {
            problems.push(...file.problems);
            continue;
        }
        const parsed = GroupsFile.safeParse(file.toJS());
        if (!parsed.success) {
            for (const issue of parsed.error.issues) problems.push(file.problem(issue.path as PropertyKey[], `${issue.message} (at ${formatPath(issue.path as PropertyKey[])}); run npm run inventory again`));
            continue;
        }
        for (const g of parsed.data.groups) defined.add(g.email.toLowerCase());
    }
    if (problems.length > 0) throw new InputError("inventory groups", problems);
    return defined;
}
