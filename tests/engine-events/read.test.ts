// The engine-event reader below the reports and the risk classes
// (tools/engine-events): the format checked line by line with located errors, the
// one fold of step ops, the policy packs that ran, and the colour markup removed.
// (Here because only tests/report and tests/risk are this change's to touch.)

import * as fs from "fs";
import * as path from "path";
import {
    EVENT_KINDS, EventLogError, FOLDED, OP_FOLD, OpType, countOps, foldOp, isInternalStep, parsePackKey, readEventLog, stripColors,
} from "../../tools/engine-events";
import { foldSteps } from "../../tools/engine-events/fold";
import { MALFORMED, ROOT } from "../report/reports";

const line = (seq: number, body: object) => JSON.stringify({ sequence: seq, timestamp: 1767225600 + seq, ...body });
const URN = "urn:pulumi:dev::k8s-infra::gcp:storage/bucket:Bucket::b";
const step = (seq: number, op: string, urn = URN, extra: object = {}) =>
    line(seq, { resourcePreEvent: { metadata: { op, urn, type: "gcp:storage/bucket:Bucket", old: null, new: { type: "gcp:storage/bucket:Bucket", urn, id: "", parent: "", inputs: {}, outputs: {}, provider: "" }, detailedDiff: null, provider: "", ...extra } } });

function problems(text: string): { line?: number; text: string }[] {
    try {
        readEventLog(text, "log.jsonl");
    } catch (e) {
        expect(e).toBeInstanceOf(EventLogError);
        return (e as EventLogError).problems.map(p => ({ line: p.line, text: `${p.at ? `${p.at}: ` : ""}${p.message}` }));
    }
    throw new Error("no error");
}

describe("the fold table", () => {
    test("has every op of apitype.OpType, each folded to a kind with a rank and a change", () => {
        const ops: OpType[] = ["same", "create", "update", "delete", "replace", "create-replacement", "delete-replaced", "read",
            "read-replacement", "refresh", "discard", "discard-replaced", "remove-pending-replace", "import", "import-replacement"];
        expect(Object.keys(OP_FOLD).sort()).toEqual([...ops].sort());
        for (const op of ops) expect(FOLDED[OP_FOLD[op]]).toBeDefined();
    });

    test("decides the ops the two old readers disagreed on", () => {
        expect(OP_FOLD).toMatchObject({
            "discard": "discard", "discard-replaced": "replace", "import-replacement": "replace",
            "read-replacement": "replace", "remove-pending-replace": "same", "refresh": "same", "import": "import",
        });
        expect(FOLDED.discard.change).toBeNull(); // a read resource dropped from the state: nothing is deleted
        expect(FOLDED.read.change).toBeNull();
        expect(FOLDED.import.change).toBe("create");
        expect(foldOp("teleport")).toBeUndefined();
        expect(foldOp("toString")).toBeUndefined();
    });

    test("a URN's steps fold into the strongest; internal steps (default providers, remove-pending-replace) are left out", () => {
        const provider = "urn:pulumi:dev::k8s-infra::pulumi:providers:gcp::default_9_37_0";
        expect(isInternalStep({ op: "create", urn: provider })).toBe(true);
        expect(isInternalStep({ op: "remove-pending-replace", urn: URN })).toBe(true);
        expect(isInternalStep({ op: "create", urn: URN })).toBe(false);
        const log = readEventLog([
            step(0, "create", provider), step(1, "create-replacement", URN, { keys: ["location"] }), step(2, "replace"),
            step(3, "delete-replaced"), step(4, "discard", URN.replace("::b", "::r")), step(5, "teleport", URN.replace("::b", "::t")),
        ].join("\n"), "log.jsonl");
        const folded = foldSteps(log.events);
        expect(folded.resources.map(r => [r.urn.split("::").pop(), r.op, r.ops])).toEqual([
            ["b", "replace", ["create-replacement", "replace", "delete-replaced"]], ["r", "discard", ["discard"]], ["t", "update", ["teleport"]],
        ]);
        expect(folded.resources[0].keys).toEqual(["location"]);
        expect(folded.unknownOps).toEqual(["teleport (line 6)"]);
        expect(countOps(folded.resources)).toEqual({ replace: 1, discard: 1, update: 1 });
    });
});

