import { defaultChipsPerNode } from "../catalog/chips/index.ts";
import { niceChipCounts } from "../train/index.ts";
import {
  assembleStrategy,
  type StrategyMeta,
  singlePoolTraining,
  type TrainingAssignment,
} from "./_assemble-strategy.ts";
import type { FleetContext, ResolvedPool } from "./_fleet-context.ts";
import { percentText as pct } from "./percent-text.ts";
import type { StrategyResult } from "./strategy-result.ts";

/** Training chip counts tried on a pool, largest first: niceChipCounts of the pool in whole servers of its chip. */
export function trainingCounts(pool: Pick<ResolvedPool, "count" | "chip">): number[] {
  return niceChipCounts(pool.count, defaultChipsPerNode(pool.chip));
}

/**
 * The best split a search finds: for each pool allowed to train and each training count (largest first), the
 * chips left serve greedily (cheapest tokens first, or domestic first when a domestic policy is set). Ranking:
 * policy met, then serving carried (live traffic goes first; short of it, the share carried in 5-point steps), then
 * the deadline met, then the highest
 * probability of meeting it, the fewest P50 days, the lowest cost over the window. Counts stop going down once
 * the plan no longer fits or the failure-free time passes three deadlines (fewer chips only gets slower). The split
 * chosen is assembled again with its serving checked at load (`atLoad`, default true: each part's replicas simulated
 * at its share against the p99 limits, as `serve plan` checks a pool); the search itself ranks on throughput.
 */
export function searchSplit(
  ctx: FleetContext,
  meta: StrategyMeta,
  trainPools: readonly ResolvedPool[],
  servePools: readonly ResolvedPool[],
  options: { atLoad?: boolean } = {},
): StrategyResult {
  const atLoad = options.atLoad ?? true;
  // both fill orders always: with whole instances the cheapest-per-chip order can end dearer than the domestic
  // one (review: the policy rows showed a negative cost when only the policy's search tried it)
  const orders = [false, true];
  const deadline = ctx.scenario.training.deadline_days;
  let best: { result: StrategyResult; split: Split } | null = null;
  // the best split that meets the deadline (most demand carried) and the best that carries the demand (fewest
  // days): when the ranking's choice misses one of them, the other trade-off is named (review 17: "All on NVIDIA"
  // trained on the H20s in 464 days without saying its H800s would train in 45 and serve less)
  let onTime: StrategyResult | null = null;
  let onTimeInPolicy: StrategyResult | null = null;
  let carrying: StrategyResult | null = null;
  const consider = (split: Split) => {
    const r = assembleSplit(ctx, meta, split, servePools);
    if (best === null || strategyOrder(r, best.result) < 0) best = { result: r, split };
    if (r.training?.meetsDeadline && (onTime === null || r.serving.coverage > onTime.serving.coverage))
      onTime = r;
    if (
      r.training?.meetsDeadline &&
      r.policy.satisfied &&
      (onTimeInPolicy === null || r.serving.coverage > onTimeInPolicy.serving.coverage)
    )
      onTimeInPolicy = r;
    if (
      r.serving.carriesDemand &&
      (carrying === null || (r.training?.p50Days ?? Infinity) < (carrying.training?.p50Days ?? Infinity))
    )
      carrying = r;
  };
  for (const pool of trainPools) {
    for (const count of trainingCounts(pool)) {
      const t = ctx.training(pool, count);
      const training = singlePoolTraining(ctx, pool, count);
      for (const domesticFirst of orders) consider({ training, domesticFirst });
      // a count with no split of its ranks says nothing of smaller ones (QA 40: 10,000 H100 trained on none, while
      // 8,192 trains); a memory failure or a job far past the deadline does
      if (t.failure !== null && t.noSplit) continue;
      if (t.failure !== null || t.failureFreeDays > 3 * deadline) break;
    }
  }
  if (best === null) {
    const r = assembleStrategy(ctx, meta, null, servePools, { atLoad });
    return {
      ...r,
      advisories: [
        {
          code: "no-training-pool",
          message: `${meta.label}: no usable pool may train`,
          hint: "add a pool of the vendor this strategy trains on",
        },
        ...r.advisories,
      ],
    };
  }
  // The search ranks on throughput sizing (cheap); the row it reports, the winning split assembled again, has its
  // serving checked at load, as `serve plan` checks a pool (simulations: too slow for every split tried).
  const found: { result: StrategyResult; split: Split } = best; // typed: `consider`'s assignments escape narrowing
  const chosen = atLoad ? assembleSplit(ctx, meta, found.split, servePools, { atLoad }) : found.result;
  // within the policy first: the more useful alternative when the row keeps the policy
  return withTradeOffs(chosen, chosen.policy.satisfied ? (onTimeInPolicy ?? onTime) : onTime, carrying);
}

