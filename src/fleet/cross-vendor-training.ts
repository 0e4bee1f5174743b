import type { TrainingAssignment } from "./_assemble-strategy.ts";
import { type FleetContext, NO_SPREAD, type ResolvedPool } from "./_fleet-context.ts";
import type { FleetAdvisory } from "./fleet-advisory.ts";

/** One vendor's segment of a cross-vendor pipeline. */
export interface CrossVendorSegment {
  pool: ResolvedPool;
  count: number;
}

/**
 * One training job over two pools of different vendors (EXPERIMENTAL). No collective library spans NCCL and
 * HCCL, so each vendor runs a contiguous block of layers as its own pipeline segment (its own TP/EP/DP inside,
 * its best single-vendor plan), and activations cross between the segments point-to-point over the scale-out
 * network. A simple model, stated as such:
 * - each segment's speed is its pool's whole-model throughput divided by its share of the layers; layers are
 *   split in whole layers so that the slower segment sets the pace (max over k of min(T_a·L/k, T_b·L/(L−k)));
 * - the cross-vendor hop adds one pipeline stage to the bubble: x m/(m+1) with m micro-batches per step
 *   (1F1B bubble (p−1)/(m+p−1), Narayanan et al. SC'21 §2.2, one stage more);
 * - the hop carries the hidden state forward and its gradient backward, 2 x hidden x 2 bytes (BF16) per token,
 *   over the NICs of one layer's worth of chips on the thinner side; that rate caps the job (sends overlap
 *   compute in 1F1B, so it is a cap, not an addition);
 * - a failure on either side stops the whole job: the second segment's mean time lost to failures is added to the
 *   first segment's work before its Monte Carlo (a conservative approximation), whose failure-free time takes the
 *   wider of the two families' step-time spreads.
 */
export function crossVendorTraining(
  ctx: FleetContext,
  a: CrossVendorSegment,
  b: CrossVendorSegment,
): TrainingAssignment {
  const ta = ctx.training(a.pool, a.count);
  const tb = ctx.training(b.pool, b.count);
  const advisories: FleetAdvisory[] = [
    ...ta.advisories,
    ...tb.advisories,
    {
      code: "cross-vendor-experimental",
      message: `Experimental: one job over ${a.pool.chip.id} and ${b.pool.chip.id}; no collective library spans both vendors, segments are joined point-to-point over the scale-out network`,
      hint: "no public run has done this at scale; treat the figures as an optimistic sketch",
    },
  ];
  if (ta.precision !== tb.precision) {
    advisories.push({
      code: "cross-vendor-precision",
      message: `The segments train in different precisions (${ta.precision} on ${a.pool.chip.id}, ${tb.precision} on ${b.pool.chip.id})`,
      hint: "mixed FP8/BF16 layers change the numerics of the run; validate the loss curve first",
    });
  }
  const L = ctx.arch.numLayers;
  const conf = ctx.scenario.training.deadline_confidence;
  const failure = ta.failure ?? tb.failure;
  let rate = 0;
  let shareA = 0;
  if (failure === null && ta.tokensPerS > 0 && tb.tokensPerS > 0) {
    for (let k = 1; k < L; k++) {
      const r = Math.min((ta.tokensPerS * L) / k, (tb.tokensPerS * L) / (L - k));
      if (r > rate) {
        rate = r;
        shareA = k / L;
      }
    }
    const m = Math.min(ta.plans[0]?.step?.microBatches ?? 1, tb.plans[0]?.step?.microBatches ?? 1);
    rate *= m / (m + 1);
    const nic = Math.min(a.pool.chip.scaleOut.chipGbps ?? 0, b.pool.chip.scaleOut.chipGbps ?? 0);
    const boundaryChips = Math.max(
      1,
      Math.floor(Math.min(a.count / (shareA * L), b.count / ((1 - shareA) * L))),
    );
    const hopRate = nic > 0 ? (boundaryChips * nic * 1e9) / 8 / (2 * ctx.arch.hiddenSize * 2) : 0;
    if (hopRate < rate) {
      advisories.push({
        code: "cross-vendor-hop-bound",
        message: `The cross-vendor hop caps the job at ${Math.round(hopRate)} tokens/s (${boundaryChips} chips' NICs at ${nic} Gb/s)`,
        hint: "more scale-out bandwidth between the two pools",
      });
      rate = hopRate;
    }
  }
  const tokens = ctx.scenario.training.tokens;
  const failureFreeDays = rate > 0 ? tokens / rate / 86_400 : Number.POSITIVE_INFINITY;
  // the second segment's failures alone (its run without the step-time spread), and the job's spread once, the wider
  // of the two families' (review 24b: relB's mean carried its spread's mean inflation, which relA's run spread
  // again: 3.33 days added for the story's 256 910C over 42.6 failure-free days, of which 0.46 were failures)
  const relB = ctx.reliability(b.pool, b.count, failureFreeDays, 1, NO_SPREAD);
  const extra = Number.isFinite(relB.meanDays) ? relB.meanDays - failureFreeDays : 0;
  const sa = ctx.trainDaysSpread(a.pool);
  const sb = ctx.trainDaysSpread(b.pool);
  const spread = sa.logSigma >= sb.logSigma ? sa : sb;
  const relA = ctx.reliability(a.pool, a.count, failureFreeDays + extra, 1, spread);
  const part = (seg: CrossVendorSegment, t: typeof ta, share: number) => ({
    pool: seg.pool.name,
    chip: seg.pool.chip.id,
    chips: seg.count,
    stackId: t.stackId,
    precision: t.precision,
    plan: t.plans[0]?.plan ?? null,
    tokensPerSPerChip: rate > 0 ? rate / (a.count + b.count) : 0,
    mfu: null,
    layerShare: share,
  });
  return {
    outcome: {
      parts: [part(a, ta, shareA), part(b, tb, 1 - shareA)],
      chips: a.count + b.count,
      failureFreeDays,
      p50Days: relA.p50Days,
      p90Days: relA.p90Days,
      confidenceDays: relA.confidenceDays,
      pDeadline: relA.pDeadline,
      meetsDeadline: failure === null && rate > 0 && relA.pDeadline >= conf,
      failure: failure === null ? (rate > 0 ? null : "a segment has no throughput") : failure,
    },
    chipsByPool: new Map([
      [a.pool.name, a.count],
      [b.pool.name, b.count],
    ]),
    advisories,
  };
}
