// Real names that fit no family of model/naming.ts, each listed once with the
// reason it is kept. They are older than the conventions, or made by tools
// that chose their own names; renaming them would break their users. New names
// never go here: they follow a family.

import type { NameKind } from "./naming";

export interface LegacyName {
    kind: NameKind;
    /** The name (a group's part before @). */
    name: string;
    reason: string;
}

const each = (kind: NameKind, names: string[], reason: string): LegacyName[] => names.map(name => ({ kind, name, reason }));

export const LEGACY_NAMES: readonly LegacyName[] = [
    // Projects from before the k8s-infra-/k8s-staging- families (infra/gcp/infra.yaml lists them).
    ...each("project", ["k8s-release", "k8s-releng-prod"], "release engineering's projects from before the families; release tarballs and signing live here"),
    ...each("project", ["k8s-release-test-prod", "k8s-cip-test-prod", "k8s-gcr-audit-test-prod", "k8s-gcr-backup-test-prod", "k8s-gcr-backup-test-prod-bak"],
        "the image promoter's and auditor's end-to-end test projects, named after the prod project they stand for"),
    ...each("project", ["k8s-artifacts-prod-bak"], "the backup of k8s-artifacts-prod, named after it"),
    ...each("project", ["k8s-conform"], "holds vendors' conformance-result uploaders (sig-architecture)"),
    ...each("project", ["k8s-gsuite"], "holds the groups reconciler's credentials for the kubernetes.io G Suite"),
    // Buckets.
    ...each("bucket", ["k8s-release", "k8s-release-asia", "k8s-release-eu", "k8s-release-dev", "k8s-release-dev-asia", "k8s-release-dev-eu", "k8s-release-gcb", "k8s-release-pull"],
        "release engineering's buckets in project k8s-release; dl.k8s.io and CI read them by these names"),
    ...each("bucket", ["k8s-release-test-prod", "k8s-release-test-prod-gcb", "k8s-cip-test-prod", "k8s-gcr-audit-test-prod", "k8s-gcr-backup-test-prod", "k8s-gcr-backup-test-prod-bak"],
        "buckets of the promoter's test projects, named after their project"),
    ...each("bucket", ["k8s-conform-cri-o", "k8s-conform-huaweicloud", "k8s-conform-inspur", "k8s-conform-provider-openstack", "k8s-conform-s390x-k8s"],
        "one conformance-results bucket per vendor in project k8s-conform, named for the vendor"),
    ...each("bucket", ["k8s-cve-feed", "k8s-keps", "k8s-metrics", "k8s-triage"], "public data buckets in kubernetes-public whose URLs are published (CVE feed, KEPs, metrics, triage)"),
    ...each("bucket", ["kubernetes_public_billing"], "the billing export's bucket in kubernetes-public, named like its BigQuery dataset"),
    ...each("bucket", ["cncf-aws-infra-cost-and-billing-data", "export-c2e4nmc5jmg9n5nacc60", "ii_bq_scratch_dump", "the-build-bucket"],
        "scratch buckets of the k8s-infra-ii-sandbox project"),
    // Groups: the community's mailing lists (groups/<folder>/groups.yaml), not infrastructure access.
    ...each("group", ["leads"], "all SIG and WG leads (groups/groups.yaml)"),
    ...each("group", ["steering", "steering-private", "steering-emeritus", "election"], "the Steering Committee's lists (groups/committee-steering)"),
    ...each("group", ["conduct", "conduct-emeritus"], "the Code of Conduct Committee's lists (groups/committee-code-of-conduct)"),
    ...each("group", ["security", "security-discuss-private", "distributors-announce"], "the Security Response Committee's lists (groups/committee-security-response)"),
    ...each("group", ["security-tooling-private"], "SIG Security's private list (groups/sig-security)"),
    ...each("group", ["community", "dev", "github", "lwkd", "moderators", "summit-team"], "SIG Contributor Experience's community lists (groups/sig-contributor-experience)"),
    ...each("group", ["blog"], "SIG Docs' blog list (groups/sig-docs)"),
    ...each("group", ["release-comms", "release-managers", "release-managers-private", "release-team", "release-team-enhancements", "release-team-shadows", "security-release-team"],
        "SIG Release's team lists (groups/sig-release)"),
    ...each("group", ["ingress-nginx-dev"], "the ingress-nginx maintainers' list (groups/sig-network)"),
    ...each("group", ["k8s-ci-robot", "k8s-github-robot"], "the CI robots' accounts, kept as groups (groups/sig-testing)"),
    ...each("group", ["gke-security-groups"], "the name GKE Google Groups for RBAC requires (groups/sig-k8s-infra)"),
    // Secrets.
    ...each("secret", ["gsuite-groups-manager_key", "wg-k8s-infra-billing_pw"], "made by hand in k8s-gsuite before hyphens-only; the groups reconciler reads them by name"),
    ...each("secret", ["gke_k8s-prow-builds_us-central1-f_prow__test-pods__aws-credentials-607362164682",
        "gke_k8s-prow-builds_us-central1-f_prow__test-pods__aws-credentials-768319786644", "gke_k8s-prow-builds_us-central1-f_prow__test-pods__aws-ssh-key-secret"],
        "named by the external-secrets sync after the Kubernetes secret it mirrors (<cluster>__<namespace>__<name>)"),
];