/** One split the search tries: the training job placed on one pool, and the order the chips left serve in. */
interface Split {
  training: TrainingAssignment;
  domesticFirst: boolean;
}

/** A split assembled into a strategy (its serving checked at load when `atLoad`). */
function assembleSplit(
  ctx: FleetContext,
  meta: StrategyMeta,
  split: Split,
  servePools: readonly ResolvedPool[],
  options: { atLoad?: boolean } = {},
): StrategyResult {
  return assembleStrategy(ctx, meta, split.training, servePools, {
    domesticFirst: split.domesticFirst,
    ...options,
  });
}

/**
 * The chosen split, with a note on the other trade-off when the choice misses the deadline or the demand: what the
 * split that meets it gives up (demand, days), or the policy it breaks when the policy decided the row.
 */
function withTradeOffs(
  best: StrategyResult,
  onTime: StrategyResult | null,
  carrying: StrategyResult | null,
): StrategyResult {
  const notes: string[] = [];
  const trainedOn = (r: StrategyResult) =>
    (r.training?.parts ?? []).map((p) => `${p.chips} x ${p.chip}`).join(" + ");
  const policyNote = (r: StrategyResult) =>
    best.policy.satisfied && !r.policy.satisfied
      ? `, but breaks the policy (${r.policy.violations[0] ?? "its constraints"})`
      : null;
  const ot = onTime?.training;
  if (best.training !== null && !best.training.meetsDeadline && onTime !== null && ot && onTime !== best) {
    const lead = `training on ${trainedOn(onTime)} instead meets the deadline (P50 ${ot.p50Days.toFixed(1)} days, P = ${pct(ot.pDeadline)})`;
    const policy = policyNote(onTime);
    if (policy !== null)
      notes.push(`${lead} and serves ${pct(Math.min(1, onTime.serving.coverage))} of the peak${policy}`);
    else if (onTime.serving.coverage < best.serving.coverage)
      notes.push(
        `${lead} but serves ${pct(Math.min(1, onTime.serving.coverage))} of the peak; this row keeps the split that serves more`,
      );
  }
  // a split that carries the demand under the row's own policy status would have ranked above it (rankKey), so
  // only the policy can have kept it from the row
  const ct = carrying?.training;
  const carryingPolicy = carrying === null ? null : policyNote(carrying);
  if (!best.serving.carriesDemand && ct && carryingPolicy !== null) {
    notes.push(
      `training on ${trainedOn(carrying!)} instead leaves enough chips to carry the demand (P50 ${ct.p50Days.toFixed(1)} days)${carryingPolicy}`,
    );
  }
  return notes.length === 0 ? best : { ...best, nearestFeasible: [...best.nearestFeasible, ...notes] };
}

/**
 * The order the comparison recommends feasible rows in: those whose serving also meets the p99 limits at load
 * first, then `strategyOrder`.
 */
export function recommendationOrder(a: StrategyResult, b: StrategyResult): number {
  return Number(b.serving.latencyOk) - Number(a.serving.latencyOk) || strategyOrder(a, b);
}

/** Orders two strategies, better first (negative when `a` is better). */
export function strategyOrder(a: StrategyResult, b: StrategyResult): number {
  const ka = rankKey(a);
  const kb = rankKey(b);
  for (let i = 0; i < ka.length; i++) {
    const d = (kb[i] ?? 0) - (ka[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return 0;
}

// --- internal ---

function rankKey(r: StrategyResult): number[] {
  const t = r.training;
  const p50 = t && Number.isFinite(t.p50Days) ? t.p50Days : 1e9;
  return [
    r.policy.satisfied ? 1 : 0,
    // short of the peak, coverage counts in 5-point steps: a plan that carries 0.19 % instead of 0.10 % of a load
    // no candidate can carry must not win on that alone over one that trains five times faster
    r.serving.carriesDemand ? 1 : Math.min(0.95, Math.floor(r.serving.coverage * 20) / 20) - 1,
    t?.meetsDeadline ? 1 : 0,
    t ? Math.round(t.pDeadline * 100) / 100 : -1,
    -p50,
    -(r.cost.windowUsd ?? 0),
  ];
}
