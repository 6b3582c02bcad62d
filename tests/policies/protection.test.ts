import { statefulResourcesProtected } from "../../policy-pack/policies/protection";
import { GCP } from "../../model/resource-types";
import { runResourcePolicy, urnOf } from "../helpers/policy";

const labels = (environment: string) => ({ subproject: "artifacts", sig: "release", environment, "managed-by": "pulumi" });
const bucket = (environment: string, extra: Record<string, unknown> = {}) => ({ name: "k8s-infra-x", forceDestroy: false, labels: labels(environment), ...extra });
const run = (type: string, props: Record<string, unknown>, protect: boolean, stack = "prod") =>
    runResourcePolicy(statefulResourcesProtected, { type, name: "x", props, protect, urn: urnOf(type, "x", stack) });

describe("stateful-resources-protected", () => {
    test("a protected prod bucket with forceDestroy false is quiet", () => {
        expect(run(GCP.bucket, bucket("prod"), true)).toEqual([]);
    });

    test("an unprotected prod bucket fires, naming the protect option", () => {
        expect(run(GCP.bucket, bucket("prod"), false)).toEqual([expect.stringContaining("lacks the protect resource option")]);
    });

    test("a protected prod bucket with forceDestroy true fires, naming the guard and its value", () => {
        expect(run(GCP.bucket, bucket("prod", { forceDestroy: true }), true)).toEqual([expect.stringContaining("forceDestroy: false (it is true)")]);
    });

    test("a prod cluster without deletionProtection or deletionPolicy fires; with both, quiet", () => {
        const type = "gcp:container/cluster:Cluster";
        const props = { name: "aaa", resourceLabels: labels("prod") };
        expect(run(type, props, true)).toEqual([expect.stringContaining("deletionProtection: true (it is unset)")]);
        expect(run(type, { ...props, deletionProtection: true }, true)).toEqual([expect.stringContaining('deletionPolicy: "PREVENT" (it is unset)')]);
        expect(run(type, { ...props, deletionProtection: true, deletionPolicy: "PREVENT" }, true)).toEqual([]);
    });

    test("staging resources need no protection, whatever the stack is called", () => {
        expect(run(GCP.bucket, bucket("staging", { forceDestroy: true }), false, "prod")).toEqual([]);
    });

    test("an unlabelled resource is judged by the stack name in its urn", () => {
        expect(run("gcp:appengine/application:Application", { locationId: "us-central" }, false, "prod")).toHaveLength(1);
        expect(run("gcp:appengine/application:Application", { locationId: "us-central" }, false, "staging")).toEqual([]);
    });

    test("types that hold no state are not checked", () => {
        expect(run("gcp:storage/bucketIAMMember:BucketIAMMember", { bucket: "b", role: "r", member: "allUsers" }, false)).toEqual([]);
    });
});
