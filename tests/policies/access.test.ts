import * as path from "path";
import {
    bucketUniformAccess, iamGrantsToGroups, iamNoPrimitiveRoles, iamPublicReadOnly, noServiceAccountKeys,
} from "../../policy-pack/policies/access";
import { grantsOf } from "../../policy-pack/lib/iam";
import { GCP } from "../../model/resource-types";
import { PRIMITIVE_ROLES } from "../../model/iam-roles";
import {
    StackResource, UnknownValueError, messagesOf, runResourcePolicy, runStackPolicy, stackFromRoster, withUnknown,
} from "../helpers/policy";
import { Environment, nameIn } from "../../model/naming";

/** A frozen copy of roster/ as it shipped (tests/fixtures/sample-roster): edits to the live roster do not reach it. */
const ROSTER = path.resolve(__dirname, "../fixtures/sample-roster");
const BUCKET_MEMBER = "gcp:storage/bucketIAMMember:BucketIAMMember";
const PROJECT_MEMBER = "gcp:projects/iAMMember:IAMMember";
const ORG_ADMINS = "group:k8s-infra-gcp-org-admins@kubernetes.io";

/** The sample stack plus one IAM resource; returns both. */
function withGrant(props: Record<string, unknown>, type = BUCKET_MEMBER, environment: Environment = "prod") {
    const resources = stackFromRoster(ROSTER, { environment });
    const grant: StackResource = { type, name: "extra-grant", urn: `urn:pulumi:${environment}::k8s-infra::${type}::extra-grant`, props };
    resources.push(grant);
    return { resources, grant };
}

describe.each(["prod", "staging"] as const)("the sample %s stack", env => {
    const resources = stackFromRoster(ROSTER, { environment: env });
    test("has grants to judge, and every access policy is quiet on it", () => {
        expect(resources.flatMap(r => grantsOf(r)).length).toBeGreaterThan(5);
        for (const p of [iamGrantsToGroups, iamNoPrimitiveRoles, iamPublicReadOnly]) {
            expect(runStackPolicy(p, resources)).toEqual([]);
        }
        for (const r of resources) {
            expect(runResourcePolicy(bucketUniformAccess, r)).toEqual([]);
            expect(runResourcePolicy(noServiceAccountKeys, r)).toEqual([]);
        }
    });
});

describe("iam-grants-to-groups", () => {
    test("a grant to an individual user fires, naming the role and the member", () => {
        const { resources, grant } = withGrant({ bucket: "k8s-infra-ci-logs", role: "roles/storage.objectViewer", member: "user:alice@example.org" });
        expect(runStackPolicy(iamGrantsToGroups, resources)).toEqual([{
            message: `${BUCKET_MEMBER} extra-grant grants roles/storage.objectViewer to user:alice@example.org; ` +
                "grant it to a k8s-infra-*@ group (or a service account) and add the person to the group.",
            urn: grant.urn,
        }]);
    });

    test("a break-glass user from roster/working-group.yaml is allowed", () => {
        const { resources } = withGrant({ project: "kubernetes-public", role: "roles/viewer", member: "user:k8s-infra-break-glass@kubernetes.io" }, PROJECT_MEMBER);
        expect(runStackPolicy(iamGrantsToGroups, resources)).toEqual([]);
    });

    test("a binding's members and an IAM policy's policyData are both read", () => {
        const { resources } = withGrant({ role: "roles/viewer", members: ["group:a@kubernetes.io", "user:bob@example.org"] }, "gcp:projects/iAMBinding:IAMBinding");
        resources.push({
            type: "gcp:storage/bucketIAMPolicy:BucketIAMPolicy", name: "pol", urn: "urn:pol",
            props: { bucket: "k8s-infra-ci-logs", policyData: JSON.stringify({ bindings: [{ role: "roles/storage.admin", members: ["domain:example.org"] }] }) },
        });
        expect(messagesOf(runStackPolicy(iamGrantsToGroups, resources))).toEqual([
            expect.stringContaining("grants roles/viewer to user:bob@example.org"),
            expect.stringContaining("grants roles/storage.admin to domain:example.org"),
        ]);
    });

    test("an unknown member (preview) skips that grant; another user grant is still reported", () => {
        const { resources } = withGrant({ bucket: "b", role: "roles/storage.objectViewer", member: "user:carol@example.org" });
        const unknownGrant = withGrant(withUnknown({ bucket: "b", role: "roles/viewer", member: "" }, "member")).grant;
        resources.unshift({ ...unknownGrant, urn: "urn:unknown" });
        expect(messagesOf(runStackPolicy(iamGrantsToGroups, resources))).toEqual([expect.stringContaining("user:carol@example.org")]);
    });
});

