// The SDK's per-promise stack traces skip source maps and keep a few frames; every
// other trace still goes through the prepareStackTrace installed before (ts-node's
// and jest's source-map-support).

import { PROMISE_FRAMES, UNMAPPED_FRAME, leavePromiseStacksUnmapped } from "../../program/promise-stacks";

const saved = Error.prepareStackTrace;
afterEach(() => { if (saved) Error.prepareStackTrace = saved; else delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace; });

/** A stand-in for source-map-support: marks every trace it formats. */
const mapping = (err: Error, frames: NodeJS.CallSite[]) => `MAPPED ${err.message} (${frames.length} frames)`;

function nested(depth: number, make: () => string): string {
    return depth === 0 ? make() : nested(depth - 1, make);
}

// Named as the SDK's function is, so V8 reports it as the trace's top frame.
const sdk: Record<string, () => string> = { [UNMAPPED_FRAME]: () => new Error().stack! };

test("a trace made in debuggablePromise is V8's own format, cut to its first frames; others keep the mapping", () => {
    Error.prepareStackTrace = mapping;
    leavePromiseStacksUnmapped();
    const promise = nested(8, sdk[UNMAPPED_FRAME]);
    expect(promise).not.toContain("MAPPED");
    expect(promise.split("\n")[0]).toBe("Error");
    expect(promise.split("\n").slice(1)).toHaveLength(PROMISE_FRAMES);
    expect(promise.split("\n")[1]).toMatch(new RegExp(`^    at (Object\\.)?${UNMAPPED_FRAME} \\(.*promise-stacks\\.test\\.ts:\\d+:\\d+\\)$`));
    expect(nested(3, () => new Error("boom").stack!)).toMatch(/^MAPPED boom \(\d+ frames\)$/);
});

test("installing twice wraps once; with no prepareStackTrace installed, nothing changes", () => {
    Error.prepareStackTrace = mapping;
    leavePromiseStacksUnmapped();
    const once = Error.prepareStackTrace;
    leavePromiseStacksUnmapped();
    expect(Error.prepareStackTrace).toBe(once);
    delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    leavePromiseStacksUnmapped();
    expect(Error.prepareStackTrace).toBeUndefined();
});
