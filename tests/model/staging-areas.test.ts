// The stack model's staging areas: which areas a stack's artifact-staging config
// selects, their names in the stack's environment, their owners resolved as a
// subproject's, their projects in the billing list; and the config mistakes
// (an area the roster lacks, a name too long for staging) as InputErrors.

import * as path from "path";
import { StackConfig } from "../../model/config";
import { ArtifactStagingConfig } from "../../model/service-config/artifact-staging";
import { buildModel } from "../../model/stack-model";
import { InputError } from "../../model/errors";
import { loadRoster } from "../../model/roster/load";
import { projectConfigValues } from "../../tools/stack-config/stack-config";
import { append, lineOf, rosterCopy } from "../helpers/roster-copy";

const ROOT = path.resolve(__dirname, "../..");
const SAMPLE = path.join(ROOT, "tests/fixtures/sample-roster");

/** The shipped stack's config with artifact-staging's settings replaced (undefined: the service off). */
function config(stack: "prod" | "staging", staging: Record<string, unknown> | undefined): StackConfig {
    const raw = projectConfigValues(ROOT, stack) as { services: Record<string, unknown> };
    const services = { ...raw.services };
    if (staging) services["artifact-staging"] = staging; else delete services["artifact-staging"];
    return StackConfig.parse({ ...raw, services });
}

function modelError(run: () => unknown): InputError {
    try {
        run();
    } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return e as InputError;
    }
    throw new Error("expected an InputError");
}

test("all areas in prod: prod names, owners with their organizations, the roster line, a project each owned by the service's subproject", () => {
    const { dir, text } = rosterCopy({});
    const model = buildModel(loadRoster(dir, "roster"), config("prod", { areas: "all" }), "Pulumi.prod.yaml");
    expect(model.stagingAreas.map(a => a.name)).toEqual(["kind", "cluster-api", "capi-docker", "capi-openstack", "cip-test", "cluster-api-gcp", "multitenancy"]);
    expect(model.stagingAreas.slice(0, 2).map(a => [a.name, a.project, a.bucket, a.writersGroup, a.subproject, a.sig])).toEqual([
        ["kind", "k8s-staging-kind", "k8s-staging-kind", "k8s-infra-staging-kind@kubernetes.io", "artifacts", "testing"],
        ["cluster-api", "k8s-staging-cluster-api", "k8s-staging-cluster-api", "k8s-infra-staging-cluster-api@kubernetes.io", "artifacts", "cluster-lifecycle"],
    ]);
    const kind = model.stagingAreas[0];
    expect(kind.source).toBe(`roster/staging-areas.yaml:${lineOf(text["staging-areas.yaml"], "- name: kind")}`);
    expect(kind.owners.map(o => [o.github, o.organization])).toEqual([["chen-liwei", null], ["dara-mensah", "Microsoft"], ["eli-novak", "Google"]]);
    expect(kind.owners[2].affiliationSource).toBe(`roster/people.yaml:${lineOf(text["people.yaml"], "affiliation: Google LLC")}`);
    expect(model.projects.filter(p => p.name.startsWith("k8s-staging-")).slice(0, 2).map(p => [p.id, p.subproject, p.sig])).toEqual([
        ["k8s-staging-kind", "artifacts", "testing"], ["k8s-staging-cluster-api", "artifacts", "cluster-lifecycle"],
    ]);
    expect(model.projects.filter(p => p.name.startsWith("k8s-staging-"))).toHaveLength(7);
});

test("a few areas in staging: only those, with -stg names", () => {
    const model = buildModel(loadRoster(SAMPLE, "roster"), config("staging", { areas: ["cluster-api"] }), "Pulumi.staging.yaml");
    expect(model.stagingAreas.map(a => [a.project, a.bucket, a.writersGroup])).toEqual([
        ["k8s-staging-cluster-api-stg", "k8s-staging-cluster-api-stg", "k8s-infra-staging-cluster-api-stg@kubernetes.io"],
    ]);
    expect(model.projects.map(p => p.id)).toContain("k8s-staging-cluster-api-stg");
    expect(model.projects.map(p => p.id)).not.toContain("k8s-staging-kind-stg");
});

test("with the service off, no areas and no staging projects", () => {
    const model = buildModel(loadRoster(SAMPLE, "roster"), config("prod", undefined), "Pulumi.prod.yaml");
    expect(model.stagingAreas).toEqual([]);
    expect(model.projects.some(p => p.name.startsWith("k8s-staging-"))).toBe(false);
});

test("an area the roster lacks is refused, with the nearest name", () => {
    const err = modelError(() => buildModel(loadRoster(SAMPLE, "roster"), config("staging", { areas: ["kind", "clusterapi"] }), "Pulumi.staging.yaml"));
    expect(err.problems).toEqual([{
        file: "Pulumi.staging.yaml", at: "k8s-infra:services.artifact-staging.areas[1]",
        message: 'unknown staging area "clusterapi"; add it to roster/staging-areas.yaml first, or name one the roster has. Did you mean cluster-api?',
    }]);
});

test("a retention for an area the roster lacks is refused, with the nearest name", () => {
    const err = modelError(() => buildModel(loadRoster(SAMPLE, "roster"), config("prod", { bucket: { retentionSeconds: { kindd: 2592000 } } }), "Pulumi.prod.yaml"));
    expect(err.problems).toEqual([expect.objectContaining({
        at: "k8s-infra:services.artifact-staging.bucket.retentionSeconds.kindd", message: expect.stringContaining("Did you mean kind?"),
    })]);
});

test("an area whose staging project id would pass 30 characters is refused in staging, made in prod", () => {
    const { dir } = rosterCopy({ "staging-areas.yaml": append("  - name: cluster-api-nested\n    sig: cluster-lifecycle\n    owners: [hana-sato, ivan-petrov, jo-mbeki]\n") });
    const roster = loadRoster(dir, "roster");
    expect(buildModel(roster, config("prod", {}), "Pulumi.prod.yaml").stagingAreas.map(a => a.project)).toContain("k8s-staging-cluster-api-nested");
    const err = modelError(() => buildModel(roster, config("staging", { areas: ["cluster-api-nested"] }), "Pulumi.staging.yaml"));
    expect(err.problems).toEqual([expect.objectContaining({
        file: "Pulumi.staging.yaml", at: "k8s-infra:services.artifact-staging.areas",
        message: expect.stringMatching(/^staging area cluster-api-nested would have project k8s-staging-cluster-api-nested-stg in staging: it is 34 characters long; a GCP project id takes 6-30/),
    })]);
});

test("the config schema: areas is all or a list without repeats; the defaults are k8s.io's", () => {
    const parse = (s: unknown) => ArtifactStagingConfig.safeParse(s);
    const defaults = parse({});
    expect(defaults.success && defaults.data).toMatchObject({ areas: "all", bucket: { location: "US", deleteAfterDays: 60, public: true }, registry: { repository: "images" } });
    const twice = parse({ areas: ["kind", "kind"] });
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0].message).toMatch(/same staging area \("kind"\)/);
    expect(parse({ areas: "some" }).success).toBe(false);
    expect(parse({ builders: ["group:k8s-infra-staging-kind@kubernetes.io"] }).success).toBe(false);
});
