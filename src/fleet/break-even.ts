import { defaultCollectiveEfficiency } from "../hw/index.ts";
import { evaluatePlan, jobContext, type TrainEfficiency } from "../train/index.ts";
import type { FleetContext, ResolvedPool } from "./_fleet-context.ts";
import type { FleetAdvisory } from "./fleet-advisory.ts";

/** What Ascend could improve. */
export const BREAK_EVEN_FACTORS = [
  "failure_rate",
  "scale_up_bandwidth",
  "scale_out_bandwidth",
  "stack_efficiency",
] as const;
export type BreakEvenFactor = (typeof BREAK_EVEN_FACTORS)[number];

/** Improvement of each factor (1 = as today; 2 = twice as good: half the failure rate, twice the bandwidth...). */
export type Improvements = Readonly<Record<BreakEvenFactor, number>>;

export const NO_IMPROVEMENT: Improvements = {
  failure_rate: 1,
  scale_up_bandwidth: 1,
  scale_out_bandwidth: 1,
  stack_efficiency: 1,
};

export interface TrainingPoint {
  failureFreeDays: number;
  p50Days: number;
  p90Days: number;
  pDeadline: number;
  meetsDeadline: boolean;
}

/** One tornado row: P50 wall days with the factor at `lowMultiplier` (worse) and `highMultiplier` (better). */
export interface TornadoRow {
  factor: BreakEvenFactor;
  low: number;
  high: number;
  baseline: number;
  lowMultiplier: number;
  highMultiplier: number;
}

/** The smallest improvement (of one factor, or of two together) that lets the job meet the deadline. */
export interface BreakEven {
  factors: BreakEvenFactor[];
  /**
   * The multiplier where the deadline starts to be met: > 1 is an improvement needed, < 1 is headroom (the job
   * still meets the deadline with the factor that much worse); null when not reached within the range.
   */
  multiplier: number | null;
  /** "needed", "headroom", "beyond-range" (not met even at the range's top) or "always" (met at its bottom). */
  status: "needed" | "headroom" | "beyond-range" | "always";
  /** The training point at the break-even multiplier (or the range's top when beyond it). */
  at: TrainingPoint;
}

export interface BreakEvenResult {
  pool: string;
  chips: number;
  baseline: TrainingPoint;
  single: BreakEven[];
  pairs: BreakEven[];
  /** All four factors improved together by the same multiplier. */
  all: BreakEven;
  tornado: TornadoRow[];
  /** Multipliers searched: [min, max]; bisection steps per search. */
  range: [number, number];
  steps: number;
  advisories: FleetAdvisory[];
}

export interface BreakEvenOptions {
  /** Multiplier range searched (default [1/8, 8]). */
  range?: [number, number];
  /** Bisection steps in log space (default 8: the ratio 64 narrowed to within 1.7 %). */
  steps?: number;
  /** Tornado multipliers: worse and better (default 0.5 and 2). */
  tornado?: [number, number];
}

/**
 * "What would Ascend need": for the training job on `count` chips of `pool`, the smallest improvement of the
 * failure rate, the scale-up and scale-out bandwidths and the stack efficiency (compute scale of the GEMM and
 * attention kernels, capped at 0.98 of peak like the calibration's scale), one at a time and in pairs, that makes
 * P(finish by deadline) reach the scenario's confidence. The plans of the baseline search are re-costed under the
 * improved hardware (the best of the top plans is kept), so every factor acts monotonically on the step time; the
 * Monte Carlo uses the scenario's seed for every point (common random numbers), and bisection runs in log space.
 */
export function breakEven(
  ctx: FleetContext,
  pool: ResolvedPool,
  count: number,
  options: BreakEvenOptions = {},
): BreakEvenResult {
  const range = options.range ?? [1 / 8, 8];
  const steps = options.steps ?? 8;
  const [worse, better] = options.tornado ?? [0.5, 2];
  const evaluate = trainingPointFn(ctx, pool, count);
  const baseline = evaluate(NO_IMPROVEMENT);
  const advisories: FleetAdvisory[] = [];
  const search = (factors: BreakEvenFactor[]): BreakEven => {
    const at = (k: number) => evaluate(withFactors(factors, k));
    const lo0 = at(range[0]);
    if (lo0.meetsDeadline) return { factors, multiplier: range[0], status: "always", at: lo0 };
    const hi0 = at(range[1]);
    if (!hi0.meetsDeadline) return { factors, multiplier: null, status: "beyond-range", at: hi0 };
    let lo = Math.log(range[0]);
    let hi = Math.log(range[1]);
    let hiPoint = hi0;
    for (let i = 0; i < steps; i++) {
      const mid = (lo + hi) / 2;
      const p = at(Math.exp(mid));
      if (p.meetsDeadline) {
        hi = mid;
        hiPoint = p;
      } else lo = mid;
    }
    const multiplier = Math.exp(hi);
    return { factors, multiplier, status: multiplier > 1 ? "needed" : "headroom", at: hiPoint };
  };
  const single = BREAK_EVEN_FACTORS.map((f) => search([f]));
  const pairs: BreakEven[] = [];
  for (let i = 0; i < BREAK_EVEN_FACTORS.length; i++) {
    for (let j = i + 1; j < BREAK_EVEN_FACTORS.length; j++) {
      pairs.push(search([BREAK_EVEN_FACTORS[i]!, BREAK_EVEN_FACTORS[j]!]));
    }
  }
  const all = search([...BREAK_EVEN_FACTORS]);
  const tornado = BREAK_EVEN_FACTORS.map((factor) => ({
    factor,
    low: evaluate(withFactors([factor], worse)).p50Days,
    high: evaluate(withFactors([factor], better)).p50Days,
    baseline: baseline.p50Days,
    lowMultiplier: worse,
    highMultiplier: better,
  }));
  if (ctx.training(pool, count).efficiency === null) {
    advisories.push({
      code: "break-even-no-plan",
      message: `No plan fits ${count} x ${pool.chip.id}: the break-even factors cannot move it`,
      hint: "give the Ascend pool more chips or chips with more memory",
    });
  }
  if (all.status === "beyond-range") {
    // Bound: model FLOPs (6N + attention, arch/flops.ts) at 100 % of the chips' dense peak at the job's precision.
    const t = ctx.training(pool, count);
    const peak = (t.precision === "fp8" ? pool.chip.peakTflops.fp8 : null) ?? pool.chip.peakTflops.bf16 ?? 0;
    const idealDays =
      peak > 0 ? ctx.trainFlopsTotal / (count * peak * 1e12) / 86_400 : Number.POSITIVE_INFINITY;
    advisories.push({
      code: "break-even-out-of-reach",
      message: `No improvement up to x${range[1]} of these factors, even all together, lets ${count} x ${pool.chip.id} train by day ${ctx.scenario.training.deadline_days}: at 100 % of peak they would need ${idealDays.toFixed(1)} days without failures`,
      hint: "more chips for training (see the strategy's nearest feasible point), or a later deadline",
    });
  }
  return { pool: pool.name, chips: count, baseline, single, pairs, all, tornado, range, steps, advisories };
}

