// The one list of registry.k8s.io's regions (model/registry-regions.ts): what the gcr
// config, component, policy and docs read. It holds k8s.io's serving regions, each
// redirector sends AWS clients to a mirror that exists, and the lookups agree with it.

import {
    MIRROR_REGIONS, SERVING_REGIONS, SERVING_REGION_NAMES, SOURCE_MIRROR, redirectorRegions, servingRegion,
} from "../../model/registry-regions";

test("41 serving regions, each once, each a GCP region name", () => {
    expect(SERVING_REGIONS).toHaveLength(41);
    expect(new Set(SERVING_REGION_NAMES).size).toBe(41);
    for (const r of SERVING_REGION_NAMES) expect(r).toMatch(/^[a-z]+-[a-z]+[0-9]+$/);
});

test("22 of them run a redirector, each sending AWS clients to a mirror region that has a bucket", () => {
    const redirected = redirectorRegions(SERVING_REGION_NAMES);
    expect(redirected).toHaveLength(22);
    for (const { mirror } of redirected) expect(MIRROR_REGIONS).toContain(mirror);
    expect(MIRROR_REGIONS).toContain(SOURCE_MIRROR);
    expect(new Set(MIRROR_REGIONS).size).toBe(MIRROR_REGIONS.length);
});

test("the lookups: a known region, an unknown one, and a region list without redirectors", () => {
    expect(servingRegion("us-central1")).toEqual({ region: "us-central1", place: "Iowa, USA", redirectorMirror: "us-east-2" });
    expect(servingRegion("us-central2")).toBeUndefined();
    expect(redirectorRegions(["africa-south1", "us-west4"])).toEqual([]);
    expect(redirectorRegions(["us-west2", "africa-south1"])).toEqual([{ region: "us-west2", mirror: "us-west-1" }]);
});
