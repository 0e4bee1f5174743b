import { type ModelArch, paramCounts } from "../arch/index.ts";
import { checkpointStateGB } from "../reliability/index.ts";
import { stackMemoryFeatures } from "./stack-plan-limits.ts";

/**
 * The checkpoint a training job of `arch` on `stackId` writes, GB: every parameter (the multi-token-prediction
 * modules included) at the stack's bytes of weights, master copy and optimizer moments (`checkpointStateGB`).
 * @example jobCheckpointGB(deepseekV3, "hai-llm") // ~6,850: 685B parameters at 10 B (BF16 moments)
 */
export function jobCheckpointGB(arch: ModelArch, stackId: string): number {
  const counts = paramCounts(arch);
  return checkpointStateGB(counts.total + counts.mtp, stackMemoryFeatures(stackId).bf16OptimizerMoments);
}
