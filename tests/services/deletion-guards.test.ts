// The deletion guards come from one table (model/resource-types.ts STATEFUL_TYPES) and
// are applied by the component base (services/deletion-guards.ts): every child of a
// stateful type, however deep, gets protect and each guard from the stack's protect
// setting, whatever its component wrote; other resources keep their own options.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../../tools/check/run-program";
import { STATEFUL_TYPES, GCP } from "../../model/resource-types";
import { ServiceComponent } from "../../services/service-component";
import { testContext } from "../helpers/service";

class Careless extends ServiceComponent {
    constructor(protect: boolean) {
        super("Careless", "careless", { context: { ...testContext("gcs", protect ? "prod" : "staging"), protect }, settings: {} });
        // Guards set the unsafe way by hand, and one bucket one level further down.
        new gcp.storage.Bucket("direct", { location: "US", forceDestroy: true }, this.child({ protect: false }));
        const inner = new pulumi.ComponentResource("test:Inner", "inner", {}, { parent: this });
        new gcp.storage.Bucket("nested", { location: "US" }, { parent: inner });
        new gcp.container.Cluster("cluster", { location: "us-central1", deletionProtection: false }, this.child());
        new gcp.storage.BucketIAMMember("grant", { bucket: "b", role: "roles/storage.objectViewer", member: "allUsers" }, this.child());
        this.finish({});
    }
}

async function deploy(protect: boolean) {
    const run = await runProgram({
        project: "k8s-infra", stack: protect ? "prod" : "staging", config: {}, secretKeys: [], preview: true,
        program: async () => { new Careless(protect); },
    });
    const named = (name: string) => run.resources.find(r => r.name === name)!;
    return { named, inputs: (name: string) => named(name).inputs.toJavaScript() as Record<string, unknown> };
}

const guardValues = (type: string, protect: boolean) =>
    Object.fromEntries(Object.entries(STATEFUL_TYPES[type].guards ?? {}).map(([p, g]) => [p, protect ? g.protected : g.unprotected]));

test.each([true, false])("with protect %s, each stateful child gets the table's guards and protect", async protect => {
    const { named, inputs } = await deploy(protect);
    for (const name of ["direct", "nested"]) {
        expect(named(name).protect).toBe(protect);
        expect(inputs(name)).toMatchObject(guardValues(GCP.bucket, protect));
    }
    expect(named("cluster").protect).toBe(protect);
    expect(inputs("cluster")).toMatchObject(guardValues("gcp:container/cluster:Cluster", protect));
    expect(inputs("cluster").deletionProtection).toBe(protect);
});

test("a resource of a type that holds no state is left as its component made it", async () => {
    const { named, inputs } = await deploy(true);
    expect(named("grant").protect).toBe(false);
    expect(Object.keys(inputs("grant")).sort()).toEqual(["bucket", "member", "role"]);
});
