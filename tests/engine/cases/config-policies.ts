// Engine cases that break one policy each by editing the stack file (editStack on
// the yaml Document of Pulumi.<stack>.yaml), always on the baseline fixture roster
// so that nothing but the edit fires and the live roster cannot change the outcome.

import type { EngineCase } from "../case";
import { BASELINE_ROSTER, add, appendTo, bucketIndex, replace, service } from "./edit";

export const CONFIG_POLICY_CASES: EngineCase[] = [
    {
        name: "resource-naming-stg-in-prod",
        why: "A prod bucket whose name ends in the reserved word stg (a staging bucket copied into prod) would collide with staging: " +
            "the config accepts any bucket name, the naming policy refuses it.",
        stack: "prod",
        roster: BASELINE_ROSTER,
        editStack: doc => appendTo(doc, service("gcs", "buckets"), { name: "k8s-infra-ci-logs-stg", purpose: "logs", deleteAfterDays: 7 }),
        expect: { exit: 1, fires: [{ policy: "resource-naming", level: "mandatory" }], onlyThese: true },
    },
    {
        name: "iam-grants-to-groups-user-writer",
        why: "A person (user:) as a bucket writer breaks iam-grants-to-groups: grants go to groups or service accounts.",
        stack: "prod",
        roster: BASELINE_ROSTER,
        editStack: doc => appendTo(doc, service("gcs", "buckets", bucketIndex(doc, "k8s-infra-kops-ci-results"), "writers"), "user:ada.quill@example.org"),
        expect: { exit: 1, fires: [{ policy: "iam-grants-to-groups", level: "mandatory" }], onlyThese: true },
    },
    {
        name: "iam-public-read-only-public-writer",
        why: "allUsers as a writer of a public bucket gets roles/storage.objectAdmin, which is not a read-only role.",
        stack: "prod",
        roster: BASELINE_ROSTER,
        editStack: doc => appendTo(doc, service("gcs", "buckets", bucketIndex(doc, "k8s-infra-prow-results"), "writers"), "allUsers"),
        expect: { exit: 1, fires: [{ policy: "iam-public-read-only", level: "mandatory" }], onlyThese: true },
    },
    {
        name: "images-promoter-only-project-writer",
        why: "Release builds moved into k8s-artifacts-prod: the builders' roles/artifactregistry.writer is then granted on the project that holds " +
            "registry.k8s.io's images repositories, and writes every one of them, which only the image promoter may.",
        stack: "prod",
        roster: BASELINE_ROSTER,
        editStack: doc => replace(doc, service("gcb", "project"), "k8s-artifacts-prod"),
        expect: { exit: 1, fires: [{ policy: "images-promoter-only", level: "mandatory" }], onlyThese: true },
    },
    {
        name: "stateful-resources-protected-off-in-prod",
        why: "k8s-infra:protect: false in prod leaves every stateful resource without the protect option.",
        stack: "prod",
        roster: BASELINE_ROSTER,
        editStack: doc => replace(doc, ["config", "k8s-infra:protect"], false),
        expect: { exit: 1, fires: [{ policy: "stateful-resources-protected", level: "mandatory" }], onlyThese: true },
    },
    {
        name: "contacts-readable-through-project",
        why: "The owner-contacts secret moved into the release-build project, where a builder holds roles/secretmanager.secretAccessor " +
            "on the whole project: IAM is inherited, so the builder reads the contact details though no grant names the secret.",
        stack: "prod",
        roster: BASELINE_ROSTER,
        editStack: doc => {
            replace(doc, ["config", "k8s-infra:governance", "project"], "k8s-releng-prod");
            appendTo(doc, service("gcb", "builders", 0, "roles"), "roles/secretmanager.secretAccessor");
        },
        expect: { exit: 1, fires: [{ policy: "owner-contact-details", level: "mandatory" }], onlyThese: true },
    },
    {
        name: "ci-preview-reads-a-secret",
        why: "The preview identity, which pull requests preview with, made an accessor of a credential-store secret: " +
            "a pull request's code could then read that secret; ci-identity-boundaries refuses any role on a secret for it.",
        stack: "prod",
        roster: BASELINE_ROSTER,
        editStack: doc => appendTo(doc, service("credential-store", "secrets", 0, "accessors"),
            "serviceAccount:k8s-infra-ci-preview@k8s-infra-pulumi-state.iam.gserviceaccount.com"),
        expect: { exit: 1, fires: [{ policy: "ci-identity-boundaries", level: "mandatory" }], onlyThese: true },
    },
    {
        name: "adopt-existing-no-inventory",
        why: "A prod stack without k8s-infra:inventory cannot tell what exists, so it would create over the real estate: " +
            "adopt-existing blocks it (the program still runs, and imports nothing).",
        stack: "prod",
        roster: BASELINE_ROSTER,
        editStack: doc => { doc.deleteIn(["config", "k8s-infra:inventory"]); },
        expect: { exit: 1, fires: [{ policy: "adopt-existing", level: "mandatory" }], onlyThese: true },
    },
    {
        name: "environment-disagrees-with-stack",
        why: "Pulumi.prod.yaml saying environment: staging would judge prod by staging rules; the stack name decides (model/environment.ts), " +
            "so the program refuses the config when it loads (exit 2), before any resource.",
        stack: "prod",
        roster: BASELINE_ROSTER,
        editStack: doc => replace(doc, ["config", "k8s-infra:environment"], "staging"),
        expect: { exit: 2 },
    },
    {
        name: "duplicate-bucket-name",
        why: "Two gcs buckets with one name would be two resources with one URN, which a real preview refuses; the config schema refuses " +
            "the second entry when it loads (exit 2), naming both lines.",
        stack: "prod",
        roster: BASELINE_ROSTER,
        editStack: doc => appendTo(doc, service("gcs", "buckets"), { name: "k8s-infra-prow-results", purpose: "logs", deleteAfterDays: 7 }),
        expect: { exit: 2 },
    },
    {
        name: "phone-number-in-provider-config",
        why: "A phone number in the gcp provider's config (gcp:defaultLabels) would reach the default provider's inputs; " +
            "the program refuses it when the config loads (exit 2), before any resource, in every namespace.",
        stack: "prod",
        roster: BASELINE_ROSTER,
        editStack: doc => add(doc, ["config", "gcp:defaultLabels"], { "oncall-phone": "+1 415 555 0100" }),
        expect: { exit: 2 },
    },
];
