// The two tools that must agree (the offline check and the real preview) refuse the
// same bad arguments the same way: exit 2 with the same message, before any work.

import { spawnSync } from "child_process";
import * as path from "path";
import { REGISTER } from "../../tools/ts-cache";

const ROOT = path.resolve(__dirname, "../..");

function run(cli: string, args: string[]): { code: number | null; stderr: string } {
    const res = spawnSync(process.execPath, ["-r", REGISTER, cli, ...args], {
        cwd: ROOT, encoding: "utf8", timeout: 60_000, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") },
    });
    return { code: res.status, stderr: res.stderr };
}

test.each([
    [["--as-of", "2027-02-30"], '--as-of must be a real calendar day YYYY-MM-DD, not "2027-02-30"'],
    [["--roster", "roster/people.yaml"], "--roster roster/people.yaml: is a file; give the roster folder"],
    [["--roster", "no-such-folder"], "--roster no-such-folder: no such folder"],
    [["--project-dir", "tests"], "has no Pulumi.yaml; give the project folder with --project-dir"],
])("%j: exit 2 from both, with the same message", (args, message) => {
    for (const cli of ["tools/check/cli.ts", "tools/preview-local/cli.ts"]) {
        const res = run(cli, args as string[]);
        expect({ cli, code: res.code, said: res.stderr.includes(message as string) }).toEqual({ cli, code: 2, said: true });
    }
});
