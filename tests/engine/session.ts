// A real-engine session for the lifecycle tests: the pinned CLI, one stand-in cloud
// and one throwaway file backend shared by every stack of the session (so a
// consumer's StackReference reads the outputs of the k8s-infra stack it deployed),
// and a `pulumi` runner that returns exit code and output instead of throwing.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensurePinnedCli, PinnedCli } from "../../tools/pulumi-cli/pinned";
import { StandInCloud, startStandInCloud } from "../../tools/stand-in-cloud";
import { writeStandInInventory } from "../../tools/stand-in-cloud/from-project-inventory";
import { makeWorkspace, Workspace } from "../../tools/preview-local/workspace";

export const ROOT = path.resolve(__dirname, "../..");

export interface CliResult {
    code: number | null;
    output: string;
}

export interface StackHandle {
    stack: string;
    projectDir: string;
    workspace: Workspace;
    /** Runs `pulumi <args> --stack S --cwd projectDir` in the session's backend (with --config-file <copy> where the command takes it). */
    pulumi(args: string[], extraEnv?: Record<string, string>): CliResult;
    /** The same stack with its config copy edited (the program changed after a preview, say). */
    withConfig(edit: (configText: string) => string): StackHandle;
}

/** Commands that run the program, and so take --config-file. */
const TAKES_CONFIG_FILE = new Set(["preview", "up", "update", "destroy", "refresh", "import"]);

let editCounter = 0;

export class EngineSession {
    private constructor(readonly dir: string, readonly cli: PinnedCli, readonly cloud: StandInCloud, readonly backendUrl: string) {}

    /**
     * Starts the stand-in cloud. Its inventory (what exists before the first create) is
     * `inventory` when given, else the objects of the project's own inventory/ folder, which
     * the prod stack adopts (model/inventory/cloud-objects.ts).
     */
    static async start(inventory?: string): Promise<EngineSession> {
        const cli = ensurePinnedCli();
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "k8s-infra-engine-"));
        if (!inventory) {
            inventory = path.join(dir, "inventory.json");
            writeStandInInventory(path.join(ROOT, "inventory"), inventory);
        }
        const cloud = await startStandInCloud({ stateDir: path.join(dir, "cloud"), packages: ["gcp", "aws"], inventory });
        fs.mkdirSync(path.join(dir, "backend"));
        return new EngineSession(dir, cli, cloud, `file://${path.join(dir, "backend")}`);
    }

    /** A new stack of `projectDir` in this session's backend; its config is a copy of Pulumi.<stack>.yaml. */
    stack(stack: string, projectDir = ROOT): StackHandle {
        const workspace = makeWorkspace({ cli: this.cli, projectDir, stack, parent: this.dir, optionalStackFile: true, backendUrl: this.backendUrl });
        return this.handle(stack, projectDir, workspace, workspace.configFile);
    }

    private handle(stack: string, projectDir: string, workspace: Workspace, configFile: string): StackHandle {
        // PULUMI_SKIP_CHECKPOINTS: the file backend otherwise rewrites the whole snapshot after
        // every step, which makes an up of the prod stack (thousands of steps) quadratic; the
        // engine then saves the deployment once, at the end, and the steps are the same.
        const env = { ...workspace.env, ...this.cloud.env, PULUMI_SKIP_CHECKPOINTS: "true" };
        const pulumi = (args: string[], extraEnv: Record<string, string> = {}): CliResult => {
            const config = TAKES_CONFIG_FILE.has(args[0]) ? ["--config-file", configFile] : [];
            const res = spawnSync(this.cli.pulumi, [...args, "--stack", stack, "--cwd", projectDir, ...config, "--non-interactive", "--color", "never"],
                { cwd: projectDir, env: { ...env, ...extraEnv }, encoding: "utf8", timeout: 15 * 60_000, maxBuffer: 512 * 1024 * 1024 });
            return { code: res.status, output: `${res.stdout}${res.stderr}` };
        };
        const withConfig = (edit: (configText: string) => string): StackHandle => {
            const edited = path.join(path.dirname(configFile), `edited-${Date.now()}-${editCounter++}.yaml`);
            fs.writeFileSync(edited, edit(fs.readFileSync(configFile, "utf8")));
            return this.handle(stack, projectDir, workspace, edited);
        };
        return { stack, projectDir, workspace, pulumi, withConfig };
    }

    /** "type id" of every object the stand-in cloud holds now (none before its first create). */
    cloudObjects(): Set<string> {
        const held = new Set<string>();
        for (const file of Object.values(this.cloud.stateFiles)) {
            if (!file || !fs.existsSync(file)) continue;
            const state = JSON.parse(fs.readFileSync(file, "utf8")) as { resources: Record<string, Record<string, unknown>> };
            for (const [type, byId] of Object.entries(state.resources)) for (const id of Object.keys(byId)) held.add(`${type} ${id}`);
        }
        return held;
    }

    async stop(): Promise<void> {
        await this.cloud.stop();
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}
