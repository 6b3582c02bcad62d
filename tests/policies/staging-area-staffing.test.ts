// The staffing rules on staging areas: subproject-staffing (at least 3 distinct
// owners) and maximal-representation (no organization over 1/3, aliases and
// subsidiaries counted together) judge each StagingArea a stack makes, from the same
// rule modules as subprojects, and say the roster line to change. A staging area has
// no bootstrapping waiver. Fixtures: temp copies of the sample roster.

import * as path from "path";
import { maximalRepresentation, maximalRepresentationWaived, subprojectStaffing } from "../../policy-pack/policies/staffing";
import { COMPONENT } from "../../model/resource-types";
import { StackConfig } from "../../model/config";
import { buildModel } from "../../model/stack-model";
import { loadRoster } from "../../model/roster/load";
import { projectConfigValues } from "../../tools/stack-config/stack-config";
import { StackResource, messagesOf, runStackPolicy, stackFromRoster, withUnknown } from "../helpers/policy";
import { lineOf, replace, rosterCopy } from "../helpers/roster-copy";

const ROOT = path.resolve(__dirname, "../..");
const KIND_OWNERS = "owners: [chen-liwei, dara-mensah, eli-novak]";

/** The prod stack's resources for a copy of the sample roster whose kind area has `owners`, with the StagingArea components the service registers. */
function prodWithKindOwners(owners?: string): { resources: StackResource[]; text: Record<string, string> } {
    const { dir, text } = rosterCopy(owners ? { "staging-areas.yaml": replace(KIND_OWNERS, `owners: [${owners}]`) } : {});
    const resources = stackFromRoster(dir, { environment: "prod" });
    const model = buildModel(loadRoster(dir, "roster"), StackConfig.parse(projectConfigValues(ROOT, "prod")), "Pulumi.prod.yaml");
    const parent = "urn:pulumi:prod::k8s-infra::k8s-infra:services:ArtifactStaging";
    for (const record of model.stagingAreas) {
        resources.push({ type: COMPONENT.stagingArea, name: record.name, parent: `${parent}::artifact-staging`,
            urn: `${parent}$${COMPONENT.stagingArea}::${record.name}`, props: JSON.parse(JSON.stringify(record)) });
    }
    return { resources, text };
}
const kindUrn = (resources: StackResource[]) => resources.find(r => r.type === COMPONENT.stagingArea && r.name === "kind")!.urn;

describe("subproject-staffing on staging areas", () => {
    test("staffed areas: quiet", () => {
        const { resources } = prodWithKindOwners();
        expect(resources.filter(r => r.type === COMPONENT.stagingArea)).toHaveLength(7);
        expect(runStackPolicy(subprojectStaffing, resources)).toEqual([]);
    });

    test("an area with 2 owners fires on its component, naming its roster line and the owners", () => {
        const { resources, text } = prodWithKindOwners("chen-liwei, dara-mensah");
        const v = runStackPolicy(subprojectStaffing, resources);
        expect(v).toEqual([expect.objectContaining({ urn: kindUrn(resources) })]);
        expect(v[0].message).toBe(`Staging area kind (roster/staging-areas.yaml:${lineOf(text["staging-areas.yaml"], "- name: kind")}) ` +
            "has 2 distinct owner(s) (chen-liwei, dara-mensah); add 1 more to owners in the roster.");
    });

    test("the same person twice (any case) counts once", () => {
        const { resources } = prodWithKindOwners();
        const kind = resources.find(r => r.urn === kindUrn(resources))!;
        kind.props.owners = [kind.props.owners[0], { ...kind.props.owners[0], github: "Chen-Liwei" }, kind.props.owners[1]];
        expect(messagesOf(runStackPolicy(subprojectStaffing, resources))).toEqual([expect.stringContaining("has 2 distinct owner(s)")]);
    });

    test("an owner list not known yet (preview) skips that area only", () => {
        const { resources } = prodWithKindOwners("chen-liwei");
        const other = resources.find(r => r.type === COMPONENT.stagingArea && r.name === "cluster-api")!;
        other.props.owners = other.props.owners.slice(0, 1);
        const kind = resources.find(r => r.urn === kindUrn(resources))!;
        kind.props = withUnknown(kind.props, "owners", "array");
        expect(messagesOf(runStackPolicy(subprojectStaffing, resources))).toEqual([expect.stringMatching(/^Staging area cluster-api /)]);
    });
});

describe("maximal-representation on staging areas", () => {
    test("balanced areas: quiet", () => {
        const { resources } = prodWithKindOwners();
        const messages = messagesOf(runStackPolicy(maximalRepresentation, resources, { asOf: "2026-07-01" }));
        expect(messages.filter(m => m.includes("Staging area"))).toEqual([]);
    });

    test("Google 2 of 3 through an alias (Google LLC, google.com) is mandatory, with the people.yaml lines of the affiliations", () => {
        const { resources, text } = prodWithKindOwners("eli-novak, kai-moreno, chen-liwei");
        const v = runStackPolicy(maximalRepresentation, resources, { asOf: "2026-07-01" }).filter(x => x.urn === kindUrn(resources));
        expect(v).toHaveLength(1);
        expect(v[0].message).toBe(`Staging area kind (roster/staging-areas.yaml:${lineOf(text["staging-areas.yaml"], "- name: kind")}): ` +
            "Google holds 2 of 3 (eli-novak, kai-moreno); no organization may hold more than 1/3 of the owners. " +
            "Add 3 owners from other organizations, or rotate out 1 Google owner for owners from elsewhere. " +
            `Affiliations, if one changed: eli-novak roster/people.yaml:${lineOf(text["people.yaml"], "affiliation: Google LLC")}, ` +
            `kai-moreno roster/people.yaml:${lineOf(text["people.yaml"], "affiliation: google.com")}.`);
    });

    test("a subsidiary counts with its parent (Red Hat under IBM), and no waiver makes it advisory", () => {
        const { resources } = prodWithKindOwners("bram-okafor, lena-fischer, chen-liwei");
        expect(messagesOf(runStackPolicy(maximalRepresentation, resources, { asOf: "2026-07-01" })))
            .toContainEqual(expect.stringMatching(/^Staging area kind .*IBM holds 2 of 3 \(bram-okafor, lena-fischer\)/));
        expect(messagesOf(runStackPolicy(maximalRepresentationWaived, resources, { asOf: "2026-07-01" })).filter(m => m.includes("Staging area"))).toEqual([]);
    });

    test("two independents are two organizations: 3 owners, each alone, pass", () => {
        const { resources } = prodWithKindOwners("chen-liwei, hana-sato, eli-novak");
        expect(messagesOf(runStackPolicy(maximalRepresentation, resources, { asOf: "2026-07-01" })).filter(m => m.includes("Staging area"))).toEqual([]);
    });
});
