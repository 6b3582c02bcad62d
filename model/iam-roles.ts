// GCP's primitive (basic) roles, in one place: the access policy, the Cloud Build and
// test-pool config schemas and the docs all read them from here. Each says whether
// it can change what it is granted on: the policy keeps the writing ones for the
// org admins, while roles/viewer (metadata, no secret values) is what the preview
// identity reads the stacks with. Config that grants roles to builders or CI refuses
// all three: those grants name the predefined role the job needs.

export const PRIMITIVE_ROLES = [
    { role: "roles/owner", writes: true },
    { role: "roles/editor", writes: true },
    { role: "roles/viewer", writes: false },
] as const;

export type PrimitiveRole = (typeof PRIMITIVE_ROLES)[number]["role"];

/** Every primitive role: what a builder's or CI's role list may not hold. */
export const PRIMITIVE_ROLE_NAMES: readonly string[] = PRIMITIVE_ROLES.map(r => r.role);

/** The primitive roles that write (owner, editor): only the org-admin group holds them (iam-no-primitive-roles). */
export const WRITING_PRIMITIVE_ROLES: readonly string[] = PRIMITIVE_ROLES.filter(r => r.writes).map(r => r.role);

/** Whether `role` is a primitive role. */
export function isPrimitiveRole(role: string): boolean {
    return PRIMITIVE_ROLE_NAMES.includes(role);
}
