// The inventory's file formats: what exists in the real estate, as `npm run
// inventory` writes it from a kubernetes/k8s.io tree (its audit dump, DNS zone
// configs, groups and infra.yaml) and as the program, `npm run adopt` and
// `npm run status` read it. One zod schema per file kind; the writer validates
// what it is about to write with the same schema the readers use.
//
// Layout of an inventory folder:
//   projects/<project-id>.yaml   one GCP project and what the audit lists in it
//   dns/<zone>.yaml              one OctoDNS zone (base plus prod-only pieces)
//   groups/<folder>.yaml         one k8s.io groups.yaml file (root file: groups/root.yaml)
//   infra.yaml                   infra/gcp/infra.yaml: the projects k8s.io manages, by type
//   organization.yaml            the organization's IAM policy and custom roles
//
// No personal address is kept: IAM members and group members that are people
// (user:..., or an address outside the groups the inventory lists) are counted,
// never written. The only addresses written are service accounts
// (*.gserviceaccount.com) and the kubernetes.io groups the inventory lists
// (tools/inventory/people.ts is the one place that decides).

import { z } from "zod";

export const INVENTORY_FORMAT = 1;

/** An IAM binding with the people left out: only groups, service accounts, domains and the public. */
export const IamBinding = z.strictObject({
    role: z.string(),
    /** group:, serviceAccount:, domain:, allUsers, allAuthenticatedUsers, projectOwner:/Editor:/Viewer:, principal(Set):// */
    members: z.array(z.string()),
    /** How many members were people (user:, deleted:user:, or any member naming an address that is neither a
     * service account nor a group of the inventory, e.g. a group: of another domain), counted, never named. */
    people: z.number().int().nonnegative(),
    /** The condition's CEL expression; its title and description beside it. */
    condition: z.string().optional(),
    conditionTitle: z.string().optional(),
    conditionDescription: z.string().optional(),
});
export type IamBinding = z.infer<typeof IamBinding>;

/** A legacy (fine-grained) ACL, as gsutil lists it when uniform access is off: entity and role, people counted. */
export const Acl = z.strictObject({
    /** As GCS names it (project-owners-<number>, domain-<domain>, allUsers, ...), except that an address is
     * written after a colon so it stands alone: GCS's group-<e-mail> is group:<e-mail>, user-<e-mail> user:<e-mail>. */
    entries: z.array(z.strictObject({ entity: z.string(), role: z.string() })),
    /** How many entries were people (user-<address>, group-<address outside the inventory>), counted, never named. */
    people: z.number().int().nonnegative(),
});

export const Bucket = z.strictObject({
    location: z.string(),                  // as gsutil prints it upper-case: US, US-CENTRAL1, EU
    locationType: z.string(),              // multi-region | region | dual-region
    storageClass: z.string(),              // STANDARD, NEARLINE, ...
    versioning: z.boolean(),
    uniformAccess: z.boolean(),            // "Bucket Policy Only enabled"
    publicAccessPrevention: z.string(),    // inherited | enforced
    requesterPays: z.boolean(),
    website: z.boolean(),                  // a website configuration is present
    labels: z.record(z.string(), z.string()),
    /** Retention period in seconds (gsutil's "Duration": a year is 365.25 days, a month 31 days, as the GCS API counts them), and whether locked. */
    retention: z.strictObject({ seconds: z.number().int().positive(), locked: z.boolean() }).optional(),
    logging: z.strictObject({ bucket: z.string(), prefix: z.string().optional() }).optional(),
    /** lifecycle.json's rules, as the JSON API gives them ({action:{type}, condition:{age,...}}). */
    lifecycle: z.array(z.strictObject({ action: z.record(z.string(), z.unknown()), condition: z.record(z.string(), z.unknown()) })),
    /** The default Cloud KMS key, when one is set. */
    kmsKey: z.string().optional(),
    /** The bucket's and its default object ACL, when gsutil lists a non-empty one (uniform access off). */
    acl: Acl.optional(),
    defaultObjectAcl: Acl.optional(),
    iam: z.array(IamBinding),
});
export type Bucket = z.infer<typeof Bucket>;

export const ServiceAccount = z.strictObject({
    displayName: z.string().optional(),
    description: z.string().optional(),
    disabled: z.boolean(),
    iam: z.array(IamBinding),
});

