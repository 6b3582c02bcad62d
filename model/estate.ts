// Which charter service an object of the real estate belongs to, from its type
// and id alone, so that what exists (the inventory), what the program adopts and
// what it creates are counted per service by one rule (`npm run status`).
// Objects no single service owns (shared projects, service accounts) belong to none.

import type { ServiceId } from "./services";

const BY_TYPE: Readonly<Record<string, ServiceId>> = {
    "gcp:dns/managedZone:ManagedZone": "dns",
    "gcp:dns/recordSet:RecordSet": "dns",
    "gcp:bigquery/dataset:Dataset": "bigquery",
    "gcp:container/cluster:Cluster": "gke",
    "gcp:secretmanager/secret:Secret": "credential-store",
    "gcp:certificateauthority/caPool:CaPool": "certificate-store",
    "gcp:appengine/application:Application": "gae",
    "gcp:artifactregistry/repository:Repository": "gcr",
};

/** The service an object belongs to, or undefined when it is shared or its type is not a service's. */
export function serviceOfObject(type: string, id: string): ServiceId | undefined {
    if (type === "gcp:storage/bucket:Bucket") {
        if (/^(?:(?:us|eu|asia)\.)?artifacts\.k8s-staging-.+\.appspot\.com$/.test(id)) return "artifact-staging"; // a staging area's Container Registry
        if (/^(?:(?:us|eu|asia)\.)?artifacts\..+\.appspot\.com$/.test(id)) return "gcr"; // Container Registry's storage
        if (id.startsWith("k8s-staging-")) return "artifact-staging"; // a staging area's bucket, or its -gcb build sources
        if (/^(?:kops-state-|kubernetes-staging-[0-9a-f]{10})/.test(id)) return "test-pool"; // made by e2e tests
        if (id.endsWith("-website")) return "website";
        return "gcs";
    }
    if (type === "gcp:organizations/project:Project") {
        const project = id.replace(/^projects\//, "");
        if (project.startsWith("k8s-infra-e2e-")) return "test-pool";
        if (project.startsWith("k8s-staging-")) return "artifact-staging";
        return undefined;
    }
    return BY_TYPE[type];
}
