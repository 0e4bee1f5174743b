import { threeDigits } from "../util/three-digits.ts";
import type { Advisory, Assumption } from "./assumption.ts";
import type { CheckpointMode } from "./checkpoint-cost.ts";
import { dalyIntervalH } from "./daly-interval.ts";
import { dalyWallTimeH } from "./daly-wall-time.ts";
import { countDistribution, type Distribution, distribution, quantileOf } from "./distribution.ts";
import { metaEttr } from "./meta-ettr.ts";
import {
  parseOrThrow,
  parseReliabilityInput,
  type ReliabilityInputRaw,
  type SimulationOptionsRaw,
  simulationOptionsSchema,
} from "./reliability-input.ts";
import { type ReliabilityPlan, resolveReliabilityPlan } from "./resolve-reliability-plan.ts";
import {
  LOST_CATEGORIES,
  type LostCategory,
  type MonteCarloSamples,
  runMonteCarlo,
  type TimelineSegment,
} from "./run-monte-carlo.ts";
import { youngIntervalH } from "./young-interval.ts";

export interface CauseDistribution extends Distribution {
  readonly cause: string;
}

/** Closed forms evaluated on the same job, beside the simulation (exponential failures, no spare waits). */
export interface ClosedForms {
  /** Mean time between unexpected interruptions of the job. */
  readonly jobMtbfH: number;
  /** Mean time to any interruption, planned included. */
  readonly mttiH: number;
  /** Daly's R: detection, restart and the spare swap weighted by the node-replacing share of failures. */
  readonly restartH: number;
  readonly youngMin: number | null;
  readonly dalyMin: number | null;
  /** Daly's expected wall time at the interval used, unexpected failures only. */
  readonly dalyWallDays: number;
  /** Meta's E[ETTR] approximation at the interval used. */
  readonly metaEttr: number;
}

export interface ReliabilityResult {
  readonly seed: number;
  readonly replicas: number;
  readonly wallDays: Distribution;
  readonly goodput: Distribution;
  /** Unexpected interruptions (failures), silent corruptions counted when found. */
  readonly interruptions: Distribution;
  readonly plannedInterruptions: Distribution;
  readonly interruptionsByCause: readonly CauseDistribution[];
  readonly timeLostHours: Readonly<Record<LostCategory, Distribution>>;
  /** Wall time over all interruptions (planned included), pooled across replicas. */
  readonly mttiHours: number;
  /** Share of replicas finished by the deadline; null without a deadline. */
  readonly pFinishByDeadline: number | null;
  /** The wall days each of the options' `wallDaysQuantiles` of the replicas finish within; empty when none were asked. */
  readonly wallDaysAt: readonly { readonly quantile: number; readonly days: number }[];
  /** P(finish by each of the options' `finishCurveDays`), from the same replicas; empty when none were asked. */
  readonly finishCurve: readonly { readonly deadlineDays: number; readonly pFinish: number }[];
  /** Share of replicas that finished within the horizon. */
  readonly finishedFraction: number;
  readonly timeline: readonly TimelineSegment[];
  readonly timelineTruncated: boolean;
  readonly resolved: {
    readonly chips: number;
    readonly nodes: number;
    readonly failureFreeDays: number;
    readonly checkpointIntervalMin: number;
    readonly checkpointBlockingS: number;
    /** Seconds from the start of a checkpoint until it is durable (a synchronous save's is its stall). */
    readonly checkpointPersistS: number;
    readonly checkpointMode: CheckpointMode;
    readonly detectMin: number;
    readonly restartMin: number;
    readonly spareSwapMin: number;
    readonly repairH: number;
    readonly spareNodes: number;
    readonly plannedMaintenanceIntervalH: number | null;
    readonly horizonDays: number;
    readonly failSlowFraction: number;
  };
  readonly closedForm: ClosedForms;
  readonly assumptions: readonly Assumption[];
  readonly advisories: readonly Advisory[];
}

/** Closed forms for a resolved plan (R = detection + restart + swap weighted by node-replacing share). */
export function closedFormsFor(plan: ReliabilityPlan): ClosedForms {
  const rate = plan.unexpectedRatePerH;
  const mtbf = rate > 0 ? 1 / rate : Number.POSITIVE_INFINITY;
  const planned = plan.plannedIntervalH === null ? 0 : 1 / plan.plannedIntervalH;
  const hwShare =
    rate > 0 ? plan.causes.filter((c) => c.replacesNode).reduce((s, c) => s + c.jobRatePerH, 0) / rate : 0;
  const restartH = plan.detectH + plan.restartCoreH + plan.swapH * hwShare;
  const finite = Number.isFinite(mtbf) && plan.blockingH > 0;
  // an interval longer than the run checkpoints once, at its end: the closed forms take the run as the interval
  const intervalH = Math.min(plan.intervalH, plan.workH);
  return {
    jobMtbfH: mtbf,
    mttiH: 1 / (rate + planned),
    restartH,
    youngMin: finite ? youngIntervalH(plan.blockingH, mtbf) * 60 : null,
    dalyMin: finite ? dalyIntervalH(plan.blockingH, mtbf) * 60 : null,
    dalyWallDays: Number.isFinite(mtbf)
      ? dalyWallTimeH({
          solveH: plan.workH,
          intervalH,
          checkpointBlockingH: plan.blockingH,
          restartH,
          mtbfH: mtbf,
        }) / 24
      : (plan.workH * (1 + plan.blockingH / intervalH)) / 24,
    metaEttr: metaEttr({
      failuresPerH: rate,
      restartH,
      intervalH,
      checkpointH: plan.blockingH,
    }),
  };
}

