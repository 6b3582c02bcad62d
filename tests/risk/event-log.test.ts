// `npm run risk -- --event-log FILE` on the event logs of real previews
// (tests/fixtures/event-logs/risk-*.jsonl; their README says which run is which), read
// by tools/engine-events: each of the charter's classes from the change that should
// set it, steps that change nothing ignored, a replacement's three steps folded into
// one (the reports' fold), a failed preview said in the notes, and a broken, empty or
// stepless log refused (exit 2).

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { STATEFUL_TYPES } from "../../model/resource-types";
import { RISK_CLASS_INFO } from "../../model/risk";
import { readEventLog, readEventLogText } from "../../tools/engine-events";
import { classify } from "../../tools/risk/classify";
import { changesFromEventLog, readEventLogChanges } from "../../tools/risk/from-event-log";
import { EVENT_LOGS, runRisk } from "./run-risk";

/** A fixture by its name; whole-stack logs are checked in gzipped (name.jsonl.gz). */
const log = (name: string) => fs.existsSync(path.join(EVENT_LOGS, name)) ? path.join(EVENT_LOGS, name) : path.join(EVENT_LOGS, `${name}.gz`);
const classOf = (name: string) => {
    const l = readEventLogChanges(log(name));
    return classify(l.changes, { environments: l.environments });
};
const parseEventLog = (text: string, file: string) => changesFromEventLog(readEventLog(text, file));
const line = (seq: number, body: object) => JSON.stringify({ sequence: seq, timestamp: 1, ...body });
/** Each reason as [resource name, op, class], in the report's order. */
const summary = (reasons: { urn: string; op: string; risk: string }[]) => reasons.map(r => [r.urn.split("::").pop(), r.op, r.risk]);
/**
 * The log with `diffs` on the update steps of `type`, as the bridged GCP provider reports
 * them (DiffResponse.diffs). The stand-in cloud the fixtures come from cannot: the Node.js
 * provider server (@pulumi/pulumi/provider) sends only changes and replaces, so the
 * engine writes no `diffs` on its updates.
 */
function withProviderDiffs(name: string, type: string, diffs: string[]) {
    const update = new RegExp(`("op":"update","urn":"[^"]*","type":"${type.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}",)`, "g");
    const text = readEventLogText(log(name)).replace(update, `$1"diffs":${JSON.stringify(diffs)},`);
    return changesFromEventLog(readEventLog(text, name));
}

describe("the issue's acceptance test: a prod bucket deletion", () => {
    const run = runRisk(["--event-log", log("risk-prod-bucket-delete.jsonl"), "--format", "json"]);

    test("classes as high, exit 0, with the PR label and what the charter asks", () => {
        expect(run.code).toBe(0);
        expect(run.json).toMatchObject({ risk: "high", label: "risk/high", asks: RISK_CLASS_INFO.high.asks });
        expect(run.json!.asks).toMatch(/SIG Contributor Experience/);
        expect(run.json!.asks).toMatch(/kubernetes-dev@/);
    });

    test("gives the bucket, the op and why as the one high reason; its grants and its component are low; the same steps are ignored", () => {
        expect(run.json!.reasons[0]).toEqual(expect.objectContaining({
            urn: "urn:pulumi:prod::k8s-infra::k8s-infra:services:Gcs$gcp:storage/bucket:Bucket::gcs-release-tarballs",
            op: "delete", risk: "high", rule: "stateful-removed", sig: "release",
        }));
        expect(run.json!.reasons[0].why).toMatch(/stateful/);
        // The bucket was unprotected before it was removed (the engine refuses to delete a protected one).
        expect(run.json!.reasons.filter(r => r.rule === "protected-removed")).toEqual([]);
        // Every other step of the preview (676 resources) is a same, and not a reason.
        expect(summary(run.json!.reasons.slice(1))).toEqual([
            ["gcs-release-tarballs-owners", "delete", "low"], ["gcs-release-tarballs-public-read", "delete", "low"],
            ["gcs-release-tarballs-writer-0", "delete", "low"], ["gcs", "update", "low"],
        ]);
        expect(run.json!.sigs).toEqual(["release"]);
    });

    test("text names the class, the resource and what the charter asks", () => {
        const text = runRisk(["--event-log", log("risk-prod-bucket-delete.jsonl")]);
        expect(text.code).toBe(0);
        expect(text.stdout).toMatch(/^Change risk: HIGH \(label risk\/high\)/);
        expect(text.stdout).toContain("gcs-release-tarballs");
        expect(text.stdout).toContain(`The charter asks for: ${RISK_CLASS_INFO.high.asks}`);
    });
});

