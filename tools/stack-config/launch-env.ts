// The one owner of a limit the real CLI runs into and the offline check would not:
// Linux caps a single environment string at MAX_ARG_STRLEN bytes, and the Pulumi
// CLI hands the whole decrypted stack config to the program, and to each policy
// pack, in one environment variable, PULUMI_CONFIG. A config over the cap cannot be
// launched (execve fails with E2BIG, "argument list too long"), so the check must
// refuse it too. The variables are built here byte for byte as the CLI builds them:
// - the program: the Node.js language host's constructConfig (keys rewritten to
//   `<namespace>:config:<name>`) and constructConfigSecretKeys, both json.Marshal;
// - a policy pack: constructEnv/constructConfig in
//   sdk/go/common/resource/plugin/analyzer_plugin.go (keys as `<namespace>:<name>`).

import { Problem } from "../../model/errors";
import { goJson } from "./go-json";

/**
 * Linux's MAX_ARG_STRLEN (include/uapi/linux/binfmts.h: 32 pages of 4 KiB): the most bytes
 * one argv or environment string may take, counting "NAME=", the value and the closing NUL.
 */
export const MAX_ARG_STRLEN = 32 * 4096;

/** Bytes that `NAME=value` takes in a new process's environment, the NUL included. */
export function envStringBytes(name: string, value: string): number {
    return Buffer.byteLength(name) + 1 + Buffer.byteLength(value) + 1;
}

/** `ns:name` → `ns:config:name`, as the Node.js language host presents keys to the program. */
function programKey(key: string): string {
    const i = key.indexOf(":");
    return i < 0 ? key : `${key.substring(0, i)}:config:${key.substring(i + 1)}`;
}

/** PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS as the language host sets them for the program. */
export function programConfigEnv(config: Record<string, string>, secretKeys: readonly string[]): Record<string, string> {
    const keyed = Object.fromEntries(Object.entries(config).map(([k, v]) => [programKey(k), v]));
    return { PULUMI_CONFIG: goJson(keyed), PULUMI_CONFIG_SECRET_KEYS: goJson(secretKeys) };
}

/** PULUMI_CONFIG as the engine sets it for a policy pack. */
export function packConfigEnv(config: Record<string, string>): Record<string, string> {
    return { PULUMI_CONFIG: goJson(config) };
}

/** The processes the CLI starts with the stack config in their environment. */
export type Launch = "program" | "policy pack";

export interface Oversize {
    /** Which process the CLI could not start. */
    proc: Launch;
    variable: string;
    bytes: number;
}

/** Every variable of `env` that does not fit in one environment string. */
export function oversize(proc: Oversize["proc"], env: Record<string, string>): Oversize[] {
    return Object.entries(env)
        .map(([variable, value]) => ({ proc, variable, bytes: envStringBytes(variable, value) }))
        .filter(o => o.bytes > MAX_ARG_STRLEN);
}

/**
 * The problem, against the stack file `file`, of a stack config the CLI could not hand to the
 * program or the policy pack (none when it fits). Secrets count as the placeholder they are
 * offline, so a config near the limit may be over it once decrypted; one over it here is over it.
 */
export function launchProblems(config: Record<string, string>, secretKeys: readonly string[], file: string,
    launches: readonly Launch[] = ["program", "policy pack"]): Problem[] {
    const over = launches.flatMap(proc =>
        oversize(proc, proc === "program" ? programConfigEnv(config, secretKeys) : packConfigEnv(config)));
    return over.length === 0 ? [] : [{ file, message: describe(over, config) }];
}

const bytes = (n: number) => `${n.toLocaleString("en-US")} bytes`;

function describe(over: Oversize[], config: Record<string, string>): string {
    const largest = Object.entries(config)
        .map(([k, v]) => ({ k, size: Buffer.byteLength(goJson(k)) + 1 + Buffer.byteLength(goJson(v)) }))
        .sort((a, b) => b.size - a.size).slice(0, 3)
        .map(e => `${e.k} (${bytes(e.size)})`);
    const sizes = over.map(o => `${o.variable} for the ${o.proc}: ${bytes(o.bytes)}`).join("; ");
    return `the stack config is too large for the Pulumi CLI to start the ${[...new Set(over.map(o => o.proc))].join(" or the ")}: ` +
        `the CLI passes the whole config in one environment variable (${sizes}, counting "NAME=", the JSON and a NUL), ` +
        `over Linux's limit of ${bytes(MAX_ARG_STRLEN)} for one environment string (MAX_ARG_STRLEN), so pulumi preview ` +
        `and pulumi up fail with "argument list too long". Move the large values (largest: ${largest.join(", ")}) ` +
        `into files the program reads, as the roster is, and keep only their paths in the stack config.`;
}
