// The facts a report locates a violation by travel with the resource, from the check's
// capture (protobuf Structs) and from an event log's state alike: a component's record
// `source`, and the name the naming scheme judges at its NAMED_TYPES property.

import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { summarize } from "../../tools/results/result";
import type { CapturedResource } from "../../tools/results/types";
import { GCP, COMPONENT } from "../../model/resource-types";

function captured(type: string, inputs: object, outputs: object = {}): CapturedResource {
    return {
        urn: `urn:pulumi:dev::k8s-infra::${type}::x`, type, name: "x", custom: true, parent: "", provider: "", protect: false,
        dependencies: [], propertyDependencies: {}, ignoreChanges: [], additionalSecretOutputs: [], deleteBeforeReplace: false,
        aliases: [], inputs: Struct.fromJavaScript(inputs as never), outputs: Struct.fromJavaScript(outputs as never),
    };
}

test("a component's record source comes from its registered outputs", () => {
    expect(summarize(captured(COMPONENT.subproject, {}, { name: "prow", source: "roster/subprojects.yaml:33" })))
        .toMatchObject({ source: "roster/subprojects.yaml:33" });
});

test("a named type's judged name, at a nested property too; nothing for other types or non-strings", () => {
    expect(summarize(captured(GCP.bucket, { name: "k8s-infra-prow-results-stg" })).named).toBe("k8s-infra-prow-results-stg");
    expect(summarize(captured(GCP.group, { groupKey: { id: "k8s-infra-x@kubernetes.io" } })).named).toBe("k8s-infra-x@kubernetes.io");
    const plain = summarize(captured("gcp:storage/bucketIAMMember:BucketIAMMember", { name: "y", source: 3 }));
    expect([plain.named, plain.source]).toEqual([undefined, undefined]);
});
