import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ServePlan } from "../serve/index.ts";
import { plannedInstance } from "./_test-fixtures.ts";
import { wholeInstanceTake } from "./whole-instance-take.ts";

const planned = (chipsPerInstance: number, tokensPerSPerChip: number) =>
  plannedInstance({ chipsPerInstance, tokensPerSPerChip });

/** A DeepSeek-V3-on-910C-like split: 256-chip prefill and decode instances, 1 prefill chip per 3 decode chips. */
function split(
  prefillChips = 256,
  decodeChips = 256,
  ratio = 1 / 3,
): Pick<ServePlan, "colocated" | "disaggregated"> {
  return {
    colocated: null,
    disaggregated: {
      prefill: planned(prefillChips, 6000),
      decode: planned(decodeChips, 1000),
      prefillChipsPerDecodeChip: ratio,
      outputTokensPerSPerChip: 1000 / (1 + ratio),
      kvTransferMs: null,
    },
  };
}

describe("wholeInstanceTake()", () => {
  it("serves a tiny share on one prefill and one decode instance, not on one chip", () => {
    const take = wholeInstanceTake(split(), 10, 3072);
    expect(take).toMatchObject({
      mode: "disaggregated",
      chips: 512,
      prefillInstances: 1,
      decodeInstances: 1,
    });
  });

  it("sizes prefill to the decode instances it feeds and never passes the pool", () => {
    // decode instance 256,000 tok/s; a prefill instance feeds 256 x 1000 x 3 = 768,000 tok/s
    const take = wholeInstanceTake(split(), 2_000_000, 3072)!;
    expect([take.prefillInstances, take.decodeInstances]).toEqual([3, 8]);
    expect(take.chips).toBe(11 * 256);
    expect(take.capacityOutputTokensPerS).toBe(2_048_000);
    const capped = wholeInstanceTake(split(), 1e9, 3072)!;
    expect(capped.chips).toBeLessThanOrEqual(3072);
    expect([capped.prefillInstances, capped.decodeInstances]).toEqual([3, 9]);
  });

  it("takes colocated instances when they carry the share on fewer chips", () => {
    const plan = { ...split(), colocated: planned(256, 700) };
    expect(wholeInstanceTake(plan, 100_000, 3072)).toMatchObject({
      mode: "colocated",
      chips: 256,
      instances: 1,
    });
    // 2,000,000 tok/s: 12 colocated instances carry 2,150,400 on 3,072 chips; the split carries it on 2,816
    expect(wholeInstanceTake(plan, 2_000_000, 3072)?.mode).toBe("disaggregated");
  });

  it("counts whole packages when instances take one die of a two-die chip (review 19: 1,467.5 chips)", () => {
    // three single-die (half-package) colocated instances of 1,000 tok/s per chip: 1.5 packages, two in the pool
    const plan = { colocated: planned(0.5, 1000), disaggregated: null };
    const take = wholeInstanceTake(plan, 1400, 64)!;
    expect(take.instances).toBe(3);
    expect(take.chips).toBe(2);
  });

  it("returns null when not one instance fits the pool", () => {
    expect(wholeInstanceTake(split(128, 128), 1000, 96)).toBeNull();
  });

  it("stays within the pool, in whole instances, and carries the share whenever another pair would fit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 64 }),
        fc.double({ min: 0.05, max: 4, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 2000 }),
        (p, d, ratio, share, pool) => {
          const take = wholeInstanceTake(split(p, d, ratio), share, pool);
          if (take === null) return p + d > pool;
          expect(take.chips).toBeLessThanOrEqual(pool);
          expect(take.chips).toBe(take.prefillInstances * p + take.decodeInstances * d);
          if (take.chips + p + d <= pool)
            expect(take.capacityOutputTokensPerS).toBeGreaterThanOrEqual(share * (1 - 1e-9));
          return true;
        },
      ),
    );
  });
});

describe("wholeInstanceTake() at a planned load below full", () => {
  it("plans instances at 95 % of their rate, as serve plan does, and reports that as their capacity", () => {
    // 8 decode instances carry 2,048,000 tok/s at full load: exactly 2,000,000 needs 9 of them at 95 %
    const full = wholeInstanceTake(split(), 2_000_000, 100_000)!;
    const planned = wholeInstanceTake(split(), 2_000_000, 100_000, 0.95)!;
    expect(full.decodeInstances).toBe(8);
    expect(planned.decodeInstances).toBe(9);
    expect(planned.capacityOutputTokensPerS).toBeCloseTo(9 * 256_000 * 0.95, 6);
  });
});

/** The split search walked one decode instance at a time from 1, as it was before the bisection (diff review 20). */
function walkedSplit(plan: Pick<ServePlan, "colocated" | "disaggregated">, share: number, chips: number) {
  const s = plan.disaggregated!;
  const d = s.decode.chipsPerInstance;
  const p = s.prefill.chipsPerInstance;
  const decodeRate = s.decode.tokensPerSPerChip * d;
  const prefillRate = (s.decode.tokensPerSPerChip * p) / s.prefillChipsPerDecodeChip;
  let best: { chips: number; capacity: number; np: number; nd: number } | null = null;
  for (let nd = 1; nd <= Math.floor((chips - p) / d); nd++) {
    const wanted = Math.min(nd * decodeRate, share);
    const needed = Math.max(1, Math.ceil(wanted / prefillRate - 1e-9));
    const np = Math.min(needed, Math.floor((chips - nd * d) / p));
    const take = { chips: np * p + nd * d, capacity: Math.min(np * prefillRate, nd * decodeRate), np, nd };
    const carried = (t: typeof take) => Math.min(t.capacity, share);
    if (
      best === null ||
      (Math.abs(carried(take) - carried(best)) > 1e-9 * Math.max(1, share)
        ? carried(take) > carried(best)
        : take.chips < best.chips)
    )
      best = take;
    if (take.capacity >= share * (1 - 1e-9) || np < needed) break;
  }
  return best;
}

describe("wholeInstanceTake() split search", () => {
  it("wholeInstanceTake() takes what walking one decode instance at a time takes, for any share and pool", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 64 }),
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        fc.integer({ min: 2, max: 20_000 }),
        (prefillChips, decodeChips, ratio, share, chips) => {
          const plan = split(prefillChips, decodeChips, ratio);
          const walked = walkedSplit(plan, share, chips);
          const take = wholeInstanceTake(plan, share, chips);
          if (walked === null) expect(take).toBeNull();
          else {
            expect(take?.decodeInstances).toBe(walked.nd);
            expect(take?.prefillInstances).toBe(walked.np);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  // 10^9 requests/s on a fleet compare took 79 s: the pool sized for latency walked millions of decode instances
  it("wholeInstanceTake() sizes a huge share on unlimited chips at once", () => {
    const take = wholeInstanceTake(split(), 1e12, Number.MAX_SAFE_INTEGER);
    expect(take?.decodeInstances).toBe(Math.ceil(1e12 / 256_000));
    expect(take?.capacityOutputTokensPerS).toBeGreaterThanOrEqual(1e12);
  });
});
