// The naming scheme (model/naming.ts): config gives prod names, nameIn() puts them in
// the environment, checkName() judges them against the families and the legacy list,
// classifyRealName() sorts real (inventoried) names. Names here are the tests' own.

import fc from "fast-check";
import {
    ENVIRONMENTS, Environment, FAMILIES, Family, NameKind, STAGING_TOKEN,
    checkName, classifyRealName, describePattern, familyOf, legacyEntry, nameIn, namingRules, stemProblem,
} from "../../model/naming";
import { LEGACY_NAMES } from "../../model/legacy-names";

const LEGACY_FILE = "model/legacy-names.ts";
const DOMAIN = "kubernetes.io";

/** GCP's length limits for each kind (of the part before @ for groups). */
const LIMITS: Record<NameKind, { min: number; max: number }> = {
    project: { min: 6, max: 30 },
    bucket: { min: 3, max: 63 },
    group: { min: 1, max: 64 },
    serviceAccount: { min: 6, max: 30 },
    secret: { min: 1, max: 255 },
};
const KINDS = Object.keys(LIMITS) as NameKind[];
const env = fc.constantFrom<Environment>(...ENVIRONMENTS);

const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const chars = (set: string, minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...set), minLength, maxLength });
/** One lowercase word that is not the staging token. */
const word = (first: string, maxLength = 7) => fc.tuple(fc.constantFrom(...first), chars(ALNUM, 0, maxLength))
    .map(([a, b]) => a + b).filter(w => w !== STAGING_TOKEN);
/** Lowercase words joined by single hyphens, starting with a letter, none of them the staging token. */
const words = (maxWords = 4) => fc.tuple(word("abcdefghijklmnopqrstuvwxyz"), fc.array(word(ALNUM), { maxLength: maxWords - 1 }))
    .map(([first, rest]) => [first, ...rest].join("-"));

/** Prod names in each family the program may use, keyed by kind and form (groups: the part before @). */
const PROGRAM_FAMILIES: Record<string, fc.Arbitrary<string>> = {
    "project k8s-infra-<name>": words().map(w => `k8s-infra-${w}`),
    "project k8s-staging-<name>": words().map(w => `k8s-staging-${w}`),
    "project k8s-artifacts-prod": fc.constant("k8s-artifacts-prod"),
    "project kubernetes-public": fc.constant("kubernetes-public"),
    "bucket k8s-infra-<name>": words(6).map(w => `k8s-infra-${w}`),
    "bucket k8s-staging-<name>": words(6).map(w => `k8s-staging-${w}`),
    "bucket k8s-artifacts-<name>": words(6).map(w => `k8s-artifacts-${w}`),
    "group k8s-infra-<name>@": words(6).map(w => `k8s-infra-${w}`),
    "group sig-<sig>[-<topic>]@": words(3).map(w => `sig-${w}`),
    "group wg-<wg>[-<topic>]@": words(3).map(w => `wg-${w}`),
    "serviceAccount <name>": words(),
    "secret <name>": words(8),
};
const keyOf = (f: Family) => `${f.kind} ${f.form}`;
const programFamilies = FAMILIES.filter(f => !f.madeBy);
const familyName = fc.constantFrom(...programFamilies).chain(f => fc.tuple(fc.constant(f), PROGRAM_FAMILIES[keyOf(f)]));

/** A project id as Google takes it, with no staging word: what Google-made and test-made names embed. */
const projectId = fc.tuple(word("abcdefghijklmnopqrstuvwxyz", 9), fc.array(word(ALNUM, 6), { minLength: 1, maxLength: 3 }))
    .map(([a, rest]) => [a, ...rest].join("-")).filter(p => p.length >= 6 && p.length <= 30);
