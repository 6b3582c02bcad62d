// Shared helpers for policies: find this project's governance components among
// the stack's resources, read nested properties, and keep one unknown (preview)
// value from stopping a stack policy from checking everything else.

import type { PolicyResource } from "@pulumi/policy";
import { COMPONENT } from "@k8s-infra/model/resource-types";
import { propertyAt } from "@k8s-infra/model/property-path";
import type { SubprojectRecord, WorkingGroupRecord } from "@k8s-infra/model/stack-model";
import type { StagingAreaRecord } from "@k8s-infra/model/staging-areas";

/** Runs `fn` on each item; an item whose values are unknown during preview is skipped, not fatal. */
export function eachKnown<T>(items: readonly T[], fn: (item: T) => void): void {
    for (const item of items) {
        try {
            fn(item);
        } catch (err) {
            if (!isUnknown(err)) throw err;
        }
    }
}

export function isUnknown(err: unknown): boolean {
    if (!(err instanceof Error)) return false;
    // Required here, not imported: whatever throws one has loaded @pulumi/policy (its
    // proxy does), and readers of the policies' names and levels alone (npm run report)
    // then never load it and the Pulumi SDK under it (0.9 s of each report's start).
    const { UnknownValueError } = require("@pulumi/policy") as typeof import("@pulumi/policy");
    return err instanceof UnknownValueError || err.name === "UnknownValueError" || /can't be known during preview/.test(err.message);
}

/** Reads `a.b.c` from an object; undefined when any step is missing. */
export const getPath = propertyAt;

export function asArray<T = unknown>(value: unknown): T[] {
    return Array.isArray(value) ? (value as T[]) : [];
}

export function asString(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

export interface Found<T> {
    urn: string;
    record: T;
}

/** The Subproject components in the stack, with the staffing records they registered. */
export function subprojects(resources: readonly PolicyResource[]): Found<SubprojectRecord>[] {
    return resources
        .filter(r => r.type === COMPONENT.subproject)
        .map(r => ({ urn: r.urn, record: r.props as SubprojectRecord }));
}

/** The StagingArea components in the stack (the artifact-staging service's), with their staffing records. */
export function stagingAreas(resources: readonly PolicyResource[]): Found<StagingAreaRecord>[] {
    return resources
        .filter(r => r.type === COMPONENT.stagingArea)
        .map(r => ({ urn: r.urn, record: r.props as StagingAreaRecord }));
}

export function workingGroup(resources: readonly PolicyResource[]): Found<WorkingGroupRecord> | undefined {
    const r = resources.find(res => res.type === COMPONENT.workingGroup);
    return r ? { urn: r.urn, record: r.props as WorkingGroupRecord } : undefined;
}

/**
 * The record of the one component of `type` in the stack, read by `read` from its
 * props; undefined when the stack has none, or when its values are unknown (preview).
 */
export function componentRecord<T>(resources: readonly PolicyResource[], type: string, read: (props: Record<string, any>) => T): Found<T> | undefined {
    let found: Found<T> | undefined;
    eachKnown(resources.filter(r => r.type === type), r => { found = { urn: r.urn, record: read(r.props) }; });
    return found;
}

/** " (roster/subprojects.yaml:33)", or "" when the record does not say where it came from. */
export function at(record: { source?: unknown }): string {
    return typeof record.source === "string" && record.source ? ` (${record.source})` : "";
}
