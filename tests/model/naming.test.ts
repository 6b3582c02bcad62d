import fc from "fast-check";
import {
    ENVIRONMENTS, Environment, Family, NameKind, STAGING_TOKEN, checkName, describePattern, makeName, namePattern, namingRules, stemProblem,
} from "../../model/naming";

/** Each kind's families (none: no prefix) and GCP's length limits for it. */
const KINDS: Record<NameKind, { families: (Family | undefined)[]; min: number; max: number }> = {
    project: { families: ["infra", "staging", "artifacts"], min: 6, max: 30 },
    bucket: { families: ["infra", "staging", "artifacts"], min: 3, max: 63 },
    group: { families: ["infra"], min: 1, max: 64 },
    serviceAccount: { families: [undefined], min: 6, max: 30 },
    secret: { families: ["infra"], min: 1, max: 255 },
};
const KIND_NAMES = Object.keys(KINDS) as NameKind[];

const word = (first: string) => fc.tuple(fc.constantFrom(...first), fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"), maxLength: 7 }))
    .map(([a, b]) => a + b);
/** Stems as the roster and config allow them: lowercase words joined by single hyphens, starting with a letter. */
const anyStem = fc.tuple(word("abcdefghijklmnopqrstuvwxyz"), fc.array(word("abcdefghijklmnopqrstuvwxyz0123456789"), { maxLength: 4 }))
    .map(([first, rest]) => [first, ...rest].join("-"));
const validStem = anyStem.filter(s => stemProblem(s) === undefined);
const env = fc.constantFrom<Environment>(...ENVIRONMENTS);
const kindAndFamily = fc.constantFrom(...KIND_NAMES).chain(kind => fc.tuple(fc.constant(kind), fc.constantFrom(...KINDS[kind].families)));

const localLength = (kind: NameKind, name: string) => (kind === "group" ? name.split("@")[0] : name).length;

describe("makeName / checkName round trip", () => {
    test("any valid stem makes a name that passes checkName in the same environment (within the kind's length limits)", () => {
        fc.assert(fc.property(kindAndFamily, validStem, env, ([kind, family], stem, environment) => {
            const name = makeName({ kind, family, stem, environment });
            const problem = checkName(kind, name, environment);
            const len = localLength(kind, name);
            if (len >= KINDS[kind].min && len <= KINDS[kind].max) {
                expect(problem).toBeUndefined();
                expect(namePattern(kind, environment).test(name)).toBe(true);
            } else {
                expect(problem?.reason).toMatch(/characters long/);
            }
        }), { numRuns: 500 });
    });

    test("staging names never equal prod names and never pass the prod check, and prod names never pass the staging check", () => {
        fc.assert(fc.property(kindAndFamily, validStem, validStem, fc.constantFrom(...KINDS.project.families), ([kind, family], a, b, otherFamily) => {
            const staging = makeName({ kind, family, stem: a, environment: "staging" });
            const prod = makeName({ kind, family: kind === "project" || kind === "bucket" ? otherFamily : family, stem: b, environment: "prod" });
            expect(staging).not.toBe(prod);
            expect(checkName(kind, staging, "prod")).toBeDefined();
            expect(checkName(kind, prod, "staging")).toBeDefined();
        }), { numRuns: 500 });
    });

    test("a stem with the reserved word is refused, and its name fails the prod check", () => {
        const withToken = fc.tuple(validStem, validStem).map(([a, b]) => `${a}-${STAGING_TOKEN}-${b}`);
        fc.assert(fc.property(withToken, stem => {
            expect(stemProblem(stem)).toContain("reserved for staging names");
            expect(checkName("bucket", makeName({ kind: "bucket", family: "infra", stem, environment: "prod" }), "prod")?.reason)
                .toContain(`the word "${STAGING_TOKEN}" is reserved`);
        }));
    });

    test("any non-stem is refused by stemProblem", () => {
        const bad = fc.oneof(
            fc.string({ minLength: 1 }).filter(s => !/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(s)),
            validStem.map(s => `k8s-${s}`),
        );
        fc.assert(fc.property(bad, s => { expect(stemProblem(s)).toBeDefined(); }));
    });
});

describe.each(ENVIRONMENTS)("every kind in %s", environment => {
    test.each(KIND_NAMES)("%s: a made name passes, and the other environment's does not", kind => {
        const family = KINDS[kind].families[0];
        const name = makeName({ kind, family, stem: "prow-build", environment });
        const other: Environment = environment === "prod" ? "staging" : "prod";
        expect(checkName(kind, name, environment)).toBeUndefined();
        expect(checkName(kind, name, other)).toMatchObject({ kind, name, expected: describePattern(kind, other) });
        expect(name.split("@")[0].endsWith(`-${STAGING_TOKEN}`)).toBe(environment === "staging");
    });
});

describe("examples", () => {
    test("names follow k8s.io conventions", () => {
        expect(makeName({ kind: "project", family: "infra", stem: "public", environment: "prod" })).toBe("k8s-infra-public");
        expect(makeName({ kind: "bucket", family: "artifacts", stem: "release-tarballs", environment: "staging" })).toBe("k8s-artifacts-release-tarballs-stg");
        expect(makeName({ kind: "group", stem: "dns-owners", environment: "prod" })).toBe("k8s-infra-dns-owners@kubernetes.io");
        expect(makeName({ kind: "group", stem: "dns-owners", environment: "staging", domain: "example.com" })).toBe("k8s-infra-dns-owners-stg@example.com");
        expect(makeName({ kind: "serviceAccount", stem: "prow-build", environment: "staging" })).toBe("prow-build-stg");
    });

    test("a group is checked against its domain", () => {
        expect(checkName("group", "k8s-infra-dns-owners@kubernetes.io", "prod")).toBeUndefined();
        expect(checkName("group", "k8s-infra-dns-owners@kubernetes.io", "prod", "example.com")?.reason).toMatch(/does not match/);
        expect(checkName("group", "k8s-infra-dns-owners@kubernetes.iox", "prod")).toBeDefined();
    });

    test("length limits are enforced with the kind's limits in the reason", () => {
        expect(checkName("project", "k8s-infra-a", "prod")).toBeUndefined();
        expect(checkName("project", `k8s-infra-${"a".repeat(21)}`, "prod")?.reason).toBe("it is 31 characters long; a GCP project id takes 6-30");
        expect(checkName("serviceAccount", "abc", "prod")?.reason).toBe("it is 3 characters long; a service account id takes 6-30");
    });

    test("describePattern says what to write", () => {
        expect(describePattern("bucket", "prod")).toBe('k8s-{infra,staging,artifacts}-<name> (lowercase words joined by hyphens, no word "stg", 3-63 characters)');
        expect(describePattern("group", "staging")).toBe("k8s-infra-<name>-stg@kubernetes.io (lowercase words joined by hyphens)");
    });

    test("namingRules lists every kind in both environments", () => {
        const rules = namingRules();
        expect(rules).toHaveLength(KIND_NAMES.length * ENVIRONMENTS.length);
        expect(new Set(rules.map(r => `${r.kind}/${r.environment}`)).size).toBe(rules.length);
    });
});
