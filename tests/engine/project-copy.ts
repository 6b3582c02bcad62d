// A scratch copy of the project for one engine case, built the same way for both
// tools (`npm run check` and `npm run preview:local`): a temp folder of symlinks to
// every top-level entry of the checkout, except the case's Pulumi.<stack>.yaml,
// which is written from the case's edit. The checkout is never written to, so cases
// can run one after another (or the suite can keep a copy per case) without
// disturbing each other or the working tree. The case's policy-pack-config, if any,
// is written next to the copy (outside the project folder), and `toolArgs` gives
// the flags both tools take for the case.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseDocument } from "yaml";
import type { EngineCase } from "./case";

/** The checkout the copies are made of. */
export const PROJECT_ROOT = path.resolve(__dirname, "../..");

export interface ProjectCopy {
    /** The project folder to give as --project-dir. */
    dir: string;
    /** The case's policy-pack-config written to a file, or undefined when the case has none. */
    policyPackConfig?: string;
    /** Removes the copy (symlinks only: their targets are untouched). */
    cleanup(): void;
}

/** The case's stack file, parsed, edited and printed; undefined when the case does not edit it. */
export function editedStackFile(c: EngineCase, root = PROJECT_ROOT): string | undefined {
    if (!c.editStack) return undefined;
    const file = path.join(root, `Pulumi.${c.stack}.yaml`);
    const doc = parseDocument(fs.readFileSync(file, "utf8"));
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
    c.editStack(doc);
    // No line folding, no padding inside [ ]: the copy stays close to the file (same values, checked below).
    const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
    const reread = parseDocument(text);
    if (reread.errors.length > 0 || JSON.stringify(reread.toJS()) !== JSON.stringify(doc.toJS())) {
        throw new Error(`case ${c.name}: the edited ${path.basename(file)} does not read back as the edited document`);
    }
    return text;
}

/** A symlink farm of the project with the case's stack edit applied (and its policy-pack-config written). */
export function projectWithStackEdit(c: EngineCase): ProjectCopy {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), `k8s-infra-engine-case-${c.name}-`));
    const cleanup = () => fs.rmSync(base, { recursive: true, force: true });
    try {
        const dir = path.join(base, "project");
        fs.mkdirSync(dir);
        const stackFile = `Pulumi.${c.stack}.yaml`;
        const edited = editedStackFile(c);
        for (const entry of fs.readdirSync(PROJECT_ROOT)) {
            if (entry === stackFile && edited !== undefined) continue;
            fs.symlinkSync(path.join(PROJECT_ROOT, entry), path.join(dir, entry));
        }
        if (edited !== undefined) fs.writeFileSync(path.join(dir, stackFile), edited);
        let policyPackConfig: string | undefined;
        if (c.policyPackConfig !== undefined) {
            policyPackConfig = path.join(base, "policy-pack-config.json");
            const text = typeof c.policyPackConfig === "string" ? c.policyPackConfig : JSON.stringify(c.policyPackConfig, null, 2) + "\n";
            fs.writeFileSync(policyPackConfig, text);
        }
        return { dir, policyPackConfig, cleanup };
    } catch (err) {
        cleanup();
        throw err;
    }
}

/** The flags both tools take for the case, against `copy` (add --format yourself). */
export function toolArgs(c: EngineCase, copy: ProjectCopy): string[] {
    const args = ["--project-dir", copy.dir, "--stack", c.stack];
    if (c.roster !== undefined) args.push("--roster", path.resolve(PROJECT_ROOT, c.roster));
    if (copy.policyPackConfig !== undefined) args.push("--policy-pack-config", copy.policyPackConfig);
    if (c.asOf !== undefined) args.push("--as-of", c.asOf);
    return args;
}
