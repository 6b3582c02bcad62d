// The pinned Pulumi CLI (3.248.0) and its Node.js language host, wherever they
// come from: a `pulumi` of that version already on PATH is used as it is;
// otherwise both are built from their Go modules (this folder's go.mod and go.sum
// pin every module) into a git-ignored cache, once, and reused after. The cache
// holds a stamp of what it was built from, so a changed go.mod, go.sum or
// language-host source is rebuilt and a stale binary never runs.

import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

export const PULUMI_VERSION = "3.248.0";
const MODULE_DIR = __dirname;
const ROOT = path.resolve(MODULE_DIR, "../..");
/** Git-ignored (.gitignore: .cache/). */
export const CACHE_DIR = path.join(ROOT, ".cache", "pulumi-cli", `v${PULUMI_VERSION}`);
const VERSION_FLAG = `-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${PULUMI_VERSION}`;

export class CliUnavailable extends Error {}

export interface PinnedCli {
    /** The folder holding `pulumi` and `pulumi-language-nodejs`: put it first on PATH. */
    binDir: string;
    pulumi: string;
    /** "path" (found on PATH) or "cache" (built here). */
    source: "path" | "cache";
    /** Seconds spent building now (0 when reused). */
    buildSeconds: number;
}

/** What the cache must have been built from: go.mod, go.sum and the language host's sources. */
function stamp(): string {
    const hash = crypto.createHash("sha256");
    const hostDir = path.join(MODULE_DIR, "language-host");
    const hostFiles = fs.existsSync(hostDir) ? fs.readdirSync(hostDir).filter(f => f.endsWith(".go")).sort().map(f => path.join("language-host", f)) : [];
    for (const f of ["go.mod", "go.sum", ...hostFiles]) {
        hash.update(f).update("\0").update(fs.readFileSync(path.join(MODULE_DIR, f))).update("\0");
    }
    return `${PULUMI_VERSION} ${hash.digest("hex")}`;
}

/** A `pulumi` on PATH that says it is the pinned version and has a Node.js language host beside it or on PATH. */
function fromPath(): PinnedCli | undefined {
    const found = spawnSync("pulumi", ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
    if (found.status !== 0 || found.stdout.trim() !== `v${PULUMI_VERSION}`) return undefined;
    const which = spawnSync("sh", ["-c", "command -v pulumi; command -v pulumi-language-nodejs"], { encoding: "utf8" });
    const [pulumi, host] = which.stdout.trim().split("\n");
    if (!pulumi) return undefined;
    const binDir = path.dirname(pulumi);
    if (!host && !fs.existsSync(path.join(binDir, "pulumi-language-nodejs"))) return undefined;
    return { binDir, pulumi, source: "path", buildSeconds: 0 };
}

function goBuild(out: string, pkg: string, log: (line: string) => void): void {
    log(`go build ${pkg}`);
    const res = spawnSync("go", ["build", "-mod=readonly", "-trimpath", "-ldflags", `-s -w ${VERSION_FLAG}`, "-o", out, pkg], {
        cwd: MODULE_DIR, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, GOFLAGS: "-buildvcs=false", GOTOOLCHAIN: "local" },
    });
    if (res.error) throw new CliUnavailable(`cannot run go (${res.error.message}): install Go 1.24 or newer, or put Pulumi CLI ${PULUMI_VERSION} on PATH`);
    if (res.status !== 0) throw new CliUnavailable(`go build ${pkg} failed (exit ${res.status}); see the output above`);
}

/** The pinned CLI: from PATH, from the cache, or built into the cache now. */
export function ensurePinnedCli(log: (line: string) => void = line => process.stderr.write(`pulumi-cli: ${line}\n`)): PinnedCli {
    if (process.env.K8S_INFRA_PULUMI_FROM_PATH !== "false") {
        const onPath = fromPath();
        if (onPath) return onPath;
    }
    const want = stamp();
    const stampFile = path.join(CACHE_DIR, "STAMP");
    const pulumi = path.join(CACHE_DIR, "pulumi");
    const host = path.join(CACHE_DIR, "pulumi-language-nodejs");
    const have = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8") : "";
    if (have === want && fs.existsSync(pulumi) && fs.existsSync(host)) {
        return { binDir: CACHE_DIR, pulumi, source: "cache", buildSeconds: 0 };
    }
    const started = Date.now();
    log(`building Pulumi CLI v${PULUMI_VERSION} and its Node.js language host from their Go modules into ${path.relative(ROOT, CACHE_DIR)} (first use: a few minutes)`);
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    fs.rmSync(stampFile, { force: true });
    goBuild(pulumi, "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi", log);
    goBuild(host, "./language-host", log);
    fs.writeFileSync(stampFile, want);
    const buildSeconds = (Date.now() - started) / 1000;
    log(`built in ${buildSeconds.toFixed(0)} s`);
    return { binDir: CACHE_DIR, pulumi, source: "cache", buildSeconds };
}

/** The environment for running the pinned CLI: its folder first on PATH. */
export function cliEnv(cli: PinnedCli, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
    return { ...base, PATH: `${cli.binDir}${path.delimiter}${base.PATH ?? ""}` };
}
