import { findStack, stackForSoftwareText } from "../catalog/stacks/index.ts";
import { FleetcastError, isFleetcastError } from "../errors.ts";
import {
  type Plan,
  type PlanConstraints,
  type PlanEvaluation,
  planTraining,
  type TrainPlanRequest,
} from "../train/index.ts";
import { planAsLaunched } from "./engine-schedule.ts";
import type { TrainLaunch } from "./train-launch.ts";

/**
 * What a training plan was costed with: the planner's request (model, chips, batch, number format, efficiency
 * profile) and the training stack.
 */
export type TrainCostBasis = Pick<
  TrainPlanRequest,
  | "model"
  | "chip"
  | "count"
  | "chipsPerNode"
  | "scaleOutGbpsPerChip"
  | "seqLen"
  | "globalBatchTokens"
  | "precision"
  | "profile"
> & {
  /** The stack the plan was costed with (a fleet training part's stackId, POST /api/train/plan's stack). */
  stackId: string;
};

/** One plan as the planner costs it on one stack. */
export interface CostedPlan {
  plan: Plan;
  stackId: string;
  stepTimeS: number;
  chipHoursPerTrillionTokens: number;
  /** Whether a rank's memory holds it (the planner's memory model). */
  fits: boolean;
  /** Memory one rank needs and has (a chip, or a die of a multi-die package), GiB. */
  neededGiB: number;
  capacityGiB: number;
}

/** A plan whose schedule the engine cannot run, costed as planned and as the engine will run it. */
export interface LaunchScheduleCost {
  engine: TrainLaunch["engine"];
  /** The stack the plan was costed with, and the stack the engine is (Megatron-LM on NVIDIA: megatron). */
  plannedStackId: string;
  launchedStackId: string;
  /** A rank is one chip, or one die of a multi-die package (a 910C is two). */
  rank: "chip" | "die";
  /** The plan as costed, on its own schedule and stack; null when the planner cannot cost it there. */
  planned: CostedPlan | null;
  /** The same plan on the schedule the engine runs, on the engine's stack; null when it cannot be costed. */
  launched: CostedPlan | null;
  /**
   * When the launched plan does not fit: the fastest plan of the same degrees (TP, PP, DP, CP, EP) that fits on the
   * engine's stack, with another micro-batch, recomputation or sharding; null otherwise or when none fits.
   */
  sameDegrees: CostedPlan | null;
  /** The fastest plan that fits the engine's stack on these chips, any degrees; null when none does. */
  fastest: CostedPlan | null;
}

const GIB = 2 ** 30;

/**
 * What a plan costs on the schedule the engine runs, against what it costs as planned: null when the engine runs
 * the plan's own schedule. The same degrees are re-planned on the engine's stack with its schedules (1F1B for a
 * DualPipe plan on Megatron-LM); when they do not fit there, the nearest plan that does is searched for.
 * @throws FleetcastError when the basis names a stack that does not exist, serves, or runs on other chips
 */
export function launchScheduleCost(
  engine: TrainLaunch["engine"],
  plan: Plan,
  basis: TrainCostBasis,
): LaunchScheduleCost | null {
  const stack = findStack(basis.stackId, "train");
  if (stack.role !== "train" || !stack.runsOn.includes(basis.chip.family)) {
    throw new FleetcastError(
      `Cannot cost the plan on ${stack.id}: ${stack.role !== "train" ? "it is a serving stack" : `it runs on ${stack.runsOn.join(", ")}, not ${basis.chip.family}`}`,
      "stack",
    );
  }
  const launchedPlan = planAsLaunched(engine, plan);
  if (launchedPlan === plan) return null;
  const launchedStackId = stackForSoftwareText(engine, basis.chip.family, "train");
  const launched = costOf(basis, launchedStackId, launchedPlan);
  const degrees: PlanConstraints = { tp: plan.tp, pp: plan.pp, dp: plan.dp, cp: plan.cp, ep: plan.ep };
  return {
    engine,
    plannedStackId: basis.stackId,
    launchedStackId,
    rank: basis.chip.ranksPerChip > 1 ? "die" : "chip",
    planned: costOf(basis, basis.stackId, plan),
    launched,
    sameDegrees: launched !== null && !launched.fits ? fastestOf(basis, launchedStackId, degrees) : null,
    fastest: fastestOf(basis, launchedStackId, {}),
  };
}

// --- internal ---

/** One plan costed on a stack, fitting or not; null when the planner refuses it there. */
function costOf(basis: TrainCostBasis, stackId: string, plan: Plan): CostedPlan | null {
  const result = planWith(basis, stackId, plan);
  // all fields fixed: the plan itself, as the best when it fits, else as the nearest (over memory)
  const evaluation = result?.plans[0] ?? result?.nearest ?? null;
  return costed(evaluation, stackId);
}

/** The fastest plan that fits with these fields fixed, or null. */
function fastestOf(basis: TrainCostBasis, stackId: string, constraints: PlanConstraints): CostedPlan | null {
  return costed(planWith(basis, stackId, constraints)?.plans[0] ?? null, stackId);
}

function planWith(basis: TrainCostBasis, stackId: string, constraints: PlanConstraints) {
  try {
    // the basis's fields only: a token budget would add a failure simulation nothing here reads
    const {
      model,
      chip,
      count,
      chipsPerNode,
      scaleOutGbpsPerChip,
      seqLen,
      globalBatchTokens,
      precision,
      profile,
    } = basis;
    return planTraining(
      {
        model,
        chip,
        count,
        ...(chipsPerNode === undefined ? {} : { chipsPerNode }),
        ...(scaleOutGbpsPerChip === undefined ? {} : { scaleOutGbpsPerChip }),
        seqLen,
        globalBatchTokens,
        precision,
        profile,
        stackId,
        constraints,
        top: 1,
      },
      // the plan's cost on the count asked, nothing more
      { fewerChips: false },
    );
  } catch (error) {
    // a plan or stack the planner refuses for this job (a schedule the stack lacks, a stack for other chips)
    if (isFleetcastError(error)) return null;
    throw error;
  }
}

function costed(evaluation: PlanEvaluation | null, stackId: string): CostedPlan | null {
  const metrics = evaluation?.metrics;
  const memory = evaluation?.memory;
  if (!evaluation || !metrics || !memory || !Number.isFinite(metrics.stepTimeS)) return null;
  return {
    plan: evaluation.plan,
    stackId,
    stepTimeS: metrics.stepTimeS,
    chipHoursPerTrillionTokens: metrics.chipHoursPerTrillionTokens,
    fits: memory.fits,
    neededGiB: memory.totalBytes / GIB,
    capacityGiB: memory.capacityBytes / GIB,
  };
}
