// Teams and ACLs: access goes to teams, not people. IAM grants go to groups or
// service accounts (individual users only from the break-glass list); primitive
// roles only to the org-admin group; allUsers / allAuthenticatedUsers only read,
// and only on resources marked public; no long-lived keys; uniform bucket access.

import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { RULE } from "../../model/rules";
import { GCP } from "../../model/resource-types";
import { WRITING_PRIMITIVE_ROLES } from "../../model/iam-roles";
import { asArray, asString, eachKnown, getPath, workingGroup } from "../lib/resources";
import { grantsOf, iamResources } from "../lib/iam";

const REPOSITORY = "gcp:artifactregistry/repository:Repository";
const REPOSITORY_MEMBER = "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember";
const PUBLIC_MEMBERS = new Set(["allUsers", "allAuthenticatedUsers"]);
/** Roles that only read: the ones a public grant may use. */
export const PUBLIC_READ_ROLES = new Set([
    "roles/storage.objectViewer",
    "roles/storage.legacyObjectReader",
    "roles/storage.legacyBucketReader",
    "roles/artifactregistry.reader",
]);

export const iamGrantsToGroups: StackValidationPolicy = {
    name: RULE.iamGroupsOnly,
    description: "IAM grants go to groups or service accounts, not to individual users (except the break-glass list in roster/working-group.yaml).",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        const breakGlass = new Set(asArray<string>(workingGroup(args.resources)?.record.breakGlass));
        eachKnown(iamResources(args.resources), r => {
            for (const g of grantsOf(r)) {
                const kind = g.member.split(":")[0];
                if (PUBLIC_MEMBERS.has(g.member) || kind === "group" || kind === "serviceAccount" || kind.startsWith("principal")) continue;
                if (kind === "user" && breakGlass.has(g.member)) continue;
                reportViolation(`${r.type} ${r.name} grants ${g.role} to ${g.member}; grant it to a k8s-infra-*@ group (or a service account) and add the person to the group.`, r.urn);
            }
        });
    },
};

export const iamNoPrimitiveRoles: StackValidationPolicy = {
    name: RULE.iamNoPrimitiveRoles,
    description: `Primitive roles that write (${WRITING_PRIMITIVE_ROLES.join(", ")}) are granted only to the org-admin group.`,
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, reportViolation) => {
        const orgAdmins = asString(workingGroup(args.resources)?.record.orgAdminsGroup);
        eachKnown(iamResources(args.resources), r => {
            for (const g of grantsOf(r)) {
                if (WRITING_PRIMITIVE_ROLES.includes(g.role) && g.member !== `group:${orgAdmins}`) {
                    reportViolation(`${r.type} ${r.name} grants the primitive role ${g.role} to ${g.member}; use a predefined or custom role${orgAdmins ? ` (only group:${orgAdmins} holds primitive roles)` : ""}.`, r.urn);
                }
            }
        });
    },
};

/** Buckets marked public (label visibility=public), by name; during preview, also those whose label is not known yet. */
function publicBuckets(resources: readonly PolicyResource[]): Set<string> {
    const names = new Set<string>();
    eachKnown(resources.filter(r => r.type === GCP.bucket), r => {
        const name = r.props.name;
        if (typeof name !== "string") return;
        let visibility: unknown = "public"; // not known until the update: judged then, not reported now
        eachKnown([r], b => { visibility = getPath(b.props, "labels.visibility"); });
        if (visibility === "public") names.add(name);
    });
    return names;
}

/** An Artifact Registry repository marked public (label visibility=public), or whose label is not known yet. */
interface PublicRepository { id: string; location: string; project?: string }

function publicRepositories(resources: readonly PolicyResource[]): PublicRepository[] {
    const repos: PublicRepository[] = [];
    eachKnown(resources.filter(r => r.type === REPOSITORY), r => {
        const id = asString(r.props.repositoryId);
        const location = asString(r.props.location);
        if (id === undefined || location === undefined) return;
        let visibility: unknown = "public"; // not known until the update: judged then, not reported now
        eachKnown([r], x => { visibility = getPath(x.props, "labels.visibility"); });
        if (visibility === "public") repos.push({ id, location, project: asString(r.props.project) });
    });
    return repos;
}

/** Whether a repository IAM grant's target (repository id or projects/P/locations/L/repositories/R) is a public repository. */
function opensPublicRepository(props: Record<string, unknown>, repos: readonly PublicRepository[]): boolean {
    const repository = asString(props.repository) ?? "";
    const path = /^projects\/([^/]+)\/locations\/([^/]+)\/repositories\/([^/]+)$/.exec(repository);
    const id = path ? path[3] : repository;
    const location = path ? path[2] : asString(props.location);
    const project = path ? path[1] : asString(props.project);
    return repos.some(r => r.id === id && r.location === location && (r.project === undefined || project === undefined || r.project === project));
}

export const iamPublicReadOnly: StackValidationPolicy = {
    name: RULE.iamPublicReadOnly,
    description: "allUsers and allAuthenticatedUsers get read-only roles, and only on resources labelled visibility=public.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateStack: (args, reportViolation) => {
        const publicNames = publicBuckets(args.resources);
        const publicRepos = publicRepositories(args.resources);
        eachKnown(iamResources(args.resources), r => {
            for (const g of grantsOf(r)) {
                if (!PUBLIC_MEMBERS.has(g.member)) continue;
                if (!PUBLIC_READ_ROLES.has(g.role)) {
                    reportViolation(`${r.type} ${r.name} grants ${g.role} to ${g.member}; the public may only read (${[...PUBLIC_READ_ROLES].join(", ")}).`, r.urn);
                }
                if (r.type === REPOSITORY_MEMBER) {
                    if (!opensPublicRepository(r.props, publicRepos)) {
                        reportViolation(`${r.type} ${r.name} opens repository ${asString(r.props.repository) ?? "?"} to ${g.member}, but it is not marked public; label it visibility=public or remove the grant.`, r.urn);
                    }
                    continue;
                }
                const target = asString(r.props.bucket)?.replace(/^b\//, "");
                if (target === undefined || !publicNames.has(target)) {
                    reportViolation(`${r.type} ${r.name} opens ${target ?? "a resource"} to ${g.member}, but it is not marked public; label it visibility=public (public: true in the stack config) or remove the grant.`, r.urn);
                }
            }
        });
    },
};

const KEY_TYPES = new Set([GCP.serviceAccountKey as string, "aws:iam/accessKey:AccessKey"]);

export const noServiceAccountKeys: ResourceValidationPolicy = {
    name: RULE.noServiceAccountKeys,
    description: "No long-lived service account keys or access keys; use workload identity or OIDC federation.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: (args, reportViolation) => {
        if (KEY_TYPES.has(args.type)) {
            reportViolation(`${args.type} ${args.name} is a long-lived key; use Workload Identity (GKE) or OIDC federation (CI) instead.`);
        }
    },
};

export const bucketUniformAccess: ResourceValidationPolicy = {
    name: RULE.uniformBucketAccess,
    description: "GCS buckets use uniform bucket-level access, so IAM alone decides who reads them.",
    enforcementLevel: "mandatory",
    severity: "medium",
    validateResource: (args, reportViolation) => {
        if (args.type !== GCP.bucket) return;
        if (args.props.uniformBucketLevelAccess !== true) {
            reportViolation(`Bucket ${args.name} does not set uniformBucketLevelAccess: true; object ACLs would bypass the bucket's IAM.`);
        }
    },
};
