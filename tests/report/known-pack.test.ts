// The report knows the pack's policies (names, levels, severities, descriptions) by
// reading the policy objects, without loading @pulumi/policy or the Pulumi SDK under it:
// they are most of a process's start (0.9 of 1.2 s of `npm run report`, CPU profile).

import { spawnSync } from "child_process";
import * as path from "path";
import { ROOT } from "../helpers/cli";
import { REGISTER } from "../../tools/ts-cache";

test("knownPack() lists the policies and loads no @pulumi module", () => {
    const script = 'const k = require("./tools/report/pack").knownPack(); ' +
        'console.log(JSON.stringify({ policies: k.policies.length, pulumi: Object.keys(require.cache).filter(f => f.includes("/node_modules/@pulumi/")) }));';
    const run = spawnSync(process.execPath, ["-r", REGISTER, "-e", script],
        { cwd: ROOT, encoding: "utf8", timeout: 60_000, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") } });
    expect(run.stderr).toBe("");
    const out = JSON.parse(run.stdout) as { policies: number; pulumi: string[] };
    expect(out.policies).toBeGreaterThan(10);
    expect(out.pulumi).toEqual([]);
});
