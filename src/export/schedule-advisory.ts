import { type Plan, planLabel, type Schedule } from "../train/index.ts";
import { planAsLaunched, TRAIN_ENGINE_NAMES } from "./engine-schedule.ts";
import type { ExportAdvisory } from "./export-advisory.ts";
import {
  type CostedPlan,
  type LaunchScheduleCost,
  launchScheduleCost,
  type TrainCostBasis,
} from "./schedule-cost.ts";
import type { TrainLaunch } from "./train-launch.ts";

/** The code of the advisory for a plan whose pipeline schedule the engine does not have. */
export const SCHEDULE_NOT_SUPPORTED = "schedule-not-supported";

const SCHEDULE_NAMES: Record<Schedule, string> = {
  "1f1b": "1F1B",
  interleaved: "interleaved 1F1B",
  dualpipe: "DualPipe",
};

/**
 * The advisory for a plan whose schedule the engine cannot run (DualPipe on Megatron-LM), or null when the engine
 * runs the plan's own. With the plan's cost on the engine's schedule (launchScheduleCost), it states both step times
 * and, when the plan's degrees do not fit that schedule, the nearest plan that does.
 */
export function scheduleAdvisory(
  engine: TrainLaunch["engine"],
  plan: Plan,
  cost: LaunchScheduleCost | null = null,
): ExportAdvisory | null {
  const launchedPlan = planAsLaunched(engine, plan);
  if (launchedPlan === plan) return null;
  const name = TRAIN_ENGINE_NAMES[engine];
  const planned =
    plan.schedule === "dualpipe" ? "DualPipe (DeepSeek-V3 §3.2.1)" : SCHEDULE_NAMES[plan.schedule];
  const runs = SCHEDULE_NAMES[launchedPlan.schedule];
  const notSupported = `${planned} is not a ${name} schedule`;
  // MindSpeed-LLM is DualPipe's one public engine (V-shaped: --schedules-method dualpipev)
  const elsewhere =
    engine === "megatron" && plan.schedule === "dualpipe"
      ? "; MindSpeed-LLM has --schedules-method dualpipev"
      : "";
  const launched = cost?.launched ?? null;
  if (cost === null || launched === null) {
    return { code: SCHEDULE_NOT_SUPPORTED, message: notSupported, hint: `exported as ${runs}${elsewhere}` };
  }
  // the stacks are named when they differ: the launch runs at the engine's rates, the plan was costed at its own
  const sameStack = cost.plannedStackId === cost.launchedStackId;
  const onLaunched = sameStack ? "" : ` on ${cost.launchedStackId}`;
  const asPlanned =
    cost.planned === null
      ? `; ${SCHEDULE_NAMES[plan.schedule]} could not be costed on ${cost.plannedStackId}`
      : ` against ${seconds(cost.planned)} with ${SCHEDULE_NAMES[plan.schedule]}${sameStack ? "" : ` on ${cost.plannedStackId}`}${cost.planned.fits ? "" : ", over memory as planned"} (${change(launched, cost.planned)})`;
  if (launched.fits) {
    const faster =
      cost.fastest !== null && cost.fastest.stepTimeS < launched.stepTimeS * 0.995
        ? `; the fastest plan fleetcast finds for ${name} on these chips: ${planLabel(cost.fastest.plan)}, ${seconds(cost.fastest)} a step`
        : "";
    return {
      code: SCHEDULE_NOT_SUPPORTED,
      message: `${notSupported}: the launch runs ${runs}, ${seconds(launched)} a step${onLaunched}${asPlanned}`,
      hint: `exported with the plan's degrees on ${runs}${faster}${elsewhere}`,
    };
  }
  const memory = `needs ${launched.neededGiB.toFixed(1)} GiB per ${cost.rank}, has ${launched.capacityGiB.toFixed(1)} GiB`;
  const nearest = cost.sameDegrees ?? cost.fastest;
  const instead =
    nearest === null
      ? `no plan fleetcast finds for ${name} fits these chips`
      : `${cost.sameDegrees ? "nearest plan that fits" : "no plan of these degrees fits; the fastest that does"}: ${planLabel(nearest.plan)}, ${seconds(nearest)} a step${cost.planned === null ? "" : ` (${change(nearest, cost.planned)})`}`;
  return {
    code: SCHEDULE_NOT_SUPPORTED,
    message: `${notSupported}: the launch runs ${runs}, where these degrees do not fit${onLaunched} (${memory}); they would take ${seconds(launched)} a step${asPlanned}; ${instead}`,
    hint: `exported with the plan's degrees on ${runs}, which will run out of memory: launch ${nearest === null ? "on more chips" : "the plan named instead"}${elsewhere}`,
  };
}

/**
 * A training launch whose schedule advisory states what the plan costs on the schedule the engine runs (the launch
 * itself when the engine runs the plan's schedule). `plan` is the plan the launch was written from.
 * @throws FleetcastError when the basis names a stack that does not exist, serves, or runs on other chips
 */
export function withScheduleCost(launch: TrainLaunch, plan: Plan, basis: TrainCostBasis): TrainLaunch {
  const cost = launchScheduleCost(launch.engine, plan, basis);
  const costed = cost === null ? null : scheduleAdvisory(launch.engine, plan, cost);
  if (costed === null) return launch;
  const at = launch.advisories.findIndex((a) => a.code === SCHEDULE_NOT_SUPPORTED);
  const advisories =
    at < 0 ? [costed, ...launch.advisories] : launch.advisories.map((a, i) => (i === at ? costed : a));
  return { ...launch, advisories };
}

// --- internal ---

/** "23.7 s": three significant digits. */
function seconds(p: CostedPlan): string {
  return `${Number(p.stepTimeS.toPrecision(3))} s`;
}

/** "+47 %": a step time against another. */
function change(p: CostedPlan, base: CostedPlan): string {
  const pct = Math.round((p.stepTimeS / base.stepTimeS - 1) * 100);
  return `${pct >= 0 ? "+" : ""}${pct} %`;
}
