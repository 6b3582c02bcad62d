// images-promoter-only (policy-pack/policies/registry.ts): the gcr component as it
// deploys is quiet; any other writer of a production images repository, on the
// repository or on its project, fires; readers, staging areas and other projects
// do not. And iam-public-read-only's extension to what registry.k8s.io opens to
// the public: invoking the redirector, reading the S3 mirrors.

import { imagesPromoterOnly } from "../../policy-pack/policies/registry";
import { iamPublicReadOnly } from "../../policy-pack/policies/access";
import { GcrConfig } from "../../model/service-config/gcr";
import { ResourceInput, messagesOf, runStackPolicy, urnOf, withUnknown } from "../helpers/policy";
import { deployService, unwrap } from "../helpers/service";
import { mirrorBucketPolicy } from "../../services/gcr/s3-mirrors";

const REPO = "gcp:artifactregistry/repository:Repository";
const REPO_MEMBER = "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember";
const REPO_BINDING = "gcp:artifactregistry/repositoryIamBinding:RepositoryIamBinding";
const PROJECT_MEMBER = "gcp:projects/iAMMember:IAMMember";
const PROMOTER = "serviceAccount:k8s-infra-promoter@k8s-artifacts-prod.iam.gserviceaccount.com";
const BUILDER = "serviceAccount:gcb-builder-releng@k8s-releng-prod.iam.gserviceaccount.com";

const res = (type: string, name: string, props: Record<string, unknown>, stack = "prod"): ResourceInput => ({ type, name, props, urn: urnOf(type, name, stack) });
const imagesRepo = (labels: Record<string, unknown> = { purpose: "images", visibility: "public", environment: "prod" }, stack = "prod", project = "k8s-artifacts-prod") =>
    res(REPO, "images-us-central1", { repositoryId: "images", location: "us-central1", project, labels }, stack);
const grant = (role: string, member: string, type = REPO_MEMBER, stack = "prod", project = "k8s-artifacts-prod") =>
    res(type, `grant-${role.split("/")[1]}-${member.split(/[:@]/)[1]}`, { repository: "images", location: "us-central1", project, role, member }, stack);
const run = (resources: ResourceInput[]) => messagesOf(runStackPolicy(imagesPromoterOnly, resources));

describe("images-promoter-only", () => {
    test("the gcr component as deployed, in both environments, is quiet", async () => {
        const settings = GcrConfig.parse({ project: "k8s-artifacts-prod", regions: ["us-central1", "africa-south1"] });
        for (const env of ["prod", "staging"] as const) {
            const d = await deployService("gcr", settings, env);
            const resources = d.resources.map(r => ({ type: r.type, name: r.name, urn: r.urn, props: unwrap(r.inputs.toJavaScript()) as Record<string, unknown> }));
            expect(resources.filter(r => r.type === REPO_MEMBER)).toHaveLength(4);
            expect(run(resources)).toEqual([]);
        }
    });

    test("the promoter's write and the public's read are quiet; any other role on the repository fires, naming the promoter", () => {
        expect(run([imagesRepo(), grant("roles/artifactregistry.writer", PROMOTER), grant("roles/artifactregistry.reader", "allUsers")])).toEqual([]);
        const owners = grant("roles/artifactregistry.repoAdmin", "group:k8s-infra-artifacts-owners@kubernetes.io");
        expect(runStackPolicy(imagesPromoterOnly, [imagesRepo(), owners])).toEqual([{
            urn: owners.urn,
            message: `${REPO_MEMBER} ${owners.name} grants roles/artifactregistry.repoAdmin on the production images repository us-central1/images in k8s-artifacts-prod ` +
                "to group:k8s-infra-artifacts-owners@kubernetes.io; only the image promoter " +
                "(serviceAccount:k8s-infra-promoter@k8s-artifacts-prod.iam.gserviceaccount.com) writes it: promote the image (kpromo), or grant roles/artifactregistry.reader.",
        }]);
    });

    test("a binding by the repository's full path is read member by member", () => {
        const binding = res(REPO_BINDING, "writers", {
            repository: "projects/k8s-artifacts-prod/locations/us-central1/repositories/images", role: "roles/artifactregistry.writer", members: [PROMOTER, BUILDER],
        });
        expect(run([imagesRepo(), binding])).toEqual([expect.stringContaining(`to ${BUILDER};`)]);
    });

    test("an Artifact Registry writing role on the images project fires; reading there, the promoter there, or another project is quiet", () => {
        const project = (role: string, member: string, p = "k8s-artifacts-prod") => res(PROJECT_MEMBER, `project-${role.split("/")[1]}-${p}`, { project: p, role, member });
        expect(run([imagesRepo(), project("roles/artifactregistry.writer", BUILDER)])).toEqual([
            `${PROJECT_MEMBER} project-artifactregistry.writer-k8s-artifacts-prod grants roles/artifactregistry.writer on project k8s-artifacts-prod to ${BUILDER}: ` +
            "it writes every production images repository there, which only the image promoter " +
            "(serviceAccount:k8s-infra-promoter@k8s-artifacts-prod.iam.gserviceaccount.com) may; grant it on the repositories it needs elsewhere, or promote the images.",
        ]);
        expect(run([imagesRepo(), project("roles/artifactregistry.admin", "group:k8s-infra-artifact-admins@kubernetes.io")])).toHaveLength(1);
        expect(run([imagesRepo(), project("roles/artifactregistry.reader", BUILDER), project("roles/artifactregistry.repoAdmin", PROMOTER),
            project("roles/artifactregistry.writer", BUILDER, "k8s-releng-prod")])).toEqual([]);
    });

    test("in staging the promoter is staging's: prod's account writing a staging images repository fires", () => {
        const repo = imagesRepo({ purpose: "images", visibility: "public", environment: "staging" }, "staging", "k8s-artifacts-prod-stg");
        const stgPromoter = "serviceAccount:k8s-infra-promoter-stg@k8s-artifacts-prod-stg.iam.gserviceaccount.com";
        expect(run([repo, grant("roles/artifactregistry.writer", stgPromoter, REPO_MEMBER, "staging", "k8s-artifacts-prod-stg")])).toEqual([]);
        expect(run([repo, grant("roles/artifactregistry.writer", PROMOTER, REPO_MEMBER, "staging", "k8s-artifacts-prod-stg")]))
            .toEqual([expect.stringContaining(`only the image promoter (${stgPromoter})`)]);
    });

    test("an unlabelled `images` repository in a serving region is judged; a staging area's is not, nor one whose labels are not known yet", () => {
        const writer = grant("roles/artifactregistry.writer", "group:k8s-infra-staging-kind@kubernetes.io");
        expect(run([imagesRepo({ visibility: "public" }), writer])).toHaveLength(1);
        expect(run([imagesRepo({ purpose: "staging", visibility: "public" }), writer])).toEqual([]);
        const later = imagesRepo();
        expect(run([{ ...later, props: withUnknown(later.props, "labels", "object") }, writer])).toEqual([]);
    });
});

