// The one naming scheme. The program makes every name with makeName(); the policy
// pack checks every name with checkName(); the generated docs print namingRules().
// It follows kubernetes/k8s.io: k8s-infra-* and k8s-staging-<name> projects,
// k8s-artifacts-* / k8s-staging-* / k8s-infra-* buckets, k8s-infra-*@kubernetes.io
// groups. Names made for the staging environment end in the reserved token "-stg",
// which no prod name may contain, so the two environments can never collide.

export const ENVIRONMENTS = ["staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** The token that marks the staging environment; reserved everywhere else. */
export const STAGING_TOKEN = "stg";

/** What a name is for; each kind has its own families and length limits. */
export type NameKind = "project" | "bucket" | "group" | "serviceAccount" | "secret";

/** The k8s.io prefixes: k8s-infra-*, k8s-staging-*, k8s-artifacts-*. */
export type Family = "infra" | "staging" | "artifacts";

interface KindRule {
    families: readonly Family[] | null; // null: no prefix (service account ids)
    min: number;
    max: number;
    what: string;
}

const KINDS: Record<NameKind, KindRule> = {
    // GCP project ids: 6-30 characters, lowercase letter first, no trailing hyphen.
    project: { families: ["infra", "staging", "artifacts"], min: 6, max: 30, what: "GCP project id" },
    // GCS bucket names: 3-63 characters; we use no dots.
    bucket: { families: ["infra", "staging", "artifacts"], min: 3, max: 63, what: "GCS bucket name" },
    // Google groups of the kubernetes.io domain (the part before @).
    group: { families: ["infra"], min: 1, max: 64, what: "Google group" },
    // Service account ids: 6-30 characters.
    serviceAccount: { families: null, min: 6, max: 30, what: "service account id" },
    // Secret Manager secret ids.
    secret: { families: ["infra"], min: 1, max: 255, what: "Secret Manager secret id" },
};

/** A stem: lowercase words joined by single hyphens, none of them the staging token. */
const STEM = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Why `stem` cannot be part of a name, or undefined when it can. */
export function stemProblem(stem: string): string | undefined {
    if (!STEM.test(stem)) {
        return `"${stem}" must be lowercase letters and digits in words joined by single hyphens, starting with a letter`;
    }
    if (stem.split("-").includes(STAGING_TOKEN)) {
        return `"${stem}" contains the word "${STAGING_TOKEN}", which is reserved for staging names`;
    }
    if (stem.startsWith("k8s-")) {
        return `"${stem}" starts with "k8s-"; give the stem alone, the prefix is added for you`;
    }
    return undefined;
}

export interface NameRequest {
    kind: NameKind;
    /** The k8s.io prefix; required for kinds that have families. */
    family?: Family;
    stem: string;
    environment: Environment;
    /** Domain for groups, e.g. kubernetes.io. */
    domain?: string;
}

/** Makes a name. It does not reject bad stems: the naming policy reports them with the pattern. */
export function makeName(req: NameRequest): string {
    const rule = KINDS[req.kind];
    const prefix = rule.families ? `k8s-${req.family ?? rule.families[0]}-` : "";
    const suffix = req.environment === "staging" ? `-${STAGING_TOKEN}` : "";
    const base = `${prefix}${req.stem}${suffix}`;
    return req.kind === "group" ? `${base}@${req.domain ?? "kubernetes.io"}` : base;
}

/** The pattern a name of this kind must match in this environment, as a regular expression. */
export function namePattern(kind: NameKind, environment: Environment, domain = "kubernetes.io"): RegExp {
    const rule = KINDS[kind];
    const prefix = rule.families ? `k8s-(?:${rule.families.join("|")})-` : "[a-z]";
    const body = rule.families ? "[a-z0-9]+(?:-[a-z0-9]+)*" : "[a-z0-9]*(?:-[a-z0-9]+)*";
    const suffix = environment === "staging" ? `-${STAGING_TOKEN}` : "";
    const at = kind === "group" ? `@${domain.replace(/\./g, "\\.")}` : "";
    return new RegExp(`^${prefix}${body}${suffix}${at}$`);
}

/** A human-readable form of the pattern, for messages and docs. */
export function describePattern(kind: NameKind, environment: Environment, domain = "kubernetes.io"): string {
    const rule = KINDS[kind];
    const prefix = rule.families
        ? rule.families.length > 1 ? `k8s-{${rule.families.join(",")}}-` : `k8s-${rule.families[0]}-`
        : "";
    const suffix = environment === "staging" ? `-${STAGING_TOKEN}` : "";
    const at = kind === "group" ? `@${domain}` : "";
    const tokenRule = environment === "prod" ? `, no word "${STAGING_TOKEN}"` : "";
    const limit = kind === "group" ? "" : `, ${rule.min}-${rule.max} characters`;
    return `${prefix}<name>${suffix}${at} (lowercase words joined by hyphens${tokenRule}${limit})`;
}

export interface NameProblem {
    kind: NameKind;
    name: string;
    expected: string;
    reason: string;
}

/** Checks a name; returns undefined when it follows the scheme. */
export function checkName(kind: NameKind, name: string, environment: Environment, domain = "kubernetes.io"): NameProblem | undefined {
    const rule = KINDS[kind];
    const expected = describePattern(kind, environment, domain);
    const fail = (reason: string): NameProblem => ({ kind, name, expected, reason });
    const local = kind === "group" ? name.split("@")[0] : name;
    if (!namePattern(kind, environment, domain).test(name)) {
        return fail(`it does not match ${namePattern(kind, environment, domain).source}`);
    }
    const words = local.split("-");
    const tokens = environment === "staging" ? words.slice(0, -1) : words;
    if (tokens.includes(STAGING_TOKEN)) {
        return fail(`the word "${STAGING_TOKEN}" is reserved for the end of staging names`);
    }
    if (local.length < rule.min || local.length > rule.max) {
        return fail(`it is ${local.length} characters long; a ${rule.what} takes ${rule.min}-${rule.max}`);
    }
    return undefined;
}

/** Every kind's pattern in both environments, for the generated docs. */
export function namingRules(): { kind: NameKind; what: string; environment: Environment; pattern: string }[] {
    return (Object.keys(KINDS) as NameKind[]).flatMap(kind =>
        ENVIRONMENTS.map(environment => ({ kind, what: KINDS[kind].what, environment, pattern: describePattern(kind, environment) })));
}