describe("a line that is not what the engine writes is a located error", () => {
    test("a line cut short, with the file and line", () => {
        const read = () => readEventLog(fs.readFileSync(path.join(ROOT, MALFORMED), "utf8"), MALFORMED);
        expect(read).toThrow(EventLogError);
        expect(read).toThrow(`${MALFORMED}:4: is not JSON`);
        expect(problems(fs.readFileSync(path.join(ROOT, MALFORMED), "utf8")).map(p => p.line)).toEqual([4]);
    });

    test("JSON that is not an engine event: not an object, no sequence, no payload, two payloads", () => {
        expect(problems(`${line(0, { cancelEvent: {} })}\n[1, 2]\n`)).toEqual([{ line: 2, text: expect.stringContaining("is not an engine event") }]);
        expect(problems(`{"timestamp": 1, "cancelEvent": {}}`)[0].text).toContain("integer `sequence` and `timestamp`");
        expect(problems(line(0, { hello: 1 }))[0].text).toContain("has no payload");
        expect(problems(line(0, { cancelEvent: {}, stdoutEvent: { message: "", color: "" } }))[0].text).toContain("exactly one payload");
    });

    test("payload fields: a policyEvent without a policy, an unknown level, a bad URN, a step without urn", () => {
        const p = (o: object) => line(0, { policyEvent: { resourceUrn: URN, message: "m", color: "raw", policyName: "x", policyPackName: "p", policyPackVersion: "1", policyPackVersionTag: "1", enforcementLevel: "mandatory", ...o } });
        expect(problems(p({ policyName: undefined }))[0].text).toBe("policyEvent.policyName: is missing or not a string");
        expect(problems(p({ enforcementLevel: "strict" }))[0].text).toContain('policyEvent.enforcementLevel: is "strict"');
        expect(problems(p({ resourceUrn: "prow" }))[0].text).toContain('"prow" is not a Pulumi URN');
        expect(problems(line(0, { resourcePreEvent: { metadata: { op: "delete", type: "t" } } }))[0].text).toBe("resourcePreEvent.metadata.urn: is missing or not a string");
    });

    test("a summaryEvent with `policyPacks` (the engine writes PolicyPacks), an unknown result", () => {
        const s = (o: object) => line(0, { summaryEvent: { maybeCorrupt: false, durationSeconds: 1, resourceChanges: {}, ...o } });
        expect(problems(s({ policyPacks: {} }))[0].text).toMatch(/^summaryEvent\.policyPacks: the engine writes PolicyPacks, with a capital P/);
        expect(problems(s({ PolicyPacks: {}, result: "done" }))[0].text).toContain("not one of succeeded, failed, canceled");
    });

    test("every bad line is named, events out of order too", () => {
        expect(problems([line(0, { cancelEvent: {} }), "nope", line(0, { cancelEvent: {} }), "{"].join("\n")).map(p => p.line)).toEqual([2, 3, 4]);
    });

    test("an empty file, and one without events", () => {
        expect(problems("")[0].text).toMatch(/^is empty/);
        expect(problems("\n\n")[0].text).toMatch(/^has no engine events/);
    });

    test("URNs of two stacks: an event log is one stack's run", () => {
        expect(problems([step(0, "create"), step(1, "create", URN.replace(":dev:", ":prod:"))].join("\n"))).toEqual([{ line: 2, text: expect.stringContaining("one stack's run") }]);
    });

    test("a payload of a kind this reader does not know (a newer CLI) is kept and ignored", () => {
        const log = readEventLog([line(0, { futureEvent: { x: 1 } }), line(1, { cancelEvent: {} })].join("\n"), "log.jsonl");
        expect(log.events.map(e => e.kind)).toEqual([undefined, "cancelEvent"]);
        expect(EVENT_KINDS).toHaveLength(17);
    });
});

test("a local pack's PolicyPacks key is <name>|local|<path>", () => {
    expect(parsePackKey("k8s-infra-policies|local|policy-pack")).toEqual({ name: "k8s-infra-policies", local: "policy-pack" });
    expect(parsePackKey("org-pack")).toEqual({ name: "org-pack" });
});

test("stripColors removes the engine's markup and ANSI escapes", () => {
    expect(stripColors("<{%fg 1%}>error: <{%reset%}>\u001b[31mboom\u001b[0m")).toBe("error: boom");
});
