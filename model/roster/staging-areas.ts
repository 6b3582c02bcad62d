// The cross-checks of roster/staging-areas.yaml: each staging area defined once,
// its owners people of people.yaml (the nearest handle suggested) and each listed
// once. The staffing rules (at least 3 owners, no organization over 1/3) are the
// policy pack's, judged on what a stack deploys, as for subprojects.

import type { Problem } from "../errors";
import type { YamlFile } from "../yaml-file";
import type { StagingArea } from "./schema";
import { fileIndex } from "./salvage";

/** Whether a handle is a person of people.yaml, and the message when it is not (crossref.ts). */
export interface KnownHandle {
    (handle: string): boolean;
    unknown(handle: string): string;
}

/** Adds the problems of `areas` to `problems`; returns each area's index in the file by name. */
export function checkStagingAreas(file: YamlFile, areas: readonly StagingArea[], knownHandle: KnownHandle, problems: Problem[]): Map<string, number> {
    const index = new Map<string, number>();
    areas.forEach((area, kept) => {
        // Records the schema refused are not here (salvage.ts): messages name the line in the file.
        const i = fileIndex(areas, kept);
        const first = index.get(area.name);
        if (first !== undefined) {
            problems.push(file.problem(["stagingAreas", i, "name"],
                `staging area ${area.name} is defined twice (first at line ${file.lineOf(["stagingAreas", first])}); merge the entries`));
        } else {
            index.set(area.name, i);
        }
        const seen = new Set<string>();
        area.owners.forEach((h, k) => {
            const at = ["stagingAreas", i, "owners", k];
            if (!knownHandle(h)) {
                problems.push(file.problem(at, knownHandle.unknown(h)));
            } else if (seen.has(h.toLowerCase())) {
                problems.push(file.problem(at, `${h} is listed twice as an owner of staging area ${area.name}`));
            }
            seen.add(h.toLowerCase());
        });
    });
    return index;
}
