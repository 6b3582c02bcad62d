// How the stand-in cloud derives ids: from the natural key where the type has one
// (secrets read through, unknown or missing parts falling back), else from a
// hash of the URN, stable across runs and distinct across resources and stacks.

import { adoptsExisting, deriveId, fallbackId, naturalId } from "../../tools/stand-in-cloud/ids";

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const urn = (type: string, name: string, stack = "prod") => `urn:pulumi:${stack}::k8s-infra::k8s-infra:services:Gcs$${type}::${name}`;

describe("natural keys", () => {
    test.each([
        ["gcp:storage/bucket:Bucket", { name: "k8s-infra-website", location: "US" }, "k8s-infra-website"],
        ["gcp:organizations/project:Project", { projectId: "k8s-infra-apps", name: "Apps" }, "projects/k8s-infra-apps"],
        ["gcp:secretmanager/secret:Secret", { project: "p", secretId: "s" }, "projects/p/secrets/s"],
        ["gcp:projects/iAMMember:IAMMember", { project: "p", role: "roles/viewer", member: "group:g@x.io" }, "p/roles/viewer/group:g@x.io"],
        ["gcp:serviceaccount/account:Account", { project: "p", accountId: "sa" }, "projects/p/serviceAccounts/sa@p.iam.gserviceaccount.com"],
        ["gcp:dns/recordSet:RecordSet", { project: "p", managedZone: "z", name: "a.k8s.io.", type: "A" }, "projects/p/managedZones/z/rrsets/a.k8s.io./A"],
        ["gcp:container/nodePool:NodePool", { project: "p", location: "us-central1", cluster: "c", name: "pool" }, "p/us-central1/c/pool"],
        ["aws:iam/role:Role", { name: "ci" }, "ci"],
        ["aws:budgets/budget:Budget", { accountId: "123456789012", name: "b" }, "123456789012:b"],
    ])("%s", (type, inputs, id) => {
        expect(deriveId(type, inputs, urn(type, "x"))).toEqual({ id, natural: true });
    });

    test("a secret part is read through", () => {
        expect(naturalId("gcp:storage/bucket:Bucket", { name: secret("hidden-name") })).toBe("hidden-name");
    });

    test("a missing, empty or unknown part gives no natural id", () => {
        const type = "gcp:secretmanager/secret:Secret";
        expect(naturalId(type, { secretId: "s" })).toBeUndefined();
        expect(naturalId(type, { project: "", secretId: "s" })).toBeUndefined();
        expect(naturalId(type, { project: UNKNOWN, secretId: "s" })).toBeUndefined();
        expect(deriveId(type, { secretId: "s" }, urn(type, "s")).natural).toBe(false);
    });

    test("a type without a natural key falls back", () => {
        const type = "gcp:cloudidentity/group:Group";
        expect(deriveId(type, { groupKey: { id: "g@x.io" } }, urn(type, "g"))).toEqual({ id: fallbackId(urn(type, "g")), natural: false });
    });

    test("IAM bindings, APIs and record sets adopt what exists; buckets and projects do not", () => {
        expect(adoptsExisting("gcp:projects/iAMMember:IAMMember")).toBe(true);
        expect(adoptsExisting("gcp:projects/service:Service")).toBe(true);
        expect(adoptsExisting("gcp:dns/recordSet:RecordSet")).toBe(true);
        expect(adoptsExisting("gcp:storage/bucket:Bucket")).toBe(false);
        expect(adoptsExisting("gcp:organizations/project:Project")).toBe(false);
    });
});

describe("the fallback id", () => {
    const u = urn("gcp:cloudidentity/group:Group", "owners");

    test("is <name>-<12 hex>, the same every time for the same URN", () => {
        expect(fallbackId(u)).toMatch(/^owners-[0-9a-f]{12}$/);
        expect(fallbackId(u)).toBe(fallbackId(u));
    });

    test("differs for another name, parent or stack", () => {
        const others = [
            urn("gcp:cloudidentity/group:Group", "readers"),
            u.replace("k8s-infra:services:Gcs$", "k8s-infra:services:Gcb$"),
            urn("gcp:cloudidentity/group:Group", "owners", "staging"),
        ];
        expect(new Set([fallbackId(u), ...others.map(o => fallbackId(o))]).size).toBe(4);
    });

    test("a later attempt (the first id being taken) gives another stable id", () => {
        expect(fallbackId(u, 2)).not.toBe(fallbackId(u));
        expect(fallbackId(u, 2)).toBe(fallbackId(u, 2));
        expect(fallbackId(u, 1)).toBe(fallbackId(u));
    });
});
