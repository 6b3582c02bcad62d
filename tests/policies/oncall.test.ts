import * as path from "path";
import { oncallEscalation } from "../../policy-pack/policies/oncall";
import { COMPONENT } from "../../model/resource-types";
import type { SubprojectRecord } from "../../model/stack-model";
import type { Environment } from "../../model/naming";
import { UnknownValueError, runResourcePolicy, stackFromRoster, withUnknown } from "../helpers/policy";

/** A frozen copy of roster/ as it shipped (tests/fixtures/sample-roster): edits to the live roster do not reach it. */
const ROSTER = path.resolve(__dirname, "../fixtures/sample-roster");

/** The Subproject component's inputs, as validateResource sees them: the record plus its monitoring project. */
function subprojectInputs(environment: Environment, name = "dns"): SubprojectRecord & { monitoringProject: string } {
    const r = stackFromRoster(ROSTER, { environment }).find(x => x.type === COMPONENT.subproject && x.name === name)!;
    return { ...(r.props as SubprojectRecord), monitoringProject: "k8s-infra-public-pii" };
}

const run = (props: object, type: string = COMPONENT.subproject) =>
    runResourcePolicy(oncallEscalation, { type, name: "dns", props: props as Record<string, unknown> });

describe("oncall-escalation", () => {
    test("every sample subproject has on-call and escalation: quiet", () => {
        const resources = stackFromRoster(ROSTER, { environment: "prod" }).filter(r => r.type === COMPONENT.subproject);
        expect(resources.length).toBe(7);
        for (const r of resources) {
            expect(run({ ...r.props, monitoringProject: "k8s-infra-public-pii" })).toEqual([]);
        }
    });

    test("a prod subproject with no oncall fires, naming both missing parts and where to add them", () => {
        expect(run({ ...subprojectInputs("prod"), oncall: null })).toEqual([
            "Subproject dns (roster/subprojects.yaml:24) has no on-call rotation and no escalation path; " +
            "add oncall: { rotation: ..., escalation: [...] } to it in roster/subprojects.yaml.",
        ]);
    });

    test("an empty escalation path fires for the escalation path only", () => {
        const props = subprojectInputs("prod");
        const [m] = run({ ...props, oncall: { rotation: props.oncall!.rotation, escalation: [] } });
        expect(m).toContain("has no escalation path;");
        expect(m).not.toContain("rotation and");
    });

    test("an empty rotation fires for the rotation only", () => {
        const props = subprojectInputs("prod");
        expect(run({ ...props, oncall: { rotation: "", escalation: props.oncall!.escalation } }))
            .toEqual([expect.stringContaining("has no on-call rotation;")]);
    });

    test("a rotation of white space only looks present: it fires as missing", () => {
        const props = subprojectInputs("prod");
        expect(run({ ...props, oncall: { rotation: " \t ", escalation: props.oncall!.escalation } }))
            .toEqual([expect.stringContaining("has no on-call rotation;")]);
    });

    test("a staging subproject is not required to have on-call", () => {
        expect(run({ ...subprojectInputs("staging"), oncall: null })).toEqual([]);
    });

    test("other resource types are ignored", () => {
        expect(run({ oncall: null, environment: "prod" }, COMPONENT.workingGroup)).toEqual([]);
    });

    test("an unknown oncall (preview) is not misreported as missing: the read throws UnknownValueError, which the server turns into an advisory note", () => {
        expect(() => run(withUnknown(subprojectInputs("prod"), "oncall", "object"))).toThrow(UnknownValueError);
    });
});
