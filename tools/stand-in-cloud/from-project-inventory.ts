// The stand-in cloud's inventory file made from the project's inventory folder
// (`npm run inventory`): every adoptable object, with the properties a Read
// after import gives (model/inventory/cloud-objects.ts), so that the real
// engine's imports in a test find exactly what `npm run adopt` compares with.

import * as fs from "fs";
import * as path from "path";
import { loadInventory } from "../../model/inventory/load";
import { cloudObjects } from "../../model/inventory/cloud-objects";
import { ADOPTABLE_TYPES } from "../../model/import-ids";
import { INVENTORY_FORMAT_VERSION } from "./inventory";

/** Writes the stand-in inventory for `inventoryDir` to `outFile` (JSON); returns how many objects it holds. */
export function writeStandInInventory(inventoryDir: string, outFile: string): number {
    const objects = cloudObjects(loadInventory(inventoryDir, path.basename(inventoryDir)));
    const resources: Record<string, Record<string, unknown>> = {};
    // Groups are known by address only (no import id): the cloud holds them under ids no one knows, so none here.
    for (const o of objects) if (ADOPTABLE_TYPES.includes(o.type)) (resources[o.type] ??= {})[o.id] = o.props;
    const file = { version: INVENTORY_FORMAT_VERSION, description: `made from ${path.basename(inventoryDir)}/ by from-project-inventory.ts`, resources };
    fs.writeFileSync(outFile, JSON.stringify(file));
    return objects.length;
}
