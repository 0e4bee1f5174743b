import type { Plan, Schedule } from "../train/plan.ts";
import type { TrainLaunch } from "./train-launch.ts";

type TrainEngine = TrainLaunch["engine"];

/** The engines' own names, for sentences. */
export const TRAIN_ENGINE_NAMES: Record<TrainEngine, string> = {
  megatron: "Megatron-LM",
  mindspeed: "MindSpeed-LLM",
};

/**
 * Pipeline schedules each training export writes flags for. Megatron-LM runs 1F1B (PipeDream-Flush, its default)
 * and interleaved 1F1B (--num-virtual-stages-per-pipeline-rank); DualPipe (DeepSeek-V3 §3.2.1) is not among its
 * schedules. MindSpeed-LLM also runs DualPipe's V-shaped variant (--schedules-method dualpipev).
 */
const ENGINE_SCHEDULES: Record<TrainEngine, readonly Schedule[]> = {
  megatron: ["1f1b", "interleaved"],
  mindspeed: ["1f1b", "interleaved", "dualpipe"],
};

/**
 * The plan as the engine runs it: the plan itself when the engine has its schedule, else the same degrees on 1F1B
 * without virtual stages (an export writes no schedule flag for a schedule the engine lacks, and the engine falls
 * back to its default).
 */
export function planAsLaunched(engine: TrainEngine, plan: Plan): Plan {
  if (ENGINE_SCHEDULES[engine].includes(plan.schedule)) return plan;
  return { ...plan, schedule: "1f1b", vpp: 1 };
}
