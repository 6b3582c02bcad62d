// Where registry.k8s.io serves from: the one list of its regions. Each serving region
// holds an Artifact Registry `images` repository in k8s-artifacts-prod (the promoter
// copies every image to all of them); some also run the redirector (archeio on Cloud
// Run, behind the global load balancer), which sends a client to the images and to the
// AWS S3 mirror of the layers named here. Read by the gcr config schema (which regions
// a stack may name, and the default: all of them), the gcr component, the
// images-promoter-only policy, the generated docs and the tests.
//
// From kubernetes/k8s.io: infra/gcp/terraform/k8s-artifacts-prod/registries.tf (a
// registry in every Artifact Registry region but the multi-regions: 41) and
// infra/gcp/terraform/modules/oci-proxy/main.tf (cloud_run_config: the 22 regions
// with a redirector, each with the S3 bucket its DEFAULT_AWS_BASE_URL named before
// some moved to CloudFront); the buckets are kubernetes/registry.k8s.io's
// awsRegionToS3URL of 2023.

/** The AWS regions with an S3 mirror bucket (<prefix>-<region>: prod-registry-k8s-io-us-east-2). */
export const MIRROR_REGIONS = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-south-1", "ap-northeast-1", "ap-southeast-1",
    "eu-central-1", "eu-west-1", "eu-west-2",
] as const;
export type MirrorRegion = (typeof MIRROR_REGIONS)[number];

/**
 * The mirror the layers are copied into from the images repositories (kpromo's
 * s3-sync); it replicates to the others. k8s.io: prod-registry-k8s-io-us-east-2.
 */
export const SOURCE_MIRROR: MirrorRegion = "us-east-2";

export interface ServingRegion {
    /** The GCP region (Artifact Registry location). */
    region: string;
    /** Where it is, as k8s.io's comments say. */
    place: string;
    /** The S3 mirror its redirector sends clients to by default; absent: no redirector runs there. */
    redirectorMirror?: MirrorRegion;
}

const r = (region: string, place: string, redirectorMirror?: MirrorRegion): ServingRegion => ({ region, place, redirectorMirror });

export const SERVING_REGIONS: readonly ServingRegion[] = [
    r("africa-south1", "Johannesburg, South Africa"),
    r("asia-east1", "Changhua County, Taiwan", "ap-southeast-1"),
    r("asia-east2", "Hong Kong"),
    r("asia-northeast1", "Tokyo, Japan", "ap-northeast-1"),
    r("asia-northeast2", "Osaka, Japan", "ap-northeast-1"),
    r("asia-northeast3", "Seoul, South Korea"),
    r("asia-south1", "Mumbai, India", "ap-south-1"),
    r("asia-south2", "Delhi, India"),
    r("asia-southeast1", "Jurong West, Singapore"),
    r("asia-southeast2", "Jakarta, Indonesia"),
    r("australia-southeast1", "Sydney, Australia", "ap-southeast-1"),
    r("australia-southeast2", "Melbourne, Australia"),
    r("europe-central2", "Warsaw, Poland"),
    r("europe-north1", "Hamina, Finland", "eu-central-1"),
    r("europe-north2", "Stockholm, Sweden"),
    r("europe-southwest1", "Madrid, Spain", "eu-central-1"),
    r("europe-west1", "St. Ghislain, Belgium", "eu-central-1"),
    r("europe-west2", "London, UK", "eu-west-2"),
    r("europe-west3", "Frankfurt, Germany", "eu-central-1"),
    r("europe-west4", "Eemshaven, Netherlands", "eu-central-1"),
    r("europe-west6", "Zurich, Switzerland"),
    r("europe-west8", "Milan, Italy", "eu-central-1"),
    r("europe-west9", "Paris, France", "eu-west-2"),
    r("europe-west10", "Berlin, Germany", "eu-central-1"),
    r("europe-west12", "Turin, Italy"),
    r("me-central1", "Doha, Qatar"),
    r("me-west1", "Tel Aviv, Israel"),
    r("northamerica-northeast1", "Montréal, Canada"),
    r("northamerica-northeast2", "Toronto, Canada"),
    r("northamerica-south1", "Querétaro, Mexico"),
    r("southamerica-east1", "São Paulo, Brazil"),
    r("southamerica-west1", "Santiago, Chile", "us-east-1"),
    r("us-central1", "Iowa, USA", "us-east-2"),
    r("us-east1", "South Carolina, USA", "us-east-1"),
    r("us-east4", "Virginia, USA", "us-east-1"),
    r("us-east5", "Ohio, USA", "us-east-2"),
    r("us-south1", "Texas, USA", "us-east-2"),
    r("us-west1", "Oregon, USA", "us-west-2"),
    r("us-west2", "California, USA", "us-west-1"),
    r("us-west3", "Salt Lake City, USA"),
    r("us-west4", "Las Vegas, USA"),
];

/** Every serving region's name, in the list's order. */
export const SERVING_REGION_NAMES: readonly string[] = SERVING_REGIONS.map(s => s.region);

/** The serving region of this name, or undefined. */
export function servingRegion(region: string): ServingRegion | undefined {
    return SERVING_REGIONS.find(s => s.region === region);
}

/** Of `regions`, those that run a redirector, with the mirror each sends clients to. */
export function redirectorRegions(regions: readonly string[]): { region: string; mirror: MirrorRegion }[] {
    return regions.flatMap(region => {
        const mirror = servingRegion(region)?.redirectorMirror;
        return mirror ? [{ region, mirror }] : [];
    });
}
