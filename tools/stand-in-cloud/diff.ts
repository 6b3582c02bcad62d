// The stand-in cloud's Diff: olds (the state it returned: the old inputs and the
// outputs it computed, which are left out) against news (the checked new inputs). Any difference is a change
// (DIFF_SOME, else DIFF_NONE); a difference in a property of the replace table
// is a replacement, reported in `replaces`. Secretness alone is no change. An
// unknown value (preview) differs from everything, so an unknown replace-forcing
// input plans a replacement, as the bridged providers do.
//
// A replacement whose new natural-key id is the old id (same bucket name, other
// location) is delete-before-replace: the real create would fail while the old
// object exists, and the Terraform bridge asks for the same order.

import type { DiffResult } from "@pulumi/pulumi/provider";
import { COMPUTED } from "./computed";
import { naturalId } from "./ids";
import { replaceOnChange } from "./replace-table";
import { Props, changedKeys, sameValue, valueAt } from "./values";

export interface StandInDiff extends DiffResult {
    changes: boolean;
    replaces: string[];
    deleteBeforeReplace: boolean;
    /** The top-level properties that differ (for logs and tests; the engine computes its own detail). */
    changed: string[];
}

export function diffResource(type: string, id: string, oldState: Props, news: Props): StandInDiff {
    const olds = withoutComputed(type, id, oldState, news);
    const changed = changedKeys(olds, news);
    const replaces = replaceOnChange(type).filter(path => !sameValue(valueAt(olds, path), valueAt(news, path)));
    const deleteBeforeReplace = replaces.length > 0 && naturalId(type, news) === id;
    return { changes: changed.length > 0, replaces, deleteBeforeReplace, changed };
}

/** The old state less the outputs the provider computed (computed.ts), which no input sets: they are not changes. */
function withoutComputed(type: string, id: string, olds: Props, news: Props): Props {
    const computed = COMPUTED[type];
    if (!computed) return olds;
    const drop = new Set(Object.keys(computed(olds, id)).filter(k => !(k in news)));
    return Object.fromEntries(Object.entries(olds).filter(([k]) => !drop.has(k)));
}