describe("the other classes", () => {
    test("a DNS record set change in a prod zone is medium", () => {
        const r = classOf("risk-prod-dns-record.jsonl");
        expect(r.risk).toBe("medium");
        expect(r.asks).toBe(RISK_CLASS_INFO.medium.asks);
        // The zone file's record set, and the same record in its canary twin.
        expect(summary(r.reasons)).toEqual([["dns-canary-k8s-io-www-cname", "update", "medium"], ["dns-k8s-io-www-cname", "update", "medium"]]);
        expect(r.reasons.every(x => x.rule === "prod-dns-records" && x.note === undefined)).toBe(true);
        // With the changed properties a real provider reports, they are the note.
        const l = withProviderDiffs("risk-prod-dns-record.jsonl", "gcp:dns/recordSet:RecordSet", ["rrdatas"]);
        expect(classify(l.changes, { environments: l.environments }).reasons).toEqual([
            expect.objectContaining({ op: "update", rule: "prod-dns-records", note: "changes rrdatas" }), expect.objectContaining({ note: "changes rrdatas" }),
        ]);
    });

    test("a label change on a staging secret is low", () => {
        const r = classOf("risk-staging-secret-label.jsonl");
        expect(r.risk).toBe("low");
        expect(r.label).toBe("risk/low");
        // The secret (its secret-owner label), the owners' grant that follows the subproject, and their component.
        expect(summary(r.reasons)).toEqual([
            ["credential-store-ci-robot-github-token", "update", "low"], ["credential-store-ci-robot-github-token-owners", "replace", "low"], ["credential-store", "update", "low"],
        ]);
        expect(r.reasons[0]).toMatchObject({ type: "gcp:secretmanager/secret:Secret", op: "update", risk: "low" });
        expect(r.reasons.map(x => x.rule)).toEqual([undefined, undefined, undefined]);
        const l = withProviderDiffs("risk-staging-secret-label.jsonl", "gcp:secretmanager/secret:Secret", ["labels"]);
        expect(classify(l.changes, { environments: l.environments }).reasons[0]).toMatchObject({ op: "update", risk: "low", note: "changes labels" });
    });

    test("a replace of a cluster is high, its create-replacement/replace/delete-replaced steps one change", () => {
        const r = classOf("risk-cluster-replace.jsonl");
        expect(r.risk).toBe("high");
        expect(r.reasons[0]).toEqual(expect.objectContaining({
            type: "gcp:container/cluster:Cluster", op: "replace", rule: "stateful-removed", note: "replaced because location changed",
        }));
        // One reason per resource: the cluster, its node pool (replaced with it), the alert policies on it, their component.
        expect(summary(r.reasons)).toEqual([
            ["gke-aaa", "replace", "high"], ["gke-aaa-pool1", "replace", "medium"],
            ["gke-aaa-container-restarts", "update", "low"], ["gke-aaa-node-cpu", "update", "low"], ["gke", "update", "low"],
        ]);
        expect(r.reasons[1]).toMatchObject({ rule: "prow-cluster", note: "replaced because location changed" });
    });

    test("deleting a protected resource is high even when it is not stateful", () => {
        const r = classOf("risk-protected-delete.jsonl");
        expect(r.risk).toBe("high");
        // The website's protected address, bucket and project: the engine refused each delete (the steps are in the log).
        expect(r.reasons.filter(x => x.risk === "high").map(x => [x.type, x.op, x.rule])).toEqual([
            ["gcp:organizations/project:Project", "delete", "protected-removed"],
            ["gcp:compute/globalAddress:GlobalAddress", "delete", "protected-removed"],
            ["gcp:storage/bucket:Bucket", "delete", "protected-removed"],
        ]);
        expect(Object.keys(STATEFUL_TYPES)).not.toContain("gcp:compute/globalAddress:GlobalAddress");
        // What the engine deleted before it stopped (unprotected, not stateful) is low.
        expect(r.reasons.filter(x => x.risk !== "high").every(x => x.risk === "low" && x.rule === undefined)).toBe(true);
    });

    test("same, read and refresh steps (and outputs, summary, policy, diagnostic events) are ignored", () => {
        const l = readEventLogChanges(log("risk-no-change.jsonl"));
        expect(l.changes).toEqual([]);
        expect(classify(l.changes)).toMatchObject({ risk: "low", reasons: [] });
        // The same log's steps (681 of them), were they updates, would be high (prod's DNS zones) and medium (CI buckets, prod record sets):
        const asUpdates = parseEventLog(readEventLogText(log("risk-no-change.jsonl"))
            .replace(/"op":"(same|read|refresh)"/g, "\"op\":\"update\""), "x.jsonl");
        const asUpdated = classify(asUpdates.changes, { environments: asUpdates.environments });
        expect(asUpdated.risk).toBe("high");
        expect(asUpdates.changes).toHaveLength(681);
        expect(new Set(asUpdated.reasons.map(x => x.rule))).toEqual(new Set(["dns-zone", "ci-bucket", "prod-dns-records", "shared-registry", "prow-cluster", "test-pool", undefined]));
    });
});

