// Synthetic stacks for the benchmark: a roster of N subprojects (three owners
// each, from three organizations, vetted, on call, with contact details) and a
// stack config in which every subproject has its own staging bucket
// (k8s-staging-<name>), staging image repository and credential-store secret
// (k8s-infra-<name>-ci-token), the way the project's real k8s-staging-* areas
// grow. Names are given in their prod form, as in the real stack config
// (model/naming.ts). The buckets stay in the service's project: a project of
// their own per bucket would put 400 subprojects over the CLI's config limit
// (tools/check/launch-env.ts). Written to a temporary project folder.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";

const ORGS = ["Google", "Red Hat", "Microsoft", "Amazon", "SUSE", "VMware", "Apple", "IBM", "Independent Co", "CNCF"];

export interface SyntheticProject {
    dir: string;
    stack: string;
    subprojects: number;
    cleanup(): void;
}

/** WG leads of the synthetic roster: enough to vouch for each other two at a time. */
const LEADS = 3;

/** Writes Pulumi.yaml, Pulumi.<stack>.yaml and roster/ for `n` subprojects into a new temp folder. */
export function writeSyntheticProject(root: string, n: number, stack = "prod"): SyntheticProject {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `k8s-infra-bench-${n}-`));
    const subprojects = writeSyntheticRoster(root, path.join(dir, "roster"), n);
    fs.mkdirSync(path.join(dir, "inventory", "projects"), { recursive: true });
    fs.copyFileSync(path.join(root, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify({ config: syntheticConfig(subprojects, stack) }));
    return { dir, stack, subprojects: n, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A roster of `n` subprojects of 3 owners each, every rule kept; returns the subprojects. */
function writeSyntheticRoster(root: string, roster: string, n: number): { name: string }[] {
    fs.mkdirSync(roster);
    const handle = (i: number) => `person-${String(i).padStart(5, "0")}`;
    const people = Array.from({ length: n * 3 }, (_, i) => ({
        github: handle(i),
        name: `Person ${i}`,
        email: `${handle(i)}@example.org`,
        affiliation: ORGS[i % ORGS.length],
        timezone: "UTC",
        // The three leads vouch for each other after they took office; everyone else is vouched for by two leads.
        vetting: i < LEADS ? { vouchedBy: [handle((i + 1) % LEADS), handle((i + 2) % LEADS)], date: "2025-06-01" }
            : { vouchedBy: [handle(0), handle(1)], date: "2026-01-01" },
    }));
    const subprojects = Array.from({ length: n }, (_, s) => ({
        name: `area-${String(s).padStart(5, "0")}`,
        sigs: ["testing"],
        services: s === 0 ? ["gcs", "gcr", "credential-store"] : [],
        owners: [handle(3 * s), handle(3 * s + 1), handle(3 * s + 2)],
        phase: "steady",
        oncall: { rotation: `area-${s}-oncall`, escalation: ["wg-k8s-infra-leads@kubernetes.io"] },
    }));
    const yaml = (file: string, data: unknown) => fs.writeFileSync(path.join(roster, file), stringify(data));
    yaml("organizations.yaml", { organizations: ORGS.map(name => ({ name })) });
    yaml("people.yaml", { people });
    yaml("subprojects.yaml", { subprojects });
    yaml("working-group.yaml", { workingGroup: { name: "wg-k8s-infra", leads: Array.from({ length: LEADS }, (_, i) => handle(i)),
        leadsSince: Object.fromEntries(Array.from({ length: LEADS }, (_, i) => [handle(i), "2025-01-01"])), groups: { orgAdmins: "gcp-org-admins", contactReaders: "owner-contacts" }, breakGlass: [] } });
    yaml("contacts-on-file.yaml", { contactsOnFile: Object.fromEntries(people.map(p => [p.github, { alternateEmail: "2026-01-05", phone: "2026-01-05" }])) });
    fs.copyFileSync(path.join(root, "roster", "services.yaml"), path.join(roster, "services.yaml"));
    return subprojects;
}

/** The stack config: a staging bucket and a secret per subproject, and the images repositories. */
function syntheticConfig(subprojects: { name: string }[], stack: string): Record<string, unknown> {
    return {
        "k8s-infra:environment": stack === "prod" ? "prod" : "staging",
        "k8s-infra:roster": "roster",
        // An empty inventory: none of the synthetic names exists, so nothing is adopted (the prod stack must read one).
        "k8s-infra:inventory": "inventory",
        "k8s-infra:protect": stack === "prod",
        "k8s-infra:org": { domain: "kubernetes.io" },
        "k8s-infra:governance": { project: "k8s-infra-public-pii", region: "us-central1" },
        "k8s-infra:billing": { account: "018801-93540E-22A20E", parent: "organizations/758905017065", defaultMonthlyUsd: 100 },
        "k8s-infra:services": {
            gcs: {
                project: "kubernetes-public",
                location: "us-central1",
                buckets: subprojects.map(s => ({
                    name: `k8s-staging-${s.name}`, purpose: "test-artifacts", deleteAfterDays: 60,
                    writers: [`group:k8s-infra-${s.name}-owners@kubernetes.io`],
                })),
            },
            // The images repositories only; per-subproject staging registries are the artifact-staging service's now.
            "gcr": {
                project: "k8s-artifacts-prod",
                regions: ["us-central1", "europe-west1"],
            },
            "credential-store": {
                project: "kubernetes-public",
                secrets: subprojects.map(s => ({
                    id: `k8s-infra-${s.name}-ci-token`, subproject: s.name, accessors: [`group:k8s-infra-${s.name}-owners@kubernetes.io`],
                })),
            },
        },
    };
}
