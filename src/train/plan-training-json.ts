import type { PlanEvaluation } from "./evaluate-plan.ts";
import { planLabel, planToJson } from "./plan.ts";
import type { TrainPlanResult } from "./plan-training.ts";

const GIB = 2 ** 30;
// 6 significant digits: at least what the text prints (3,984,813 chip-hours read 3,985,000 at 4; QA 29)
const round = (x: number, digits = 6) => Number(x.toPrecision(digits));

/** One evaluated plan as snake_case JSON (the CLI's --json and the HTTP API share it). */
export function planEvaluationJson(e: PlanEvaluation) {
  const s = e.step;
  const m = e.memory;
  return {
    plan: planToJson(e.plan),
    label: planLabel(e.plan),
    fits: e.valid,
    metrics: e.metrics && {
      step_time_s: round(e.metrics.stepTimeS),
      tokens_per_s_per_chip: round(e.metrics.tokensPerSPerChip),
      model_tflops_per_chip: round(e.metrics.modelTflopsPerChip),
      mfu: round(e.metrics.mfu),
      mfu_definition:
        "model FLOPs (6N + attention, no causal halving, recompute not counted) / dense BF16 peak (FP16 on a chip without BF16)",
      mfu_causal: round(e.metrics.mfuCausal),
      chip_hours_per_trillion_tokens: round(e.metrics.chipHoursPerTrillionTokens),
    },
    step_breakdown_s: s && {
      attention_gemms: round(s.attentionLinearS),
      attention_scores: round(s.attentionScoresS),
      mlp: round(s.mlpS),
      experts: round(s.expertsS),
      head: round(s.headS),
      elementwise: round(s.elementwiseS),
      kernel_overhead: round(s.kernelOverheadS),
      recompute: round(s.recomputeS),
      pipeline_bubble: round(s.bubbleS),
      tp_exposed: round(s.tpExposedS),
      cp_exposed: round(s.cpExposedS),
      ep_exposed: round(s.epExposedS),
      pp_exposed: round(s.ppExposedS),
      dp_exposed: round(s.dpExposedS),
      optimizer: round(s.optimizerS),
      overhead: round(s.overheadS),
      total: round(s.stepTimeS),
    },
    communication_s: s && {
      tp: { total: round(s.comm.tp.totalS), exposed: round(s.comm.tp.exposedS) },
      cp: { total: round(s.comm.cp.totalS), exposed: round(s.comm.cp.exposedS) },
      ep: { total: round(s.comm.ep.totalS), exposed: round(s.comm.ep.exposedS) },
      pp: { total: round(s.comm.pp.totalS), exposed: round(s.comm.pp.exposedS) },
      dp: { total: round(s.comm.dp.totalS), exposed: round(s.comm.dp.exposedS) },
    },
    micro_batches: s?.microBatches ?? null,
    memory_gib: m && {
      weights: round(m.weightsBytes / GIB),
      gradients: round(m.gradientsBytes / GIB),
      optimizer: round(m.optimizerBytes / GIB),
      activations: round(m.activationsBytes / GIB),
      logits: round(m.logitsBytes / GIB),
      reserve: round(m.reserveBytes / GIB),
      total: round(m.totalBytes / GIB),
      capacity: round(m.capacityBytes / GIB),
    },
    violations: e.violations,
    advisories: e.advisories,
  };
}

/** `planTraining`'s result as the JSON `fleetcast train plan --json` and `POST /api/train/plan` print (snake_case). */
export function trainPlanJson(r: TrainPlanResult) {
  return {
    stack: r.stackId,
    efficiency: {
      matmul_fraction: round(r.efficiency.matmulFraction),
      matmul_fraction_fp8: round(r.efficiency.matmulFractionFp8),
      attention_fraction: round(r.efficiency.attentionFraction),
      tp_overlap: r.efficiency.tpOverlapFraction,
      ep_overlap: r.efficiency.epOverlapFraction,
      dp_overlap: r.efficiency.overlapFraction,
    },
    interval_factor: r.intervalFactor && round(r.intervalFactor),
    search: {
      enumerated: r.search.enumerated,
      pruned_invalid: r.search.prunedInvalid,
      pruned_memory: r.search.prunedMemory,
      costed: r.search.costed,
      truncated: r.search.truncated,
      first_violation: r.search.firstViolation,
    },
    plans: r.plans.map(planEvaluationJson),
    nearest: r.nearest && planEvaluationJson(r.nearest),
    budget: r.budget && {
      tokens: r.budget.tokens,
      days: round(r.budget.days),
      days_interval: r.budget.daysInterval?.map((d) => round(d)) ?? null,
      // the log-normal the failure simulation drew the failure-free days from (skewed for a mixture of experts)
      days_drawn: r.budget.drawn && {
        median_days: round(r.budget.drawn.medianDays),
        interval_factor: round(r.budget.drawn.intervalFactor),
      },
      chip_hours: round(r.budget.chipHours),
      checkpoint: { state_gb: round(r.budget.checkpoint.stateGB), mode: r.budget.checkpoint.mode },
      with_failures: r.budget.withFailures && {
        wall_days_p50: round(r.budget.withFailures.wallDaysP50),
        wall_days_p90: round(r.budget.withFailures.wallDaysP90),
        goodput_mean: round(r.budget.withFailures.goodputMean),
        assumed_failure_rates: r.budget.withFailures.assumedRates,
        p_finish_by_deadline: r.budget.withFailures.pFinishByDeadline,
        // below 1, a quantile above this share is the horizon (a lower bound), not a finish time
        finished_fraction: r.budget.withFailures.finishedFraction,
        horizon_days: round(r.budget.withFailures.horizonDays),
      },
    },
    advisories: r.advisories,
  };
}