describe("reading event logs", () => {
    test("the stack's environment comes from the preludeEvent config", () => {
        expect(readEventLogChanges(log("risk-staging-secret-label.jsonl")).environments).toEqual({ staging: "staging" });
    });

    test("a staging-configured stack's record sets are not prod's, whatever the stack is called", () => {
        const step = { op: "create", urn: "urn:pulumi:dev::k8s-infra::gcp:dns/recordSet:RecordSet::r", type: "gcp:dns/recordSet:RecordSet", old: null, new: { inputs: {} } };
        const text = (env: string) => [line(0, { preludeEvent: { config: { "k8s-infra:environment": env } } }), line(1, { resourcePreEvent: { metadata: step } })].join("\n");
        const of = (env: string) => { const l = parseEventLog(text(env), "x"); return classify(l.changes, { environments: l.environments }).risk; };
        expect(of("staging")).toBe("low");
        expect(of("prod")).toBe("medium");
    });

    test("an op this tool does not know is taken as an update, and said so", () => {
        const l = parseEventLog(line(0, { resourcePreEvent: { metadata: { op: "teleport", urn: "urn:pulumi:s::p::t::n", type: "t", old: null, new: null } } }), "x");
        expect(l.changes).toEqual([expect.objectContaining({ op: "update" })]);
        expect(l.unknownOps).toEqual(["teleport (line 1)"]);
    });

    test("a step without urn is a problem at its line", () => {
        const text = ["", line(0, { cancelEvent: {} }), line(1, { resourcePreEvent: { metadata: { op: "delete", type: "t" } } })].join("\n");
        expect(() => parseEventLog(text, "e.jsonl")).toThrow(/e\.jsonl:3: resourcePreEvent\.metadata\.urn: is missing or not a string/);
    });

    test("the same fold as the reports: a discard changes nothing, read- and import-replacements are replaces", () => {
        const urn = (n: string) => `urn:pulumi:prod::k8s-infra::gcp:storage/bucket:Bucket::${n}`;
        const step = (seq: number, op: string, n: string) => line(seq, { resourcePreEvent: { metadata: { op, urn: urn(n), type: "gcp:storage/bucket:Bucket", old: null, new: null } } });
        const l = parseEventLog([step(0, "discard", "a"), step(1, "read-replacement", "b"), step(2, "import-replacement", "c"), step(3, "discard-replaced", "d"),
            step(4, "import", "e"), step(5, "remove-pending-replace", "f"), step(6, "refresh", "g")].join("\n"), "x");
        expect(l.changes.map(c => [c.urn.split("::").pop(), c.op])).toEqual([["b", "replace"], ["c", "replace"], ["d", "replace"], ["e", "create"]]);
    });

    test("a failed preview is classed with a note that its steps stop where it failed", () => {
        const l = readEventLogChanges(log("risk-protected-delete.jsonl"));
        expect(l.notes).toEqual([expect.stringMatching(/^the preview failed: Preview failed: resource .* cannot be deleted; steps it did not get to are not in the log/)]);
        const run = runRisk(["--event-log", log("risk-protected-delete.jsonl"), "--format", "json"]);
        expect([run.code, run.json!.risk, run.json!.notes]).toEqual([0, "high", l.notes]);
        expect(readEventLogChanges(log("risk-cluster-replace.jsonl")).notes).toEqual([]);
    });

    test("a broken line exits 2 naming the file and line", () => {
        const run = runRisk(["--event-log", log("risk-bad-line.jsonl"), "--format", "json"]);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toMatch(/risk-bad-line\.jsonl:3: is not JSON/);
    });

    test("an empty file, one without engine events, and one without steps (the preview stopped) exit 2", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "risk-"));
        try {
            const write = (name: string, text: string) => { fs.writeFileSync(path.join(dir, name), text); return path.join(dir, name); };
            const empty = runRisk(["--event-log", write("empty.jsonl", "")]);
            expect([empty.code, empty.stdout]).toEqual([2, ""]);
            expect(empty.stderr).toContain("empty.jsonl: is empty; give the file `pulumi preview --event-log FILE` wrote");
            expect(runRisk(["--event-log", write("blank.jsonl", "\n\n")])).toMatchObject({ code: 2, stderr: expect.stringContaining("blank.jsonl: has no engine events") });
            const stopped = runRisk(["--event-log", log("preview-stopped.jsonl")]);
            expect([stopped.code, stopped.stdout]).toEqual([2, ""]);
            expect(stopped.stderr).toContain("has no steps to class: the preview stopped before the deployment ran");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    test("a missing file and bad arguments exit 2", () => {
        expect(runRisk(["--event-log", log("risk-no-such-file.jsonl")])).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot be read/) });
        expect(runRisk([])).toMatchObject({ code: 2, stderr: expect.stringMatching(/exactly one of --event-log FILE or --base REF/) });
        expect(runRisk(["--event-log", "x", "--format", "yaml"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--format must be text or json/) });
    });
});
