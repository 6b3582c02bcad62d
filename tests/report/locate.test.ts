// Where a violation must be fixed: the roster line of the record the resource
// stands for, the stack config line of its name or of the config it was made
// from, the service's config, and otherwise the stack file's first line; all
// from the resource's facts, never from the policy's message.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Locatable, Locator, nameCandidates, namedCandidates } from "../../tools/report/locate";
import type { StackReport } from "../../tools/report/model";
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

const at = (urn: string, facts: Omit<Locatable, "urn"> = {}) => {
    const l = locator.locate("dev", { urn, ...facts });
    return [l.file, l.line, l.how];
};

test("the roster location of the resource's record wins, made relative to the root when absolute", () => {
    expect(at(URN("k8s-infra:governance:Subproject", "prow"), { source: "roster/subprojects.yaml:33" }))
        .toEqual(["roster/subprojects.yaml", 33, "record"]);
    expect(at(URN("k8s-infra:governance:Subproject", "prow"), { source: `${path.join(dir, "roster", "subprojects.yaml")}:7` }))
        .toEqual(["roster/subprojects.yaml", 7, "record"]);
});

test("a report's violation is located by the resource it is reported on, whatever its message says", () => {
    const urn = URN("k8s-infra:governance:Subproject", "prow");
    const report = { stack: "dev", resources: [{ type: "k8s-infra:governance:Subproject", name: "prow", urn, parent: "", protect: false, source: "roster/subprojects.yaml:33" }] } as unknown as StackReport;
    expect(locator.locateIn(report, { urn })).toEqual({ file: "roster/subprojects.yaml", line: 33, how: "record" });
    // A message quoting another place changes nothing: locations are never read from messages.
    const quoting = { urn: URN(GCS_BUCKET, "gcs-Bad_Name"), message: "see (roster/people.yaml:9)" };
    expect(locator.locateIn(report, quoting)).toEqual({ file: "Pulumi.dev.yaml", line: 14, how: "name" });
});

test("a bad name points at the line where its prod name is in the stack config", () => {
    expect(at(URN(GCS_BUCKET, "gcs-Bad_Name"), { named: "Bad_Name" }))
        .toEqual(["Pulumi.dev.yaml", 14, "name"]);
    // A staging name points at its prod form, which is what the stack config gives.
    expect(at(URN(GCS_BUCKET, "gcs-k8s-infra-prow-results"), { named: "k8s-infra-prow-results-stg" }))
        .toEqual(["Pulumi.dev.yaml", 12, "name"]);
    // The stem of a group name, without prefix, staging suffix and domain, inside a value.
    expect(namedCandidates("k8s-infra-prow-viewers-stg@kubernetes.io")).toEqual(
        ["k8s-infra-prow-viewers-stg@kubernetes.io", "k8s-infra-prow-viewers-stg", "prow-viewers"]);
    expect(at(URN("k8s-infra:services:Gcs$gcp:cloudidentity/group:Group", "viewers"), { named: "k8s-infra-prow-viewers-stg@kubernetes.io" }))
        .toEqual(["Pulumi.dev.yaml", 13, "name"]);
    // A project id from the stack config's top level, in either environment's form.
    expect(at(URN("k8s-infra:governance:Billing$gcp:organizations/project:Project", "project-x"), { named: "k8s-infra-public-pii" }))
        .toEqual(["Pulumi.dev.yaml", 7, "name"]);
    expect(at(URN("k8s-infra:governance:Billing$gcp:organizations/project:Project", "project-x"), { named: "k8s-infra-public-pii-stg" }))
        .toEqual(["Pulumi.dev.yaml", 7, "name"]);
});

test("a config-driven resource points at the entry it was made from, inside its service's config", () => {
    expect(nameCandidates("gcs-prow-results-owners")).toEqual([
        "gcs-prow-results-owners", "gcs-prow-results", "prow-results-owners", "gcs-prow", "prow-results", "results-owners", "gcs", "prow", "results", "owners"]);
    expect(at(URN("k8s-infra:services:Gcs$gcp:storage/bucketIAMMember:BucketIAMMember", "gcs-k8s-infra-prow-results-owners")))
        .toEqual(["Pulumi.dev.yaml", 12, "name"]);
    // A single word counts inside the service's config: the GKE cluster "aaa".
    expect(at(URN("k8s-infra:services:Gke$gcp:serviceaccount/account:Account", "gke-aaa-nodes")))
        .toEqual(["Pulumi.dev.yaml", 17, "name"]);
    // A named entry under a top-level key: an owner's contacts.
    expect(at(URN("k8s-infra:governance:OwnerContacts$gcp:secretmanager/secretVersion:SecretVersion", "ada-quill-contacts")))
        .toEqual(["Pulumi.dev.yaml", 21, "name"]);
});

test("without a matching name: the service's config, a top-level key named after the component, or line 1", () => {
    expect(at(URN(GCS_BUCKET, "gcs-k8s-infra-artifacts-gcs-access-logs"))).toEqual(["Pulumi.dev.yaml", 9, "service"]);
    // "project" is a key inside the gcs config, but a key with a plain value is not a name.
    expect(at(URN(GCS_BUCKET, "gcs-project"))).toEqual(["Pulumi.dev.yaml", 9, "service"]);
    expect(at(URN("k8s-infra:governance:Billing$gcp:billing/budget:Budget", "budget-nothing"))).toEqual(["Pulumi.dev.yaml", 4, "service"]);
    expect(at(URN("pulumi:pulumi:Stack", "k8s-infra-dev"))).toEqual(["Pulumi.dev.yaml", 1, "stack-file"]);
    expect(at("")).toEqual(["Pulumi.dev.yaml", 1, "stack-file"]);
});

test("a single word outside the resource's service does not match, nor does a comment or a bare key", () => {
    // "website" is a service key and a value, but a subproject's group is not made from them.
    expect(at(URN("k8s-infra:governance:Subproject$gcp:cloudidentity/group:Group", "website-owners"))).toEqual(["Pulumi.dev.yaml", 1, "stack-file"]);
    // "project" is only ever a key with a scalar value.
    expect(at(URN("k8s-infra:governance:Thing", "project"))).toEqual(["Pulumi.dev.yaml", 1, "stack-file"]);
});

test("a stack without a stack file: that file, line 1", () => {
    expect(locator.locate("nope", { urn: URN(GCS_BUCKET, "gcs-prow-results", "nope") }))
        .toEqual({ file: "Pulumi.nope.yaml", line: 1, how: "stack-file" });
});

test("paths are relative to the root, so they work as annotation and SARIF locations", () => {
    const l = fixtureLocator().locate("prod", { urn: URN(GCS_BUCKET, "gcs-ci_logs", "prod"), named: "k8s-infra-ci_logs" });
    expect(l).toEqual({ file: `${FIXTURE_PROJECT}/Pulumi.prod.yaml`, line: lineContaining(`${FIXTURE_PROJECT}/Pulumi.prod.yaml`, "stem: ci_logs"), how: "name" });
});

test("on the shipped prod stack, a bucket points at its name", () => {
    const l = new Locator(ROOT, ROOT).locate("prod", { urn: URN(GCS_BUCKET, "gcs-k8s-infra-prow-results", "prod") });
    expect(l).toEqual({ file: "Pulumi.prod.yaml", line: lineContaining("Pulumi.prod.yaml", "name: k8s-infra-prow-results"), how: "name" });
});
