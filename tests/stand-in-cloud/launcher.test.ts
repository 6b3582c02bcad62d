// startStandInCloud's process handling: a provider that cannot start is reported
// with its log and leaves no process behind; stop() ends the providers; and no
// provider outlives the process that started it, whether that one is sent
// SIGTERM or SIGINT, or is SIGKILLed (then the providers see their stdin close).

import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startStandInCloud } from "../../tools/stand-in-cloud/start";
import { trackedCount } from "../../tools/stand-in-cloud/reaper";
import { REGISTER } from "../../tools/ts-cache";

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "stand-in-launcher-")); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const alive = (pid: number) => {
    try { process.kill(pid, 0); return true; } catch { return false; }
};

async function gone(pids: number[], withinMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    while (Date.now() < deadline) {
        if (pids.every(p => !alive(p))) return true;
        await new Promise(r => setTimeout(r, 100));
    }
    return false;
}

test("a provider that cannot start: a clear error with its log, no process left", async () => {
    const inventory = path.join(dir, "inventory.yaml");
    fs.writeFileSync(inventory, "version: 2\nresources: {}\n");
    await expect(startStandInCloud({ stateDir: dir, inventory, packages: ["gcp"] }))
        .rejects.toThrow(/stand-in cloud for gcp did not start: it exited[^]*version must be 1/);
    expect(trackedCount()).toBe(0);
});

test("a provider that is too slow: the timeout is named, and it is killed", async () => {
    await expect(startStandInCloud({ stateDir: dir, packages: ["aws"], startTimeoutMs: 10 }))
        .rejects.toThrow("stand-in cloud for aws did not start: no port after 10 ms");
    expect(trackedCount()).toBe(0);
});

test("stop() ends every provider", async () => {
    const cloud = await startStandInCloud({ stateDir: dir, packages: ["gcp", "aws"] });
    const pids = Object.values(cloud.pids) as number[];
    expect(pids.every(alive)).toBe(true);
    await cloud.stop();
    expect(await gone(pids)).toBe(true);
    expect(trackedCount()).toBe(0);
});

describe.each(["SIGTERM", "SIGINT", "SIGKILL"] as const)("the parent is sent %s", signal => {
    test("its providers exit too", async () => {
        const fixture = path.join(__dirname, "fixtures", "parent.ts");
        const parent = spawn(process.execPath, ["-r", REGISTER, fixture, dir],
            { stdio: ["ignore", "pipe", "inherit"] });
        const line = await new Promise<string>((resolve, reject) => {
            let out = "";
            parent.stdout.on("data", c => { out += c; if (out.includes("\n")) resolve(out.split("\n")[0]); });
            parent.once("exit", code => reject(new Error(`parent exited early (${code})`)));
        });
        const pids = Object.values((JSON.parse(line) as { pids: Record<string, number> }).pids);
        expect(pids).toHaveLength(2);
        expect(pids.every(alive)).toBe(true);
        const exited = new Promise(resolve => parent.once("exit", (code, sig) => resolve(sig ?? code)));
        parent.kill(signal);
        expect(await exited).toBe(signal);
        expect(await gone(pids)).toBe(true);
    });
});
