// A bucket's metadata.txt is `gsutil ls -L -b gs://<bucket>` text, not JSON:
// tab-aligned "Label:<tabs>value" lines, multi-line values (labels, ACLs) as
// indented JSON. This parses every field gsutil prints; a field the inventory
// does not describe is an error when it is set, so no setting is dropped.

export interface AclEntry {
    entity: string;
    role: string;
}

export interface BucketMetadata {
    name: string;
    storageClass: string;
    locationType: string;
    location: string;
    versioning: boolean;
    logging: boolean;
    website: boolean;
    lifecycle: boolean;
    requesterPays: boolean;
    retention: boolean;
    labels: Record<string, string>;
    kmsKey?: string;
    uniformAccess: boolean;
    publicAccessPrevention: string;
    acl: AclEntry[];
    defaultAcl: AclEntry[];
}

/** Fields gsutil prints that say when or how often, not how: left out of the inventory. */
const OUTPUT_ONLY = new Set(["Time created", "Time updated", "Metageneration", "Satisfies PZS"]);
/** Fields the inventory reads. */
const READ = new Set([
    "Storage class", "Location type", "Location constraint", "Versioning enabled", "Logging configuration",
    "Website configuration", "Lifecycle configuration", "Requester Pays enabled", "Retention Policy", "Labels",
    "Default KMS key", "Bucket Policy Only enabled", "Public access prevention", "ACL", "Default ACL",
]);
/** Fields the inventory does not describe, with the value that means "not set". */
const NOT_DESCRIBED: Record<string, string | undefined> = {
    "CORS configuration": "None",
    "Default Event-Based Hold": "False",
    "RPO": "DEFAULT",
    "Autoclass": undefined,
    "Placement locations": undefined,
};

const FIELD = /^\t([^\t: ][^\t:]*?) ?:[ \t]*(.*)$/;
const CONTINUATION = "\t  ";

/** Splits the text into the bucket URL and its fields; errors for lines that are neither. */
function fields(text: string, errors: string[]): { name?: string; raw: Map<string, string> } {
    const lines = text.replace(/\r\n/g, "\n").replace(/\n+$/, "").split("\n");
    const raw = new Map<string, string>();
    const head = /^gs:\/\/([^/\s]+)\/ :$/.exec(lines[0] ?? "");
    if (!head) errors.push(`line 1 is not "gs://<bucket>/ :" (is this gsutil ls -L -b output?)`);
    let current: string | undefined;
    for (let i = 1; i < lines.length; i++) {
        const line = lines[i];
        const field = FIELD.exec(line);
        if (line.startsWith(CONTINUATION) && current !== undefined) {
            raw.set(current, `${raw.get(current)}\n${line.slice(CONTINUATION.length)}`);
        } else if (field) {
            current = field[1];
            if (raw.has(current)) errors.push(`line ${i + 1}: "${current}" appears twice`);
            raw.set(current, field[2]);
        } else if (line.trim() !== "") {
            errors.push(`line ${i + 1} is not a "<field>:<tab>value" line: ${JSON.stringify(line.slice(0, 60))}`);
        }
    }
    return { name: head?.[1], raw };
}

