import { stackOutputsContract } from "../../policy-pack/policies/outputs";
import { OUTPUTS_SCHEMA_VERSION } from "../../model/outputs";
import { messagesOf, runStackPolicy, urnOf, withUnknown } from "../helpers/policy";

const STACK = "pulumi:pulumi:Stack";
const good = () => ({
    schemaVersion: OUTPUTS_SCHEMA_VERSION,
    environment: "prod",
    ownerGroups: { artifacts: "k8s-infra-artifacts-owners@kubernetes.io" },
    contactReadersGroup: "k8s-infra-owner-contacts@kubernetes.io",
    ownerContactsSecret: "k8s-infra-owner-contacts",
    registries: { "images-us-central1": "us-central1-docker.pkg.dev/k8s-artifacts-prod/images" },
    buckets: { "k8s-infra-prow-results": "k8s-infra-prow-results" },
    clusters: { aaa: { name: "aaa", location: "us-central1", project: "kubernetes-public" } },
    dnsZones: { "k8s.io.": "k8s-io" },
    serviceAccounts: {},
    secrets: { "owner-contacts": "k8s-infra-owner-contacts" },
    migration: { migrated: 3, total: 12, services: { dns: { status: "migrated", previously: "Google", sig: "contributor-experience", subproject: "dns" } } },
});
const run = (props: Record<string, unknown>) => runStackPolicy(stackOutputsContract, [{ type: STACK, name: "k8s-infra-prod", urn: urnOf(STACK, "k8s-infra-prod", "prod"), props }]);

describe("stack-outputs-contract", () => {
    test("outputs that match the contract are quiet", () => {
        expect(run(good())).toEqual([]);
    });

    test("a removed output fires, saying consumers read it", () => {
        const { buckets: _, ...rest } = good();
        expect(messagesOf(run(rest))).toEqual([expect.stringContaining('Stack output "buckets" is missing; consumers read it')]);
    });

    test("a retyped output fires with its path", () => {
        expect(messagesOf(run({ ...good(), clusters: { aaa: "aaa" } }))).toEqual([expect.stringMatching(/^Stack output clusters\.aaa /)]);
    });

    test("a schema version consumers do not expect fires", () => {
        expect(messagesOf(run({ ...good(), schemaVersion: OUTPUTS_SCHEMA_VERSION + 1 }))).toEqual([expect.stringContaining("schemaVersion")]);
    });

    test("an output outside the contract fires", () => {
        expect(messagesOf(run({ ...good(), kubeconfig: "apiVersion: v1" }))).toEqual([expect.stringContaining('"kubeconfig" is not in the contract')]);
    });

    test("an output unknown during preview skips only itself", () => {
        const props = withUnknown({ ...good(), buckets: undefined as unknown } as Record<string, unknown>, "ownerContactsSecret");
        expect(messagesOf(run(props))).toEqual([expect.stringContaining('"buckets" is missing')]);
    });
});
