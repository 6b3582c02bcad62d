// The migration summary exported with the stack: each charter service's status,
// where it ran before, its SIG and subproject, and how many are done. The working
// group disbands when every service is migrated and owned by a SIG.

import type { MigrationRecord } from "../model/stack-model";
import type { StackOutputs } from "../model/outputs";

export function isDone(m: MigrationRecord): boolean {
    return m.status === "migrated" && m.sig !== "";
}

export function migrationOutput(records: readonly MigrationRecord[]): StackOutputs["migration"] {
    return {
        migrated: records.filter(isDone).length,
        total: records.length,
        services: Object.fromEntries(records.map(m => [m.id, { status: m.status, previously: m.previously, sig: m.sig, subproject: m.subproject }])),
    };
}
