// Where a violation must be fixed: the roster line a message quotes, the stack
// config line of a bad name or of the config a resource was made from, the
// service's config, and otherwise the stack file's first line.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Locator, nameCandidates, namedCandidates } from "../../tools/report/locate";
import { FIXTURE_PROJECT, ROOT, fixtureLocator, lineContaining } from "./reports";

const URN = (type: string, name: string, stack = "dev") => `urn:pulumi:${stack}::k8s-infra::${type}::${name}`;
const GCS_BUCKET = "k8s-infra:services:Gcs$gcp:storage/bucket:Bucket";

const STACK_FILE = [
    "# a comment that mentions prow-results must not be found",   // 1
    "config:",                                                      // 2
    "  gcp:project: kubernetes-public",                             // 3
    "  k8s-infra:billing:",                                         // 4
    "    account: 0000-1111",                                       // 5
    "  k8s-infra:governance:",                                      // 6
    "    project: k8s-infra-public-pii",                            // 7
    "  k8s-infra:services:",                                        // 8
    "    gcs:",                                                     // 9
    "      project: kubernetes-public",                             // 10
    "      buckets:",                                               // 11
    "        - name: k8s-infra-prow-results",                       // 12
    "          writers: [group:k8s-infra-prow-viewers@kubernetes.io]", // 13
    "        - name: Bad_Name",                                     // 14
    "    gke:",                                                     // 15
    "      clusters:",                                              // 16
    "        - name: aaa",                                          // 17
    "    website:",                                                 // 18
    "      bucket: k8s-infra-kubernetes-io-website",                // 19
    "  k8s-infra:contacts:",                                        // 20
    "    ada-quill:",                                               // 21
    "      phone: { secure: v1:abc }",                              // 22
].join("\n") + "\n";

