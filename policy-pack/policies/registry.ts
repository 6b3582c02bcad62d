// The production images: only the image promoter writes them (model/image-promoter.ts).
// registry.k8s.io serves every Kubernetes image from the `images` repositories, so a
// second writer could put an unreviewed image in front of every cluster that pulls
// from it. A grant is a write when it gives anyone else any role but reading on an
// images repository, or an Artifact Registry role that writes on the project that
// holds one (a project's grant reaches every repository in it). The promoter is the
// one of the repository's own project and environment, never an account elsewhere.

import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { RULE } from "@k8s-infra/model/rules";
import { IMAGES_PURPOSE, IMAGES_READ_ROLES, IMAGES_REPOSITORY, PROJECT_WRITING_ROLES, promoterMember } from "@k8s-infra/model/image-promoter";
import { servingRegion } from "@k8s-infra/model/registry-regions";
import { environmentOfStack } from "@k8s-infra/model/environment";
import { Environment } from "@k8s-infra/model/naming";
import { stackOf } from "@k8s-infra/model/urn";
import { asString, eachKnown, getPath, workingGroup } from "../lib/resources";
import { grantsOf, iamResources } from "../lib/iam";
import { RepositoryRef, grantTarget, isRepositoryGrant, repositoriesWhere, targetedRepository } from "../lib/repositories";

const PROJECT_IAM = /^gcp:projects\/iAM(?:Member|Binding|Policy):/;

/**
 * A production images repository: labelled purpose=images (the gcr service labels
 * each), or, with no purpose label, repository `images` in a serving region
 * (model/registry-regions.ts): one made by hand without the label is judged too.
 */
export function isImagesRepository(r: PolicyResource): boolean {
    const purpose = getPath(r.props, "labels.purpose");
    if (purpose !== undefined) return purpose === IMAGES_PURPOSE;
    return r.props.repositoryId === IMAGES_REPOSITORY && servingRegion(String(r.props.location)) !== undefined;
}

/** The stack's environment: its name's, else what the working group's record says; staging unless it is prod. */
function stackEnvironment(resources: readonly PolicyResource[]): Environment {
    const declared = workingGroup(resources)?.record.environment;
    const stack = resources[0] ? stackOf(resources[0].urn) : "";
    return environmentOfStack(stack, typeof declared === "string" ? declared : undefined) === "prod" ? "prod" : "staging";
}

export const imagesPromoterOnly: StackValidationPolicy = {
    name: RULE.imagesPromoterOnly,
    description: "Only the image promoter's service account writes the production images repositories that registry.k8s.io serves: " +
        "anyone else may only read one, and holds no Artifact Registry role that writes on its project.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateStack: (args, reportViolation) => {
        // A label not known in preview: judged at the update, not reported now.
        const images = repositoriesWhere(args.resources, isImagesRepository, false);
        if (images.length === 0) return;
        const env = stackEnvironment(args.resources);
        const projects = new Set(images.flatMap(r => r.project ? [r.project] : []));
        eachKnown(iamResources(args.resources), r => {
            if (isRepositoryGrant(r.type)) {
                const repo = targetedRepository(r.props, images);
                if (repo) repositoryWriters(r, repo, env).forEach(m => reportViolation(m, r.urn));
                return;
            }
            const project = asString(r.props.project);
            if (!PROJECT_IAM.test(r.type) || project === undefined || !projects.has(project)) return;
            const promoter = promoterMember(env, project);
            for (const g of grantsOf(r)) {
                if (!PROJECT_WRITING_ROLES.includes(g.role) || g.member === promoter) continue;
                reportViolation(`${r.type} ${r.name} grants ${g.role} on project ${project} to ${g.member}: it writes every production images repository ` +
                    `there, which only the image promoter (${promoter}) may; grant it on the repositories it needs elsewhere, or promote the images.`, r.urn);
            }
        });
    },
};

/** Messages for each grant of a role that is not reading, on an images repository, to anyone but its promoter. */
function repositoryWriters(r: PolicyResource, repo: RepositoryRef, env: Environment): string[] {
    const project = repo.project ?? grantTarget(r.props).project;
    const promoter = project ? promoterMember(env, project) : undefined;
    return grantsOf(r).filter(g => !IMAGES_READ_ROLES.includes(g.role) && g.member !== promoter).map(g =>
        `${r.type} ${r.name} grants ${g.role} on the production images repository ${repo.location}/${repo.id}${project ? ` in ${project}` : ""} ` +
        `to ${g.member}; only the image promoter${promoter ? ` (${promoter})` : ""} writes it: promote the image (kpromo), ` +
        `or grant ${IMAGES_READ_ROLES.join(", ")}.`);
}
