// Small, checked edits of a stack file's yaml Document for the engine cases, and
// the fixture folders they use. Each edit throws when the stack file no longer has
// what it edits (a bucket renamed in Pulumi.prod.yaml), so a case can never pass
// silently by editing nothing.

import { Document, isMap, isSeq } from "yaml";

/** The fixture roster folders (relative to the project root) the cases use. */
export const FIXTURES = "tests/fixtures/engine-cases";
export const fixture = (name: string): string => `${FIXTURES}/${name}`;
/** The sample roster with prow balanced and no waiver: nothing fires on either stack. */
export const BASELINE_ROSTER = fixture("baseline-roster");
/** The charter-breaking fixture roster the offline check's own tests use. */
export const BROKEN_ROSTER = "tests/fixtures/broken-roster";

type Path = (string | number)[];

/** The path of a key under k8s-infra:services in the stack file. */
export const service = (...rest: Path): Path => ["config", "k8s-infra:services", ...rest];

/** The index of the gcs bucket with this (prod) name. */
export function bucketIndex(doc: Document, name: string): number {
    const buckets = doc.getIn(service("gcs", "buckets"), true);
    if (!isSeq(buckets)) throw new Error("the stack file has no k8s-infra:services.gcs.buckets list");
    const i = buckets.items.findIndex(b => isMap(b) && b.get("name") === name);
    if (i < 0) throw new Error(`the stack file has no gcs bucket named ${name}`);
    return i;
}

/** Appends `value` to the list at `path`, which must exist. */
export function appendTo(doc: Document, path: Path, value: unknown): void {
    const list = doc.getIn(path, true);
    if (!isSeq(list)) throw new Error(`the stack file has no list at ${path.join(".")}`);
    list.add(doc.createNode(value));
}

/** Sets the value at `path`, which must exist already. */
export function replace(doc: Document, path: Path, value: unknown): void {
    if (!doc.hasIn(path)) throw new Error(`the stack file has nothing at ${path.join(".")}`);
    doc.setIn(path, doc.createNode(value));
}

/** Adds a key that must not exist yet. */
export function add(doc: Document, path: Path, value: unknown): void {
    if (doc.hasIn(path)) throw new Error(`the stack file already has ${path.join(".")}`);
    doc.setIn(path, doc.createNode(value));
}
