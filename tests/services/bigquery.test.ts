// The BigQuery service: the test results and billing export datasets, stateful
// (protected in prod, never dropped with their tables), labelled, shared with
// groups and service accounts only; public read only when the config says so.

import { deployService, testContext } from "../helpers/service";
import { LABEL_KEYS } from "../../model/labels";
import { BigqueryConfig } from "../../model/service-config/bigquery";

const DATASET = "gcp:bigquery/dataset:Dataset";
const DATASET_IAM = "gcp:bigquery/datasetIamMember:DatasetIamMember";
const IAM_TYPE = /(?:IAM|Iam)(?:Member|Binding|Policy)$/;

const settings = BigqueryConfig.parse({
    project: "kubernetes-public",
    datasets: [
        {
            id: "k8s_infra_kettle", purpose: "test-results", description: "Kubernetes test results",
            readers: ["group:k8s-infra-prow-viewers@kubernetes.io"], writers: ["serviceAccount:kettle@k8s-infra-apps.iam.gserviceaccount.com"],
            tableExpirationDays: 30,
        },
        {
            id: "kubernetes_public_billing", purpose: "billing-export", description: "Billing export", location: "EU",
            readers: ["group:k8s-infra-gcp-accounting@kubernetes.io"], writers: ["serviceAccount:billing-export-bigquery@system.gserviceaccount.com"],
        },
    ],
});

describe.each(["staging", "prod"] as const)("in %s", env => {
    const stg = env === "staging" ? "-stg" : "";
    const project = `kubernetes-public${stg}`;
    const ctx = testContext("bigquery", env, "prow", "testing");

    test("makes the datasets from config, labelled, kept with their tables, protected in prod only", async () => {
        const d = await deployService("bigquery", settings, env, ctx);
        const datasets = d.inputsOf(DATASET);
        expect(datasets.map(ds => `${ds.project}:${ds.datasetId} ${ds.location}`).sort()).toEqual([
            `${project}:k8s_infra_kettle US`, `${project}:kubernetes_public_billing EU`,
        ]);
        for (const ds of datasets) {
            expect(ds.deleteContentsOnDestroy).toBe(false);
            expect(ds.deletionPolicy).toBe(env === "prod" ? "PREVENT" : "DELETE");
            expect(Object.keys(ds.labels)).toEqual(expect.arrayContaining([...LABEL_KEYS]));
            expect(ds.labels.visibility).toBe("private");
        }
        expect(datasets.find(ds => ds.datasetId === "k8s_infra_kettle")!.defaultTableExpirationMs).toBe(30 * 86400 * 1000);
        expect(datasets.find(ds => ds.datasetId === "kubernetes_public_billing")!.labels.purpose).toBe("billing-export");
        expect(d.ofType(DATASET).map(r => r.protect)).toEqual([env === "prod", env === "prod"]);
        expect(d.exports).toEqual({});
    });

    test("grants: owners own the data, readers read, writers write; only groups and service accounts", async () => {
        const d = await deployService("bigquery", settings, env, ctx);
        const owners = `group:k8s-infra-prow-owners${stg}@kubernetes.io`;
        const grants = d.inputsOf(DATASET_IAM).map(g => `${g.datasetId} ${g.role} ${g.member}`);
        expect(grants.sort()).toEqual([
            `k8s_infra_kettle roles/bigquery.dataEditor serviceAccount:kettle@k8s-infra-apps.iam.gserviceaccount.com`,
            `k8s_infra_kettle roles/bigquery.dataOwner ${owners}`,
            `k8s_infra_kettle roles/bigquery.dataViewer group:k8s-infra-prow-viewers@kubernetes.io`,
            `kubernetes_public_billing roles/bigquery.dataEditor serviceAccount:billing-export-bigquery@system.gserviceaccount.com`,
            `kubernetes_public_billing roles/bigquery.dataOwner ${owners}`,
            `kubernetes_public_billing roles/bigquery.dataViewer group:k8s-infra-gcp-accounting@kubernetes.io`,
        ]);
        for (const r of d.resources.filter(r => IAM_TYPE.test(r.type))) {
            expect(r.inputs.toJavaScript().member).toMatch(/^(group|serviceAccount):/);
        }
        expect(d.inputsOf("gcp:projects/iAMMember:IAMMember").map(g => `${g.project} ${g.role} ${g.member}`)).toEqual([`${project} roles/bigquery.jobUser ${owners}`]);
    });

    test("a dataset the config makes public is labelled public and read by allUsers, and only that one", async () => {
        const open = BigqueryConfig.parse({ ...settings, datasets: [{ ...settings.datasets[0], public: true }, settings.datasets[1]] });
        const d = await deployService("bigquery", open, env, ctx);
        const kettle = d.inputsOf(DATASET).find(ds => ds.datasetId === "k8s_infra_kettle")!;
        expect(kettle.labels.visibility).toBe("public");
        const publicGrants = d.inputsOf(DATASET_IAM).filter(g => g.member === "allUsers");
        expect(publicGrants.map(g => `${g.datasetId} ${g.role}`)).toEqual(["k8s_infra_kettle roles/bigquery.dataViewer"]);
    });
});

describe("config", () => {
    const dataset = { id: "k8s_infra_kettle", purpose: "test-results", description: "results" };
    const messages = (input: object) => {
        const result = BigqueryConfig.safeParse(input);
        expect(result.success).toBe(false);
        return result.error!.issues.map(i => i.message).join("\n");
    };

    test("private by default, in the US", () => {
        expect(BigqueryConfig.parse({ project: "kubernetes-public", datasets: [dataset] }).datasets[0]).toMatchObject({ public: false, location: "US", readers: [], writers: [] });
    });

    test.each([
        ["a dataset id with hyphens", { ...dataset, id: "k8s-infra-kettle" }, /letters, digits and underscores/],
        ["allUsers as a reader", { ...dataset, readers: ["allUsers"] }, /set public: true instead/],
        ["a public billing export", { ...dataset, purpose: "billing-export", public: true }, /billing data is never public/],
    ])("rejects %s", (_what, d, message) => {
        expect(messages({ project: "kubernetes-public", datasets: [d] })).toMatch(message);
    });

    test("rejects two datasets with the same id", () => {
        expect(messages({ project: "kubernetes-public", datasets: [dataset, dataset] })).toMatch(/same id/);
    });
});
