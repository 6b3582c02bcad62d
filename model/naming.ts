// The one naming scheme, as kubernetes/k8s.io really names things. Stack config
// gives every name in its prod form (the real project id, bucket, secret id,
// group); the program turns it into the stack's environment with nameIn(); the
// policy pack checks every name with checkName(); the generated docs print
// namingRules(); `npm run naming` measures the rules against the inventory.
//
// A prod name must fit one of its kind's families (FAMILIES), or be a legacy
// name listed once, with its reason, in model/legacy-names.ts. A staging name is
// a prod name with the reserved word "-stg" at its end. checkName refuses that
// word in every prod name, classifyRealName counts a real name that has it as
// fitting nothing (`npm run naming` lists it), and the adopt-existing policy
// blocks a staging name that exists: the staging stack never takes a real name.

import { LEGACY_NAMES } from "./legacy-names";

export const ENVIRONMENTS = ["staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** The word that marks the staging environment; reserved everywhere else. */
export const STAGING_TOKEN = "stg";

/** What a name is for; each kind has its own families and length limits. */
export type NameKind = "project" | "bucket" | "group" | "serviceAccount" | "secret";

export interface Family {
    kind: NameKind;
    /** The family's form, for messages and docs. */
    form: string;
    /** What it is for. */
    what: string;
    pattern: RegExp;
    /** Made by Google or by tests, never by this program: real, but not a name the program may use. */
    madeBy?: "google" | "tests";
}

const WORDS = "[a-z][a-z0-9]*(?:-[a-z0-9]+)*";
const PROJECT_ID = "[a-z][a-z0-9-]{4,28}[a-z0-9]";
const fam = (kind: NameKind, form: string, what: string, pattern: string, madeBy?: Family["madeBy"]): Family =>
    ({ kind, form, what, pattern: new RegExp(`^${pattern}$`), madeBy });

export const FAMILIES: readonly Family[] = [
    fam("project", "k8s-infra-<name>", "a project the working group runs (prow, e2e pools, public-pii, ...)", `k8s-infra-${WORDS}`),
    fam("project", "k8s-staging-<name>", "a subproject's staging project, where its artifacts are built before promotion", `k8s-staging-${WORDS}`),
    fam("project", "k8s-artifacts-prod", "the production artifacts project behind registry.k8s.io", "k8s-artifacts-prod"),
    fam("project", "kubernetes-public", "the first shared project: DNS, kettle, the billing export, prow's secrets", "kubernetes-public"),
    fam("bucket", "k8s-infra-<name>", "a bucket of the working group's own services (logs, results, state)", `k8s-infra-${WORDS}`),
    fam("bucket", "k8s-staging-<name>", "a staging project's bucket (its name, or <name>-gcb for build sources)", `k8s-staging-${WORDS}`),
    fam("bucket", "k8s-artifacts-<name>", "a production artifact bucket (binaries, CNI, CSI, ...)", `k8s-artifacts-${WORDS}`),
    fam("bucket", "artifacts.<project>.appspot.com", "Container Registry's storage, made by Google (also us., eu., asia.)",
        `(?:(?:us|eu|asia)\\.)?artifacts\\.${PROJECT_ID}\\.appspot\\.com`, "google"),
    fam("bucket", "<project>_cloudbuild", "Cloud Build's source bucket, made by Google", `${PROJECT_ID}_cloudbuild`, "google"),
    fam("bucket", "kops-state-<project> / kubernetes-staging-<hash>[-<region>]", "made by e2e tests in pool projects, removed by the janitor",
        `(?:kops-state-${PROJECT_ID}|kubernetes-staging-[0-9a-f]{10}(?:-[a-z0-9-]+)?)`, "tests"),
    fam("group", "k8s-infra-<name>@", "access to infrastructure: k8s-infra-staging-<name>@ writes a staging project, k8s-infra-rbac-<app>@ runs an app", `k8s-infra-${WORDS}`),
    fam("group", "sig-<sig>[-<topic>]@", "a SIG's list, leads (sig-<sig>-leads@) or alerts", `sig-${WORDS}`),
    fam("group", "wg-<wg>[-<topic>]@", "a working group's list or leads", `wg-${WORDS}`),
    fam("serviceAccount", "<name>", "a service account id, named for what runs as it", `[a-z][a-z0-9]*(?:-[a-z0-9]+)*`),
    fam("serviceAccount", "<number>-compute@developer", "Compute Engine's default account, made by Google", "[0-9]+-compute", "google"),
    fam("secret", "<name>", "a Secret Manager secret, named for what it holds (k8s-infra-<name> when the working group's own)", WORDS),
];

interface Limits { min: number; max: number; what: string }

const LIMITS: Record<NameKind, Limits> = {
    project: { min: 6, max: 30, what: "GCP project id" },
    bucket: { min: 3, max: 63, what: "GCS bucket name" },
    group: { min: 1, max: 64, what: "Google group" },
    serviceAccount: { min: 6, max: 30, what: "service account id" },
    secret: { min: 1, max: 255, what: "Secret Manager secret id" },
};

export interface NameRequest {
    kind: NameKind;
    /** The name in its prod form; for a group its part before @ (or the whole address). */
    name: string;
    environment: Environment;
    /** Domain for groups, e.g. kubernetes.io. */
    domain?: string;
}

/** The name in the stack's environment: the prod name itself, or the prod name with "-stg" in staging. */
/** The domain of the project's Google groups (k8s.io's groups reconciler makes them there), unless a stack's org.domain says otherwise. */
export const GROUP_DOMAIN = "kubernetes.io";

export function nameIn(req: NameRequest): string {
    const [local, ownDomain] = req.kind === "group" ? req.name.split("@") : [req.name, undefined];
    const name = req.environment === "staging" ? `${local}-${STAGING_TOKEN}` : local;
    return req.kind === "group" ? `${name}@${ownDomain ?? req.domain ?? GROUP_DOMAIN}` : name;
}

/** The part of a name that the families describe (a group's part before @; a service account's id). */
function localPart(kind: NameKind, name: string): string {
    return kind === "group" || kind === "serviceAccount" ? name.split("@")[0] : name;
}

/** The family a prod name belongs to, or undefined. */
export function familyOf(kind: NameKind, name: string): Family | undefined {
    const local = localPart(kind, name);
    return FAMILIES.find(f => f.kind === kind && f.pattern.test(local));
}

/** The legacy entry for a real name that fits no family, or undefined. */
export function legacyEntry(kind: NameKind, name: string): { reason: string } | undefined {
    const local = kind === "serviceAccount" ? name.split("@")[0] : name.split("@")[0];
    return LEGACY_NAMES.find(l => l.kind === kind && l.name === local);
}

/** A human-readable form of the rule, for messages and docs. */
export function describePattern(kind: NameKind, environment: Environment, domain = GROUP_DOMAIN): string {
    const forms = FAMILIES.filter(f => f.kind === kind && !f.madeBy).map(f => f.form);
    const at = kind === "group" ? domain : "";
    const stg = environment === "staging" ? `-${STAGING_TOKEN}` : "";
    const shown = forms.map(f => `${f.replace(/@$/, "")}${stg}${at ? `@${at}` : ""}`).join(" | ");
    const tokenRule = environment === "prod" ? `, no word "${STAGING_TOKEN}"` : "";
    const limit = kind === "group" ? "" : `, ${LIMITS[kind].min}-${LIMITS[kind].max} characters`;
    return `${shown} (lowercase words joined by hyphens${tokenRule}${limit}; or a legacy name in model/legacy-names.ts)`;
}

export interface NameProblem {
    kind: NameKind;
    name: string;
    expected: string;
    reason: string;
}

/** Why a prod-form local name is not one, or undefined. */
function prodProblem(kind: NameKind, local: string): string | undefined {
    if (local.split(/[-_.]/).includes(STAGING_TOKEN)) return `the word "${STAGING_TOKEN}" is reserved for the end of staging names`;
    if (legacyEntry(kind, local)) return undefined;
    const family = familyOf(kind, local);
    if (!family) return "it fits none of the families and is not a listed legacy name";
    if (family.madeBy) return `it is a name ${family.madeBy === "google" ? "Google" : "e2e tests"} make (${family.form}), not one this program may use`;
    return undefined;
}

/** Checks a name the program uses; returns undefined when it follows the scheme. */
export function checkName(kind: NameKind, name: string, environment: Environment, domain = GROUP_DOMAIN): NameProblem | undefined {
    const expected = describePattern(kind, environment, domain);
    const fail = (reason: string): NameProblem => ({ kind, name, expected, reason });
    if (kind === "group" && !name.endsWith(`@${domain}`)) return fail(`it is not an address of ${domain}`);
    const local = localPart(kind, name);
    let prodForm = local;
    if (environment === "staging") {
        if (!local.endsWith(`-${STAGING_TOKEN}`)) return fail(`a staging name ends in "-${STAGING_TOKEN}"`);
        prodForm = local.slice(0, -(STAGING_TOKEN.length + 1));
    }
    const reason = prodProblem(kind, prodForm);
    if (reason) return fail(reason);
    const { min, max, what } = LIMITS[kind];
    if (local.length < min || local.length > max) return fail(`it is ${local.length} characters long; a ${what} takes ${min}-${max}`);
    return undefined;
}

/** How a real (inventoried) name fares: in a family the program may use, made by Google/tests, legacy, or none. */
export function classifyRealName(kind: NameKind, name: string): "family" | "google" | "tests" | "legacy" | "none" {
    const local = localPart(kind, name);
    // A real name with the staging word breaks the guarantee that staging names are never real ones.
    if (local.split(/[-_.]/).includes(STAGING_TOKEN)) return "none";
    if (legacyEntry(kind, local)) return "legacy";
    const family = familyOf(kind, local);
    if (!family) return "none";
    return family.madeBy ?? "family";
}

/** Every kind's rule in both environments, for the generated docs. */
export function namingRules(): { kind: NameKind; what: string; environment: Environment; pattern: string }[] {
    return (Object.keys(LIMITS) as NameKind[]).flatMap(kind =>
        ENVIRONMENTS.map(environment => ({ kind, what: LIMITS[kind].what, environment, pattern: describePattern(kind, environment) })));
}

/** Why `word` cannot be one word of a name the program makes up (a subproject, a staging area), or undefined. */
export function stemProblem(stem: string): string | undefined {
    if (!new RegExp(`^${WORDS}$`).test(stem)) {
        return `"${stem}" must be lowercase letters and digits in words joined by single hyphens, starting with a letter`;
    }
    if (stem.split("-").includes(STAGING_TOKEN)) {
        return `"${stem}" contains the word "${STAGING_TOKEN}", which is reserved for staging names`;
    }
    return undefined;
}

/**
 * The e2e projects boskos leases, named as k8s.io names them (a part of the k8s-infra-<name>
 * family; infra/gcp/bash/prow/ensure-e2e-projects.sh): the general pool is
 * k8s-infra-e2e-boskos-001..., a typed pool k8s-infra-e2e-boskos-<type>-01... The pool types
 * and their index widths live here only; the test-pool config gives each type its count.
 */
export const E2E_POOL_PREFIX = "k8s-infra-e2e-boskos";
export const E2E_POOL_TYPES = {
    general: { word: "", digits: 3 },
    gpu: { word: "gpu", digits: 2 },
    scale: { word: "scale", digits: 2 },
} as const satisfies Record<string, { word: string; digits: number }>;
export type E2ePoolType = keyof typeof E2E_POOL_TYPES;

/** The most projects a pool type's index allows: 999 general, 99 gpu or scale. */
export function e2ePoolCapacity(type: E2ePoolType): number {
    return 10 ** E2E_POOL_TYPES[type].digits - 1;
}

/** The prod id of the index-th (1-based) project of a pool type: e2ePoolProjectId("gpu", 3) is k8s-infra-e2e-boskos-gpu-03. */
export function e2ePoolProjectId(type: E2ePoolType, index: number): string {
    const { word, digits } = E2E_POOL_TYPES[type];
    if (!Number.isInteger(index) || index < 1 || index > e2ePoolCapacity(type)) {
        throw new RangeError(`${type} pool project ${index}: the index runs from 1 to ${e2ePoolCapacity(type)}`);
    }
    return [E2E_POOL_PREFIX, ...(word ? [word] : []), String(index).padStart(digits, "0")].join("-");
}
