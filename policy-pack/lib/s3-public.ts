// What an S3 bucket policy gives anyone ("*"): the AWS side of iam-public-read-only.
// A statement that allows a principal of "*" (or {"AWS": "*"}, or every principal but
// some, through NotPrincipal) opens the bucket to the world; it may only get and
// list (registry.k8s.io's mirrors), and only on a bucket tagged visibility=public.
// Deny statements restrict and are never a problem.

import { PolicyResource } from "@pulumi/policy";
import { policyStatements } from "@k8s-infra/model/ci-identities";
import { asString, eachKnown, getPath } from "./resources";

export const S3_BUCKET = "aws:s3/bucket:Bucket";
export const S3_BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
/** The actions anyone may be allowed on a public bucket: reading objects and listing them. */
export const PUBLIC_S3_ACTIONS: readonly string[] = ["s3:GetObject", "s3:ListBucket"];

const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string");

function isAnyone(st: Record<string, unknown>): boolean {
    if (st.NotPrincipal !== undefined) return true;
    const p = st.Principal;
    if (p === "*") return true;
    return !!p && typeof p === "object" && list((p as Record<string, unknown>).AWS).includes("*");
}

/** Buckets tagged visibility=public, by name; during preview, also those whose tags are not known yet. */
function publicBuckets(resources: readonly PolicyResource[]): Set<string> {
    const names = new Set<string>();
    eachKnown(resources.filter(r => r.type === S3_BUCKET), r => {
        const name = asString(r.props.bucket);
        if (name === undefined) return;
        let visibility: unknown = "public"; // not known until the update: judged then, not reported now
        eachKnown([r], b => { visibility = getPath(b.props, "tags.visibility"); });
        if (visibility === "public") names.add(name);
    });
    return names;
}

/** One message per bucket policy statement that lets anyone do more than read, or opens a bucket not tagged public. */
export function publicS3Problems(resources: readonly PolicyResource[]): { urn: string; message: string }[] {
    const open = publicBuckets(resources);
    const problems: { urn: string; message: string }[] = [];
    eachKnown(resources.filter(r => r.type === S3_BUCKET_POLICY), r => {
        const bucket = asString(r.props.bucket) ?? "?";
        for (const st of policyStatements(r.props.policy)) {
            if (st.Effect !== "Allow" || !isAnyone(st)) continue;
            const actions = [...list(st.Action), ...list(st.NotAction).map(a => `everything but ${a}`)];
            const writes = actions.filter(a => !PUBLIC_S3_ACTIONS.includes(a));
            const at = `${S3_BUCKET_POLICY} ${r.name}${st.Sid ? ` (statement ${String(st.Sid)})` : ""}`;
            if (writes.length > 0) {
                problems.push({ urn: r.urn, message: `${at} lets anyone ${writes.join(", ")} on bucket ${bucket}; the public may only ${PUBLIC_S3_ACTIONS.join(", ")}.` });
            }
            if (!open.has(bucket)) {
                problems.push({ urn: r.urn, message: `${at} opens bucket ${bucket} to anyone, but it is not tagged visibility=public; tag it or remove the statement.` });
            }
        }
    });
    return problems;
}
