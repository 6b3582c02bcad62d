// Deletion guards, as the GCP provider enforces them from its state: a delete of
// a resource whose state has `deletionProtection: true` or `deletionPolicy:
// "PREVENT"` fails (so a replacement or a removal from the program fails too),
// and `deletionPolicy: "ABANDON"` makes the delete forget the resource without
// deleting it. These are the two guard properties the program sets (on projects,
// buckets, datasets, repositories, secrets, clusters, certificate authorities).
// Where the provider defaults a guard on, an unset property counts as that default.

import { Props, valueAt } from "./values";

/** Guard values the provider applies when the input is left unset (from the @pulumi/gcp docs). */
export const GUARD_DEFAULTS: Readonly<Record<string, Props>> = {
    "gcp:organizations/project:Project": { deletionPolicy: "PREVENT" },
    "gcp:container/cluster:Cluster": { deletionProtection: true },
    "gcp:certificateauthority/authority:Authority": { deletionProtection: true },
};

export type DeleteVerdict =
    | { action: "delete" }
    | { action: "abandon" }
    | { action: "refuse"; reason: string };

function guard(type: string, props: Props, property: string): unknown {
    const v = valueAt(props, property);
    return v === undefined || v === null ? GUARD_DEFAULTS[type]?.[property] : v;
}

/** What a Delete of a resource with this state does. */
export function deleteVerdict(type: string, id: string, props: Props): DeleteVerdict {
    if (guard(type, props, "deletionProtection") === true) {
        return {
            action: "refuse",
            reason: `cannot destroy ${type} ${id}: deletionProtection is true in its state; ` +
                "set it to false (and apply that) before deleting or replacing it",
        };
    }
    const policy = guard(type, props, "deletionPolicy");
    if (policy === "PREVENT") {
        return {
            action: "refuse",
            reason: `cannot destroy ${type} ${id}: deletionPolicy is "PREVENT" in its state; ` +
                'set it to "DELETE" or "ABANDON" (and apply that) before deleting or replacing it',
        };
    }
    return policy === "ABANDON" ? { action: "abandon" } : { action: "delete" };
}
