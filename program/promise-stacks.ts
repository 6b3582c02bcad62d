// Pulumi's Node.js SDK records a stack trace on every promise it makes
// (runtime/debuggable.js debuggablePromise: `new Error().stack`, about ten per
// resource), and reads it only to name a promise that leaked when the program ends.
// Under ts-node (the language host with `typescript: true`) and under jest, both of
// which install source-map-support, each of those traces is mapped frame by frame
// through the source maps. Measured on prod's 3306 resources in a real preview
// (`npm run preview:local -- --stack prod`, CPU profile of the program): 14.8 s of the
// program's 40 busy seconds went to mapping them, and formatting all ten frames of each
// without maps still took 1.8 s. Those traces keep their first PROMISE_FRAMES frames,
// formatted as V8 does by default (transpiled positions: the SDK call that made the
// promise and its callers, enough to find a leak); every other stack trace (an error a
// person reads, a resource's source position) keeps all its frames and its mapping to
// the TypeScript lines. (The offline check's runProgram drops those traces altogether.)

/** The function of Pulumi's SDK whose traces are left unmapped. */
export const UNMAPPED_FRAME = "debuggablePromise";

/** How many frames a promise's trace keeps. */
export const PROMISE_FRAMES = 4;

type Prepare = (err: Error, frames: NodeJS.CallSite[]) => unknown;

/** V8's own format of a stack: the error's first line, then one "    at <frame>" per frame. */
export function defaultStack(err: Error, frames: readonly NodeJS.CallSite[]): string {
    const head = err.message ? `${err.name}: ${err.message}` : err.name;
    return [head, ...frames.map(f => `    at ${f.toString()}`)].join("\n");
}

/**
 * Installs, once, a prepareStackTrace that formats the SDK's promise traces without
 * source maps and hands every other trace to the one installed before it. Does
 * nothing when none is installed (plain Node already formats them cheaply).
 */
export function leavePromiseStacksUnmapped(): void {
    const mapped = Error.prepareStackTrace as Prepare | undefined;
    if (!mapped || (mapped as { unmapsPromises?: boolean }).unmapsPromises) return;
    const prepare: Prepare = (err, frames) =>
        frames[0]?.getFunctionName() === UNMAPPED_FRAME ? defaultStack(err, frames.slice(0, PROMISE_FRAMES)) : mapped(err, frames);
    Object.defineProperty(prepare, "unmapsPromises", { value: true });
    Error.prepareStackTrace = prepare;
}
