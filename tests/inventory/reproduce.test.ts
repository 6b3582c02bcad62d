// The committed inventory/ is what `npm run inventory` makes of the k8s.io
// snapshot it was generated from and of this repository's declared/, byte for byte: run it again on that snapshot
// (K8SIO_SNAPSHOT, else ../shared/k8sio/2023-07 next to the checkout, else
// /work/shared/k8sio/2023-07 on this kind of machine) and compare.

import * as fs from "fs";
import * as path from "path";
import { ROOT, inventory, snapshot, tempDir } from "./helpers";

const SNAPSHOT = [process.env.K8SIO_SNAPSHOT, path.resolve(ROOT, "../shared/k8sio/2023-07"), "/work/shared/k8sio/2023-07"]
    .find((p): p is string => !!p && fs.existsSync(p)) ?? path.resolve(ROOT, "../shared/k8sio/2023-07");
const COMMITTED = path.join(ROOT, "inventory");
const why = !fs.existsSync(SNAPSHOT) ? `skipped: ${path.relative(ROOT, SNAPSHOT)} is not here`
    : !fs.existsSync(COMMITTED) ? "skipped: no committed inventory/ yet" : "";

(why ? test.skip : test)(`inventory/ reproduces byte for byte from the 2023-07 k8s.io snapshot${why ? ` (${why})` : ""}`, () => {
    const tmp = tempDir("reproduce");
    try {
        const out = path.join(tmp, "inventory");
        const run = inventory(["--from", SNAPSHOT, "--out", out, "--declared", "declared"]);
        expect([run.code, run.stderr]).toEqual([0, ""]);
        const fresh = snapshot(out);
        const committed = snapshot(COMMITTED);
        expect([...committed.keys()]).toEqual([...fresh.keys()]);
        const differing = [...fresh.keys()].filter(k => fresh.get(k) !== committed.get(k));
        expect(differing).toEqual([]);
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
});
