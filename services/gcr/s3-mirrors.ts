// The S3 mirrors of registry.k8s.io's image layers (k8s.io:
// infra/aws/terraform/registry.k8s.io/s3/bucket.tf), one bucket per AWS region in
// model/registry-regions.ts, in the registry's own AWS account: the redirector sends
// a client in AWS to the nearest one, sparing the project Google's egress. Anyone
// reads them (GetObject, ListBucket), over TLS only; ACLs are off (the bucket owner
// owns every object). Versioned, for replication: layers are copied into the source
// bucket and S3 replicates them to the others, as the role given in config. Kept in
// prod: a deleted bucket's name could be taken by anyone, and the redirector would
// send clients to it.
//
// Its AWS provider is pinned to that account (allowedAccountIds), as the test pool's
// and the CI identities' are; each bucket names its region (provider 7's per-resource
// region), so one provider serves them all.

import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { MirrorRegion } from "../../model/registry-regions";

export interface S3MirrorsArgs {
    accountId: string;
    /** A role in the account to assume, if the deploy's credentials are another account's. */
    deployRoleArn?: string;
    /** Region -> bucket name, in this environment. */
    buckets: Partial<Record<MirrorRegion, string>>;
    /** The bucket the layers are copied into; it replicates to the others when `replicationRoleArn` is set. */
    source: MirrorRegion;
    replicationRoleArn?: string;
    /** Cost tags (the service's labels). */
    tags: Record<string, string>;
}

/** The public-read policy of a mirror bucket: anyone lists and gets, nothing without TLS. */
export function mirrorBucketPolicy(bucket: string): { Id: string; Version: string; Statement: Record<string, unknown>[] } {
    const arn = `arn:aws:s3:::${bucket}`;
    return {
        Id: "Public-Access",
        Version: "2012-10-17",
        Statement: [
            { Sid: "PublicList", Effect: "Allow", Principal: "*", Action: "s3:ListBucket", Resource: arn },
            { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${arn}/*` },
            { Sid: "AllowSSLRequestsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
    };
}

export class S3Mirrors extends pulumi.ComponentResource {
    /** Region -> bucket name. */
    readonly buckets: Record<string, string> = {};

    constructor(name: string, args: S3MirrorsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("k8s-infra:gcr:S3Mirrors", name, args, opts);
        const provider = new aws.Provider(`${name}-aws`, {
            region: args.source,
            allowedAccountIds: [args.accountId],
            ...(args.deployRoleArn ? { assumeRoles: [{ roleArn: args.deployRoleArn, sessionName: "k8s-infra-registry-mirrors" }] } : {}),
        }, { parent: this });
        const on = { parent: this, provider };
        const versioned: Record<string, pulumi.Resource> = {};
        for (const [region, bucket] of Object.entries(args.buckets)) {
            versioned[region] = this.bucket(`${name}-${region}`, region, bucket, args, on);
            this.buckets[region] = bucket;
        }
        const sourceBucket = args.buckets[args.source];
        const targets = Object.entries(args.buckets).filter(([region]) => region !== args.source);
        if (args.replicationRoleArn && sourceBucket && targets.length > 0) {
            new aws.s3.BucketReplicationConfig(`${name}-replication`, {
                bucket: sourceBucket,
                region: args.source,
                role: args.replicationRoleArn,
                rules: targets.map(([region, bucket], i) => ({
                    id: `${sourceBucket}-to-${bucket}`.slice(0, 255),
                    status: "Enabled",
                    priority: i + 1,
                    filter: {},
                    deleteMarkerReplication: { status: "Enabled" },
                    destination: { bucket: `arn:aws:s3:::${bucket}`, storageClass: "STANDARD", metrics: { status: "Enabled" } },
                })),
            }, { ...on, dependsOn: Object.values(versioned) });
        }
        this.registerOutputs({ buckets: this.buckets });
    }

    /** One mirror bucket with its access settings; returns its versioning (replication needs it first). */
    private bucket(resourceName: string, region: string, bucket: string, args: S3MirrorsArgs, on: pulumi.CustomResourceOptions): pulumi.Resource {
        const b = new aws.s3.Bucket(resourceName, {
            bucket,
            region,
            tags: { ...args.tags, "purpose": "registry-mirror", "visibility": "public" },
        }, on);
        const ref = { bucket: b.bucket, region };
        new aws.s3.BucketOwnershipControls(`${resourceName}-ownership`, { ...ref, rule: { objectOwnership: "BucketOwnerEnforced" } }, on);
        // Public through the policy only: ACLs stay blocked and ignored.
        const access = new aws.s3.BucketPublicAccessBlock(`${resourceName}-public-access`, {
            ...ref, blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false,
        }, on);
        new aws.s3.BucketPolicy(`${resourceName}-public-read`, { ...ref, policy: JSON.stringify(mirrorBucketPolicy(bucket)) }, { ...on, dependsOn: [access] });
        return new aws.s3.BucketVersioning(`${resourceName}-versioning`, { ...ref, versioningConfiguration: { status: "Enabled" } }, on);
    }
}