/**
 * The training point of `count` chips of `pool` under improvements, re-costing the baseline search's top plans.
 * Exposed for tests (monotonicity) and reports.
 */
/**
 * Monte Carlo replicas of each point of the sweep (at most the scenario's): up to ~110 points, each a simulation of the
 * pool training whole, took 10 s at the scenario's 1,000 (expert review 36 moved the sweep from the all-Ascend row's
 * 768 910C, most of whose points needed none, to 3,072). The bisection reads which side of the deadline confidence a
 * point falls; 250 replicas put P = 0.8 within about ±2.5 points (binomial standard error), the same seed keeps the
 * points' draws common, and the table's days are these replicas' medians.
 */
const BREAK_EVEN_REPLICAS = 250;

export function trainingPointFn(
  ctx: FleetContext,
  pool: ResolvedPool,
  count: number,
): (improvements: Improvements) => TrainingPoint {
  const t = ctx.training(pool, count);
  const job = ctx.scenario.training;
  const memo = new Map<string, TrainingPoint>();
  return (imp) => {
    const key = BREAK_EVEN_FACTORS.map((f) => imp[f].toPrecision(12)).join(",");
    const hit = memo.get(key);
    if (hit) return hit;
    let tokensPerSPerChip = 0;
    if (t.efficiency !== null && t.plans.length > 0) {
      const chip = pool.chip;
      const su = imp.scale_up_bandwidth;
      const improvedChip = {
        ...chip,
        scaleUp: {
          ...chip.scaleUp,
          chipGBpsUnidir: scaled(chip.scaleUp.chipGBpsUnidir, su),
          chipGBpsBidir: scaled(chip.scaleUp.chipGBpsBidir, su),
          peerGBpsUnidir: scaled(chip.scaleUp.peerGBpsUnidir, su),
        },
        scaleOut: { ...chip.scaleOut, chipGbps: scaled(chip.scaleOut.chipGbps, imp.scale_out_bandwidth) },
      };
      const jc = jobContext(
        {
          arch: ctx.arch,
          seqLen: job.seq_len,
          globalBatchTokens: job.global_batch_tokens,
          precision: t.precision,
        },
        {
          chip: improvedChip,
          count,
          stackId: t.stackId,
          efficiency: scaleCompute(t.efficiency, imp.stack_efficiency),
          collective: defaultCollectiveEfficiency(chip.family),
        },
      );
      for (const p of t.plans) {
        const m = evaluatePlan(jc, p.plan).metrics;
        if (m && Number.isFinite(m.tokensPerSPerChip))
          tokensPerSPerChip = Math.max(tokensPerSPerChip, m.tokensPerSPerChip);
      }
    }
    const failureFreeDays =
      tokensPerSPerChip > 0 ? job.tokens / (tokensPerSPerChip * count) / 86_400 : Number.POSITIVE_INFINITY;
    const rel =
      failureFreeDays > job.deadline_days * 4
        ? { p50Days: failureFreeDays, p90Days: failureFreeDays, pDeadline: 0 }
        : ctx.reliability(
            pool,
            count,
            failureFreeDays,
            1 / imp.failure_rate,
            undefined,
            Math.min(ctx.scenario.replicas, BREAK_EVEN_REPLICAS),
          );
    const point = {
      failureFreeDays,
      p50Days: rel.p50Days,
      p90Days: rel.p90Days,
      pDeadline: rel.pDeadline,
      meetsDeadline: rel.pDeadline >= job.deadline_confidence,
    };
    memo.set(key, point);
    return point;
  };
}

// --- internal ---

function withFactors(factors: readonly BreakEvenFactor[], k: number): Improvements {
  const out: Record<BreakEvenFactor, number> = { ...NO_IMPROVEMENT };
  for (const f of factors) out[f] = k;
  return out;
}

function scaled(x: number | null, k: number): number | null {
  return x === null ? null : x * k;
}

/** The calibration's compute scale (calibrate/train-profile.ts `scaleEfficiency`): kernel fractions x k, capped at 0.98. */
function scaleCompute(eff: TrainEfficiency, k: number): TrainEfficiency {
  const cap = (x: number) => Math.min(0.98, x * k);
  return {
    ...eff,
    matmulFraction: cap(eff.matmulFraction),
    matmulFractionFp8: cap(eff.matmulFractionFp8),
    attentionFraction: cap(eff.attentionFraction),
  };
}
