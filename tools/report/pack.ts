// The policy pack of this repository as reports need it when the results do not
// say: its name and version (policy-pack/package.json) for SARIF's tool, and its
// policies' descriptions (an event log's policyEvents carry them only inside the
// message) and severities.

import * as fs from "fs";
import * as path from "path";
import type { Level, PolicyInfo } from "../results/types";

/** What a report knows about the pack beforehand (descriptions, severities); events win on levels. */
export interface KnownPack {
    name: string;
    version: string;
    policies: PolicyInfo[];
}

const PACK_DIR = path.resolve(__dirname, "../../policy-pack");

export function localPack(): { name: string; version: string } {
    try {
        const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { name?: string; version?: string };
        return { name: pkg.name ?? "policy-pack", version: pkg.version ?? "" };
    } catch {
        return { name: "policy-pack", version: "" };
    }
}

/** The pack with its policies at their default levels (loaded on demand: it pulls in @pulumi/policy). */
export function knownPack(): KnownPack {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { policies } = require("../../policy-pack/policies") as typeof import("../../policy-pack/policies");
    const list: PolicyInfo[] = policies.map(p => ({
        name: p.name,
        description: p.description,
        enforcementLevel: (p.enforcementLevel ?? "advisory") as Level,
        severity: p.severity ?? "",
    }));
    return { ...localPack(), policies: list };
}
