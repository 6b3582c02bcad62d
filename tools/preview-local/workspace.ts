// A throwaway place for a real `pulumi preview` on any laptop: a local file
// backend, its own PULUMI_HOME, a passphrase that exists only for this run, and
// a copy of the stack's real Pulumi.<stack>.yaml to hand the CLI with
// --config-file. The copy differs from the real file only where a throwaway
// backend must: the stack's Cloud KMS secrets provider (which needs Google
// credentials even to decrypt nothing) becomes the throwaway passphrase, and
// `--roster DIR` sets k8s-infra:roster as `npm run check --roster` does. The
// checkout is never written to.

import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isMap, parseDocument } from "yaml";
import { NAMESPACE } from "../../model/config";
import { InputError } from "../../model/errors";
import type { PinnedCli } from "../pulumi-cli/pinned";
import { cliEnv } from "../pulumi-cli/pinned";

/** Top-level stack-file keys that belong to the real backend's key management, not to the config. */
const KEY_MANAGEMENT_KEYS = ["secretsprovider", "encryptedkey", "encryptionsalt"] as const;

export interface Workspace {
    dir: string;
    /** The config file to pass with --config-file. */
    configFile: string;
    /** Environment for every CLI call in this workspace (backend, home, passphrase, no update checks). */
    env: NodeJS.ProcessEnv;
    remove(): void;
}

export interface WorkspaceOptions {
    cli: PinnedCli;
    projectDir: string;
    stack: string;
    /** Use this roster folder instead of the stack's k8s-infra:roster. */
    roster?: string;
    /** Where to make the workspace (default: the system's temp folder). */
    parent?: string;
    /** A project without Pulumi.<stack>.yaml (a consumer's example) starts from an empty config. */
    optionalStackFile?: boolean;
    /** Use this backend (file://...) instead of one of the workspace's own, e.g. to share it between stacks. */
    backendUrl?: string;
}

/** Makes the backend and home, creates the stack in it, and writes the config copy. */
export function makeWorkspace(opts: WorkspaceOptions): Workspace {
    const dir = fs.mkdtempSync(path.join(opts.parent ?? os.tmpdir(), `k8s-infra-preview-${opts.stack}-`));
    const remove = () => fs.rmSync(dir, { recursive: true, force: true });
    try {
        for (const sub of ["state", "home", "stackdir"]) fs.mkdirSync(path.join(dir, sub));
        const env = cliEnv(opts.cli, {
            ...process.env,
            PULUMI_BACKEND_URL: opts.backendUrl ?? `file://${path.join(dir, "state")}`,
            PULUMI_HOME: path.join(dir, "home"),
            PULUMI_CONFIG_PASSPHRASE: crypto.randomBytes(24).toString("base64"),
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            // `--event-log` is registered only when this is set (pkg/cmd/pulumi/operations/preview.go).
            PULUMI_DEBUG_COMMANDS: "true",
            // The language host transpiles the program without type-checking it (cmd/run/run.js reads
            // this): `npm run typecheck` checks the types, and each preview then skips seconds of it.
            // Set it to false to have the CLI type-check as it does by default.
            PULUMI_NODEJS_TRANSPILE_ONLY: process.env.PULUMI_NODEJS_TRANSPILE_ONLY ?? "true",
        });
        delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
        delete env.PULUMI_ACCESS_TOKEN;
        // The stack is created from a folder that holds only a copy of Pulumi.yaml, so that
        // `stack init` writes its salt there and not into the checkout.
        const stackDir = path.join(dir, "stackdir");
        fs.copyFileSync(path.join(opts.projectDir, "Pulumi.yaml"), path.join(stackDir, "Pulumi.yaml"));
        const init = spawnSync(opts.cli.pulumi, ["stack", "init", opts.stack, "--secrets-provider", "passphrase", "--non-interactive", "--cwd", stackDir],
            { env, encoding: "utf8" });
        if (init.status !== 0) throw new Error(`pulumi stack init ${opts.stack} failed: ${(init.stderr || init.stdout).trim()}`);
        const configFile = path.join(stackDir, `Pulumi.${opts.stack}.yaml`);
        fs.writeFileSync(configFile, configCopy(opts, fs.readFileSync(configFile, "utf8")));
        return { dir, configFile, env, remove };
    } catch (err) {
        remove();
        throw err;
    }
}

/** The real stack file with the throwaway key management (from `stack init`) and the roster override. */
function configCopy(opts: WorkspaceOptions, initialized: string): string {
    const file = `Pulumi.${opts.stack}.yaml`;
    const real = path.join(opts.projectDir, file);
    if (!fs.existsSync(real) && opts.optionalStackFile) return initialized;
    if (!fs.existsSync(real)) throw new InputError(`stack ${opts.stack}`, [{ file, message: `does not exist in ${opts.projectDir}; name a stack that has a Pulumi.<stack>.yaml` }]);
    const doc = parseDocument(fs.readFileSync(real, "utf8"));
    if (doc.errors.length > 0) throw new InputError(`configuration file ${file}`, doc.errors.map(e => ({ file, line: e.linePos?.[0].line, message: e.message })));
    const salt = parseDocument(initialized).get("encryptionsalt");
    for (const key of KEY_MANAGEMENT_KEYS) doc.delete(key);
    if (typeof salt === "string") doc.set("encryptionsalt", salt);
    if (opts.roster) {
        if (!isMap(doc.get("config", true))) doc.set("config", doc.createNode({}));
        doc.setIn(["config", `${NAMESPACE}:roster`], path.resolve(opts.roster));
    }
    // No line folding: the copy keeps the file's long lines as they are.
    return doc.toString({ lineWidth: 0 });
}
