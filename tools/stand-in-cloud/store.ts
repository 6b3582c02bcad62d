// What the stand-in cloud holds, as its operations see it: the state file laid
// over the inventory. An object is found in the state first, else in the
// inventory unless the state records it as deleted. Every call reads the state
// file afresh and every change writes it at once (synchronously, so operations
// the engine runs in parallel never interleave inside one).

import { Inventory } from "./inventory";
import { CloudState, readState, writeState } from "./state-file";
import type { Props } from "./values";

export interface HeldObject {
    id: string;
    properties: Props;
    /** Where it was found: created/updated by the stand-in, or only in the inventory. */
    source: "state" | "inventory";
    /** The URN that created or last updated it (state objects only). */
    urn?: string;
}

export class Store {
    constructor(readonly stateFile: string, readonly pkg: string, readonly inventory: Inventory = {}) {}

    find(type: string, id: string): HeldObject | undefined {
        const state = readState(this.stateFile, this.pkg);
        const rec = state.resources[type]?.[id];
        if (rec) return { id, properties: rec.properties, source: "state", urn: rec.urn };
        if (state.deleted[type]?.includes(id)) return undefined;
        const props = this.inventory[type]?.[id];
        return props ? { id, properties: props, source: "inventory" } : undefined;
    }

    /** Records an object as created or updated (and no longer deleted, if it was). */
    put(type: string, id: string, urn: string, properties: Props): void {
        this.change(state => {
            (state.resources[type] ??= {})[id] = { urn, properties };
            const deleted = state.deleted[type]?.filter(d => d !== id);
            if (deleted && deleted.length > 0) state.deleted[type] = deleted;
            else delete state.deleted[type];
        });
    }

    /** Forgets an object; one the inventory lists is recorded as deleted so it stays gone. */
    remove(type: string, id: string): void {
        this.change(state => {
            const byId = state.resources[type];
            if (byId) {
                delete byId[id];
                if (Object.keys(byId).length === 0) delete state.resources[type];
            }
            if (this.inventory[type]?.[id] && !state.deleted[type]?.includes(id)) {
                (state.deleted[type] ??= []).push(id);
            }
        });
    }

    private change(mutate: (state: CloudState) => void): void {
        const state = readState(this.stateFile, this.pkg);
        mutate(state);
        writeState(this.stateFile, state);
    }
}