const hex = chars("0123456789abcdef", 10, 10);
/** Names Google or e2e tests make, with the classification they must get. */
const MADE_BY: Record<string, fc.Arbitrary<{ kind: NameKind; name: string; by: "google" | "tests" }>> = {
    "bucket artifacts.<project>.appspot.com": fc.tuple(fc.constantFrom("", "us.", "eu.", "asia."), projectId)
        .map(([region, p]) => ({ kind: "bucket" as const, name: `${region}artifacts.${p}.appspot.com`, by: "google" as const })),
    "bucket <project>_cloudbuild": projectId.map(p => ({ kind: "bucket" as const, name: `${p}_cloudbuild`, by: "google" as const })),
    "bucket kops-state-<project> / kubernetes-staging-<hash>[-<region>]": fc.oneof(
        projectId.map(p => `kops-state-${p}`),
        fc.tuple(hex, fc.constantFrom("", "-us-central1", "-europe-west4")).map(([h, r]) => `kubernetes-staging-${h}${r}`),
    ).map(name => ({ kind: "bucket" as const, name, by: "tests" as const })),
    "serviceAccount <number>-compute@developer": fc.bigInt({ min: 1n, max: 999999999999n })
        .map(n => ({ kind: "serviceAccount" as const, name: `${n}-compute`, by: "google" as const })),
};
const madeByName = fc.constantFrom(...Object.values(MADE_BY)).chain(a => a);

/** The name as the program would use it: a group is an address of the domain. */
const address = (kind: NameKind, local: string) => kind === "group" ? `${local}@${DOMAIN}` : local;
const localLength = (kind: NameKind, name: string) => name.split("@")[0].length;
const fitsLimits = (kind: NameKind, name: string) =>
    localLength(kind, name) >= LIMITS[kind].min && localLength(kind, name) <= LIMITS[kind].max;

describe("the families", () => {
    test("this test has a generator for every family (add one with a new family)", () => {
        expect(programFamilies.map(keyOf).sort()).toEqual(Object.keys(PROGRAM_FAMILIES).sort());
        expect(FAMILIES.filter(f => f.madeBy).map(keyOf).sort()).toEqual(Object.keys(MADE_BY).sort());
    });

    test("a generated name fits its own family and no other of its kind", () => {
        fc.assert(fc.property(familyName, ([family, name]) => {
            expect(familyOf(family.kind, address(family.kind, name))).toBe(family);
            expect(FAMILIES.filter(f => f.kind === family.kind && f.pattern.test(name))).toEqual([family]);
            expect(classifyRealName(family.kind, address(family.kind, name))).toBe("family");
        }), { numRuns: 500 });
    });
});

