// A project's buckets/<name>/ folders: gsutil's metadata.txt, the IAM policy,
// and the lifecycle, logging and retention files the audit writes when
// metadata.txt says those are present (each checked against the other).

import { z } from "zod";
import type { Bucket } from "../../model/inventory/schema";
import type { People } from "./people";
import { AclEntry, parseBucketMetadata, parseRetention } from "./read-bucket-metadata";
import { readPolicy } from "./read-iam";
import { AUDIT_ADVICE, Source, canonical, sortBy, sortedRecord } from "./source";

const Lifecycle = z.looseObject({
    rule: z.array(z.looseObject({ action: z.record(z.string(), z.unknown()), condition: z.record(z.string(), z.unknown()) })).optional(),
});
const Logging = z.looseObject({ logBucket: z.string(), logObjectPrefix: z.string().optional() });

/** Every bucket folder under `projectRel`/buckets, by name. */
export function readBuckets(src: Source, projectRel: string, people: People): Record<string, Bucket> {
    const dir = `${projectRel}/buckets`;
    const out: [string, Bucket][] = [];
    for (const name of src.list(dir)) {
        if (!src.isDir(`${dir}/${name}`)) continue; // a stray file: the project lists it as unread
        const bucket = readBucket(src, `${dir}/${name}`, name, people);
        if (bucket) out.push([name, bucket]);
    }
    return sortedRecord(out);
}

function readBucket(src: Source, rel: string, name: string, people: People): Bucket | undefined {
    const metaRel = `${rel}/metadata.txt`;
    if (!src.isFile(metaRel)) {
        src.problem(rel, `has no metadata.txt (gsutil ls -L -b gs://${name}); re-run the audit for this bucket or remove the folder`);
        return undefined;
    }
    const text = src.text(metaRel);
    if (text === undefined) return undefined;
    const { metadata, errors } = parseBucketMetadata(text);
    for (const e of errors) src.problem(metaRel, `cannot be read as gsutil ls -L output: ${e}`);
    if (!metadata) return undefined;
    if (metadata.name !== name) src.problem(metaRel, `describes gs://${metadata.name}, not the folder's bucket ${name}; ${AUDIT_ADVICE}`);
    const policy = readPolicy(src, `${rel}/iam.json`, people);
    const lifecycle = companion(src, `${rel}/lifecycle.json`, metadata.lifecycle, "Lifecycle configuration");
    const logging = companion(src, `${rel}/logging.json`, metadata.logging, "Logging configuration");
    const retention = companion(src, `${rel}/retention.txt`, metadata.retention, "Retention Policy");
    const bucket: Bucket = {
        location: metadata.location,
        locationType: metadata.locationType,
        storageClass: metadata.storageClass,
        versioning: metadata.versioning,
        uniformAccess: metadata.uniformAccess,
        publicAccessPrevention: metadata.publicAccessPrevention,
        requesterPays: metadata.requesterPays,
        website: metadata.website,
        labels: sortedRecord(Object.entries(metadata.labels)),
        lifecycle: lifecycle ? lifecycleRules(src, lifecycle) : [],
        iam: policy?.iam ?? [],
    };
    if (logging) {
        const l = src.jsonOf(logging, Logging);
        if (l) bucket.logging = l.logObjectPrefix === undefined ? { bucket: l.logBucket } : { bucket: l.logBucket, prefix: l.logObjectPrefix };
    }
    if (retention) {
        const r = parseRetention(src.text(retention) ?? "");
        if (r.error) src.problem(retention, `${r.error}; ${AUDIT_ADVICE}`);
        else bucket.retention = r.retention;
    }
    if (metadata.kmsKey) bucket.kmsKey = metadata.kmsKey;
    if (metadata.acl.length > 0) bucket.acl = acl(metadata.acl, people);
    if (metadata.defaultAcl.length > 0) bucket.defaultObjectAcl = acl(metadata.defaultAcl, people);
    return bucket;
}

/** The file beside metadata.txt for a setting it says is Present: its path when both agree, else a problem. */
function companion(src: Source, rel: string, present: boolean, field: string): string | undefined {
    const exists = src.isFile(rel);
    if (present && !exists) src.problem(rel, `is missing although metadata.txt says "${field}: Present"; ${AUDIT_ADVICE}`);
    if (!present && exists) {
        src.consumed.add(rel);
        src.problem(rel, `is there although metadata.txt says "${field}" is not set; the two were dumped at different times: re-run the audit for this bucket`);
    }
    return present && exists ? rel : undefined;
}

function lifecycleRules(src: Source, rel: string): Bucket["lifecycle"] {
    const parsed = src.jsonOf(rel, Lifecycle);
    return sortBy((parsed?.rule ?? []).map(r => ({ action: r.action, condition: r.condition })), r => JSON.stringify(canonical(r)));
}

function acl(entries: readonly AclEntry[], people: People): NonNullable<Bucket["acl"]> {
    const kept = entries.flatMap(e => {
        const entity = people.aclEntity(e.entity);
        return entity === undefined ? [] : [{ entity, role: e.role }];
    });
    return { entries: sortBy(kept, e => `${e.entity}\u0000${e.role}`), people: entries.length - kept.length };
}