describe("iam-no-primitive-roles", () => {
    test.each(["roles/owner", "roles/editor"])("%s to a group other than org-admins fires", role => {
        const { resources, grant } = withGrant({ project: "kubernetes-public", role, member: "group:k8s-infra-dns-owners@kubernetes.io" }, PROJECT_MEMBER);
        const v = runStackPolicy(iamNoPrimitiveRoles, resources);
        expect(v).toEqual([{ message: expect.stringContaining(`grants the primitive role ${role} to group:k8s-infra-dns-owners@kubernetes.io`), urn: grant.urn }]);
        expect(v[0].message).toContain(`only ${ORG_ADMINS} holds primitive roles`);
    });

    test.each(PRIMITIVE_ROLES.map(r => [r.role, r.writes] as const))("%s (writes: %s) fires for a group other than org-admins exactly when it writes", (role, writes) => {
        const { resources } = withGrant({ project: "kubernetes-public", role, member: "group:k8s-infra-dns-owners@kubernetes.io" }, PROJECT_MEMBER);
        expect(runStackPolicy(iamNoPrimitiveRoles, resources)).toHaveLength(writes ? 1 : 0);
    });

    test("roles/owner to the org-admin group is allowed", () => {
        expect(runStackPolicy(iamNoPrimitiveRoles, withGrant({ role: "roles/owner", member: ORG_ADMINS }, PROJECT_MEMBER).resources)).toEqual([]);
    });

    test("in staging the org-admin group is the -stg one; the prod group is not it", () => {
        const staging = (member: string) => withGrant({ role: "roles/owner", member }, PROJECT_MEMBER, "staging").resources;
        expect(runStackPolicy(iamNoPrimitiveRoles, staging("group:k8s-infra-gcp-org-admins-stg@kubernetes.io"))).toEqual([]);
        expect(runStackPolicy(iamNoPrimitiveRoles, staging(ORG_ADMINS))).toHaveLength(1);
    });

    test("an unknown role (preview) skips that grant; another primitive grant is still reported", () => {
        const { resources } = withGrant({ role: "roles/editor", member: "serviceAccount:ci@p.iam.gserviceaccount.com" }, PROJECT_MEMBER);
        resources.unshift({ ...resources[resources.length - 1], urn: "urn:unknown", props: withUnknown({ role: "", member: "user:x@y.z" }, "role") });
        expect(messagesOf(runStackPolicy(iamNoPrimitiveRoles, resources))).toEqual([expect.stringContaining("roles/editor to serviceAccount:ci@")]);
    });
});

