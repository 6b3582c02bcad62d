// The stack config travels to the program and the policy pack in one environment
// variable, which Linux caps at MAX_ARG_STRLEN: a config just under the cap is
// checked, one byte over is refused (exit 2, with the file, the size, the limit and
// what to do), and the cap is the kernel's own, shown by spawning a process.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../../model/errors";
import { goJson } from "../../tools/stack-config/go-json";
import { MAX_ARG_STRLEN, envStringBytes, launchProblems, packConfigEnv, programConfigEnv } from "../../tools/stack-config/launch-env";
import { readStackConfig } from "../../tools/stack-config/stack-config";
import { ROOT, runCheck } from "../helpers/cli";

const tempDirs: string[] = [];
afterAll(() => { for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true }); });

/** A project whose stack `big` holds `k8s-infra:filler` of `n` bytes, plus an empty `small` stack. */
function project(n: number): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "launch-env-"));
    tempDirs.push(dir);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: k8s-infra\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "Pulumi.big.yaml"), `config:\n  k8s-infra:filler: ${"x".repeat(n)}\n`);
    return dir;
}

/** The filler length at which the program's PULUMI_CONFIG takes exactly MAX_ARG_STRLEN bytes. */
const FITS = MAX_ARG_STRLEN - envStringBytes("PULUMI_CONFIG", programConfigEnv({ "k8s-infra:filler": "" }, []).PULUMI_CONFIG);

describe("Go's JSON, as the CLI writes PULUMI_CONFIG", () => {
    test("keys sorted by bytes (integer-like keys too), HTML characters escaped", () => {
        expect(goJson({ b: 1, "10": 2, "9": [true, null], a: { y: "<&>", x: "\u2028" } }))
            .toBe('{"10":2,"9":[true,null],"a":{"x":"\\u2028","y":"\\u003c\\u0026\\u003e"},"b":1}');
    });

    test("the program's keys are <namespace>:config:<name>; the pack's are as written", () => {
        expect(programConfigEnv({ "k8s-infra:roster": "roster" }, ["k8s-infra:contacts"]))
            .toEqual({ PULUMI_CONFIG: '{"k8s-infra:config:roster":"roster"}', PULUMI_CONFIG_SECRET_KEYS: '["k8s-infra:contacts"]' });
        expect(packConfigEnv({ "k8s-infra:roster": "roster" })).toEqual({ PULUMI_CONFIG: '{"k8s-infra:roster":"roster"}' });
    });
});

describe("the limit", () => {
    test("is the kernel's: a process starts with an environment string of MAX_ARG_STRLEN bytes, not one more", () => {
        if (process.platform !== "linux") return;
        const name = "PULUMI_CONFIG";
        const value = (extra: number) => "x".repeat(MAX_ARG_STRLEN - envStringBytes(name, "") + extra);
        expect(spawnSync(process.execPath, ["-e", ""], { env: { [name]: value(0) } }).error).toBeUndefined();
        expect((spawnSync(process.execPath, ["-e", ""], { env: { [name]: value(1) } }).error as NodeJS.ErrnoException).code).toBe("E2BIG");
    });

    test("just under: no problem; just over: one, naming the file, the size, the limit and what to do", () => {
        expect(launchProblems({ "k8s-infra:filler": "x".repeat(FITS) }, [], "Pulumi.big.yaml")).toEqual([]);
        const over = launchProblems({ "k8s-infra:filler": "x".repeat(FITS + 1) }, [], "Pulumi.big.yaml");
        expect(over).toHaveLength(1);
        expect(over[0].file).toBe("Pulumi.big.yaml");
        expect(over[0].message).toContain("(PULUMI_CONFIG for the program: 131,073 bytes, counting");
        expect(over[0].message).toContain("over Linux's limit of 131,072 bytes");
        expect(over[0].message).toContain("largest: k8s-infra:filler");
        expect(over[0].message).toContain("Move the large values");
    });

    test("the policy pack's variable is checked on its own (its keys are shorter)", () => {
        const justOverForProgram = { "k8s-infra:filler": "x".repeat(FITS + 1) };
        expect(launchProblems(justOverForProgram, [], "f", ["policy pack"])).toEqual([]);
    });

    test("readStackConfig refuses a stack file whose config does not fit", () => {
        expect(readStackConfig(project(FITS), "big").config["k8s-infra:filler"]).toHaveLength(FITS);
        expect(() => readStackConfig(project(FITS + 1), "big")).toThrow(InputError);
        expect(() => readStackConfig(project(FITS + 1), "big")).toThrow(/Pulumi\.big\.yaml: the stack config is too large/);
    });

    test("the shipped stacks fit", () => {
        for (const stack of ["prod", "staging"]) expect(() => readStackConfig(ROOT, stack)).not.toThrow();
    });
});

describe("npm run check on a stack config too large to launch", () => {
    test("exit 2, with the file, the size and the limit, and no stack trace", () => {
        const run = runCheck(["--project-dir", project(FITS + 1), "--stack", "big"]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain("Pulumi.big.yaml: the stack config is too large for the Pulumi CLI to start the program: ");
        expect(run.stderr).toContain("131,073 bytes");
        expect(run.stderr).toContain("131,072 bytes");
        expect(run.stderr).not.toMatch(/internal error|\n\s+at .*\.ts:\d+/);
    });
});
