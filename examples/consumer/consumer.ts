// An example consumer: SIG Testing's job-runner project reads k8s-infra's prod
// outputs (the prow results bucket, the owners of it) and grants its own CI
// service account write access to the bucket, as k8s-infra's policies require
// (service accounts and groups, never users).

import * as gcp from "@pulumi/gcp";
import { K8sInfra } from "../../consumers/k8s-infra";

export function consumer(stack = "prod") {
    const infra = new K8sInfra(stack);
    const results = infra.bucket("k8s-infra-prow-results");
    new gcp.storage.BucketIAMMember("job-runner-writes-results", {
        bucket: results,
        role: "roles/storage.objectCreator",
        member: "serviceAccount:job-runner@k8s-infra-prow-build.iam.gserviceaccount.com",
    });
    return { resultsBucket: results, ownersOfResults: infra.ownerGroup("artifacts") };
}