describe("nameIn / checkName round trip", () => {
    test("a prod name in any family passes checkName once nameIn puts it in either environment (within GCP's length limits)", () => {
        fc.assert(fc.property(familyName, env, ([family, prodName], environment) => {
            const { kind } = family;
            const name = nameIn({ kind, name: prodName, environment, domain: DOMAIN });
            expect(name).toBe(address(kind, environment === "staging" ? `${prodName}-${STAGING_TOKEN}` : prodName));
            const problem = checkName(kind, name, environment, DOMAIN);
            if (fitsLimits(kind, name)) {
                expect(problem).toBeUndefined();
            } else {
                expect(problem).toMatchObject({ kind, name, expected: describePattern(kind, environment, DOMAIN) });
                expect(problem!.reason).toContain(`it is ${localLength(kind, name)} characters long`);
            }
        }), { numRuns: 1000 });
    });

    test("the prod name itself is the prod name; a group takes the given domain", () => {
        fc.assert(fc.property(familyName, ([family, prodName]) => {
            expect(nameIn({ kind: family.kind, name: prodName, environment: "prod", domain: DOMAIN })).toBe(address(family.kind, prodName));
        }));
        expect(nameIn({ kind: "group", name: "k8s-infra-dns-owners", environment: "staging", domain: "example.com" })).toBe("k8s-infra-dns-owners-stg@example.com");
        expect(nameIn({ kind: "group", name: "k8s-infra-dns-owners@kubernetes.io", environment: "staging", domain: DOMAIN })).toBe("k8s-infra-dns-owners-stg@kubernetes.io");
    });

    test("staging names never pass the prod check and never equal a prod name; prod names never pass the staging check", () => {
        const legacy = fc.constantFrom(...LEGACY_NAMES).map(l => ({ kind: l.kind, name: l.name }));
        const prodName = fc.oneof(familyName.map(([f, name]) => ({ kind: f.kind, name })), legacy);
        fc.assert(fc.property(prodName, prodName, (a, b) => {
            const staging = nameIn({ kind: a.kind, name: a.name, environment: "staging", domain: DOMAIN });
            const prod = nameIn({ kind: b.kind, name: b.name, environment: "prod", domain: DOMAIN });
            expect(staging).not.toBe(prod);
            expect(staging).not.toBe(address(a.kind, a.name));
            expect(checkName(a.kind, staging, "prod", DOMAIN)?.reason).toContain(`the word "${STAGING_TOKEN}" is reserved`);
            expect(checkName(b.kind, prod, "staging", DOMAIN)?.reason).toContain(`ends in "-${STAGING_TOKEN}"`);
        }), { numRuns: 1000 });
    });

    test("the word stg anywhere in a prod name is refused in prod, and in a staging name's prod form in staging", () => {
        fc.assert(fc.property(familyName, fc.nat(), ([family, name], at) => {
            const parts = name.split("-");
            parts.splice(at % (parts.length + 1), 0, STAGING_TOKEN);
            const withToken = parts.join("-");
            const reserved = `the word "${STAGING_TOKEN}" is reserved`;
            expect(checkName(family.kind, address(family.kind, withToken), "prod", DOMAIN)?.reason).toContain(reserved);
            expect(checkName(family.kind, nameIn({ kind: family.kind, name: withToken, environment: "staging", domain: DOMAIN }), "staging", DOMAIN)?.reason)
                .toContain(reserved);
        }), { numRuns: 500 });
    });

    test("a word that merely contains stg is not the token", () => {
        for (const name of ["k8s-infra-stgx-logs", "k8s-infra-xstg", "k8s-staging-stg1"]) {
            expect(checkName("bucket", name, "prod")).toBeUndefined();
            expect(checkName("bucket", `${name}-stg`, "staging")).toBeUndefined();
        }
    });
});

describe("legacy names", () => {
    test.each(KINDS)("every %s entry passes the prod check, fits no family (else it should not be listed), and has a reason", kind => {
        for (const l of LEGACY_NAMES.filter(x => x.kind === kind)) {
            expect({ name: l.name, problem: checkName(kind, address(kind, l.name), "prod", DOMAIN) }).toEqual({ name: l.name, problem: undefined });
            expect({ name: l.name, family: familyOf(kind, address(kind, l.name))?.form }).toEqual({ name: l.name, family: undefined });
            expect(legacyEntry(kind, address(kind, l.name))).toBe(l);
            expect(classifyRealName(kind, address(kind, l.name))).toBe("legacy");
            expect(l.reason.trim()).not.toBe("");
        }
    });

    test("each legacy name is listed once per kind", () => {
        const keys = LEGACY_NAMES.map(l => `${l.kind} ${l.name}`);
        expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    });

    test("a legacy name of one kind is no legacy name of another", () => {
        const bucketOnly = LEGACY_NAMES.find(l => l.kind === "bucket" && !LEGACY_NAMES.some(o => o.kind === "project" && o.name === l.name))!;
        expect(legacyEntry("project", bucketOnly.name)).toBeUndefined();
        expect(classifyRealName("project", bucketOnly.name)).not.toBe("legacy");
    });
});

