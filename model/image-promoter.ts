// Who may write the production images: the image promoter's service account, and no
// one else. registry.k8s.io serves every Kubernetes image from the `images`
// repositories (model/registry-regions.ts); an image reaches them only by promotion
// (kpromo, from a staging area, after review of the promotion manifest), so any other
// writer could ship an unreviewed image to every cluster that pulls from it. Read by
// the gcr component (the account and its one grant per repository) and by the
// images-promoter-only policy (which blocks every other writer, on a repository or
// on its project).

import { Environment, nameIn } from "./naming";

/** The promoter's service account id in k8s-artifacts-prod (k8s.io: k8s-infra-promoter@, "artifact promoter"). */
export const PROMOTER_ACCOUNT = "k8s-infra-promoter";

/** The repository id of every production images repository (REGION-docker.pkg.dev/k8s-artifacts-prod/images). */
export const IMAGES_REPOSITORY = "images";

/** The `purpose` label of a production images repository. */
export const IMAGES_PURPOSE = "images";

/** The role the promoter holds on each images repository. */
export const PROMOTER_ROLE = "roles/artifactregistry.writer";

/** The roles anyone else may hold on an images repository: reading only. */
export const IMAGES_READ_ROLES: readonly string[] = ["roles/artifactregistry.reader"];

/** Artifact Registry roles that, granted on a project, write (or delete from) every repository in it. */
export const PROJECT_WRITING_ROLES: readonly string[] = [
    "roles/artifactregistry.writer",
    "roles/artifactregistry.repoAdmin",
    "roles/artifactregistry.admin",
    "roles/artifactregistry.createOnPushWriter",
    "roles/artifactregistry.createOnPushRepoAdmin",
];

/** The promoter's e-mail in an environment, for the images project there (its id in that environment). */
export function promoterEmail(environment: Environment, project: string): string {
    return `${nameIn({ kind: "serviceAccount", name: PROMOTER_ACCOUNT, environment })}@${project}.iam.gserviceaccount.com`;
}

/** The IAM member the promoter is granted as. */
export function promoterMember(environment: Environment, project: string): string {
    return `serviceAccount:${promoterEmail(environment, project)}`;
}
