// One case of the engine-agreement corpus: an input (a stack, maybe another
// roster, an edited stack file, a policy-pack-config, a date) that `npm run check`
// and `npm run preview:local` both judge. The suite asserts that both give the same
// verdict (exit code) and the same set of (stack, policy, level, URN) violations,
// and that the case really shows what it claims (`expect`), so that two tools
// agreeing on nothing can never pass for agreement.

import type { Document } from "yaml";

export interface EngineCase {
    /** Short, unique, kebab-case: it names the test and the agreement line. */
    name: string;
    /** Why the case exists, in a sentence. */
    why: string;
    stack: "prod" | "staging";
    /** A roster folder relative to the project root (given as --roster to both tools). */
    roster?: string;
    /** Edits the stack file (Pulumi.<stack>.yaml, parsed with `yaml`); both tools see the edited copy. */
    editStack?: (doc: Document) => void;
    /** Written to a file and given as --policy-pack-config; a string is written as is (for invalid JSON). */
    policyPackConfig?: Record<string, unknown> | string;
    /** Given as --as-of to both tools. */
    asOf?: string;
    /**
     * What both tools must show. Left out only for the shipped stacks as they are (the
     * live roster and config, today's date): tests never pin the live roster's contents,
     * so there the suite asserts agreement alone, whatever the verdict.
     */
    expect?: {
        /** 0 no mandatory violation, 1 blocked, 2 bad input. */
        exit: 0 | 1 | 2;
        /** Policies that must be among the violations (with this level), e.g. the one the case breaks. */
        fires?: { policy: string; level: "mandatory" | "advisory" }[];
        /** Policies that must not fire: a case that breaks "just that policy" lists the others' absence implicitly with onlyThese. */
        onlyThese?: boolean;
    };
    /**
     * Where offline and real cannot agree by design (a value unknown until apply, a
     * remediation): what differs and why. The suite then checks each side against its
     * own expectation instead of against the other.
     */
    byDesign?: { reason: string; offline: NonNullable<EngineCase["expect"]>; real: NonNullable<EngineCase["expect"]> };
}
