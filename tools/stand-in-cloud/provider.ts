// The stand-in cloud's provider: the resource operations of one package (gcp or
// aws) for @pulumi/pulumi/provider's gRPC server. It behaves as the offline
// check's mocks do (a resource's state is exactly its inputs) and keeps what it
// makes in a state file, so the real engine can preview, update, refresh,
// import and destroy with no cloud:
// - Check returns the inputs unchanged; Diff follows the replace table (diff.ts).
// - Create gives a deterministic id (ids.ts) and returns the inputs as outputs,
//   with the few outputs the real provider computes that the program reads (computed.ts).
// - Read answers from the state file, then the inventory; unknown ids are "not found".
// - Update returns the new inputs; Delete honours deletion guards (protection.ts).
// - Invoke fails: the program reads no data sources. No supportsPreview is
//   reported, so in a preview the engine uses the inputs as the state, as the mocks do.

import type * as provider from "@pulumi/pulumi/provider";
import { parseUrn } from "../../model/urn";
import { withComputed } from "./computed";
import { diffResource } from "./diff";
import { adoptsExisting, deriveId, fallbackId } from "./ids";
import { readInventory } from "./inventory";
import { PackageName, pinnedVersion } from "./package-info";
import { deleteVerdict } from "./protection";
import { Store } from "./store";
import type { Props } from "./values";

export interface StandInProviderOptions {
    pkg: PackageName;
    stateFile: string;
    inventoryFile?: string;
    /** One line per operation (the server writes them to stderr). */
    log?: (line: string) => void;
}

export function standInProvider(opts: StandInProviderOptions): provider.Provider {
    const inventory = opts.inventoryFile ? readInventory(opts.inventoryFile, opts.pkg) : {};
    const store = new Store(opts.stateFile, opts.pkg, inventory);
    const log = opts.log ?? (() => undefined);
    const version = pinnedVersion(opts.pkg);
    const typeOf = (urn: string) => ownType(opts.pkg, urn);
    return {
        version,
        getSchema: async () => JSON.stringify({ name: opts.pkg, version, description: `stand-in cloud for ${opts.pkg}: no schema` }),
        check: async (urn, _olds, news) => {
            typeOf(urn);
            return { inputs: news };
        },
        diff: async (id, urn, olds, news) => {
            const d = diffResource(typeOf(urn), id, olds as Props, news as Props);
            if (d.changes) log(`diff ${urn}: changed ${d.changed.join(", ")}${d.replaces.length ? `; replaces ${d.replaces.join(", ")}` : ""}`);
            return d;
        },
        create: async (urn, inputs) => createResource(store, typeOf(urn), urn, inputs as Props, log),
        read: async (id, urn) => {
            const found = store.find(typeOf(urn), id);
            log(`read ${urn} ${id}: ${found ? `found in ${found.source}` : "not found"}`);
            return found ? { id, props: withComputed(typeOf(urn), id, found.properties), inputs: found.properties } : { id: "", props: {} };
        },
        update: async (id, urn, _olds, news) => {
            const type = typeOf(urn);
            if (!store.find(type, id)) throw new Error(`${type} ${id} does not exist in the stand-in cloud (deleted outside Pulumi?); run pulumi refresh`);
            store.put(type, id, urn, news as Props);
            log(`update ${urn} ${id}`);
            return { outs: withComputed(type, id, news as Props) };
        },
        delete: async (id, urn) => deleteResource(store, typeOf(urn), id, urn, log),
        invoke: async token => {
            throw new Error(`the stand-in cloud for ${opts.pkg} implements no functions: ${token} was invoked ` +
                "(the program is expected to read no data sources)");
        },
    };
}

/** The resource's type token, which must belong to this package. */
function ownType(pkg: PackageName, urn: string): string {
    const type = parseUrn(urn)?.type;
    if (!type) throw new Error(`not a Pulumi URN: ${urn}`);
    if (!type.startsWith(`${pkg}:`)) throw new Error(`the stand-in cloud for ${pkg} was sent ${type} (${urn})`);
    return type;
}

function createResource(store: Store, type: string, urn: string, inputs: Props, log: (l: string) => void): provider.CreateResult {
    const derived = deriveId(type, inputs, urn);
    let id = derived.id;
    if (derived.natural) {
        const existing = store.find(type, id);
        if (existing && !adoptsExisting(type)) {
            const where = existing.source === "inventory" ? "its inventory" : "its state file";
            throw new Error(`${type} ${id} already exists (the stand-in cloud holds it in ${where}); ` +
                `adopt it with: pulumi import '${type}' '${parseUrn(urn)?.name}' '${id}'`);
        }
    } else {
        for (let attempt = 2; store.find(type, id); attempt++) id = fallbackId(urn, attempt);
    }
    store.put(type, id, urn, inputs);
    log(`create ${urn} -> ${id}`);
    return { id, outs: withComputed(type, id, inputs) };
}

async function deleteResource(store: Store, type: string, id: string, urn: string, log: (l: string) => void): Promise<void> {
    const found = store.find(type, id);
    if (!found) {
        log(`delete ${urn} ${id}: already gone`);
        return;
    }
    const verdict = deleteVerdict(type, id, found.properties);
    if (verdict.action === "refuse") {
        log(`delete ${urn} ${id}: refused`);
        throw new Error(verdict.reason);
    }
    if (verdict.action === "delete") store.remove(type, id);
    log(`delete ${urn} ${id}: ${verdict.action === "abandon" ? "abandoned (deletionPolicy ABANDON: left in the cloud)" : "deleted"}`);
}
