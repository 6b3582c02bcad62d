// The consumer guide (docs/consumers.md): every stack output with its type and
// meaning (the `.describe()` texts of model/outputs.ts), what each stack's outputs
// hold, and how a team gets read access to the state.
//
// What each stack holds is made from its stack file and the roster, keyed the way
// the services and program/main.ts key their outputs (SERVICE_ENTRIES below), not
// from a run of the program: running both stacks under mocks would make
// `npm run docs` take several seconds more. tests/consumers/guide.test.ts runs the
// program for both stacks and fails when the two differ.

import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import type { Roster } from "../../model/roster/load";
import { StackConfig, DeployableService, ServicesConfig } from "../../model/config";
import { EnabledService, StackModel, buildModel } from "../../model/stack-model";
import { OUTPUTS_SCHEMA_VERSION, ServiceExportKey, StackOutputs, contractFields } from "../../model/outputs";
import { ownerContactsSecretId } from "../../model/personal-data";
import { CANARY_LABEL, zoneDnsName } from "../../model/service-config/dns";
import { RULE } from "../../model/rules";
import { migrationOutput } from "../../program/migration";
import { projectConfigValues } from "../stack-config/stack-config";
import { stackNames } from "../cli-kit/stack-args";

/** The secret the program adds to the `secrets` output itself (program/main.ts). */
const PROGRAM_SECRET_KEY = "owner-contacts";

type Entries = { [K in ServiceExportKey]?: string[] };

/**
 * The keys each service adds to the outputs (services/<id>/index.ts, `exports`), from
 * its settings and its owning subproject (and the stack model, for what is made from the
 * roster). Every deployable service is listed, so a new one does not type-check until it
 * says what it exports.
 */
const SERVICE_ENTRIES: { [K in DeployableService]: (settings: NonNullable<ServicesConfig[K]>, owner: string, model: StackModel) => Entries } = {
    "dns": s => ({
        dnsZones: s.zones.flatMap(z => {
            const apex = zoneDnsName(z.domain, s.subdomain);
            return z.canary ? [apex, `${CANARY_LABEL}.${apex}`] : [apex];
        }),
    }),
    "gae": s => ({ serviceAccounts: s.apps.map(a => `gae-${a.name}`) }),
    "gcb": s => ({ buckets: [s.logs.bucket], serviceAccounts: s.builders.map(b => `gcb-builder-${b.name}`) }),
    "gcr": s => ({ registries: s.regions.map(r => `images-${r}`), serviceAccounts: ["promoter", ...(s.redirector ? ["redirector"] : [])] }),
    "artifact-staging": (_s, _owner, model) => ({
        registries: model.stagingAreas.map(a => `staging-${a.name}`), buckets: model.stagingAreas.map(a => a.prodProject),
    }),
    "gcs": (s, owner) => ({ buckets: [`k8s-infra-${owner}-gcs-access-logs`, ...s.buckets.map(b => b.name)] }),
    "gke": s => ({
        clusters: s.clusters.map(c => c.name),
        serviceAccounts: s.clusters.flatMap(c => [`gke-nodes-${c.name}`, ...c.workloadAccounts.map(w => w.name)]),
    }),
    "bigquery": () => ({}),
    "website": s => ({ buckets: [s.bucket] }),
    "test-pool": () => ({}),
    "credential-store": s => ({ secrets: s.secrets.map(x => x.id) }),
    "certificate-store": () => ({}),
};

function serviceEntries(service: EnabledService, model: StackModel): Entries {
    const entries = SERVICE_ENTRIES[service.id] as (settings: unknown, owner: string, model: StackModel) => Entries;
    return entries(service.settings, service.owner.name, model);
}

/** What one stack's outputs hold: scalar outputs with their value, map outputs with their keys. */
export interface StackEntries {
    stack: string;
    values: Partial<Record<keyof StackOutputs | "migration.migrated" | "migration.total", string | number>>;
    /** Map output (`buckets`, `migration.services`) -> its keys, sorted. */
    keys: Record<string, string[]>;
}

