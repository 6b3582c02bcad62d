import { differingProperties, makePlan } from "../../tools/adopt/plan";
import type { CloudObject } from "../../model/inventory/cloud-objects";
import type { AdoptionDecision } from "../../model/adoption-record";

const BUCKET = "gcp:storage/bucket:Bucket";
const object = (id: string, props: Record<string, unknown> = {}): CloudObject => ({ type: BUCKET, id, project: "p", props: { name: id, ...props } });
const decision = (name: string, id: string | null, exists: boolean, imported = exists): AdoptionDecision => ({ type: BUCKET, name, id, exists, imported });

describe("differingProperties", () => {
    test("a value on one side only, or different on both, differs; equal nested values do not", () => {
        expect(differingProperties({ a: 1, b: { x: [1] }, c: "s" }, { a: 1, b: { x: [1] }, d: true }).map(p => p.property)).toEqual(["c", "d"]);
        expect(differingProperties({ v: { enabled: false } }, { v: { enabled: true } })).toEqual([{ property: "v", inventory: { enabled: false }, program: { enabled: true } }]);
    });
});

describe("makePlan", () => {
    const objects = [object("b-kept", { location: "US" }), object("b-moved", { location: "US" }), object("b-alone")];
    const decisions = [decision("gcs-kept", "b-kept", true), decision("gcs-moved", "b-moved", true), decision("gcs-new", "b-new", false), decision("gcs-unknown", null, false)];
    const resources = [
        { type: BUCKET, name: "gcs-kept", inputs: { name: "b-kept", location: "US" } },
        { type: BUCKET, name: "gcs-moved", inputs: { name: "b-moved", location: "EU" } },
    ];
    const plan = makePlan(decisions, resources, objects);

    test("sorts resources into adopt, create and unmanaged", () => {
        expect(plan.adopt.map(e => e.id)).toEqual(["b-kept", "b-moved"]);
        expect(plan.create.map(e => e.id)).toEqual(["b-new", "(unknown until deployed)"]);
        expect(plan.unmanaged).toEqual([{ type: BUCKET, name: "b-alone", id: "b-alone", project: "p" }]);
    });

    test("differs lists only adopted resources whose settings differ, with both values", () => {
        expect(plan.differs).toEqual([{ type: BUCKET, name: "gcs-moved", id: "b-moved", properties: [{ property: "location", inventory: "US", program: "EU" }] }]);
    });

    test("a name that exists but is not imported is a create marked exists", () => {
        const p = makePlan([decision("gcs-kept", "b-kept", true, false)], resources, objects);
        expect(p.create).toEqual([{ type: BUCKET, name: "gcs-kept", id: "b-kept", exists: true }]);
        expect(p.adopt).toEqual([]);
    });
});
