// The bench's cost model and its judgement (tools/bench/figures.ts): the line through
// the synthetic stacks gives the cost per resource and the fixed cost exactly when the
// points lie on a line, and a figure is within or over its goal by what it says.

import { GOAL, against, costModel } from "../../tools/bench/figures";

test("the cost model of points on a line is that line", () => {
    const line = (resources: number) => ({ resources, seconds: 1.5 + resources * 0.004 });
    const model = costModel([line(100), line(1000), line(4000)])!;
    expect(model.perResource).toBeCloseTo(0.004, 9);
    expect(model.fixed).toBeCloseTo(1.5, 9);
});

test("the cost model needs two sizes", () => {
    expect(costModel([{ resources: 10, seconds: 1 }])).toBeUndefined();
    expect(costModel([{ resources: 10, seconds: 1 }, { resources: 10, seconds: 2 }])).toBeUndefined();
});

test("a figure says by how much it is within or over its goal", () => {
    expect(against(0.5, GOAL.perResourceMs, "≤", " ms", 2)).toEqual({ met: true, text: "goal ≤ 0.8 ms: within, 0.30 ms to spare" });
    expect(against(3.8, GOAL.perResourceMs, "≤", " ms", 2)).toEqual({ met: false, text: "goal ≤ 0.8 ms: over by 3.00 ms" });
    expect(against(10, GOAL.prodSeconds, "<", " s", 2).met).toBe(false);
    expect(against(1.5, GOAL.inProcessRatio, "≤", "", 1).met).toBe(true);
});
