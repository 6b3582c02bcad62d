// The services a stack can turn on, by id. A stack turns a service on by config
// (k8s-infra:services.<id>); the program looks its definition up here. Adding a
// service means a config schema in model/service-config/, a folder here, and one
// line below: never a conditional elsewhere.

import type { DeployableService } from "../model/config";
import type { ServiceDefinition } from "./definition";
import { gcsService } from "./gcs";
import { dnsService } from "./dns";
import { gaeService } from "./gae";
import { gcbService } from "./gcb";
import { gcrService } from "./gcr";
import { artifactStagingService } from "./artifact-staging";
import { gkeService } from "./gke";
import { bigqueryService } from "./bigquery";
import { websiteService } from "./website";
import { testPoolService } from "./test-pool";
import { credentialStoreService } from "./credential-store";
import { certificateStoreService } from "./certificate-store";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each service prepares its own kind of data
export const SERVICE_DEFINITIONS: { [K in DeployableService]: ServiceDefinition<K, any> } = {
    "dns": dnsService,
    "gae": gaeService,
    "gcb": gcbService,
    "gcr": gcrService,
    "artifact-staging": artifactStagingService,
    "gcs": gcsService,
    "gke": gkeService,
    "bigquery": bigqueryService,
    "website": websiteService,
    "test-pool": testPoolService,
    "credential-store": credentialStoreService,
    "certificate-store": certificateStoreService,
};