/** Turns per-replica samples into the distributions of the result. */
export function summarizeSamples(
  plan: ReliabilityPlan,
  s: MonteCarloSamples,
  finishCurveDays: readonly number[] = [],
  wallDaysQuantiles: readonly number[] = [],
) {
  const R = s.replicas;
  const nC = plan.causes.length;
  const col = (src: Float64Array, stride: number, k: number) => {
    const out = new Float64Array(R);
    for (let i = 0; i < R; i++) out[i] = src[i * stride + k]!;
    return out;
  };
  const wallDays = new Float64Array(R);
  let wallSum = 0;
  let interruptSum = 0;
  let finished = 0;
  let byDeadline = 0;
  for (let i = 0; i < R; i++) {
    wallDays[i] = s.wallH[i]! / 24;
    wallSum += s.wallH[i]!;
    interruptSum += s.unexpected[i]! + s.planned[i]!;
    if (s.finished[i] === 1) {
      finished++;
      if (plan.deadlineH !== null && s.wallH[i]! <= plan.deadlineH) byDeadline++;
    }
  }
  const timeLostHours = Object.fromEntries(
    LOST_CATEGORIES.map((name, k) => [name, distribution(col(s.lostH, LOST_CATEGORIES.length, k))]),
  ) as Record<LostCategory, Distribution>;
  return {
    wallDays: distribution(wallDays),
    goodput: distribution(s.goodput),
    interruptions: countDistribution(s.unexpected),
    plannedInterruptions: countDistribution(s.planned),
    interruptionsByCause: plan.causes.map((c, k) => ({
      cause: c.cause,
      ...countDistribution(col(s.byCause, nC, k)),
    })),
    timeLostHours,
    mttiHours: interruptSum > 0 ? wallSum / interruptSum : Number.POSITIVE_INFINITY,
    pFinishByDeadline: plan.deadlineH === null ? null : byDeadline / R,
    wallDaysAt: wallDaysQuantiles.map((quantile) => ({ quantile, days: quantileOf(wallDays, quantile) })),
    finishCurve: finishCurveDays.map((deadlineDays) => {
      let n = 0;
      for (let i = 0; i < R; i++) if (s.finished[i] === 1 && wallDays[i]! <= deadlineDays) n++;
      return { deadlineDays, pFinish: n / R };
    }),
    finishedFraction: finished / R,
  };
}

/**
 * Will the training run finish? Seeded Monte Carlo of failures, checkpoints, restarts and spares for one
 * job, with the closed forms beside it. Pure: same input and seed, same output.
 *
 * @example
 * simulateReliability({ chipFamily: "nvidia-hopper", chipCount: 16384, trainDays: 54 }, { seed: 1 })
 */
export function simulateReliability(
  raw: ReliabilityInputRaw,
  options: SimulationOptionsRaw,
): ReliabilityResult {
  const input = parseReliabilityInput(raw);
  const opts = parseOrThrow(
    simulationOptionsSchema,
    {
      seed: options.seed,
      replicas: options.replicas,
      timelineMaxSegments: options.timelineMaxSegments,
      finishCurveDays: options.finishCurveDays,
      wallDaysQuantiles: options.wallDaysQuantiles,
    },
    "run the reliability simulation",
  );
  const plan = resolveReliabilityPlan(input);
  const samples = runMonteCarlo(plan, { ...opts, onProgress: options.onProgress });
  const summary = summarizeSamples(plan, samples, opts.finishCurveDays, opts.wallDaysQuantiles);
  const advisories = [...plan.advisories];
  if (summary.finishedFraction < 1) {
    // a horizon the caller set cuts runs that are not failure-bound too: say so as well (QA 30), with its own hint
    const given = input.horizonDays !== null;
    advisories.push({
      code: "replicas_hit_horizon",
      message: `${((1 - summary.finishedFraction) * 100).toFixed(1)}% of replicas had not finished after ${threeDigits(plan.horizonH / 24)} days (${given ? "the horizon given" : "10× the failure-free time"}); their wall time is censored there, and the goodput and interruptions are those of the censored runs.`,
      hint: given
        ? "Expected when the horizon is an observation window (a snapshot of a longer run); otherwise lengthen horizon_days past the wall time, or leave it out (10x the failure-free time), to read finished runs."
        : "The job is dominated by failures: cut the failure rate, shorten restarts, or shrink the job.",
    });
  }
  return {
    seed: opts.seed,
    replicas: opts.replicas,
    ...summary,
    timeline: samples.timeline,
    timelineTruncated: samples.timelineTruncated,
    resolved: {
      chips: plan.chips,
      nodes: plan.nodes,
      failureFreeDays: (plan.workH * (1 + plan.blockingH / plan.intervalH)) / 24,
      checkpointIntervalMin: plan.intervalH * 60,
      checkpointBlockingS: plan.blockingH * 3600,
      checkpointPersistS: (plan.checkpointMode === "sync" ? plan.blockingH : plan.persistH) * 3600,
      checkpointMode: plan.checkpointMode,
      detectMin: plan.detectH * 60,
      restartMin: plan.restartCoreH * 60,
      spareSwapMin: plan.swapH * 60,
      repairH: plan.repairH,
      spareNodes: plan.spareNodes,
      plannedMaintenanceIntervalH: plan.plannedIntervalH,
      horizonDays: plan.horizonH / 24,
      failSlowFraction: plan.failSlowFraction,
    },
    closedForm: closedFormsFor(plan),
    assumptions: plan.assumptions,
    advisories,
  };
}
