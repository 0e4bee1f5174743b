import type { Schedule, ZeroStage } from "./plan.ts";
import type { PlanSpaceLimits } from "./plan-space.ts";

/**
 * What each training stack can run, for the plan search: DualPipe exists only in DeepSeek's HAI-LLM (DeepSeek-V3
 * §3.2.1); HAI-LLM shards optimizer states only (ZeRO-1, §3.2); Megatron-LM offers its distributed optimizer and,
 * since 2025, Megatron-FSDP; FSDP is the native mode of torchtitan, llm-foundry and DeepSpeed ZeRO-3.
 * torchtitan shards with FSDP2 (fully_shard: parameters, gradients and optimizer states, ZeRO-3; its README's
 * parallelisms are FSDP2, TP, PP, CP and EP, no ZeRO-1 mode). llm-foundry trains through Composer's FSDP (its
 * `fsdp_config`: FULL_SHARD in every published run, cases/train.json llmfoundry-*), without pipeline or context
 * parallelism (expert review 36: both were offered plans they cannot run, llm-foundry TP2 PP4 CP4).
 */
const STACK_LIMITS: Record<
  string,
  { schedules?: Schedule[]; zeroStages?: ZeroStage[]; maxPp?: number; maxCp?: number }
> = {
  "hai-llm": { schedules: ["1f1b", "interleaved", "dualpipe"], zeroStages: [1] },
  mindspeed: { zeroStages: [1] },
  mindspore: { zeroStages: [1] },
  torchtitan: { zeroStages: [3] },
  "llm-foundry": { zeroStages: [3], maxPp: 1, maxCp: 1 },
};

export function stackPlanLimits(stackId: string): Partial<PlanSpaceLimits> {
  return STACK_LIMITS[stackId] ?? {};
}

/** Memory techniques a stack applies beyond the common ones (what `memoryPerRank` cannot infer from the plan). */
export interface StackMemoryFeatures {
  /**
   * MoE expert MLPs cache the SwiGLU input in FP8 and recompute its output in the backward pass (DeepSeek-V3 §3.3.2,
   * "Low-Precision Storage": inputs of the SwiGLU operator cached in FP8, output recomputed).
   */
  fp8SwigluCache: boolean;
  /**
   * Adam's first and second moments kept in BF16 beside the FP32 master weights: 8 bytes of optimizer state per
   * parameter instead of 12 (DeepSeek-V3 §3.3.3, "Low-Precision Optimizer States").
   */
  bf16OptimizerMoments: boolean;
  /**
   * FP8 training keeps an FP8 copy of the weights between micro-batches, 1 byte per parameter beside the BF16 ones
   * (Transformer Engine's weight caching across micro-batches, which the Megatron-based stacks use). HAI-LLM is not
   * built on Transformer Engine, and DeepSeek-V3 §3.3.2-3.3.3 lists what it keeps in low precision (activations for
   * the Linear backward, SwiGLU inputs, dispatched activations, optimizer moments) without an FP8 weight copy: taken
   * as none (assumption; QA 27: with the copy, DeepSeek's own published plan, TP1 PP16 EP64 DualPipe on 2,048 H800,
   * needed 82.6 of 80 GiB, so the planner refused the plan DeepSeek ran; without it, 77.8 GiB).
   */
  fp8WeightCache: boolean;
}

const MEMORY_FEATURES: Record<string, StackMemoryFeatures> = {
  "hai-llm": { fp8SwigluCache: true, bf16OptimizerMoments: true, fp8WeightCache: false },
};

export function stackMemoryFeatures(stackId: string): StackMemoryFeatures {
  return (
    MEMORY_FEATURES[stackId] ?? { fp8SwigluCache: false, bf16OptimizerMoments: false, fp8WeightCache: true }
  );
}
