// Two fixes to how @pulumi/pulumi's provider server (3.248.0) speaks to the
// engine, made on the generated message classes of this process (no file in
// node_modules changes):
//
// 1. Absent request structs. The server calls `req.getProperties().toJavaScript()`
//    (and the same on olds, news, args) unchecked, but the engine leaves some
//    out: `pulumi import` sends a ReadRequest with no properties, which crashed
//    the server ("Cannot read properties of undefined (reading 'toJavaScript')").
//    Those getters now return an empty struct instead of undefined.
// 2. "Not found" on Read. The engine takes a Read answer with an empty id as
//    gone on refresh, but on import it looks for *no properties at all*
//    (pkg/resource/deploy/step.go); the server always sends a struct, so an
//    import of an unknown id failed with "provider does not support importing
//    resources". A ReadResponse whose id is empty now carries no properties, as
//    real providers answer, and the import says "resource '<id>' does not exist".

import * as path from "path";
import type * as provT from "@pulumi/pulumi/proto/provider_pb";
import type { Struct as StructT } from "google-protobuf/google/protobuf/struct_pb";

const provproto = require("@pulumi/pulumi/proto/provider_pb") as typeof provT;
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", {
    paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))],
})) as { Struct: typeof StructT };

/** The request classes and the struct getters the server dereferences. */
const REQUEST_GETTERS: Record<string, string[]> = {
    CheckRequest: ["getOlds", "getNews"],
    DiffRequest: ["getOlds", "getNews"],
    CreateRequest: ["getProperties"],
    ReadRequest: ["getProperties"],
    UpdateRequest: ["getOlds", "getNews"],
    DeleteRequest: ["getProperties"],
    InvokeRequest: ["getArgs"],
};

type Methods = Record<string, (...args: unknown[]) => unknown>;
let applied = false;

function method(cls: string, name: string): { proto: Methods; original: (...args: unknown[]) => unknown } {
    const proto = (provproto as unknown as Record<string, { prototype: Methods }>)[cls].prototype;
    const original = proto[name];
    if (typeof original !== "function") throw new Error(`@pulumi/pulumi's ${cls} has no ${name}: server-fixes.ts needs updating`);
    return { proto, original };
}

export function applyServerFixes(): void {
    if (applied) return;
    applied = true;
    for (const [cls, getters] of Object.entries(REQUEST_GETTERS)) {
        for (const getter of getters) {
            const { proto, original } = method(cls, getter);
            proto[getter] = function (this: unknown) {
                return original.call(this) ?? new Struct();
            };
        }
    }
    const { proto, original } = method("ReadResponse", "setProperties");
    proto.setProperties = function (this: provT.ReadResponse, value: unknown) {
        return this.getId() === "" ? this : original.call(this, value);
    };
}
