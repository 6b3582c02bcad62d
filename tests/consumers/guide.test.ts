// The consumer guide's "What each stack holds" is made from the stack files and the
// roster (tools/docs/consumers.ts), not from a run of the program: here the program
// runs for every stack under mocks, with a frozen fixture roster, and each of its
// outputs must hold exactly the entries (and scalar values) the guide lists, and no
// output may be a secret (the guide's read-access section says none is).

import * as path from "path";
import { main } from "../../program/main";
import { loadRoster } from "../../model/roster/load";
import { contractFields } from "../../model/outputs";
import { readStackConfig } from "../../tools/stack-config/stack-config";
import { runProgram, SECRET_SIG_KEY, UNKNOWN } from "../../tools/check/run-program";
import { stackNames } from "../../tools/cli-kit/stack-args";
import { StackEntries, stackEntries } from "../../tools/docs/consumers";
import { WHOLE_STACK_MS } from "../helpers/timeouts";

const ROOT = path.resolve(__dirname, "../..");
/** A frozen copy of roster/ as it shipped: edits to the live roster do not reach these tests. */
const ROSTER_FIXTURE = path.join(ROOT, "tests", "fixtures", "sample-roster");

const at = (o: unknown, dotted: string): unknown => dotted.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);

test("the guide lists every stack", () => {
    expect(stackNames(ROOT)).toEqual(expect.arrayContaining(["prod", "staging"]));
});

describe.each(stackNames(ROOT))("the %s stack", stack => {
    let outputs: Record<string, unknown>;
    let listed: StackEntries;
    beforeAll(async () => {
        const cfg = readStackConfig(ROOT, stack);
        ({ outputs } = await runProgram({
            project: cfg.project, stack, config: { ...cfg.config, "k8s-infra:roster": ROSTER_FIXTURE }, secretKeys: cfg.secretKeys,
            preview: false, program: () => main(ROOT),
        }));
        listed = stackEntries(loadRoster(ROSTER_FIXTURE, "tests/fixtures/sample-roster"), ROOT, stack);
    }, WHOLE_STACK_MS);

    test("each map output has exactly the entries the guide lists", () => {
        const maps = contractFields().filter(f => f.type.startsWith("map of")).map(f => f.path);
        expect(maps.length).toBeGreaterThan(5);
        const exported = Object.fromEntries(maps.map(p => [p, Object.keys((at(outputs, p) ?? {}) as object).sort()]));
        expect(Object.fromEntries(maps.map(p => [p, listed.keys[p] ?? []]))).toEqual(exported);
        expect(exported.buckets.length).toBeGreaterThan(0);
    });

    test("each scalar the guide shows has the value the program exports", () => {
        const values = Object.entries(listed.values);
        expect(values.length).toBeGreaterThanOrEqual(4);
        for (const [p, value] of values) expect({ [p]: at(outputs, p) }).toEqual({ [p]: value });
    });

    test("no output is a secret, and none is unknown after an update", () => {
        const text = JSON.stringify(outputs);
        expect(text).not.toContain(SECRET_SIG_KEY);
        expect(text).not.toContain(UNKNOWN);
    });
});
