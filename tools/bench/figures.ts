// The bench's goals, in one place, and the figures judged against them: the real prod
// stack's seconds and each growth step (the README's), and issue 12's cost model of
// the check: a fixed cost plus a cost per resource (a least-squares line through the
// synthetic stacks, whose check runs in a process that has the SDKs loaded already),
// the whole process of a 700-resource stack that model and the measured start-up
// give, and the pack phase against the same policies run in-process.

/** The goals the figures are held to (the README's Speed section quotes the results). */
export const GOAL = {
    /** The real prod stack is checked in under this many seconds. */
    prodSeconds: 10,
    /** 10x the resources cost at most 12x the time: time growth over resource growth, at most this. */
    growth: 1.2,
    /** Each further resource costs at most this many milliseconds. */
    perResourceMs: 0.8,
    /** A stack of REFERENCE_RESOURCES checks as a whole process (start-up included) in at most this many seconds. */
    referenceSeconds: 3,
    /** The pack phase takes at most this many times the same policies run in-process. */
    inProcessRatio: 1.5,
};
/** About the size of the prod stack before the real estate: the stack the referenceSeconds goal is for. */
export const REFERENCE_RESOURCES = 700;

/** A figure against its goal: the text for it, and whether it meets the goal; `figure` names it in the verdict. */
export interface Judged { text: string; met: boolean; figure?: string }

/** "goal < 10 s: within, 5.01 s to spare" or "goal ≤ 1.2: over by 0.31". */
export function against(value: number, limit: number, sign: "<" | "≤", unit: string, digits: number): Judged {
    const met = sign === "<" ? value < limit : value <= limit;
    const gap = Math.abs(limit - value).toFixed(digits) + unit;
    return { met, text: `goal ${sign} ${limit}${unit}: ${met ? `within, ${gap} to spare` : `over by ${gap}`}` };
}

/** The least-squares line through (resources, seconds): seconds per resource and the seconds at none. */
export function costModel(points: { resources: number; seconds: number }[]): { perResource: number; fixed: number } | undefined {
    if (points.length < 2) return undefined;
    const n = points.length;
    const mx = points.reduce((a, p) => a + p.resources, 0) / n;
    const my = points.reduce((a, p) => a + p.seconds, 0) / n;
    const sxx = points.reduce((a, p) => a + (p.resources - mx) ** 2, 0);
    if (sxx === 0) return undefined;
    const perResource = points.reduce((a, p) => a + (p.resources - mx) * (p.seconds - my), 0) / sxx;
    return { perResource, fixed: my - perResource * mx };
}
