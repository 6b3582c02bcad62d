// The shapes of the names stack config gives: always a name's prod form, the
// real id as k8s.io has it (kubernetes-public, k8s-artifacts-prod, k8s-staging-kind).
// The program puts it in the stack's environment (model/naming.ts nameIn), and
// the resource-naming policy checks it against the naming scheme; these only
// catch what cannot be a name at all, with a message saying what to write.

import { z } from "zod";

/** A GCP project id in its prod form. */
export const ProjectId = z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, {
    message: "is not a GCP project id (6-30 lowercase letters, digits and hyphens); give the prod id, e.g. kubernetes-public",
});

/** A GCS bucket name in its prod form (no dots: Google-made buckets are not the program's). */
export const BucketName = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$/, {
    message: "is not a bucket name (3-63 lowercase letters, digits, hyphens); give the prod name, e.g. k8s-infra-prow-results",
});

/** A Secret Manager secret id in its prod form. */
export const SecretId = z.string().regex(/^[a-zA-Z0-9_-]{1,255}$/, {
    message: "is not a secret id (letters, digits, hyphens, underscores); give the prod id, e.g. k8s-infra-ci-robot-github-token",
});
