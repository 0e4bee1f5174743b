import { type ModelArch, paramCounts } from "../arch/index.ts";
import { checkpointStateGB } from "../reliability/index.ts";
import { stackMemoryFeatures } from "./stack-plan-limits.ts";

/**
 * FSDP stacks train on FP32 parameters sharded across ranks with BF16 compute copies that are not saved: 12 B a
 * parameter, FP32 weights and the two moments (docs/research/checkpoint-times.md §1.1; torchtitan's FSDP2 keeps
 * FP32 parameters, llm-foundry's FSDP mixed precision likewise).
 */
const FP32_PARAMS_STACKS: ReadonlySet<string> = new Set(["torchtitan", "llm-foundry"]);

/**
 * The checkpoint a training job of `arch` on `stackId` writes, GB: every parameter (the multi-token-prediction
 * modules included) at the stack's bytes of weights, master copy and optimizer moments (`checkpointStateGB`).
 * @example jobCheckpointGB(deepseekV3, "hai-llm") // ~6,850: 685B parameters at 10 B (BF16 moments)
 */
export function jobCheckpointGB(arch: ModelArch, stackId: string): number {
  const counts = paramCounts(arch);
  const params = counts.total + counts.mtp;
  if (FP32_PARAMS_STACKS.has(stackId)) return (params * 12) / 1e9;
  return checkpointStateGB(params, stackMemoryFeatures(stackId).bf16OptimizerMoments);
}