/** The bucket's settings, or the reasons the text cannot be read. */
export function parseBucketMetadata(text: string): { metadata?: BucketMetadata; errors: string[] } {
    const errors: string[] = [];
    const { name, raw } = fields(text, errors);
    for (const [key, value] of raw) {
        if (READ.has(key) || OUTPUT_ONLY.has(key)) continue;
        if (key in NOT_DESCRIBED) {
            const unset = NOT_DESCRIBED[key];
            if (unset === undefined || value.trim() !== unset) errors.push(`"${key}" is ${JSON.stringify(value.trim())}, a setting the inventory does not describe: add it to Bucket in model/inventory/schema.ts and read it here`);
        } else {
            errors.push(`unknown field "${key}": teach tools/inventory/read-bucket-metadata.ts what it means`);
        }
    }
    const need = (key: string): string => {
        const v = raw.get(key);
        if (v === undefined) errors.push(`"${key}" is missing`);
        return (v ?? "").trim();
    };
    const flag = (key: string, yes: string, no: string[]): boolean => {
        const v = need(key);
        if (v !== yes && !no.includes(v) && raw.has(key)) errors.push(`"${key}" is ${JSON.stringify(v)}, expected ${[yes, ...no].join(" or ")}`);
        return v === yes;
    };
    const metadata: BucketMetadata = {
        name: name ?? "",
        storageClass: need("Storage class"),
        locationType: need("Location type"),
        location: need("Location constraint"),
        versioning: flag("Versioning enabled", "True", ["None", "False"]),
        logging: flag("Logging configuration", "Present", ["None"]),
        website: flag("Website configuration", "Present", ["None"]),
        lifecycle: flag("Lifecycle configuration", "Present", ["None"]),
        requesterPays: flag("Requester Pays enabled", "True", ["None", "False"]),
        retention: raw.has("Retention Policy") && flag("Retention Policy", "Present", []),
        labels: labels(need("Labels"), errors),
        uniformAccess: flag("Bucket Policy Only enabled", "True", ["False"]),
        publicAccessPrevention: need("Public access prevention"),
        acl: acl("ACL", need("ACL"), errors),
        defaultAcl: acl("Default ACL", need("Default ACL"), errors),
    };
    const kms = need("Default KMS key");
    if (kms !== "None" && kms !== "") metadata.kmsKey = kms;
    return errors.length > 0 ? { errors } : { metadata, errors };
}

function jsonValue(key: string, value: string, errors: string[]): unknown {
    try {
        return JSON.parse(value);
    } catch {
        errors.push(`"${key}" is neither None nor JSON: ${JSON.stringify(value.slice(0, 60))}`);
        return undefined;
    }
}

function labels(value: string, errors: string[]): Record<string, string> {
    if (value === "None" || value === "") return {};
    const parsed = jsonValue("Labels", value, errors);
    if (parsed === undefined) return {};
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || Object.values(parsed).some(v => typeof v !== "string")) {
        errors.push(`"Labels" is not a JSON object of strings`);
        return {};
    }
    return parsed as Record<string, string>;
}

function acl(key: string, value: string, errors: string[]): AclEntry[] {
    if (value === "" || value === "[]") return [];
    const parsed = jsonValue(key, value, errors);
    if (parsed === undefined) return [];
    const ok = Array.isArray(parsed) && parsed.every(e => typeof e === "object" && e !== null && typeof e.entity === "string" && typeof e.role === "string");
    if (!ok) {
        errors.push(`"${key}" is not a JSON list of {entity, role}`);
        return [];
    }
    return (parsed as AclEntry[]).map(e => ({ entity: e.entity, role: e.role }));
}

const SECONDS_IN_DAY = 24 * 60 * 60;
/** As gsutil and the GCS API count them (gslib/utils/retention_util.py). */
const UNIT_SECONDS: Record<string, number> = {
    "Year(s)": 365.25 * SECONDS_IN_DAY, "Month(s)": 31 * SECONDS_IN_DAY, "Day(s)": SECONDS_IN_DAY, "Second(s)": 1, "Seconds": 1,
};

/** retention.txt (`gsutil retention get`): the period in seconds and whether it is locked. */
export function parseRetention(text: string): { retention?: { seconds: number; locked: boolean }; error?: string } {
    const head = /^\s*Retention Policy \((LOCKED|UNLOCKED)\):\s*$/m.exec(text);
    const duration = /^\s*Duration: (\d+) (Year\(s\)|Month\(s\)|Day\(s\)|Second\(s\)|Seconds)(?: \(~\d+ Day\(s\)\))?\s*$/m.exec(text);
    if (!head || !duration) return { error: `is not "Retention Policy (LOCKED|UNLOCKED):" with a "Duration: <n> <unit>" line (gsutil retention get output)` };
    const seconds = Number(duration[1]) * UNIT_SECONDS[duration[2]];
    if (!Number.isSafeInteger(seconds) || seconds <= 0) return { error: `has a duration that is not a positive whole number of seconds` };
    return { retention: { seconds, locked: head[1] === "LOCKED" } };
}