export function stackEntries(roster: Roster, projectDir: string, stack: string): StackEntries {
    const config = StackConfig.parse(projectConfigValues(projectDir, stack));
    const model = buildModel(roster, config, `Pulumi.${stack}.yaml`);
    const env = model.environment;
    const keys: Record<string, Set<string>> = {};
    const add = (output: string, names: readonly string[]) => {
        keys[output] ??= new Set();
        for (const n of names) keys[output].add(n);
    };
    add("ownerGroups", model.subprojects.map(s => s.name));
    for (const key of ["registries", "buckets", "clusters", "dnsZones", "serviceAccounts", "secrets"] as const) add(key, []);
    for (const service of model.services) {
        for (const [output, names] of Object.entries(serviceEntries(service, model))) add(output, names);
    }
    add("secrets", [PROGRAM_SECRET_KEY]);
    const migration = migrationOutput(model.migration);
    add("migration.services", Object.keys(migration.services));
    return {
        stack,
        values: {
            schemaVersion: OUTPUTS_SCHEMA_VERSION,
            environment: env,
            contactReadersGroup: model.workingGroup.contactReadersGroup,
            ownerContactsSecret: ownerContactsSecretId(env),
            "migration.migrated": migration.migrated,
            "migration.total": migration.total,
        },
        keys: Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, [...v].sort()])),
    };
}

/** A table cell: GitHub tables split on "|", even inside code, unless it is escaped. */
const cell = (text: string) => text.replace(/\|/g, "\\|");
/** Prose in a table cell: "<name>" would be read as an HTML tag. */
const prose = (text: string) => cell(text).replace(/</g, "&lt;").replace(/>/g, "&gt;");
const code = (text: string) => `\`${cell(text)}\``;

/** The state backend, as the workflows that preview and deploy log in to it. */
export function backendUrl(projectDir: string): string {
    const workflow = parse(fs.readFileSync(path.join(projectDir, ".github/workflows/deploy.yml"), "utf8")) as { env?: Record<string, string> };
    const url = workflow.env?.PULUMI_BACKEND_URL;
    if (!url) throw new Error(".github/workflows/deploy.yml sets no env.PULUMI_BACKEND_URL");
    return url;
}

/** A stack's secrets provider (Pulumi.<stack>.yaml `secretsprovider`), or undefined for the default. */
export function secretsProvider(projectDir: string, stack: string): string | undefined {
    const doc = parse(fs.readFileSync(path.join(projectDir, `Pulumi.${stack}.yaml`), "utf8")) as { secretsprovider?: string };
    return doc.secretsprovider;
}

export function consumersDoc(roster: Roster, projectDir: string, header: string): string {
    const stacks = stackNames(projectDir);
    const project = (parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { name: string }).name;
    const backend = backendUrl(projectDir);
    const bucket = backend.replace(/^gs:\/\//, "");
    const fields = contractFields();
    const out = [header, "", "# Reading k8s-infra's stack outputs", "",
        `Other teams read what this project deploys through a StackReference to \`organization/${project}/<stack>\``,
        `(stacks: ${stacks.map(s => `\`${s}\``).join(", ")}), with the typed module \`consumers/k8s-infra.ts\`.`,
        `The outputs follow the contract in \`model/outputs.ts\`, schema version ${OUTPUTS_SCHEMA_VERSION};`,
        "[consumers/CHANGELOG.md](../consumers/CHANGELOG.md) lists each version, and what is a breaking change",
        "(a new schema version) and what is additive (a new output or field, the same version).", "",
        "```ts",
        `import { K8sInfra } from "./consumers/k8s-infra";   // from a checkout, or vendored`,
        `const infra = new K8sInfra("prod");                 // StackReference organization/${project}/prod`,
        `const results = infra.bucket("k8s-infra-prow-results");       // pulumi.Output<string>`,
        `const aaa = infra.cluster("aaa");                   // name, location, project (and any field added since)`,
        "```", "",
        "The module reads tolerantly: every output and field below is checked (its type as the contract says),",
        "and an output or field a newer contract added is kept, in `infra.outputs`, for the consumer to use or ignore.",
        "It fails, with a message saying what differs, on a stack of another schema version, on a missing output",
        "or field of the contract, on a value of another type, and on a map entry the stack does not have",
        "(listing the entries it has). `examples/consumer/` is a complete consumer program.", "",
        "## The outputs", "",
        "A map's keys are written `<key>`.", "",
        "| output | type | meaning |", "|---|---|---|",
        ...fields.map(f => `| ${code(f.path)} | ${prose(f.type)} | ${prose(f.description)} |`), "",
        "No output is a secret: they are names, e-mails, URLs and ids, never a secret's value",
        "(the `no-plain-text-contacts` policy blocks a contact detail in any output).", "",
        "## What each stack holds", "",
        "Made from each stack's file (`Pulumi.<stack>.yaml`) and the roster, keyed as the program keys its outputs,",
        "by `npm run docs`; not read from a deployed stack. `tests/consumers/guide.test.ts` runs the program for every",
        "stack and fails when its outputs have other keys than listed here. `pulumi stack output --json` (with read",
        "access, below) shows a deployed stack's values.", ""];
    const mapPaths = fields.filter(f => f.type.startsWith("map of")).map(f => f.path);
    for (const stack of stacks) {
        const e = stackEntries(roster, projectDir, stack);
        out.push(`### ${stack}`, "", `StackReference \`organization/${project}/${stack}\`.`, "",
            "| output | holds |", "|---|---|");
        for (const f of fields) {
            const value = e.values[f.path as keyof StackEntries["values"]];
            if (value !== undefined) out.push(`| ${code(f.path)} | ${code(String(value))} |`);
            else if (mapPaths.includes(f.path)) {
                const keys = e.keys[f.path] ?? [];
                out.push(`| ${code(f.path)} | ${keys.length === 0 ? "no entries" : `${keys.length}: ${keys.map(code).join(", ")}`} |`);
            }
        }
        out.push("");
    }
    out.push(...readAccess(projectDir, project, stacks, bucket));
    return out.join("\n");
}

