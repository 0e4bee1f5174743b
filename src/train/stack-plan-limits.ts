import type { Schedule, ZeroStage } from "./plan.ts";
import type { PlanSpaceLimits } from "./plan-space.ts";

/**
 * What each training stack can run, for the plan search: DualPipe exists only in DeepSeek's HAI-LLM (DeepSeek-V3
 * §3.2.1); HAI-LLM shards optimizer states only (ZeRO-1, §3.2); Megatron-LM offers its distributed optimizer and,
 * since 2025, Megatron-FSDP; FSDP is the native mode of torchtitan, llm-foundry and DeepSpeed ZeRO-3.
 */
const STACK_LIMITS: Record<string, { schedules?: Schedule[]; zeroStages?: ZeroStage[] }> = {
  "hai-llm": { schedules: ["1f1b", "interleaved", "dualpipe"], zeroStages: [1] },
  mindspeed: { zeroStages: [1] },
  mindspore: { zeroStages: [1] },
};

export function stackPlanLimits(stackId: string): Partial<PlanSpaceLimits> {
  return STACK_LIMITS[stackId] ?? {};
}
