import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluatePlan, planViolations } from "./evaluate-plan.ts";
import type { Plan } from "./plan.ts";
import { forEachPlan } from "./plan-space.ts";
import { noPlanReason, noPlanText, searchPlans, whyItLoses } from "./search-plans.ts";
import { fixtureContext } from "./test-fixtures.ts";

/** Llama 3.1 8B on 64 H100, 8K sequences, 256 a step: the plain job most tests search. */
const llama8bOn64 = () =>
  fixtureContext({
    model: "llama-3.1-8b",
    chip: "nvidia-h100-sxm",
    count: 64,
    seqLen: 8192,
    globalBatchTokens: 8192 * 256,
  });

describe("searchPlans()", () => {
  const ctx = llama8bOn64();

  it("returns fitting plans ranked by step time, with counts that add up", () => {
    const r = searchPlans(ctx, {}, { top: 5 });
    expect(r.best.length).toBe(5);
    const times = r.best.map((b) => b.step!.stepTimeS);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(r.prunedInvalid + r.prunedMemory + r.costed).toBe(r.enumerated);
    expect(r.best.every((b) => b.valid)).toBe(true);
    expect(r.best[1]!.advisories[0]!.code).toBe("runner-up");
  });

  it("is never worse than any plan it enumerated (property)", () => {
    const plans: Plan[] = [];
    forEachPlan(ctx, {}, (p) => plans.push(p));
    const best = searchPlans(ctx, {}, { top: 1 }).best[0]!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: plans.length - 1 }), (i) => {
        const e = evaluatePlan(ctx, plans[i]!);
        return !e.valid || e.step!.stepTimeS >= best.step!.stepTimeS - 1e-12;
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the fields a caller fixes", () => {
    const r = searchPlans(ctx, { tp: 2, recompute: "full" }, { top: 3 });
    expect(r.best.every((b) => b.plan.tp === 2 && b.plan.recompute === "full")).toBe(true);
  });

  it("says why a plan is invalid", () => {
    const v = planViolations(ctx, {
      tp: 3,
      pp: 1,
      dp: 20,
      cp: 1,
      ep: 2,
      vpp: 1,
      microBatch: 1,
      recompute: "none",
      zero: 1,
      sequenceParallel: true,
      schedule: "1f1b",
    });
    const codes = v.map((x) => x.code);
    expect(codes).toContain("degrees-product");
    expect(codes).toContain("tp-heads");
    expect(codes).toContain("ep-dense");
  });

  it("refuses interleaved and DualPipe schedules with too few micro-batches for their stages", () => {
    // 256 sequences over DP 8 x micro-batch 8 = 4 micro-batches per pipeline
    const base: Plan = {
      tp: 2,
      pp: 4,
      dp: 8,
      cp: 1,
      ep: 1,
      vpp: 2,
      microBatch: 8,
      recompute: "none",
      zero: 1,
      sequenceParallel: true,
      schedule: "interleaved",
    };
    const codes = (p: Plan) => planViolations(ctx, p).map((x) => x.code);
    expect(codes(base)).not.toContain("interleaved-micro-batches");
    expect(codes({ ...base, microBatch: 16 })).toContain("interleaved-micro-batches"); // 2 on 4 stages
    expect(codes({ ...base, microBatch: 32, dp: 4, pp: 8 })).toContain("interleaved-micro-batches"); // 2 on 8
    const dual: Plan = { ...base, vpp: 1, schedule: "dualpipe", microBatch: 4 }; // 8 micro-batches
    expect(codes(dual)).not.toContain("dualpipe-micro-batches");
    expect(codes({ ...dual, microBatch: 8 })).toContain("dualpipe-micro-batches"); // 4 < 2 x 4
    // every plan the search returns runs as scheduled
    for (const b of searchPlans(ctx, {}, { top: 50 }).best) {
      const m = ctx.sequences / (b.plan.dp * b.plan.microBatch);
      if (b.plan.schedule === "interleaved") expect(m % b.plan.pp).toBe(0);
      if (b.plan.schedule === "dualpipe") expect(m).toBeGreaterThanOrEqual(2 * b.plan.pp);
    }
  });

  it("says why no split of the ranks exists, and plans an odd sequence length without context parallelism", () => {
    const odd = fixtureContext({
      model: "llama-3.1-8b",
      chip: "nvidia-h100-sxm",
      count: 1000,
      seqLen: 8192,
      globalBatchTokens: 8192 * 512,
    });
    const r = searchPlans(odd, {}, { top: 1 });
    expect(r.enumerated).toBe(0);
    expect(r.firstViolation?.code).toBe("no-split");
    expect(r.firstViolation?.message).toContain(
      "DP must divide the 512 sequences of the global batch (1, 2, 4, 8 here)",
    );
    // a count the user has beside one to grow to (QA 40: 1,024 only)
    expect(r.firstViolation?.hint).toContain("(e.g. 512 or 1024)");
    // with a field fixed, the fixed fields are named instead of the split
    const fixed = searchPlans(odd, { microBatch: 3 }, { top: 1 });
    expect(fixed.firstViolation?.code).toBe("no-plan-with-fixed");
    expect(fixed.firstViolation?.message).toContain("microBatch 3");
    // noPlanReason: the nearest plan's lack first, then the search's first violation, then the rules
    expect(noPlanReason(r)).toBe(r.firstViolation);
    expect(noPlanReason({ nearest: null, firstViolation: null }).code).toBe("no-plan");
    // a nearest plan that overflows memory is named in the message (review 19)
    const tooBig = searchPlans(
      fixtureContext({
        model: "llama-3.1-405b",
        chip: "nvidia-h100-sxm",
        count: 8,
        seqLen: 8192,
        globalBatchTokens: 8192 * 8,
      }),
      {},
      { top: 1 },
    );
    expect(tooBig.best).toEqual([]);
    expect(noPlanReason(tooBig).message).toMatch(
      /^Cannot fit Llama 3\.1 405B on nvidia-h100-sxm: even the plan needing least memory, TP\d+ PP\d+ DP\d+ .+, needs [\d.]+ GiB per chip, has 80\.0 GiB$/,
    );
    // after "Cannot train X on N x chip: " the CLI's tail does not say it again (QA 27)
    expect(noPlanText(tooBig)).toMatch(/^even the plan needing least memory, TP\d+ .+ \(raise TP\/PP\/EP/);
    const oddSeq = fixtureContext({
      model: "llama-3.1-8b",
      chip: "nvidia-h100-sxm",
      count: 8,
      seqLen: 4095,
      globalBatchTokens: 4095 * 64,
    });
    const plans = searchPlans(oddSeq, {}, { top: 3 });
    expect(plans.best.length).toBeGreaterThan(0);
    expect(plans.best.every((b) => b.plan.cp === 1)).toBe(true);
  });

  it("reports the nearest plan when nothing fits", () => {
    const tiny = fixtureContext({
      model: "llama-3.1-405b",
      chip: "nvidia-h100-sxm",
      count: 8,
      seqLen: 8192,
      globalBatchTokens: 8192 * 8,
    });
    const r = searchPlans(tiny, {}, { top: 3 });
    expect(r.best).toEqual([]);
    expect(r.nearest?.violations.map((v) => v.code)).toContain("out-of-memory");
    expect(r.nearest?.violations[0]?.message).toMatch(/^Cannot fit .* needs .* GiB per chip, has 80\.0 GiB$/);
  });

  it("names the constraint when fixed fields cannot work, without enumerating the space", () => {
    expect(searchPlans(ctx, { tp: 3 }).firstViolation?.message).toMatch(
      /Cannot use the fixed degrees \(product 3\) on 64 ranks/,
    );
    const ep = searchPlans(ctx, { ep: 4 });
    expect(ep.best).toEqual([]);
    expect(ep.firstViolation?.message).toBe("Cannot use EP=4 on a dense model");
  });
});

