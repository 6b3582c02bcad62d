// Pulumi URNs, read in one place: urn:pulumi:<stack>::<project>::<qualified type>::<name>,
// where the qualified type is the parents' types and the resource's own, joined by
// "$" (the Stack's type is left out). Used by the policy pack, the reports and the
// risk classifier; tools/check/run-program.ts writes URNs in this form.

export interface ParsedUrn {
    stack: string;
    project: string;
    /** Parent types then the resource's own type, e.g. [k8s-infra:services:Gcs, gcp:storage/bucket:Bucket]. */
    typeChain: string[];
    /** The resource's own type (the last of typeChain). */
    type: string;
    name: string;
}

const PREFIX = "urn:pulumi:";

/** The parts of an engine URN, or undefined when it is not one. */
export function parseUrn(urn: string): ParsedUrn | undefined {
    const m = /^urn:pulumi:([^:]+)::([^:]+)::([^]*?)::([^]*)$/.exec(urn);
    if (!m) return undefined;
    const typeChain = m[3].split("$");
    return { stack: m[1], project: m[2], typeChain, type: typeChain[typeChain.length - 1], name: m[4] };
}

/** The stack a URN belongs to; "" when it is not an engine URN. */
export function stackOf(urn: string): string {
    return urn.startsWith(PREFIX) ? urn.slice(PREFIX.length).split("::")[0] : "";
}

/** The qualified type segment ("A$B$type"), "" when absent. */
export function qualifiedTypeOf(urn: string): string {
    return urn.split("::")[2] ?? "";
}

/** The resource name: everything after the type (names may contain "::"). */
export function nameOf(urn: string): string {
    return urn.split("::").slice(3).join("::");
}
