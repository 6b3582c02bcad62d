// Who, in the stack, can read one secret's values: a grant of any role on the
// secret itself, or a grant of a secret-reading role (model/secret-readers.ts) on
// the project that holds it, a folder above that project, or the organization.
// IAM is inherited downwards, so a grant at any of those levels reads the secret;
// the contacts policy uses this to keep the owners' contact details to one group,
// and the ci-identities policy to keep the preview identity from every secret.

import { PolicyResource } from "@pulumi/policy";
import { GCP } from "@k8s-infra/model/resource-types";
import { canReadSecrets } from "@k8s-infra/model/secret-readers";
import { asString, eachKnown } from "./resources";
import { Grant, grantsOf, iamResources } from "./iam";

export interface SecretAt {
    secretId: string;
    project: string;
}

export type GrantLevel = "secret" | "project" | "folder" | "organization";

export interface SecretReader extends Grant {
    urn: string;
    level: GrantLevel;
    /** The project, folder or organization the grant is on ("" for the secret itself). */
    on: string;
}

/** The level an IAM resource type grants on, from its type token's module. */
export function levelOf(type: string): GrantLevel | undefined {
    if (type.startsWith("gcp:secretmanager/secretIam")) return "secret";
    if (type.startsWith("gcp:projects/")) return "project";
    if (type.startsWith("gcp:folder/")) return "folder";
    if (type.startsWith("gcp:organizations/")) return "organization";
    return undefined;
}

function isThisSecret(r: PolicyResource, secret: SecretAt): boolean {
    const id = String(r.props.secretId ?? "");
    return id === secret.secretId || id.endsWith(`/secrets/${secret.secretId}`);
}

/**
 * The folders a grant on which reaches the project: its own folder if the stack makes
 * the project under one (any folder, as folders nest and the stack does not say how),
 * none if the stack makes it directly under the organization, and any folder if the
 * project is not in the stack at all (its place is then unknown: assume the worst).
 */
export function folderReaches(resources: readonly PolicyResource[], project: string): boolean {
    const made = resources.find(r => r.type === GCP.project && asString(r.props.projectId) === project);
    return !made || made.props.folderId !== undefined;
}

/** Every grant in the stack through which someone can read `secret`, with where it is granted. */
export function readersOf(resources: readonly PolicyResource[], secret: SecretAt): SecretReader[] {
    const readers: SecretReader[] = [];
    const foldersCount = folderReaches(resources, secret.project);
    eachKnown(iamResources(resources), r => {
        const level = levelOf(r.type);
        if (!level) return;
        if (level === "secret" && !isThisSecret(r, secret)) return;
        if (level === "project" && asString(r.props.project) !== secret.project) return;
        if (level === "folder" && !foldersCount) return;
        const on = level === "project" ? secret.project : level === "folder" ? String(r.props.folder ?? "") : level === "organization" ? String(r.props.orgId ?? "") : "";
        for (const g of grantsOf(r)) {
            if (level === "secret" || canReadSecrets(g.role)) readers.push({ ...g, urn: r.urn, level, on });
        }
    });
    return readers;
}

/**
 * Every grant in the stack through which one of `members` can read some secret's values:
 * any role on a secret, or a secret-reading role on a project, a folder or the
 * organization (which reach the secrets in them). For an identity that must read no
 * secret at all, wherever it is (the preview identity: policies/ci.ts).
 */
export function secretGrantsTo(resources: readonly PolicyResource[], members: ReadonlySet<string>): SecretReader[] {
    const grants: SecretReader[] = [];
    eachKnown(iamResources(resources), r => {
        const level = levelOf(r.type);
        if (!level) return;
        const on = level === "project" ? String(r.props.project ?? "") : level === "folder" ? String(r.props.folder ?? "")
            : level === "organization" ? String(r.props.orgId ?? "") : String(r.props.secretId ?? "");
        for (const g of grantsOf(r)) {
            if (!members.has(g.member)) continue;
            if (level === "secret" || canReadSecrets(g.role)) grants.push({ ...g, urn: r.urn, level, on });
        }
    });
    return grants;
}
