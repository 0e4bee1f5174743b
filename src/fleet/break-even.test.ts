import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fleetContext } from "./_fleet-context.ts";
import { smallScenario } from "./_test-fixtures.ts";
import { BREAK_EVEN_FACTORS, breakEven, NO_IMPROVEMENT, trainingPointFn } from "./break-even.ts";

const ctx = fleetContext(smallScenario());
const ascend = ctx.usable.find((p) => p.vendor === "ascend")!;
// 384 of the small fleet's 512 910C train 1T tokens in about the 30-day deadline: the factors matter there.
const CHIPS = 384;
const point = trainingPointFn(ctx, ascend, CHIPS);

describe("trainingPointFn()", () => {
  it("trainingPointFn() at no improvement matches the plan search", () => {
    const base = point(NO_IMPROVEMENT);
    expect(base.failureFreeDays).toBeCloseTo(ctx.training(ascend, CHIPS).failureFreeDays, 6);
    // the P50 carries the step-time interval as a log-normal spread around the failure-free time, and failures on
    // top: it sits at or above it, within the sampling noise of the replicas
    expect(base.p50Days).toBeGreaterThan(base.failureFreeDays * 0.97);
    expect(base.p90Days).toBeGreaterThan(base.failureFreeDays * 1.05);
  });

  it("trainingPointFn() never gets worse with a bigger improvement of any factor", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BREAK_EVEN_FACTORS),
        fc.double({ min: 0.25, max: 4, noNaN: true }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        (factor, k, step) => {
          const a = point({ ...NO_IMPROVEMENT, [factor]: k });
          const b = point({ ...NO_IMPROVEMENT, [factor]: k * step });
          expect(b.failureFreeDays).toBeLessThanOrEqual(a.failureFreeDays * (1 + 1e-9));
          expect(b.p50Days).toBeLessThanOrEqual(a.p50Days * (1 + 1e-9));
          expect(b.pDeadline).toBeGreaterThanOrEqual(a.pDeadline);
        },
      ),
      { numRuns: 25, seed: 42 },
    );
  });
});

describe("breakEven()", () => {
  it("breakEven() finds multipliers that meet the deadline and a pair needing no more than its parts", () => {
    const r = breakEven(ctx, ascend, CHIPS, { steps: 6 });
    expect(r.single).toHaveLength(4);
    expect(r.pairs).toHaveLength(6);
    for (const s of [...r.single, ...r.pairs, r.all]) {
      if (s.multiplier !== null) expect(s.at.meetsDeadline).toBe(true);
    }
    // Improving two factors together never needs a larger multiplier than either alone.
    for (const p of r.pairs) {
      for (const f of p.factors) {
        const alone = r.single.find((s) => s.factors[0] === f)!;
        if (alone.multiplier !== null && p.multiplier !== null) {
          expect(p.multiplier).toBeLessThanOrEqual(alone.multiplier * 1.05);
        }
      }
    }
    for (const t of r.tornado) {
      expect(t.high).toBeLessThanOrEqual(t.baseline + 1e-9);
      expect(t.low).toBeGreaterThanOrEqual(t.baseline - 1e-9);
    }
  });
});
