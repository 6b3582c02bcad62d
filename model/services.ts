// The charter's services ("Code, Binaries and Services" and the internal
// infrastructure list), by the id that the roster and the stack config use.
// A subproject owns services by these ids; a stack turns them on by config.

export const SERVICES = {
    "dns": { title: "DNS", sigs: ["contributor-experience", "release"] },
    "gae": { title: "GAE apps (Gubernator, Testgrid)", sigs: ["testing"] },
    "gcb": { title: "GCB release builds", sigs: ["release"] },
    "gcr": { title: "Container images (GCR / Artifact Registry)", sigs: ["release"] },
    "artifact-staging": { title: "Artifact staging (a project, bucket and registry per staging area)", sigs: ["release", "testing"] },
    "gcs": { title: "GCS buckets (logs, test artifacts, releases, APT, RPM)", sigs: ["release", "testing"] },
    "gke": { title: "GKE clusters with logging and monitoring", sigs: ["contributor-experience", "release", "testing"] },
    "bigquery": { title: "BigQuery test results", sigs: ["testing"] },
    "website": { title: "Website and blogs", sigs: ["contributor-experience"] },
    "test-pool": { title: "Pool of compute for testing (GCE, AWS)", sigs: ["testing"] },
    "credential-store": { title: "Credential store", sigs: ["k8s-infra"] },
    "certificate-store": { title: "Certificate store", sigs: ["k8s-infra"] },
    "requests-repo": { title: "GitHub repo for scripts and resource requests", sigs: ["k8s-infra"] },
} as const;

export type ServiceId = keyof typeof SERVICES;
export const SERVICE_IDS = Object.keys(SERVICES) as [ServiceId, ...ServiceId[]];
