// A realistic set of stack resources, made from a roster and a stack file the way
// program/main.ts and the components in services/ register them: the governance
// components carry their records as props, their child groups and secret carry
// the names nameIn() puts in the stack's environment, and the GCS service carries its buckets and IAM
// grants. Tests start from this and change one thing.

import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { StackConfig } from "../../model/config";
import { COMPONENT, GCP } from "../../model/resource-types";
import { Environment, nameIn } from "../../model/naming";
import { ownerContactsSecretId } from "../../model/personal-data";
import { bucketLocation } from "../../services/service-component";
import { standardLabels } from "../../model/labels";
import { loadRoster } from "../../model/roster/load";
import { OwnerRecord, SubprojectRecord, buildModel } from "../../model/stack-model";

export const PROJECT_ROOT = path.resolve(__dirname, "../..");

export interface StackResource {
    type: string;
    name: string;
    urn: string;
    parent?: string;
    protect?: boolean;
    props: Record<string, any>;
}

export type ContactFields = Record<string, { alternateEmail: boolean; phone: boolean }>;

export interface StackOptions {
    environment: Environment;
    /** Which contact fields each owner (lowercased handle) has on file; default: the roster's contacts-on-file.yaml. */
    contactFields?: ContactFields;
}

/** The k8s-infra config of Pulumi.<environment>.yaml. */
function stackFile(environment: Environment): StackConfig {
    const doc = parse(fs.readFileSync(path.join(PROJECT_ROOT, `Pulumi.${environment}.yaml`), "utf8")) as { config: Record<string, unknown> };
    const raw: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(doc.config)) {
        const [ns, name] = key.split(":");
        if (ns === "k8s-infra") raw[name] = value;
    }
    return StackConfig.parse(raw);
}

export function stackFromRoster(rosterDir: string, opts: StackOptions): StackResource[] {
    const env = opts.environment;
    const config = stackFile(env);
    const loaded = loadRoster(rosterDir, "roster");
    const roster = opts.contactFields === undefined ? loaded : {
        ...loaded,
        contactsOnFile: new Map(Object.entries(opts.contactFields).map(([h, f]) => [h, {
            ...(f.alternateEmail ? { alternateEmail: "2026-01-01" } : {}), ...(f.phone ? { phone: "2026-01-01" } : {}),
        }])),
    };
    const model = buildModel(roster, config, `Pulumi.${env}.yaml`);
    const resources: StackResource[] = [];
    const add = (type: string, name: string, props: Record<string, any>, parent?: StackResource, protect = false): StackResource => {
        const parentType = parent ? parent.urn.split("::")[2] : undefined;
        const qualified = parentType && parent?.type !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
        const r: StackResource = { type, name, urn: `urn:pulumi:${env}::k8s-infra::${qualified}::${name}`, props, protect };
        if (parent) r.parent = parent.urn;
        resources.push(r);
        return r;
    };
    const stack = add("pulumi:pulumi:Stack", `k8s-infra-${env}`, {});
    const project = (prodId: string) => nameIn({ kind: "project", name: prodId, environment: env });

    // WorkingGroup and Subproject: register their records; their groups are k8s.io's reconciler's to make (groups.yaml).
    const wgRecord = model.workingGroup;
    add(COMPONENT.workingGroup, wgRecord.name, { ...wgRecord }, stack);
    for (const record of model.subprojects) add(COMPONENT.subproject, record.name, JSON.parse(JSON.stringify(record)), stack);

    // OwnerContacts: registers its project, secretId and readersGroup; the secret and its one reader grant (the leads add versions).
    const gov = project(config.governance.project);
    const secretId = ownerContactsSecretId(env);
    const store = add(COMPONENT.ownerContacts, "owner-contacts", { project: gov, secretId, readersGroup: wgRecord.contactReadersGroup }, stack);
    add(GCP.secret, "owner-contacts-secret", {
        project: gov, secretId, replication: { auto: {} }, deletionProtection: config.protect,
        labels: standardLabels({ subproject: wgRecord.name, sig: "k8s-infra", environment: env }),
    }, store, config.protect);
    add("gcp:secretmanager/secretIamMember:SecretIamMember", "owner-contacts-readers", {
        project: gov, secretId, role: "roles/secretmanager.secretAccessor", member: `group:${wgRecord.contactReadersGroup}`,
    }, store);

    // Services, as services/gcs/index.ts registers them.
    for (const service of model.services) {
        if (service.id !== "gcs") continue;
        const settings = service.settings as NonNullable<StackConfig["services"]["gcs"]>;
        const owner = service.owner;
        const gcs = add("k8s-infra:services:Gcs", "gcs", { subproject: owner.name }, stack);
        const labels = standardLabels({ subproject: owner.name, sig: owner.sigs[0], environment: env });
        const buckets: NonNullable<StackConfig["services"]["gcs"]>["buckets"] = [
            {
                name: `k8s-infra-${owner.name}-gcs-access-logs`, purpose: "access-logs", public: false, versioning: false,
                writers: ["group:cloud-storage-analytics@google.com"],
            },
            ...settings.buckets,
        ];
        const names: Record<string, string> = {};
        for (const cfg of buckets) {
            const bucketName = nameIn({ kind: "bucket", name: cfg.name, environment: env });
            names[cfg.name] = bucketName;
            add(GCP.bucket, `gcs-${cfg.name}`, {
                name: bucketName, project: project(cfg.project ?? settings.project), location: bucketLocation(cfg.location ?? settings.location),
                uniformBucketLevelAccess: true, publicAccessPrevention: cfg.public ? "inherited" : "enforced",
                labels: { ...labels, purpose: cfg.purpose, visibility: cfg.public ? "public" : "private" },
            }, gcs, config.protect);
            const grant = (suffix: string, role: string, member: string) =>
                add("gcp:storage/bucketIAMMember:BucketIAMMember", `gcs-${cfg.name}-${suffix}`, { bucket: bucketName, role, member }, gcs);
            grant("owners", "roles/storage.admin", `group:${owner.ownersGroup}`);
            const writerRole = cfg.purpose === "access-logs" ? "roles/storage.objectCreator" : "roles/storage.objectAdmin";
            cfg.writers.forEach((member, i) => grant(`writer-${i}`, writerRole, member));
            if (cfg.public) grant("public-read", "roles/storage.objectViewer", "allUsers");
        }
        gcs.props.buckets = names;
    }
    return resources;
}

/** The Subproject component's props (its record) by subproject name; throws when absent. */
export function subprojectProps(resources: readonly StackResource[], name: string): SubprojectRecord {
    const r = resources.find(x => x.type === COMPONENT.subproject && x.name === name);
    if (!r) throw new Error(`no subproject ${name} in the stack`);
    return r.props as SubprojectRecord;
}

/** A copy of the owner record of `handle`, from whichever subproject lists them. */
export function ownerRecord(resources: readonly StackResource[], handle: string): OwnerRecord {
    for (const r of resources.filter(x => x.type === COMPONENT.subproject)) {
        const found = (r.props as SubprojectRecord).owners.find(o => o.github === handle);
        if (found) return JSON.parse(JSON.stringify(found)) as OwnerRecord;
    }
    throw new Error(`${handle} owns nothing in the stack`);
}

export function resourcesOfType(resources: readonly StackResource[], type: string): StackResource[] {
    return resources.filter(r => r.type === type);
}
