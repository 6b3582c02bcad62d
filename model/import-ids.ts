// The id `pulumi import` (and the `import` resource option) takes for each type
// the inventory describes, built from the inputs that make up the type's natural
// key. One table, read by the program (to adopt what exists), by `npm run adopt`,
// by the adopt-existing policy and by the stand-in cloud (which gives what it
// creates these same ids), so that an inventoried object and the resource the
// program declares for it meet on one id.

/** type token -> the id, with `{input}` for an input's value. */
import { propertyAt } from "./property-path";

export const IMPORT_IDS: Readonly<Record<string, string>> = {
    "gcp:organizations/project:Project": "projects/{projectId}",
    "gcp:storage/bucket:Bucket": "{name}",
    "gcp:serviceaccount/account:Account": "projects/{project}/serviceAccounts/{accountId}@{project}.iam.gserviceaccount.com",
    "gcp:secretmanager/secret:Secret": "projects/{project}/secrets/{secretId}",
    "gcp:bigquery/dataset:Dataset": "projects/{project}/datasets/{datasetId}",
    "gcp:dns/managedZone:ManagedZone": "projects/{project}/managedZones/{name}",
    // name is the record set's DNS name with its trailing dot (www.k8s.io.), type its record type (CNAME).
    "gcp:dns/recordSet:RecordSet": "projects/{project}/managedZones/{managedZone}/rrsets/{name}/{type}",
    "gcp:container/cluster:Cluster": "projects/{project}/locations/{location}/clusters/{name}",
    // cluster is the cluster's name as a plain string (services/gke gives it so), name the pool's.
    "gcp:container/nodePool:NodePool": "{project}/{location}/{cluster}/{name}",
};

/** The types the program adopts when the inventory holds them. */
export const ADOPTABLE_TYPES: readonly string[] = Object.keys(IMPORT_IDS);

/**
 * Types whose existing objects can be told by name but not imported: a Cloud Identity
 * group's import id is a server-made `groups/<id>` that no inventory holds. An existing
 * one is never created over (the adopt-existing policy blocks it) and never adopted.
 */
export const NAME_ONLY_TYPES: Readonly<Record<string, string>> = {
    "gcp:cloudidentity/group:Group": "groupKey.id",
};

/** Types whose existence the program records: the adoptable ones and the name-only ones. */
export const EXISTENCE_CHECKED_TYPES: readonly string[] = [...ADOPTABLE_TYPES, ...Object.keys(NAME_ONLY_TYPES)];

/** The id an object of this type is known by: its import id, or for a name-only type its name. */
export function existenceIdOf(type: string, inputs: Record<string, unknown>): string | undefined {
    const path = NAME_ONLY_TYPES[type];
    if (!path) return importIdOf(type, inputs);
    const v = propertyAt(inputs, path);
    return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * The import id of a resource from its inputs, or undefined when the type has none here
 * or an input the id needs is not a plain non-empty string (unknown, an output, absent).
 */
export function importIdOf(type: string, inputs: Record<string, unknown>): string | undefined {
    const template = IMPORT_IDS[type];
    if (!template) return undefined;
    let complete = true;
    const id = template.replace(/\{([^}]+)\}/g, (_, key: string) => {
        const v = inputs[key];
        if (typeof v !== "string" || v === "") complete = false;
        return String(v);
    });
    return complete ? id : undefined;
}
