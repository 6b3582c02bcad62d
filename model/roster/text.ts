// Free-text roster fields that must really say something. A required name,
// reason, plan or rotation written as "" or "   " only looks present: the schema
// refuses it. Names and rotations are also one line, so that a value cannot start
// a new line in printed output; escalation entries are project group addresses.

import { z } from "zod";
import { GROUP_DOMAIN } from "../naming";

/** Text with at least one character that is not white space (descriptions, reasons, plans). */
export function text(what = "write what it is") {
    return z.string().refine(s => s.trim().length > 0, { message: `is blank; ${what}` });
}

/** Like text(), on one line: names, aliases, rotations. */
export function line(what = "write what it is") {
    return text(what).refine(s => !/[\n\r\u2028\u2029]/.test(s), { message: "spans several lines; write it on one line" });
}

const GROUP_ADDRESS = new RegExp(`^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?@${GROUP_DOMAIN.replace(/\./g, "\\.")}$`);

/** A group address at the groups' domain (k8s-infra-dns-owners@kubernetes.io); never a personal mailbox, nor another domain, where no group can be. */
export const GroupAddress = z.string().regex(GROUP_ADDRESS, {
    message: `is not a project group address; escalate to groups such as k8s-infra-<subproject>-owners@kubernetes.io ` +
        `(lowercase, at ${GROUP_DOMAIN})`,
});