describe("forEachPlan() tensor parallelism and the scale-up domain", () => {
  it("never offers a TP group that straddles a server (12 H100 in 8-GPU servers: no TP 6, no TP 12)", () => {
    const ctx = fixtureContext({
      model: "megatron-gpt-1.7b-sc21",
      chip: "nvidia-h100-sxm",
      count: 12,
      seqLen: 2048,
      globalBatchTokens: 1_572_864,
    });
    const tps = new Set<number>();
    forEachPlan(ctx, {}, (p) => tps.add(p.tp));
    expect([...tps].sort((a, b) => a - b)).toEqual([1, 2, 4]);
  });
});

describe("whyItLoses()", () => {
  const [best] = searchPlans(llama8bOn64(), {}, { top: 1 }).best;

  it("whyItLoses() names the part that costs a slower plan most, and calls a tie a tie (review 19)", () => {
    const b = best!;
    const slower = {
      ...b,
      step: { ...b.step!, bubbleS: b.step!.bubbleS + 0.5, stepTimeS: b.step!.stepTimeS + 0.5 },
    };
    expect(whyItLoses(b, slower).message).toMatch(
      /^\d+\.\d % slower than .*: pipeline bubble \+0\.500 s per step$/,
    );
    expect(whyItLoses(b, { ...b }).message).toMatch(/^as fast as .* \(within 0\.05 %\): ranked after it$/);
  });
});

describe("searchPlans() fixed schedules (review 19)", () => {
  const llama405 = fixtureContext({
    model: "llama-3.1-405b",
    chip: "nvidia-h100-sxm",
    count: 16384,
    seqLen: 8192,
    globalBatchTokens: 8192 * 2048,
  });

  it("searchPlans() places Llama 3 405B's 126 layers on 16 x 8 interleaved chunks, the first and last holding the embedding and head", () => {
    const r = searchPlans(llama405, { tp: 8, pp: 16, cp: 1, vpp: 8, schedule: "interleaved" }, { top: 1 });
    expect(r.best[0]?.plan.vpp).toBe(8);
    // nine chunks a rank (144) would leave 18 without a layer: refused, the rule named
    const nine = searchPlans(llama405, { tp: 8, pp: 16, cp: 1, vpp: 9, schedule: "interleaved" }, { top: 1 });
    expect(nine.best).toEqual([]);
    expect(noPlanReason(nine).message).toMatch(
      /^Cannot use 9 virtual stages on PP=16: 126 layers do not fill 144 chunks/,
    );
  });

  it("searchPlans() names a schedule the stack does not implement rather than the divisibility rules", () => {
    const r = searchPlans(llama405, { schedule: "dualpipe" }, { top: 1 });
    expect(r.fixedInvalid).toBe(true);
    expect(r.firstViolation?.code).toBe("schedule-not-in-stack");
    expect(r.firstViolation?.message).toMatch(/the stack implements 1f1b, interleaved/);
  });
});
