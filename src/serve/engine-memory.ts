/**
 * How an engine sizes its KV-cache pool from a rank's memory.
 * - `total`: a fraction of the whole memory holds weights and KV together, the pool taking what the weights leave.
 *   vLLM: `gpu_memory_utilization`, default 0.9, "the fraction of GPU memory to be used for the model executor"
 *   (docs.vllm.ai, engine arguments); SGLang's `mem_fraction_static` likewise counts weights and KV pool together.
 * - `free`: the weights load first and the pool takes a fraction of the memory left free. TensorRT-LLM:
 *   `KvCacheConfig.free_gpu_memory_fraction`, default 0.9, "TensorRT LLM will try to allocate 90% of free GPU
 *   memory for KV cache" (TensorRT-LLM docs, "How to Change KV Cache Behavior"); NVIDIA's aiconfigurator sizes
 *   TensorRT-LLM's pool on free memory and vLLM's and SGLang's on total memory (ai-dynamo/aiconfigurator,
 *   sdk/memory estimate_kv_cache).
 * Other engines (MindIE, vLLM-Ascend, LMDeploy, in-house): `total` at 0.9 (assumption; vLLM-Ascend inherits vLLM's
 * argument).
 */
export interface EngineMemoryBudget {
  basis: "total" | "free";
  fraction: number;
}

const TOTAL_0_9: EngineMemoryBudget = { basis: "total", fraction: 0.9 };
const FREE_0_9: EngineMemoryBudget = { basis: "free", fraction: 0.9 };

/** The KV-pool rule of a serving stack id (`total` at 0.9 when the engine is unknown). */
export function engineMemoryBudget(engine: string | undefined): EngineMemoryBudget {
  return engine === "tensorrt-llm" ? FREE_0_9 : TOTAL_0_9;
}

/** The share of a rank's memory the weights may fill under `budget`: its fraction under `total`, all of it under `free`. */
export function weightsMayFill(budget: EngineMemoryBudget): number {
  return budget.basis === "free" ? 1 : budget.fraction;
}

/**
 * KV-pool bytes of one rank holding `weightBytes` out of `rankBytes`, under `budget` (0 when the weights do not
 * fit: over the fraction of the whole under `total`, over the whole under `free`).
 */
export function kvPoolBytes(budget: EngineMemoryBudget, rankBytes: number, weightBytes: number): number {
  const left =
    budget.basis === "free"
      ? budget.fraction * (rankBytes - weightBytes)
      : budget.fraction * rankBytes - weightBytes;
  return Math.max(0, left);
}
