// Projects no audit dump has yet, as k8s.io's own terraform declares them:
// declared/<project-id>.yaml in this repository, each naming the k8s.io files
// (path@commit) it was read from. `npm run inventory` writes each as an
// inventory project with `declaredBy`, so the program adopts what exists
// instead of planning creates over it. An audit dump is what exists: once the
// tree read has the project, its declared file is refused, to be deleted.

import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { Problem, formatPath } from "../../model/errors";
import { INVENTORY_FORMAT, ProjectFile } from "../../model/inventory/schema";
import { describeIssue } from "../../model/schema-issues";
import { YamlFile } from "../../model/yaml-file";
import { compare } from "./source";

/** The declared/ folder of this repository: what `npm run inventory` reads besides the k8s.io tree. */
export const DECLARED_DIR = path.resolve(__dirname, "../../declared");

/** A k8s.io file at the commit its facts were read at: infra/gcp/terraform/k8s-infra-prow/gke.tf@<40 hex>. */
const DeclaringFile = z.string().regex(/^[A-Za-z0-9._/-]+@[0-9a-f]{40}$/, { message: "is not a k8s.io file at a commit, like infra/gcp/terraform/k8s-infra-prow/gke.tf@<40-hex commit>" });

/** A declared project: an inventory project less what only an audit can say (its unread files). */
export const DeclaredProject = ProjectFile.omit({ format: true, unread: true, declaredBy: true }).extend({
    declaredBy: z.array(DeclaringFile).min(1, { message: "names no k8s.io file; list the files (path@commit) these facts come from" }),
    services: z.array(z.string()).default([]),
    iam: ProjectFile.shape.iam.default([]),
    buckets: ProjectFile.shape.buckets.default({}),
    serviceAccounts: ProjectFile.shape.serviceAccounts.default({}),
    secrets: ProjectFile.shape.secrets.default({}),
    datasets: ProjectFile.shape.datasets.default({}),
    clusters: ProjectFile.shape.clusters.default({}),
    dnsZones: ProjectFile.shape.dnsZones.default({}),
});

export interface Declared {
    /** Relative to the repository, as messages and headers name it. */
    file: string;
    project: ProjectFile;
}

const ADVICE = "declared/ files are kept by hand from k8s.io's terraform: fix the file";

/**
 * Every declared/*.yaml of `dir`, checked; `audited` are the projects the k8s.io tree has, which
 * no declared file may repeat. Problems name the file and line.
 */
export function readDeclared(dir: string, display: string, audited: ReadonlySet<string>): { declared: Declared[]; problems: Problem[] } {
    const problems: Problem[] = [];
    const declared: Declared[] = [];
    const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith(".yaml")).sort(compare) : [];
    for (const name of names) {
        const file = `${display}/${name}`;
        const yaml = YamlFile.read(path.join(dir, name), file);
        if (!yaml.ok) {
            problems.push(...yaml.problems);
            continue;
        }
        const parsed = DeclaredProject.safeParse(yaml.toJS());
        if (!parsed.success) {
            for (const issue of parsed.error.issues) {
                const { path: at, message } = describeIssue(issue, ADVICE);
                problems.push({ file, line: yaml.lineOf(at), at: formatPath(at) || undefined, message });
            }
            continue;
        }
        const p = parsed.data;
        if (name !== `${p.id}.yaml`) {
            problems.push({ file, line: yaml.lineOf(["id"]), at: "id", message: `declares project ${p.id}; name the file ${p.id}.yaml` });
        } else if (audited.has(p.id)) {
            problems.push({ file, message: `declares ${p.id}, which the k8s.io tree's audit dump now has: the audit is what exists; delete this file` });
        } else {
            declared.push({ file, project: { format: INVENTORY_FORMAT, ...p, services: [...new Set(p.services)].sort(compare), unread: [] } });
        }
    }
    return { declared, problems };
}
