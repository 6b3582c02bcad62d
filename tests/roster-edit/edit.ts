// Edits of a checkout that a contributor makes (the README's how-to tasks), written
// so that they apply whatever the roster and the stack files hold: they read what is
// there (leads, subprojects, zones) and never name a live handle or line. The yaml
// library keeps comments and layout as they were.
// addIndependentOwner is the edit no rule can refuse: a new, independent, vetted
// person as an owner of every subproject can only lower every organization's share
// and raise every subproject's staffing.

import * as fs from "fs";
import * as path from "path";
import { YAMLMap, YAMLSeq, parseDocument } from "yaml";

export const NEWCOMER = "roster-edit-newcomer";

type Doc = ReturnType<typeof parseDocument>;

export function edit(file: string, change: (doc: Doc) => void): void {
    const doc = parseDocument(fs.readFileSync(file, "utf8"));
    change(doc);
    fs.writeFileSync(file, doc.toString());
}

export function read(file: string): any {
    return parseDocument(fs.readFileSync(file, "utf8")).toJS();
}

/** Two WG leads in office before `today`: the vouchers of a new person. */
function vouchers(roster: string, today: string): string[] {
    const wg = read(path.join(roster, "working-group.yaml")).workingGroup;
    const since = wg.leadsSince as Record<string, string>;
    const found = (wg.leads as string[]).filter(h => (since[h] ?? today) < today).slice(0, 2);
    if (found.length < 2) throw new Error(`the roster in ${roster} has fewer than two WG leads in office before ${today}; a new person needs two vouchers`);
    return found;
}

/** A new, vetted person with contact details on file. */
export function addPerson(roster: string, handle: string, today: string, affiliation = "independent"): void {
    const vouchedBy = vouchers(roster, today);
    edit(path.join(roster, "people.yaml"), doc => {
        (doc.get("people") as YAMLSeq).add(doc.createNode({
            github: handle, name: handle.split("-").map(w => w[0].toUpperCase() + w.slice(1)).join(" "), email: `${handle}@example.org`,
            affiliation, timezone: "UTC", vetting: { vouchedBy, date: today },
        }));
    });
    edit(path.join(roster, "contacts-on-file.yaml"), doc => {
        if (!(doc.get("contactsOnFile") instanceof YAMLMap)) doc.set("contactsOnFile", doc.createNode({}));
        (doc.get("contactsOnFile") as YAMLMap).set(handle, doc.createNode({ alternateEmail: today, phone: today }));
    });
}

/** `handle` as an owner of the subprojects `which` picks (by index). */
export function addOwner(roster: string, handle: string, which: (index: number) => boolean = () => true): void {
    edit(path.join(roster, "subprojects.yaml"), doc => {
        ((doc.get("subprojects") as YAMLSeq).items as YAMLMap[]).forEach((sub, i) => {
            if (which(i)) (sub.get("owners") as YAMLSeq).add(handle);
        });
    });
}

export function addIndependentOwner(roster: string, today: string): void {
    addPerson(roster, NEWCOMER, today);
    addOwner(roster, NEWCOMER);
}