export const Secret = z.strictObject({
    /** automatic, or the user-managed replica locations. */
    replication: z.union([z.literal("automatic"), z.strictObject({ locations: z.array(z.string()) })]),
    labels: z.record(z.string(), z.string()),
    /** Versions by state (ENABLED, DISABLED, DESTROYED): counts only. */
    versions: z.record(z.string(), z.number().int().nonnegative()),
    iam: z.array(IamBinding),
});

export const Dataset = z.strictObject({
    location: z.string(),
    friendlyName: z.string().optional(),
    description: z.string().optional(),
    labels: z.record(z.string(), z.string()),
    /** Access entries with the people left out, and people counted. member is `<kind>:<value>` with BigQuery's
     * own kind names: groupByEmail:, userByEmail: (service accounts only), specialGroup:, domain:, iamMember:,
     * view:/routine: (<project>.<dataset>.<id>), dataset: (<project>.<dataset>). */
    access: z.array(z.strictObject({ role: z.string(), member: z.string() })),
    people: z.number().int().nonnegative(),
});

/** A cluster's own node config, as gcloud describes it (the reader takes these fields from its JSON). */
export const ClusterNodeConfig = z.strictObject({
    machineType: z.string().optional(),
    diskSizeGb: z.number().int().optional(),
    diskType: z.string().optional(),
    imageType: z.string().optional(),
    serviceAccount: z.string().optional(),
    oauthScopes: z.array(z.string()).optional(),
});

export const Cluster = z.strictObject({
    location: z.string(),
    releaseChannel: z.string().optional(),
    network: z.string().optional(),
    subnetwork: z.string().optional(),
    workloadPool: z.string().optional(),
    securityGroup: z.string().optional(),
    privateCluster: z.boolean(),
    masterIpv4CidrBlock: z.string().optional(),
    /** What is fixed at creation (changing it recreates the cluster): description, first node count, networking. */
    description: z.string().optional(),
    initialNodeCount: z.number().int().optional(),
    /** VPC_NATIVE (alias IPs, with its secondary ranges) or ROUTES. */
    networkingMode: z.enum(["VPC_NATIVE", "ROUTES"]),
    ipAllocation: z.strictObject({
        podsRange: z.string().optional(),
        servicesRange: z.string().optional(),
        /** IPV4 or IPV4_IPV6 (dual-stack), when the source says. */
        stackType: z.string().optional(),
    }).optional(),
    /** The dataplane, when the source says: ADVANCED_DATAPATH (Dataplane V2) or LEGACY_DATAPATH. */
    datapathProvider: z.string().optional(),
    /** The cluster's own node config (its default pool's): fixed at creation too. */
    nodeConfig: ClusterNodeConfig.optional(),
    nodePools: z.record(z.string(), z.strictObject({
        machineType: z.string().optional(),
        imageType: z.string().optional(),
        minNodes: z.number().int().optional(),
        maxNodes: z.number().int().optional(),
        /** What is fixed when a pool is made (changing it recreates the pool), and its disks. */
        initialNodeCount: z.number().int().optional(),
        diskSizeGb: z.number().int().optional(),
        diskType: z.string().optional(),
        serviceAccount: z.string().optional(),
        oauthScopes: z.array(z.string()).optional(),
        secureBoot: z.boolean().optional(),
        integrityMonitoring: z.boolean().optional(),
        /** GKE_METADATA: pods see the metadata server of Workload Identity. */
        workloadMetadata: z.string().optional(),
        autoRepair: z.boolean().optional(),
        autoUpgrade: z.boolean().optional(),
        /** Made by node auto-provisioning: GKE's own pool, which it makes and removes. */
        autoprovisioned: z.boolean().optional(),
    })),
});

export const ManagedZone = z.strictObject({
    dnsName: z.string(),                   // with the trailing dot, as Cloud DNS gives it
    visibility: z.string(),
    description: z.string(),
    dnssec: z.boolean(),
});

/** The audit logs (Cloud Audit Logs) a project's IAM policy turns on for one service. */
export const AuditConfig = z.strictObject({
    service: z.string(),                   // e.g. artifactregistry.googleapis.com, or allServices
    /** log type (ADMIN_READ, DATA_READ, DATA_WRITE) -> members exempted from it (people left out, counted) */
    logTypes: z.record(z.string(), z.strictObject({ exempted: z.array(z.string()), people: z.number().int().nonnegative() })),
});

