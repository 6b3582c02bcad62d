// The program: stack config and roster -> model -> components -> outputs. All
// input is read and checked before the first resource is registered, so bad
// input stops the run with the list of problems and nothing half-applied.

import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { loadRoster } from "../model/roster/load";
import { buildModel } from "../model/stack-model";
import { makeName } from "../model/naming";
import { loadStackConfig } from "./config";
import { Subproject } from "../services/governance/subproject";
import { WorkingGroup } from "../services/governance/working-group";
import { OwnerContacts } from "../services/governance/owner-contacts";
import { deployService } from "../services";

/** Version of the stack outputs' shape; consumers check it (see README). */
export const OUTPUTS_SCHEMA_VERSION = 1;

export async function main(projectDir: string = process.cwd()): Promise<Record<string, unknown>> {
    const stack = pulumi.getStack();
    const { config, contactFields, contacts } = loadStackConfig(stack, projectDir);
    const rosterDir = path.resolve(projectDir, config.roster);
    const roster = loadRoster(rosterDir, path.relative(process.cwd(), rosterDir) || ".");
    const model = buildModel(roster, config, contactFields, path.relative(process.cwd(), path.join(projectDir, `Pulumi.${stack}.yaml`)));

    const customerId = config.org.customerId;
    const wg = new WorkingGroup(model.workingGroup.name, { ...model.workingGroup, customerId });
    const subprojects = model.subprojects.map(record => new Subproject(record.name, { ...record, customerId }));
    const ownerContacts = new OwnerContacts("owner-contacts", {
        environment: model.environment,
        project: makeName({ kind: "project", family: "infra", stem: config.governance.project, environment: model.environment }),
        readersGroup: model.workingGroup.contactReadersGroup,
        workingGroup: model.workingGroup.name,
        contacts,
        protect: config.protect,
    });
    const services = Object.fromEntries(model.services.map(s => [s.id, deployService(s, model)]));

    return {
        schemaVersion: OUTPUTS_SCHEMA_VERSION,
        environment: model.environment,
        ownerGroups: Object.fromEntries(subprojects.map((s, i) => [model.subprojects[i].name, s.ownersGroup])),
        contactReadersGroup: wg.contactReadersGroup,
        ownerContactsSecret: ownerContacts.secretId,
        buckets: services.gcs ? (services.gcs as import("../services/gcs").Gcs).buckets : {},
    };
}
