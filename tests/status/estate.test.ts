import { serviceOfObject } from "../../model/estate";
import { estateByService } from "../../tools/status/estate";
import type { AdoptPlan } from "../../tools/adopt/plan";

const BUCKET = "gcp:storage/bucket:Bucket";
const PROJECT = "gcp:organizations/project:Project";
const ZONE = "gcp:dns/managedZone:ManagedZone";

describe("serviceOfObject", () => {
    test.each([
        [BUCKET, "us.artifacts.k8s-artifacts-prod.appspot.com", "gcr"],
        [BUCKET, "kops-state-k8s-infra-e2e-boskos-001", "test-pool"],
        [BUCKET, "kubernetes-staging-485128143e-eu", "test-pool"],
        [BUCKET, "k8s-infra-kubernetes-io-website", "website"],
        [BUCKET, "k8s-infra-prow-results", "gcs"],
        [PROJECT, "projects/k8s-infra-e2e-boskos-007", "test-pool"],
        [PROJECT, "projects/k8s-staging-kind", "artifact-staging"],
        [BUCKET, "k8s-staging-kind", "artifact-staging"],
        [BUCKET, "k8s-staging-kind-gcb", "artifact-staging"],
        [BUCKET, "artifacts.k8s-staging-kind.appspot.com", "artifact-staging"],
        [ZONE, "projects/p/managedZones/k8s-io", "dns"],
    ])("%s %s belongs to %s", (type, id, service) => {
        expect(serviceOfObject(type, id)).toBe(service);
    });

    test("shared projects and service accounts belong to no service", () => {
        expect(serviceOfObject(PROJECT, "projects/kubernetes-public")).toBeUndefined();
        expect(serviceOfObject("gcp:serviceaccount/account:Account", "projects/p/serviceAccounts/a@p.iam.gserviceaccount.com")).toBeUndefined();
    });
});

describe("estateByService", () => {
    const plan: AdoptPlan = {
        adopt: [{ type: ZONE, name: "dns-k8s-io", id: "projects/p/managedZones/k8s-io" }],
        create: [{ type: BUCKET, name: "gcs-new", id: "k8s-infra-new" }, { type: BUCKET, name: "gcs-taken", id: "k8s-infra-taken", exists: true }],
        unmanaged: [{ type: ZONE, name: "canary", id: "projects/p/managedZones/canary", project: "p" }, { type: PROJECT, name: "kubernetes-public", id: "projects/kubernetes-public", project: "kubernetes-public" }],
        differs: [],
    };
    const rows = Object.fromEntries(estateByService(plan).map(r => [r.service, r]));

    test("counts what exists, is adopted, is created and is left, per service", () => {
        expect(rows.dns).toEqual({ service: "dns", exists: 2, adopted: 1, create: 0, left: 1 });
        expect(rows.gcs).toEqual({ service: "gcs", exists: 1, adopted: 0, create: 2, left: 0 });
        expect(rows.shared).toEqual({ service: "shared", exists: 1, adopted: 0, create: 0, left: 1 });
        expect(rows.gke).toEqual({ service: "gke", exists: 0, adopted: 0, create: 0, left: 0 });
    });
});
