// Which IAM roles let a member read a Secret Manager secret's values, wherever the
// role is granted: on the secret, its project, a folder above it, or the
// organization (IAM is inherited downwards). One list, read by the contacts
// policy, so that "only the contact-readers group may read the owners' contact
// details" holds at every level and not only on the secret itself.

/**
 * Roles whose permissions include secretmanager.versions.access
 * (cloud.google.com/iam/docs/roles-permissions/secretmanager; roles/owner holds every
 * permission), and the IAM-admin roles that let their holder grant themselves one of
 * those on the project, a folder or the organization.
 */
export const SECRET_READING_ROLES: readonly string[] = [
    "roles/owner",
    "roles/secretmanager.admin",
    "roles/secretmanager.secretAccessor",
    "roles/resourcemanager.projectIamAdmin",
    "roles/resourcemanager.folderAdmin",
    "roles/resourcemanager.folderIamAdmin",
    "roles/resourcemanager.organizationAdmin",
    "roles/iam.securityAdmin",
];

/** A custom role (projects/<p>/roles/<r>, organizations/<o>/roles/<r>): its permissions are not in the stack, so it may read. */
const CUSTOM_ROLE = /^(?:projects|organizations)\/[^/]+\/roles\/[^/]+$/;

/** Whether `role`, granted on the secret's project, a folder above it or the organization, can read the secret's values. */
export function canReadSecrets(role: string): boolean {
    return SECRET_READING_ROLES.includes(role) || CUSTOM_ROLE.test(role);
}