let dir: string;
let locator: Locator;
beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-locate-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: k8s-infra\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), STACK_FILE);
    locator = new Locator(dir, dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const at = (urn: string, message = "") => {
    const l = locator.locate("dev", { urn, message });
    return [l.file, l.line, l.how];
};

test("a roster location quoted in the message wins, made relative to the root when absolute", () => {
    expect(at(URN("k8s-infra:governance:Subproject", "prow"), "Subproject prow (roster/subprojects.yaml:33): ..."))
        .toEqual(["roster/subprojects.yaml", 33, "message"]);
    expect(at(URN("k8s-infra:governance:Subproject", "prow"), `Owner x of prow (${path.join(dir, "roster", "subprojects.yaml")}:7) has ...`))
        .toEqual(["roster/subprojects.yaml", 7, "message"]);
});

test("a bad name points at the line where its prod name is in the stack config", () => {
    expect(at(URN(GCS_BUCKET, "gcs-Bad_Name"), 'gcp:storage/bucket:Bucket gcs-Bad_Name is named "Bad_Name"; a prod bucket name must match ...'))
        .toEqual(["Pulumi.dev.yaml", 14, "name"]);
    // A staging name points at its prod form, which is what the stack config gives.
    expect(at(URN(GCS_BUCKET, "gcs-k8s-infra-prow-results"), 'gcp:storage/bucket:Bucket gcs-k8s-infra-prow-results is named "k8s-infra-prow-results-stg"; ...'))
        .toEqual(["Pulumi.dev.yaml", 12, "name"]);
    // The stem of a group name, without prefix, staging suffix and domain, inside a value.
    expect(namedCandidates('is named "k8s-infra-prow-viewers-stg@kubernetes.io"')).toEqual(
        ["k8s-infra-prow-viewers-stg@kubernetes.io", "k8s-infra-prow-viewers-stg", "prow-viewers"]);
    expect(at(URN("k8s-infra:services:Gcs$gcp:cloudidentity/group:Group", "viewers"), 'gcp:cloudidentity/group:Group viewers is named "k8s-infra-prow-viewers-stg@kubernetes.io"; ...'))
        .toEqual(["Pulumi.dev.yaml", 13, "name"]);
    // A project id from the stack config's top level, in either environment's form.
    expect(at(URN("k8s-infra:governance:Billing$gcp:organizations/project:Project", "project-x"), 'gcp:organizations/project:Project project-x is named "k8s-infra-public-pii"; ...'))
        .toEqual(["Pulumi.dev.yaml", 7, "name"]);
    expect(at(URN("k8s-infra:governance:Billing$gcp:organizations/project:Project", "project-x"), 'gcp:organizations/project:Project project-x is named "k8s-infra-public-pii-stg"; ...'))
        .toEqual(["Pulumi.dev.yaml", 7, "name"]);
});

test("a config-driven resource points at the entry it was made from, inside its service's config", () => {
    expect(nameCandidates("gcs-prow-results-owners")).toEqual([
        "gcs-prow-results-owners", "gcs-prow-results", "prow-results-owners", "gcs-prow", "prow-results", "results-owners", "gcs", "prow", "results", "owners"]);
    expect(at(URN("k8s-infra:services:Gcs$gcp:storage/bucketIAMMember:BucketIAMMember", "gcs-k8s-infra-prow-results-owners"), "no uniform access"))
        .toEqual(["Pulumi.dev.yaml", 12, "name"]);
    // A single word counts inside the service's config: the GKE cluster "aaa".
    expect(at(URN("k8s-infra:services:Gke$gcp:serviceaccount/account:Account", "gke-aaa-nodes"), "..."))
        .toEqual(["Pulumi.dev.yaml", 17, "name"]);
    // A named entry under a top-level key: an owner's contacts.
    expect(at(URN("k8s-infra:governance:OwnerContacts$gcp:secretmanager/secretVersion:SecretVersion", "ada-quill-contacts"), "..."))
        .toEqual(["Pulumi.dev.yaml", 21, "name"]);
});

test("without a matching name: the service's config, a top-level key named after the component, or line 1", () => {
    expect(at(URN(GCS_BUCKET, "gcs-k8s-infra-artifacts-gcs-access-logs"), "...")).toEqual(["Pulumi.dev.yaml", 9, "service"]);
    // "project" is a key inside the gcs config, but a key with a plain value is not a name.
    expect(at(URN(GCS_BUCKET, "gcs-project"), "...")).toEqual(["Pulumi.dev.yaml", 9, "service"]);
    expect(at(URN("k8s-infra:governance:Billing$gcp:billing/budget:Budget", "budget-nothing"), "...")).toEqual(["Pulumi.dev.yaml", 4, "service"]);
    expect(at(URN("pulumi:pulumi:Stack", "k8s-infra-dev"), "Stack output \"x\" is missing")).toEqual(["Pulumi.dev.yaml", 1, "stack-file"]);
    expect(at("", "stack-wide")).toEqual(["Pulumi.dev.yaml", 1, "stack-file"]);
});

test("a single word outside the resource's service does not match, nor does a comment or a bare key", () => {
    // "website" is a service key and a value, but a subproject's group is not made from them.
    expect(at(URN("k8s-infra:governance:Subproject$gcp:cloudidentity/group:Group", "website-owners"), "...")).toEqual(["Pulumi.dev.yaml", 1, "stack-file"]);
    // "project" is only ever a key with a scalar value.
    expect(at(URN("k8s-infra:governance:Thing", "project"), "...")).toEqual(["Pulumi.dev.yaml", 1, "stack-file"]);
});

test("a stack without a stack file: that file, line 1", () => {
    expect(locator.locate("nope", { urn: URN(GCS_BUCKET, "gcs-prow-results", "nope"), message: "" }))
        .toEqual({ file: "Pulumi.nope.yaml", line: 1, how: "stack-file" });
});

test("paths are relative to the root, so they work as annotation and SARIF locations", () => {
    const l = fixtureLocator().locate("prod", { urn: URN(GCS_BUCKET, "gcs-ci_logs", "prod"), message: 'x is named "k8s-infra-ci_logs"' });
    expect(l).toEqual({ file: `${FIXTURE_PROJECT}/Pulumi.prod.yaml`, line: lineContaining(`${FIXTURE_PROJECT}/Pulumi.prod.yaml`, "stem: ci_logs"), how: "name" });
});

test("on the shipped prod stack, a bucket points at its name", () => {
    const l = new Locator(ROOT, ROOT).locate("prod", { urn: URN(GCS_BUCKET, "gcs-k8s-infra-prow-results", "prod"), message: "does not set uniformBucketLevelAccess" });
    expect(l).toEqual({ file: "Pulumi.prod.yaml", line: lineContaining("Pulumi.prod.yaml", "name: k8s-infra-prow-results"), how: "name" });
});
