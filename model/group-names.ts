// The names of the groups the program makes or grants to, in their prod form
// (model/naming.ts puts them in the stack's environment). k8s.io's conventions:
// k8s-infra-staging-<name>@ writes a staging area, k8s-infra-<team>@ holds access.

/** A subproject's owners group: administers what the subproject owns. */
export function ownersGroupName(subproject: string): string {
    return `k8s-infra-${subproject}-owners`;
}

/** k8s.io's groups_test.go: k8s-infra-staging-<name>@ keeps <name> to 18 characters. */
export const MAX_STAGING_NAME = 18;

/** The group that writes a staging area (k8s.io groups/restrictions.yaml: k8s-infra-staging-<name>@). */
export function stagingWritersGroupName(staging: string): string {
    return `k8s-infra-staging-${staging}`;
}

/** One of the working group's own groups, from its roster key (roster/working-group.yaml groups). */
export function workingGroupGroupName(key: string): string {
    return `k8s-infra-${key}`;
}
