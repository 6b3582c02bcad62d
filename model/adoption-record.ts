// What the program decided for each adoptable resource (program/adoption.ts makes
// it) and registers as the Adoption component's record, which the adopt-existing
// policy reads: the one shape both sides share.

import type { Environment } from "./naming";

/** One adoptable resource of the program and what was decided for it. */
export interface AdoptionDecision {
    type: string;
    /** The resource's logical name. */
    name: string;
    /** Its import id (a group: its address), or null when an input it needs was not known when it was declared. */
    id: string | null;
    /** The inventory holds an object with that id. */
    exists: boolean;
    /** The program set `import` to that id. */
    imported: boolean;
}

export interface AdoptionRecord {
    environment: Environment;
    /** The inventory folder read, or null when the stack reads none. */
    inventory: string | null;
    decisions: AdoptionDecision[];
}
