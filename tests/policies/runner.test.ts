// The test runners themselves: they must hand policies what the real server hands
// them, or the policy tests prove nothing about a real preview.

import * as path from "path";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import { RULE } from "../../model/rules";
import { COMPONENT } from "../../model/resource-types";
import { UNKNOWN, UnknownValueError, runResourcePolicy, runStackPolicy, stackFromRoster, unknown, withUnknown } from "../helpers/policy";

/** A frozen copy of roster/ as it shipped (tests/fixtures/sample-roster): edits to the live roster do not reach it. */
const ROSTER = path.resolve(__dirname, "../fixtures/sample-roster");

const resourcePolicy = (validateResource: ResourceValidationPolicy["validateResource"]): ResourceValidationPolicy =>
    ({ name: "t", description: "t", enforcementLevel: "mandatory", validateResource });
const stackPolicy = (validateStack: StackValidationPolicy["validateStack"]): StackValidationPolicy =>
    ({ name: "t", description: "t", enforcementLevel: "mandatory", validateStack });

describe("runResourcePolicy", () => {
    test("passes type, name, urn, opts and config, and collects every message", () => {
        const p = resourcePolicy((args, report) => {
            report(`${args.type}|${args.name}|${args.urn}|${args.opts.protect}|${JSON.stringify(args.getConfig())}`);
            report(String(args.props.nested.value));
        });
        expect(runResourcePolicy(p, { type: "a:b:C", name: "n", urn: "urn:x", protect: true, props: { nested: { value: 7 } }, config: { asOf: "2026-01-01" } }))
            .toEqual(['a:b:C|n|urn:x|true|{"asOf":"2026-01-01"}', "7"]);
    });

    test("props are serialized: undefined is dropped, null is kept", () => {
        const p = resourcePolicy((args, report) => report(JSON.stringify(Object.keys(args.props)) + String(args.props.b)));
        expect(runResourcePolicy(p, { type: "t", props: { a: undefined, b: null } })).toEqual(['["b"]null']);
    });

    test("reading an unknown value throws UnknownValueError naming the path", () => {
        const p = resourcePolicy((args, report) => report(String(args.props.labels.visibility)));
        expect(() => runResourcePolicy(p, { type: "t", props: withUnknown({ labels: {} }, "labels.visibility") }))
            .toThrow(new UnknownValueError(UNKNOWN.string, ["labels", "visibility"]).message);
        expect(unknown("array")).toBe(UNKNOWN.array);
    });

    test("notApplicable() ends the policy quietly; other errors propagate", () => {
        expect(runResourcePolicy(resourcePolicy(args => args.notApplicable("no")), { type: "t", props: {} })).toEqual([]);
        expect(() => runResourcePolicy(resourcePolicy(() => { throw new Error("boom"); }), { type: "t", props: {} })).toThrow("boom");
    });

    test("validateResource may be a list of validations", () => {
        const p = resourcePolicy([(_, r) => r("one"), (_, r) => r("two")]);
        expect(runResourcePolicy(p, { type: "t", props: {} })).toEqual(["one", "two"]);
    });
});

describe("runStackPolicy", () => {
    test("returns each message with the URN it was reported on, and links parents", () => {
        const resources = stackFromRoster(ROSTER, { environment: "prod" });
        const p = stackPolicy((args, report) => {
            const secret = args.resources.find(r => r.name === "owner-contacts-secret")!;
            report(`${secret.parent?.type} ${secret.parent?.name}`, secret.urn);
        });
        expect(runStackPolicy(p, resources)).toEqual([{
            message: `${COMPONENT.ownerContacts} owner-contacts`,
            urn: `urn:pulumi:prod::k8s-infra::${COMPONENT.ownerContacts}$gcp:secretmanager/secret:Secret::owner-contacts-secret`,
        }]);
    });

    test("an unknown value read outside eachKnown escapes (the server would drop the whole policy to an advisory note)", () => {
        const p = stackPolicy((args, report) => { for (const r of args.resources) report(String(r.props.x)); });
        expect(() => runStackPolicy(p, [{ type: "t", props: { x: 1 } }, { type: "t", props: { x: unknown() } }])).toThrow(UnknownValueError);
    });
});

describe("stackFromRoster", () => {
    test("registers the governance components with their records, the service and its resources", () => {
        const resources = stackFromRoster(ROSTER, { environment: "staging" });
        const types = resources.map(r => r.type);
        expect(types[0]).toBe("pulumi:pulumi:Stack");
        expect(types.filter(t => t === COMPONENT.subproject)).toHaveLength(7);
        expect(types.filter(t => t === COMPONENT.workingGroup)).toHaveLength(1);
        const sub = resources.find(r => r.type === COMPONENT.subproject && r.name === "prow")!;
        expect(sub.props).toMatchObject({ name: "prow", environment: "staging", phase: "bootstrapping", ownersGroup: "k8s-infra-prow-owners-stg@kubernetes.io" });
        expect(sub.props.owners.map((o: { organization: string | null }) => o.organization)).toEqual(["Google", "Google", null]);
        expect(resources.find(r => r.type === "k8s-infra:services:Gcs")!.props.subproject).toBe("artifacts");
        expect(resources.find(r => r.type === COMPONENT.ownerContacts)!.props)
            .toEqual({ project: "k8s-infra-public-pii-stg", secretId: "k8s-infra-owner-contacts-stg", readersGroup: "k8s-infra-owner-contacts-stg@kubernetes.io" });
    });
});

test("the pack lists every rule once, each with a description and an enforcement level", () => {
    expect(policies.map(p => p.name).sort()).toEqual(Object.values(RULE).sort());
    for (const p of policies) {
        expect(p.description.length).toBeGreaterThan(20);
        expect(["advisory", "mandatory"]).toContain(p.enforcementLevel);
    }
});