describe("names Google and e2e tests make", () => {
    test("are classified as theirs, and refused as names the program may use, in either environment", () => {
        fc.assert(fc.property(madeByName, env, ({ kind, name, by }, environment) => {
            expect(classifyRealName(kind, name)).toBe(by);
            expect(familyOf(kind, name)?.madeBy).toBe(by);
            const used = environment === "staging" ? `${name}-${STAGING_TOKEN}` : name;
            const problem = checkName(kind, used, environment, DOMAIN);
            expect(problem).toMatchObject({ kind, name: used });
            expect(problem!.reason).toContain(familyOf(kind, name)!.form);
        }), { numRuns: 500 });
    });

    test("examples", () => {
        expect(classifyRealName("bucket", "artifacts.k8s-artifacts-prod.appspot.com")).toBe("google");
        expect(classifyRealName("bucket", "us.artifacts.k8s-staging-kind.appspot.com")).toBe("google");
        expect(classifyRealName("bucket", "k8s-staging-kind_cloudbuild")).toBe("google");
        expect(classifyRealName("bucket", "kops-state-k8s-infra-e2e-boskos-001")).toBe("tests");
        expect(classifyRealName("bucket", "kubernetes-staging-0123456789-europe-west4")).toBe("tests");
        expect(classifyRealName("serviceAccount", "123456789-compute@developer.gserviceaccount.com")).toBe("google");
    });
});

describe("a name that fits nothing", () => {
    /** Words whose first is no family's start. */
    const stray = words(4).filter(w => !/^(k8s|sig|wg|kubernetes|kops|artifacts)(-|$)/.test(w));
    const strayName = fc.oneof(
        fc.tuple(fc.constantFrom<NameKind>("project", "bucket"), stray.map(w => `k8s-${w}`)),
        fc.tuple(fc.constantFrom<NameKind>("project", "bucket", "group"), stray),
        fc.tuple(fc.constant<NameKind>("secret"), stray.map(w => `${w}_key`)),
        fc.tuple(fc.constant<NameKind>("serviceAccount"), stray.map(w => `${w}_sa`)),
    ).filter(([kind, name]) => legacyEntry(kind, name) === undefined);

    test("is classified none and refused, with a pointer to the legacy list", () => {
        fc.assert(fc.property(strayName, env, ([kind, local], environment) => {
            expect(familyOf(kind, address(kind, local))).toBeUndefined();
            expect(classifyRealName(kind, address(kind, local))).toBe("none");
            const name = nameIn({ kind, name: local, environment, domain: DOMAIN });
            const problem = checkName(kind, name, environment, DOMAIN);
            expect(problem).toMatchObject({ kind, name, expected: describePattern(kind, environment, DOMAIN) });
            expect(`${problem!.expected}: ${problem!.reason}`).toContain(LEGACY_FILE);
            expect(problem!.reason).toContain("not a listed legacy name");
        }), { numRuns: 500 });
    });
});