describe("iam-public-read-only", () => {
    // In prod, k8s-infra-prow-results is public, the access-logs bucket is private.
    const PUBLIC = "k8s-infra-prow-results";
    const PRIVATE = "k8s-infra-artifacts-gcs-access-logs";

    test("allUsers with a write role fires, even on a public bucket", () => {
        const { resources, grant } = withGrant({ bucket: PUBLIC, role: "roles/storage.objectAdmin", member: "allUsers" });
        expect(runStackPolicy(iamPublicReadOnly, resources)).toEqual([{
            message: expect.stringContaining("grants roles/storage.objectAdmin to allUsers; the public may only read (roles/storage.objectViewer"),
            urn: grant.urn,
        }]);
    });

    test("allUsers read on a bucket not labelled visibility=public fires", () => {
        const { resources } = withGrant({ bucket: PRIVATE, role: "roles/storage.objectViewer", member: "allUsers" });
        expect(messagesOf(runStackPolicy(iamPublicReadOnly, resources))).toEqual([
            `${BUCKET_MEMBER} extra-grant opens ${PRIVATE} to allUsers, but it is not marked public; label it visibility=public (public: true in the stack config) or remove the grant.`,
        ]);
    });

    test("allAuthenticatedUsers read on a public bucket (b/ prefix as GCP returns it) is quiet", () => {
        expect(runStackPolicy(iamPublicReadOnly, withGrant({ bucket: `b/${PUBLIC}`, role: "roles/storage.legacyObjectReader", member: "allAuthenticatedUsers" }).resources)).toEqual([]);
    });

    test("a bucket that is public in prod but private in staging: the staging grant fires", () => {
        // A bucket that is public: true in Pulumi.prod.yaml and public: false in Pulumi.staging.yaml (the kops CI results).
        const visibility = (env: Environment) => new Map(stackFromRoster(ROSTER, { environment: env }).filter(r => r.type === GCP.bucket)
            .map(r => [r.props.name as string, r.props.labels.visibility as string]));
        const prod = visibility("prod");
        const staging = visibility("staging");
        const name = [...prod.keys()].find(n => prod.get(n) === "public" && staging.get(nameIn({ kind: "bucket", name: n, environment: "staging" })) === "private")!;
        expect(name).toBeDefined();
        const grant = (env: Environment, bucket: string) => withGrant({ bucket, role: "roles/storage.objectViewer", member: "allUsers" }, BUCKET_MEMBER, env).resources;
        expect(runStackPolicy(iamPublicReadOnly, grant("prod", name))).toEqual([]);
        expect(messagesOf(runStackPolicy(iamPublicReadOnly, grant("staging", nameIn({ kind: "bucket", name, environment: "staging" })))))
            .toEqual([expect.stringContaining("is not marked public")]);
    });

    test("allUsers read on an Artifact Registry repository: quiet only when that repository (id, location) is labelled public", () => {
        const REPO = "gcp:artifactregistry/repository:Repository";
        const REPO_MEMBER = "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember";
        const repo = (name: string, location: string, visibility: string): StackResource => ({
            type: REPO, name, urn: `urn:pulumi:prod::k8s-infra::${REPO}::${name}`,
            props: { repositoryId: "images", location, project: "k8s-artifacts-prod", labels: { visibility } },
        });
        const read = (location: string, repository = "images") =>
            withGrant({ repository, location, project: "k8s-artifacts-prod", role: "roles/artifactregistry.reader", member: "allUsers" }, REPO_MEMBER);
        const run = (location: string, repository?: string) => {
            const { resources } = read(location, repository);
            resources.push(repo("images-us-east1", "us-east1", "public"), repo("images-europe-west1", "europe-west1", "private"));
            return messagesOf(runStackPolicy(iamPublicReadOnly, resources));
        };
        expect(run("us-east1")).toEqual([]);
        expect(run("", "projects/k8s-artifacts-prod/locations/us-east1/repositories/images")).toEqual([]);
        expect(run("europe-west1")).toEqual([`${REPO_MEMBER} extra-grant opens repository images to allUsers, but it is not marked public; label it visibility=public or remove the grant.`]);
        // The same repository id in a location with no repository (or only a private one) is not public.
        expect(run("asia-east1")).toHaveLength(1);
    });

    test("a public grant on a project (not a bucket) fires", () => {
        const v = runStackPolicy(iamPublicReadOnly, withGrant({ project: "p", role: "roles/storage.objectViewer", member: "allUsers" }, PROJECT_MEMBER).resources);
        expect(messagesOf(v)).toEqual([expect.stringContaining("opens a resource to allUsers")]);
    });

    test("an unknown visibility label (preview) is not judged yet; other grants still are", () => {
        const { resources } = withGrant({ bucket: PRIVATE, role: "roles/storage.objectAdmin", member: "allUsers" });
        const prowResults = resources.find(r => r.type === GCP.bucket && r.props.name === PUBLIC)!;
        prowResults.props = withUnknown(prowResults.props, "labels.visibility");
        // The sample's own public-read grant on prow-results is not reported as "not marked public".
        expect(messagesOf(runStackPolicy(iamPublicReadOnly, resources))).toEqual([
            expect.stringContaining("grants roles/storage.objectAdmin to allUsers"),
            expect.stringContaining(`opens ${PRIVATE} to allUsers`),
        ]);
    });

    test("an unknown bucket name (preview), and so unknown grant targets, skip those grants; others still judged", () => {
        const { resources } = withGrant({ bucket: PRIVATE, role: "roles/storage.objectViewer", member: "allUsers" });
        for (const r of resources.filter(x => x.props.name === PUBLIC || x.props.bucket === PUBLIC)) {
            r.props = withUnknown(r.props, r.type === GCP.bucket ? "name" : "bucket");
        }
        expect(messagesOf(runStackPolicy(iamPublicReadOnly, resources))).toEqual([expect.stringContaining(`opens ${PRIVATE} to allUsers`)]);
    });
});

describe("no-service-account-keys", () => {
    test.each([GCP.serviceAccountKey, "aws:iam/accessKey:AccessKey"])("%s fires", type => {
        expect(runResourcePolicy(noServiceAccountKeys, { type, name: "ci-key", props: { serviceAccountId: "x" } }))
            .toEqual([`${type} ci-key is a long-lived key; use Workload Identity (GKE) or OIDC federation (CI) instead.`]);
    });

    test("a service account without a key is quiet", () => {
        expect(runResourcePolicy(noServiceAccountKeys, { type: GCP.serviceAccount, props: { accountId: "prow-build" } })).toEqual([]);
    });
});

describe("bucket-uniform-access", () => {
    const run = (props: Record<string, unknown>) => runResourcePolicy(bucketUniformAccess, { type: GCP.bucket, name: "logs", props });

    test("a bucket without uniform access fires", () => {
        expect(run({ name: "k8s-infra-logs" })).toEqual(["Bucket logs does not set uniformBucketLevelAccess: true; object ACLs would bypass the bucket's IAM."]);
        expect(run({ name: "k8s-infra-logs", uniformBucketLevelAccess: false })).toHaveLength(1);
    });

    test("a bucket with uniform access is quiet; other types are not checked", () => {
        expect(run({ uniformBucketLevelAccess: true })).toEqual([]);
        expect(runResourcePolicy(bucketUniformAccess, { type: "aws:s3/bucketV2:BucketV2", props: {} })).toEqual([]);
    });

    test("unknown during preview is not misreported as off", () => {
        expect(() => run(withUnknown({}, "uniformBucketLevelAccess", "boolean"))).toThrow(UnknownValueError);
    });
});