function readAccess(projectDir: string, project: string, stacks: string[], bucket: string): string[] {
    const keys = stacks.map(stack => {
        const provider = secretsProvider(projectDir, stack);
        const key = provider?.startsWith("gcpkms://") ? provider.slice("gcpkms://".length) : undefined;
        return { stack, provider, key };
    });
    return ["## Getting read access", "",
        `State lives in a self-managed backend, the CNCF-owned bucket \`gs://${bucket}\` (\`PULUMI_BACKEND_URL\` in`,
        "`.github/workflows/`), not in Pulumi Cloud: there is no organization to invite a team to. A StackReference",
        "is resolved in the backend the consuming program is logged in to, so a consuming team either keeps its own",
        `stacks' state in \`gs://${bucket}\` too (\`pulumi login gs://${bucket}\`, a grant of its own for the paths of its`,
        "project) or reads the outputs with `pulumi stack output --json` and checks them with `parseOutputs` from",
        "`consumers/k8s-infra.ts`. Either way its identity needs, per stack it reads:", "",
        `1. **Read on the stack's state objects**: \`roles/storage.objectViewer\` on \`gs://${bucket}\`, with an IAM`,
        `   condition to \`.pulumi/meta.yaml\` and \`.pulumi/stacks/${project}/<stack>.json\` (the CLI gets both, and lists`,
        `   the objects whose names start with the second: \`storage.googleapis.com/objectListPrefix\`).`,
        "2. **Decrypt on the stack's secrets provider**, although no output is a secret: Pulumi CLI 3.248.0 (the one",
        "   pinned here) opens the stack's secrets manager before it reads any output, and a Cloud KMS one decrypts the",
        "   stack's data key as it opens (pulumi/pulumi#21436; pulumi/pulumi#24541 would defer that until a secret is",
        "   met, after which read alone will do). `roles/cloudkms.cryptoKeyDecrypter` on:", "",
        ...keys.map(k => k.key
            ? `   - ${k.stack}: \`${k.key}\``
            : `   - ${k.stack}: ${k.provider ? `\`${k.provider}\`` : "the default secrets provider (passphrase): ask the WG leads"}`),
        "",
        "The state object is the whole state of the stack, not only its outputs, and with decrypt its encrypted values",
        "can be read too. The program makes no secret value (no secret versions, no service account keys) and no",
        "personal data enters the state (README: Secrets and personal data), which is why the WG can grant both.", "",
        "Access goes to a group or a service account, never to a person (the charter's rule, and the",
        `\`${RULE.iamGroupsOnly}\` policy's). To ask for it, open a "Read access to a stack's state" issue`,
        "(`.github/ISSUE_TEMPLATE/state-read-access.yml`): the stacks, the identity, the outputs you read and where",
        "your own stacks' state lives. A WG K8s Infra lead reviews it and makes the grants.", ""];
}
