// Teams and ACLs: access goes to teams, not people. IAM grants go to groups or
// service accounts (individual users only from the break-glass list); primitive
// roles only to the org-admin group; allUsers / allAuthenticatedUsers only read (or
// invoke a public Cloud Run service: registry.k8s.io's redirector), and only on
// resources marked public, as anyone in an S3 bucket policy; no long-lived keys;
// uniform bucket access.

import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { RULE } from "@k8s-infra/model/rules";
import { GCP } from "@k8s-infra/model/resource-types";
import { WRITING_PRIMITIVE_ROLES } from "@k8s-infra/model/iam-roles";
import { asArray, asString, eachKnown, getPath, workingGroup } from "../lib/resources";
import { grantsOf, iamResources } from "../lib/iam";
import { isRepositoryGrant, repositoriesWhere, targetedRepository } from "../lib/repositories";
import { PUBLIC_S3_ACTIONS, publicS3Problems } from "../lib/s3-public";

const CLOUD_RUN_SERVICE = "gcp:cloudrunv2/service:Service";
const CLOUD_RUN_MEMBER = "gcp:cloudrunv2/serviceIamMember:ServiceIamMember";
const PUBLIC_MEMBERS = new Set(["allUsers", "allAuthenticatedUsers"]);
/** Roles that only read: the ones a public grant may use. */
export const PUBLIC_READ_ROLES = new Set([
    "roles/storage.objectViewer",
    "roles/storage.legacyObjectReader",
    "roles/storage.legacyBucketReader",
    "roles/artifactregistry.reader",
]);
/** Besides reading, what the public may do on one kind of resource: invoke a public Cloud Run service. */
export const PUBLIC_INVOKE_ROLES: Readonly<Record<string, string>> = { [CLOUD_RUN_MEMBER]: "roles/run.invoker" };

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

/** Whether a resource is labelled visibility=public; during preview, also when its label is not known yet (judged then). */
function labelledPublic(r: PolicyResource): boolean {
    return getPath(r.props, "labels.visibility") === "public";
}

/** Cloud Run services marked public, as project/location/name; a service whose label is not known yet counts. */
function publicServices(resources: readonly PolicyResource[]): Set<string> {
    const keys = new Set<string>();
    eachKnown(resources.filter(r => r.type === CLOUD_RUN_SERVICE), r => {
        let open = true;
        eachKnown([r], x => { open = labelledPublic(x); });
        if (open) keys.add(`${asString(r.props.project) ?? ""}/${asString(r.props.location) ?? ""}/${asString(r.props.name) ?? ""}`);
    });
    return keys;
}

export const iamPublicReadOnly: StackValidationPolicy = {
    name: RULE.iamPublicReadOnly,
    description: "allUsers and allAuthenticatedUsers get read-only roles (or invoke a Cloud Run service), and only on resources labelled visibility=public; " +
        `an S3 bucket policy lets anyone only ${PUBLIC_S3_ACTIONS.join(" and ")}, on a bucket tagged visibility=public.`,
    enforcementLevel: "mandatory",
    severity: "critical",
    validateStack: (args, reportViolation) => {
        const publicNames = publicBuckets(args.resources);
        const publicRepos = repositoriesWhere(args.resources, labelledPublic, true);
        const services = publicServices(args.resources);
        eachKnown(iamResources(args.resources), r => {
            for (const g of grantsOf(r)) {
                if (!PUBLIC_MEMBERS.has(g.member)) continue;
                if (!PUBLIC_READ_ROLES.has(g.role) && PUBLIC_INVOKE_ROLES[r.type] !== g.role) {
                    const invoke = PUBLIC_INVOKE_ROLES[r.type] ? ` or invoke (${PUBLIC_INVOKE_ROLES[r.type]})` : "";
                    reportViolation(`${r.type} ${r.name} grants ${g.role} to ${g.member}; the public may only read (${[...PUBLIC_READ_ROLES].join(", ")})${invoke}.`, r.urn);
                }
                if (isRepositoryGrant(r.type)) {
                    if (!targetedRepository(r.props, publicRepos)) {
                        reportViolation(`${r.type} ${r.name} opens repository ${asString(r.props.repository) ?? "?"} to ${g.member}, but it is not marked public; label it visibility=public or remove the grant.`, r.urn);
                    }
                    continue;
                }
                if (r.type === CLOUD_RUN_MEMBER) {
                    const key = `${asString(r.props.project) ?? ""}/${asString(r.props.location) ?? ""}/${asString(r.props.name) ?? ""}`;
                    if (!services.has(key)) {
                        reportViolation(`${r.type} ${r.name} opens Cloud Run service ${asString(r.props.name) ?? "?"} to ${g.member}, but it is not marked public; label it visibility=public or remove the grant.`, r.urn);
                    }
                    continue;
                }
                const target = asString(r.props.bucket)?.replace(/^b\//, "");
                if (target === undefined || !publicNames.has(target)) {
                    reportViolation(`${r.type} ${r.name} opens ${target ?? "a resource"} to ${g.member}, but it is not marked public; label it visibility=public (public: true in the stack config) or remove the grant.`, r.urn);
                }
            }
        });
        for (const p of publicS3Problems(args.resources)) reportViolation(p.message, p.urn);
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
