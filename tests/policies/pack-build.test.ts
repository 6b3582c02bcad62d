// policy-pack/load.js, the pack's entry, runs the pack compiled ahead of time and never a
// stale build: a copy of it in a scratch project (a pack folder importing ../shared, as the
// real pack compiles the model it imports) prints what its sources say after every edit, refuses a type
// error with TypeScript's diagnostic and runs no old build instead, and two starts at once
// both run the same fresh build.

import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../helpers/cli";

let dir: string;
const pack = () => path.join(dir, "pack");
const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
};
const env = process.env;
const start = () => spawnSync(process.execPath, [path.join(pack(), "load.js")], { cwd: pack(), encoding: "utf8", env, timeout: 60_000 });

beforeEach(() => {
    // Inside the checkout (.cache/ is ignored), so that the scratch pack finds typescript and @types/node as the real one does.
    fs.mkdirSync(path.join(ROOT, ".cache"), { recursive: true });
    dir = fs.mkdtempSync(path.join(ROOT, ".cache", "pack-build-"));
    fs.mkdirSync(pack());
    fs.copyFileSync(path.join(ROOT, "policy-pack", "load.js"), path.join(pack(), "load.js"));
    fs.copyFileSync(path.join(ROOT, "policy-pack", "tsconfig.json"), path.join(pack(), "tsconfig.json"));
    write("shared/value.ts", 'export const value: string = "one";\n');
    write("pack/index.ts", 'import { value } from "../shared/value";\nconsole.log(`value ${value}`);\n');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test("every start runs what the sources say now: an edit in an imported folder, a revert, a new pack file", () => {
    expect(start().stdout).toBe("value one\n");
    expect(start().stdout).toBe("value one\n");
    write("shared/value.ts", 'export const value: string = "two";\n');
    expect(start().stdout).toBe("value two\n");
    write("shared/value.ts", 'export const value: string = "one";\n');
    expect(start().stdout).toBe("value one\n");
    // A build records its sources and the pack folder's files; a new one there rebuilds (and is type-checked).
    write("pack/extra.ts", "const n: number = 1;\nexport { n };\n");
    expect(start().stdout).toBe("value one\n");
    const current = JSON.parse(fs.readFileSync(path.join(pack(), ".build", "current.json"), "utf8")) as { build: string };
    const manifest = JSON.parse(fs.readFileSync(path.join(pack(), ".build", current.build, "manifest.json"), "utf8")) as { packFiles: string[] };
    expect(manifest.packFiles).toEqual(["extra.ts", "index.ts"]);
});

test("a type error stops the start with TypeScript's diagnostic, and no earlier build runs instead", () => {
    expect(start().stdout).toBe("value one\n");
    write("shared/value.ts", 'export const value: number = "three";\n');
    const broken = start();
    expect(broken.status).not.toBe(0);
    expect(broken.stdout).toBe("");
    expect(broken.stderr).toMatch(/Unable to compile TypeScript[\s\S]*shared\/value\.ts\(1,14\): error TS2322/);
    write("shared/value.ts", 'export const value: string = "four";\n');
    expect(start().stdout).toBe("value four\n");
});

test("two starts at once after an edit both run the new build", async () => {
    expect(start().stdout).toBe("value one\n");
    write("shared/value.ts", 'export const value: string = "five";\n');
    const run = () => new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(pack(), "load.js")], { cwd: pack(), env });
        let out = "";
        child.stdout.on("data", (d: Buffer) => { out += d.toString(); });
        child.on("error", reject).on("close", () => resolve(out));
    });
    expect(await Promise.all([run(), run()])).toEqual(["value five\n", "value five\n"]);
    const builds = fs.readdirSync(path.join(pack(), ".build")).filter(n => n !== "current.json");
    expect(builds).toHaveLength(1);
});
