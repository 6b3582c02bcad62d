// Artifact Registry repositories and the IAM grants on them, matched the same way for
// every policy that asks "which repository does this grant open?": by repository id,
// location and project, whether the grant names the repository by id (with location
// and project beside it) or by its full path. Shared by iam-public-read-only (is the
// repository marked public?) and images-promoter-only (is it a production images
// repository?).

import { PolicyResource } from "@pulumi/policy";
import { asString, eachKnown } from "./resources";

export const REPOSITORY = "gcp:artifactregistry/repository:Repository";
export const REPOSITORY_MEMBER = "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember";
const REPOSITORY_IAM = /^gcp:artifactregistry\/repositoryIam(?:Member|Binding|Policy):/;

/** A repository by its identity; project undefined when not known. */
export interface RepositoryRef {
    id: string;
    location: string;
    project?: string;
}

/** Whether a resource grants IAM on one repository. */
export function isRepositoryGrant(type: string): boolean {
    return REPOSITORY_IAM.test(type);
}

/**
 * The repositories for which `select` holds, read from the stack's Repository
 * resources. `select` may throw UnknownValueError (a label not known in preview):
 * `whenUnknown` then says whether the repository counts.
 */
export function repositoriesWhere(resources: readonly PolicyResource[], select: (r: PolicyResource) => boolean, whenUnknown: boolean): RepositoryRef[] {
    const repos: RepositoryRef[] = [];
    eachKnown(resources.filter(r => r.type === REPOSITORY), r => {
        const id = asString(r.props.repositoryId);
        const location = asString(r.props.location);
        if (id === undefined || location === undefined) return;
        let selected = whenUnknown;
        eachKnown([r], x => { selected = select(x); });
        if (selected) repos.push({ id, location, project: asString(r.props.project) });
    });
    return repos;
}

/** The repository a grant's props name: `repository` as an id (with `location`, `project`) or as projects/P/locations/L/repositories/R. */
export function grantTarget(props: Record<string, unknown>): { id: string; location?: string; project?: string } {
    const repository = asString(props.repository) ?? "";
    const path = /^projects\/([^/]+)\/locations\/([^/]+)\/repositories\/([^/]+)$/.exec(repository);
    if (path) return { id: path[3], location: path[2], project: path[1] };
    return { id: repository, location: asString(props.location), project: asString(props.project) };
}

/** The first of `repos` that a grant's props name, or undefined. An unknown project matches any. */
export function targetedRepository(props: Record<string, unknown>, repos: readonly RepositoryRef[]): RepositoryRef | undefined {
    const t = grantTarget(props);
    return repos.find(r => r.id === t.id && r.location === t.location && (r.project === undefined || t.project === undefined || r.project === t.project));
}
