// infra/gcp/infra.yaml: the projects SIG K8s Infra manages, by type, with the
// script that manages each type (and the projects that use another one).

import { z } from "zod";
import { INVENTORY_FORMAT, InfraFile } from "../../model/inventory/schema";
import { Source, compare, sortedRecord } from "./source";

export const INFRA = "infra/gcp/infra.yaml";
export type InfraFileT = z.infer<typeof InfraFile>;

const ADVICE = "fix infra.yaml (its header comment gives the schema) or teach tools/inventory/read-infra.ts the new form";

const Infra = z.strictObject({
    infra: z.record(z.string(), z.strictObject({
        managed_by: z.string().optional(),
        projects: z.record(z.string(), z.strictObject({ managed_by: z.string() }).nullable()),
    })),
});

export function readInfra(src: Source): InfraFileT | undefined {
    if (!src.isFile(INFRA)) {
        src.problem(INFRA, "is missing: a k8s.io tree has it; check --from");
        return undefined;
    }
    const infra = src.check(INFRA, Infra, src.yaml(INFRA, ADVICE), ADVICE);
    if (!infra) return undefined;
    // A project may be listed under two types (infra.yaml has no rule against it): it is, under both.
    const types = sortedRecord(Object.entries(infra.infra).map(([type, t]) => {
        const overrides = Object.entries(t.projects).filter(([, p]) => p !== null).map(([id, p]) => [id, p!.managed_by] as [string, string]);
        const entry: InfraFileT["types"][string] = { projects: Object.keys(t.projects).sort(compare) };
        if (t.managed_by !== undefined) entry.managedBy = t.managed_by;
        if (overrides.length > 0) entry.overrides = sortedRecord(overrides);
        return [type, entry];
    }));
    return { format: INVENTORY_FORMAT, types };
}