export const ProjectFile = z.strictObject({
    format: z.literal(INVENTORY_FORMAT),
    id: z.string(),
    /** The display name, when it differs from the id. */
    name: z.string().optional(),
    number: z.string(),
    /** organizations/<id> or folders/<id> */
    parent: z.string(),
    state: z.string(),
    /** Enabled APIs, sorted. */
    services: z.array(z.string()),
    iam: z.array(IamBinding),
    /** The IAM policy's auditConfigs, when it has any. */
    auditConfigs: z.array(AuditConfig).optional(),
    buckets: z.record(z.string(), Bucket),
    /** Keyed by e-mail. */
    serviceAccounts: z.record(z.string(), ServiceAccount),
    secrets: z.record(z.string(), Secret),
    datasets: z.record(z.string(), Dataset),
    clusters: z.record(z.string(), Cluster),
    dnsZones: z.record(z.string(), ManagedZone),
    /** Audit files in this project the inventory does not describe, by relative path (kept so nothing is dropped silently). */
    unread: z.array(z.string()),
    /**
     * Set for a project no audit dump has yet, read from a declared/ file of this repository: the
     * k8s.io files (path@commit) that declare it. What they do not declare is not here.
     */
    declaredBy: z.array(z.string()).optional(),
});
export type ProjectFile = z.infer<typeof ProjectFile>;

export const DnsRecord = z.strictObject({
    name: z.string(),                      // relative, "" for the apex, as OctoDNS writes it
    type: z.string(),
    ttl: z.number().int().positive().optional(),
    values: z.array(z.unknown()),
    /** The later piece it is in (a prod-only one, which a canary zone does not share); absent for the first source (the base). */
    piece: z.string().optional(),
});

export const ZoneFile = z.strictObject({
    format: z.literal(INVENTORY_FORMAT),
    zone: z.string(),                      // e.g. k8s.io (no trailing dot)
    /** The zone-config files it was made from (names in dns/zone-configs/), in the order OctoDNS concatenates them. */
    sources: z.array(z.string()),
    /** Whether a canary zone (canary.<zone>) shares the base file. */
    canary: z.boolean(),
    records: z.array(DnsRecord),
});
export type ZoneFile = z.infer<typeof ZoneFile>;

export const Group = z.strictObject({
    email: z.string(),
    name: z.string(),
    description: z.string().optional(),
    settings: z.record(z.string(), z.string()),
    /** Members, managers and owners that are groups of the inventory (listed); people counted. */
    groups: z.strictObject({ owners: z.array(z.string()), managers: z.array(z.string()), members: z.array(z.string()) }),
    people: z.strictObject({ owners: z.number().int(), managers: z.number().int(), members: z.number().int() }),
    /** Members, managers and owners that are service accounts, when there are any (not people, so not counted there). */
    serviceAccounts: z.strictObject({ owners: z.array(z.string()), managers: z.array(z.string()), members: z.array(z.string()) }).optional(),
});

export const GroupsFile = z.strictObject({
    format: z.literal(INVENTORY_FORMAT),
    /** The groups.yaml it came from, relative to the k8s.io groups folder. */
    source: z.string(),
    /** restrictions.yaml's allowed patterns for this file. */
    allowed: z.array(z.string()),
    groups: z.array(Group),
});
export type GroupsFile = z.infer<typeof GroupsFile>;

export const InfraFile = z.strictObject({
    format: z.literal(INVENTORY_FORMAT),
    /** project type -> its managing script and project ids */
    types: z.record(z.string(), z.strictObject({
        managedBy: z.string().optional(),
        projects: z.array(z.string()),
        /** project id -> the script that manages this project instead of the type's (infra.yaml's per-project managed_by) */
        overrides: z.record(z.string(), z.string()).optional(),
    })),
});

/** A custom role as its definition reads (roles/<id>.json). */
export const CustomRole = z.strictObject({
    title: z.string(),
    description: z.string().optional(),
    stage: z.string(),
    permissions: z.array(z.string()),
});

export const OrganizationFile = z.strictObject({
    format: z.literal(INVENTORY_FORMAT),
    domain: z.string(),
    /** organizations/<id>, when the audit gives it. */
    name: z.string().optional(),
    /** The custom roles' full names (organizations/<id>/roles/<role>), sorted. */
    customRoles: z.array(z.string()),
    /** Their definitions, by full name. */
    roles: z.record(z.string(), CustomRole).optional(),
    iam: z.array(IamBinding),
    /** Files in the organization's audit folder the inventory does not describe, by relative path. */
    unread: z.array(z.string()).optional(),
});
