// The program: stack config and roster -> model -> components -> outputs. All
// input is read and checked before the first resource is registered, so bad
// input stops the run with the list of problems and nothing half-applied.

import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { loadRoster } from "../model/roster/load";
import { Inventory, loadInventory } from "../model/inventory/load";
import { cloudObjects } from "../model/inventory/cloud-objects";
import { AdoptionPlan } from "./adoption";
import { buildModel } from "../model/stack-model";
import { nameIn } from "../model/naming";
import { OUTPUTS_SCHEMA_VERSION, SERVICE_EXPORT_KEYS } from "../model/outputs";
import { loadStackConfig } from "./config";
import { leavePromiseStacksUnmapped } from "./promise-stacks";
import { migrationOutput } from "./migration";
import { Subproject } from "../services/governance/subproject";
import { WorkingGroup } from "../services/governance/working-group";
import { OwnerContacts } from "../services/governance/owner-contacts";
import { CiIdentities } from "../services/governance/ci-identities";
import { AwsCiIdentities } from "../services/governance/aws-ci-identities";
import { awsCiIdentitiesRecord, ciIdentitiesRecord } from "../model/ci-identities";
import { standardLabels } from "../model/labels";
import { ownerContactsSecretId } from "../model/personal-data";
import { Billing } from "../services/billing";
import { SERVICE_DEFINITIONS } from "../services";
import { ServiceContext, serviceLabels } from "../services/service-component";
import type { ServiceDefinition, ServiceExports } from "../services/definition";
import type { DeployableService } from "../model/config";

export async function main(projectDir: string = process.cwd()): Promise<Record<string, unknown>> {
    leavePromiseStacksUnmapped();
    const inputs = readInputs(projectDir);
    const { config, model, inventory } = inputs;
    const env = model.environment;
    const adoption = new AdoptionPlan(env, inventory?.dir ?? null, inventory ? cloudObjects(inventory) : []);
    adoption.install();
    const governance = deployGovernance(inputs);
    const exports = deployServices(inputs, governance.subprojects);
    adoption.register();

    // The stack-output contract (model/outputs.ts): names and ids only, never secret values.
    return {
        schemaVersion: OUTPUTS_SCHEMA_VERSION,
        environment: env,
        ownerGroups: Object.fromEntries([...governance.subprojects].map(([name, s]) => [name, s.ownersGroup])),
        contactReadersGroup: governance.workingGroup.contactReadersGroup,
        ownerContactsSecret: governance.ownerContacts.secretId,
        ...exports,
        secrets: { ...exports.secrets, "owner-contacts": governance.ownerContacts.secretId },
        migration: migrationOutput(model.migration),
    };
}

type StackConfig = ReturnType<typeof loadStackConfig>["config"];

/** Everything the program reads, each part checked, before the first resource. */
interface Inputs {
    config: StackConfig;
    model: ReturnType<typeof buildModel>;
    inventory?: Inventory;
    /** What each service read besides its config (zone configs). */
    prepared: Map<string, unknown>;
    governanceProject: string;
}

function readInputs(projectDir: string): Inputs {
    const stack = pulumi.getStack();
    const { config } = loadStackConfig(stack, projectDir);
    const rosterDir = path.resolve(projectDir, config.roster);
    const roster = loadRoster(rosterDir, path.relative(process.cwd(), rosterDir) || ".");
    const model = buildModel(roster, config, path.relative(process.cwd(), path.join(projectDir, `Pulumi.${stack}.yaml`)));
    const env = model.environment;
    // What exists (the inventory) is read now too; from here on, what exists is imported instead of created.
    const inventoryDir = config.inventory ? path.resolve(projectDir, config.inventory) : undefined;
    const inventory = inventoryDir ? loadInventory(inventoryDir, path.relative(process.cwd(), inventoryDir) || ".") : undefined;
    // What services read besides their config (zone configs) is checked now, before any resource.
    const prepared = new Map<string, unknown>(model.services.map(s =>
        [s.id, (SERVICE_DEFINITIONS[s.id] as ServiceDefinition<DeployableService, unknown>).prepare?.(s.settings, env, projectDir, inventory, model)]));
    const governanceProject = nameIn({ kind: "project", name: config.governance.project, environment: env });
    return { config, model, inventory, prepared, governanceProject };
}

/** The working group, one Subproject per roster entry, the owners' contact details, CI's identities, the projects and their budgets. */
function deployGovernance({ config, model, inventory, governanceProject }: Inputs) {
    const env = model.environment;
    const wg = new WorkingGroup(model.workingGroup.name, model.workingGroup);
    const subprojects = new Map(model.subprojects.map(record =>
        [record.name, new Subproject(record.name, { ...record, monitoringProject: governanceProject })]));
    const ownerContacts = new OwnerContacts("owner-contacts", {
        environment: env,
        project: governanceProject,
        secretId: ownerContactsSecretId(env),
        readersGroup: model.workingGroup.contactReadersGroup,
        workingGroup: model.workingGroup.name,
        protect: config.protect,
    });
    // The identities CI previews and deploys as (prod only: the config refuses them in staging).
    if (config.ci && config.repository) {
        new CiIdentities("ci", {
            ...ciIdentitiesRecord(config.ci, config.repository, env),
            environment: env,
            stateBucket: config.ci.stateBucket,
            secretsKeys: config.ci.secretsKeys,
            viewerOn: config.billing.parent,
        });
    }
    // The roles CI assumes in this stack's AWS account (each stack its own account's: the config requires the test pool's account).
    const awsAccount = config.services["test-pool"]?.aws;
    if (config.ciAws && config.repository && awsAccount) {
        new AwsCiIdentities("ci-aws", {
            ...awsCiIdentitiesRecord(config.ciAws, config.repository, awsAccount, env),
            tags: standardLabels({ subproject: model.workingGroup.name, sig: "k8s-infra", environment: env }),
        });
    }
    new Billing("billing", {
        environment: env,
        account: config.billing.account,
        parent: config.billing.parent,
        existing: inventory ? Object.fromEntries([...inventory.projects.values()].map(p => [p.id, p.parent])) : {},
        projects: model.projects,
        thresholds: config.billing.thresholds,
        protect: config.protect,
        channels: Object.fromEntries([...subprojects].map(([name, s]) => [name, s.notificationChannel])),
    });
    return { workingGroup: wg, subprojects, ownerContacts };
}

/** Each service the stack config turns on, owned by its subproject; returns what the services export. */
function deployServices({ config, model, prepared, governanceProject }: Inputs, subprojects: Map<string, Subproject>): Required<ServiceExports> {
    const env = model.environment;
    const exports: Required<ServiceExports> = { registries: {}, buckets: {}, clusters: {}, dnsZones: {}, serviceAccounts: {}, secrets: {} };
    for (const service of model.services) {
        const owner = service.owner;
        const ctx: ServiceContext = {
            service: service.id,
            environment: env,
            domain: config.org.domain,
            subproject: owner.name,
            sig: owner.sigs[0],
            ownersGroup: owner.ownersGroup,
            notificationChannel: subprojects.get(owner.name)!.notificationChannel,
            monitoringProject: governanceProject,
            labels: serviceLabels({ subproject: owner.name, sig: owner.sigs[0], environment: env }),
            protect: config.protect,
        };
        const definition = SERVICE_DEFINITIONS[service.id] as ServiceDefinition<DeployableService, unknown>;
        const deployed = definition.deploy(ctx, service.settings, {}, prepared.get(service.id));
        for (const key of SERVICE_EXPORT_KEYS) Object.assign(exports[key], deployed.exports[key] ?? {});
    }
    return exports;
}