describe("checkName examples", () => {
    test("real k8s.io names in families pass in prod, and as nameIn puts them in staging", () => {
        const real: [NameKind, string][] = [
            ["project", "kubernetes-public"], ["project", "k8s-artifacts-prod"], ["project", "k8s-infra-prow-build"], ["project", "k8s-staging-kind"],
            ["bucket", "k8s-infra-prow-results"], ["bucket", "k8s-staging-kind-gcb"], ["bucket", "k8s-artifacts-cni"],
            ["group", "k8s-infra-staging-kind"], ["group", "sig-release-leads"], ["group", "wg-k8s-infra"],
            ["secret", "k8s-infra-ci-robot-github-token"], ["serviceAccount", "prow-build"],
        ];
        for (const [kind, prodName] of real) {
            expect(classifyRealName(kind, address(kind, prodName))).toBe("family");
            for (const environment of ENVIRONMENTS) {
                expect(checkName(kind, nameIn({ kind, name: prodName, environment, domain: DOMAIN }), environment, DOMAIN)).toBeUndefined();
            }
        }
    });

    test("a group is checked against its domain", () => {
        expect(checkName("group", "k8s-infra-dns-owners@kubernetes.io", "prod")).toBeUndefined();
        expect(checkName("group", "k8s-infra-dns-owners@kubernetes.io", "prod", "example.com")?.reason).toContain("not an address of example.com");
        expect(checkName("group", "k8s-infra-dns-owners@kubernetes.iox", "prod")).toBeDefined();
        expect(checkName("group", "k8s-infra-dns-owners", "prod")).toBeDefined();
    });

    test("length limits are enforced with the kind's limits in the reason", () => {
        expect(checkName("project", "k8s-infra-a", "prod")).toBeUndefined();
        expect(checkName("project", `k8s-infra-${"a".repeat(21)}`, "prod")?.reason).toBe("it is 31 characters long; a GCP project id takes 6-30");
        // 26 characters in prod are 30 in staging; 27 are too many.
        expect(checkName("project", `k8s-infra-${"a".repeat(16)}-stg`, "staging")).toBeUndefined();
        expect(checkName("project", `k8s-infra-${"a".repeat(17)}-stg`, "staging")?.reason).toBe("it is 31 characters long; a GCP project id takes 6-30");
        expect(checkName("serviceAccount", "abc", "prod")?.reason).toBe("it is 3 characters long; a service account id takes 6-30");
    });
});

describe("describePattern and namingRules", () => {
    test.each(KINDS)("%s: lists every family the program may use, in the environment's form, none that Google or tests make, and the legacy file", kind => {
        for (const environment of ENVIRONMENTS) {
            const pattern = describePattern(kind, environment);
            const stg = environment === "staging" ? `-${STAGING_TOKEN}` : "";
            for (const f of FAMILIES.filter(x => x.kind === kind)) {
                const shown = `${f.form.replace(/@$/, "")}${stg}${kind === "group" ? `@${DOMAIN}` : ""}`;
                if (f.madeBy) expect(pattern).not.toContain(f.form);
                else expect(pattern).toContain(shown);
            }
            expect(pattern).toContain(LEGACY_FILE);
            expect(pattern.includes(`no word "${STAGING_TOKEN}"`)).toBe(environment === "prod");
        }
    });

    test("namingRules lists every kind in both environments, with describePattern's text", () => {
        const rules = namingRules();
        expect(rules).toHaveLength(KINDS.length * ENVIRONMENTS.length);
        expect(new Set(rules.map(r => `${r.kind}/${r.environment}`)).size).toBe(rules.length);
        for (const r of rules) expect(r.pattern).toBe(describePattern(r.kind, r.environment));
    });
});

describe("stemProblem (one made-up word of a name: a subproject, a staging area)", () => {
    test("accepts lowercase words joined by hyphens, a k8s- start included", () => {
        fc.assert(fc.property(words(), w => {
            expect(stemProblem(w)).toBeUndefined();
            expect(stemProblem(`k8s-${w}`)).toBeUndefined();
        }));
    });

    test("refuses the staging word and anything that is not words", () => {
        fc.assert(fc.property(words(), words(), (a, b) => {
            expect(stemProblem(`${a}-${STAGING_TOKEN}-${b}`)).toContain("reserved for staging names");
            expect(stemProblem(`${a}-${STAGING_TOKEN}`)).toContain("reserved for staging names");
        }));
        const bad = fc.string({ minLength: 1 }).filter(s => !/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(s));
        fc.assert(fc.property(bad, s => { expect(stemProblem(s)).toBeDefined(); }));
    });
});

describe("nameIn with a whole group address", () => {
    test("keeps the address's own domain, and adds -stg before it in staging", () => {
        expect(nameIn({ kind: "group", name: "k8s-infra-foo@example.com", environment: "staging", domain: "kubernetes.io" })).toBe("k8s-infra-foo-stg@example.com");
        expect(nameIn({ kind: "group", name: "k8s-infra-foo", environment: "prod", domain: "kubernetes.io" })).toBe("k8s-infra-foo@kubernetes.io");
    });
});