describe("iam-public-read-only on registry.k8s.io's public parts", () => {
    const RUN = "gcp:cloudrunv2/service:Service";
    const RUN_MEMBER = "gcp:cloudrunv2/serviceIamMember:ServiceIamMember";
    const service = (visibility: string) => res(RUN, "redirector", { project: "k8s-infra-oci-proxy-prod", location: "us-central1", name: "k8s-infra-oci-proxy-prod-us-central1", labels: { visibility } });
    const invoke = (role = "roles/run.invoker") => res(RUN_MEMBER, "invoke", { project: "k8s-infra-oci-proxy-prod", location: "us-central1", name: "k8s-infra-oci-proxy-prod-us-central1", role, member: "allUsers" });
    const publicRead = (resources: ResourceInput[]) => messagesOf(runStackPolicy(iamPublicReadOnly, resources));

    test("the public invoking a public Cloud Run service is quiet; a private one, or another role, fires", () => {
        expect(publicRead([service("public"), invoke()])).toEqual([]);
        expect(publicRead([service("private"), invoke()])).toEqual([`${RUN_MEMBER} invoke opens Cloud Run service k8s-infra-oci-proxy-prod-us-central1 to allUsers, but it is not marked public; label it visibility=public or remove the grant.`]);
        expect(publicRead([service("public"), invoke("roles/run.developer")])).toEqual([expect.stringContaining("grants roles/run.developer to allUsers; the public may only read (")]);
    });

    test("an S3 mirror's policy (get and list for anyone, deny without TLS) on a bucket tagged public is quiet; writing, or an untagged bucket, fires", () => {
        const bucket = (visibility: string) => res("aws:s3/bucket:Bucket", "mirror", { bucket: "prod-registry-k8s-io-us-east-2", tags: { visibility } });
        const policy = (doc: unknown) => res("aws:s3/bucketPolicy:BucketPolicy", "mirror-public-read", { bucket: "prod-registry-k8s-io-us-east-2", policy: JSON.stringify(doc) });
        const mirror = mirrorBucketPolicy("prod-registry-k8s-io-us-east-2");
        expect(publicRead([bucket("public"), policy(mirror)])).toEqual([]);
        expect(publicRead([bucket("private"), policy(mirror)])).toEqual([
            expect.stringContaining("(statement PublicList) opens bucket prod-registry-k8s-io-us-east-2 to anyone, but it is not tagged visibility=public"),
            expect.stringContaining("(statement PublicRead) opens bucket"),
        ]);
        const write = { ...mirror, Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::prod-registry-k8s-io-us-east-2/*" }] };
        expect(publicRead([bucket("public"), policy(write)])).toEqual([
            "aws:s3/bucketPolicy:BucketPolicy mirror-public-read lets anyone s3:PutObject on bucket prod-registry-k8s-io-us-east-2; the public may only s3:GetObject, s3:ListBucket.",
        ]);
    });
});
