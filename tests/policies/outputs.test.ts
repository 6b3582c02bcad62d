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

    test("a removed output fires, saying consumers read it and that removing one is breaking", () => {
        const { buckets: _, ...rest } = good();
        const [message, ...more] = messagesOf(run(rest));
        expect(more).toEqual([]);
        expect(message).toContain('Stack output "buckets" is missing; consumers read it');
        expect(message).toContain("is a breaking change: bump OUTPUTS_SCHEMA_VERSION and add the version to consumers/CHANGELOG.md");
    });

    test("a retyped output fires with its path, saying retyping is breaking", () => {
        const messages = messagesOf(run({ ...good(), clusters: { aaa: "aaa" } }));
        expect(messages).toEqual([expect.stringMatching(/^Stack output clusters\.aaa /)]);
        expect(messages[0]).toContain("is a breaking change: bump OUTPUTS_SCHEMA_VERSION");
    });

    test("a retyped field inside an entry fires with its path", () => {
        const clusters = { aaa: { name: "aaa", location: 1, project: "kubernetes-public" } };
        expect(messagesOf(run({ ...good(), clusters }))).toEqual([expect.stringMatching(/^Stack output clusters\.aaa\.location .*breaking change/)]);
    });

    test("a field outside the contract fires, saying adding it to the contract is additive", () => {
        const clusters = { aaa: { name: "aaa", location: "us-central1", project: "kubernetes-public", endpoint: "10.0.0.1" } };
        const messages = messagesOf(run({ ...good(), clusters }));
        expect(messages).toEqual([expect.stringContaining('Stack output clusters.aaa has a field "endpoint" that is not in the contract; add it to model/outputs.ts')]);
        expect(messages[0]).toContain("is additive: no version bump");
        expect(messages[0]).not.toContain("breaking");
    });

    test("a schema version consumers do not expect fires", () => {
        expect(messagesOf(run({ ...good(), schemaVersion: OUTPUTS_SCHEMA_VERSION + 1 }))).toEqual([expect.stringContaining("schemaVersion")]);
    });

    test("an output outside the contract fires, saying adding it to the contract is additive", () => {
        const messages = messagesOf(run({ ...good(), kubeconfig: "apiVersion: v1" }));
        expect(messages).toEqual([expect.stringContaining('"kubeconfig" is not in the contract')]);
        expect(messages[0]).toContain('is additive: no version bump, an "Added" line in consumers/CHANGELOG.md');
    });

    test("an output unknown during preview skips only itself", () => {
        const props = withUnknown({ ...good(), buckets: undefined as unknown } as Record<string, unknown>, "ownerContactsSecret");
        expect(messagesOf(run(props))).toEqual([expect.stringContaining('"buckets" is missing')]);
    });
});
