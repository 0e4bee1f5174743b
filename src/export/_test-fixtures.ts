// Test fixtures: real chips and models from the catalogs, and plans from published runs.
import type { ModelArch } from "../arch/index.ts";
import { builtinChips, type Chip } from "../catalog/chips/index.ts";
import { resolveModel } from "../catalog/models/index.ts";
import type { Plan } from "../train/plan.ts";
import type { TrainLaunchJob } from "./train-launch-job.ts";

export function chip(id: string): Chip {
  const found = builtinChips().find((c) => c.id === id);
  if (!found) throw new Error(`fixture chip ${id} missing from the catalog`);
  return found;
}

export function arch(name: string): ModelArch {
  return resolveModel(name).arch;
}

export function plan(partial: Partial<Plan> & Pick<Plan, "tp" | "pp" | "dp">): Plan {
  return {
    cp: 1,
    ep: 1,
    vpp: 1,
    microBatch: 1,
    recompute: "none",
    zero: 1,
    sequenceParallel: true,
    schedule: "1f1b",
    ...partial,
  };
}

/**
 * DeepSeek-V3 pre-training (arXiv 2412.19437): 2,048 H800 (§3.1), PP16 with DualPipe, EP64 across 8 nodes and
 * ZeRO-1 data parallelism, no TP (§3.2), FP8 mixed precision (§3.3), 4K sequences and a final batch of 15,360
 * sequences (§4.2).
 */
export const DEEPSEEK_V3_JOB: TrainLaunchJob = {
  arch: arch("deepseek-v3"),
  seqLen: 4096,
  globalBatchTokens: 15360 * 4096,
  precision: "fp8",
  chip: chip("nvidia-h800-sxm"),
  count: 2048,
};
export const DEEPSEEK_V3_PLAN = plan({
  tp: 1,
  pp: 16,
  dp: 128,
  ep: 64,
  zero: 1,
  sequenceParallel: false,
  recompute: "selective",
  schedule: "dualpipe",
});

/**
 * Llama 3.1 405B (arXiv 2407.21783, Table 4): 16,384 H100, TP8 CP1 PP16 DP128, 8,192-token sequences,
 * 16M tokens per batch (2,048 sequences), BF16.
 */
export const LLAMA_405B_JOB: TrainLaunchJob = {
  arch: arch("llama-3.1-405b"),
  seqLen: 8192,
  globalBatchTokens: 2048 * 8192,
  precision: "bf16",
  chip: chip("nvidia-h100-sxm"),
  count: 16384,
};
export const LLAMA_405B_PLAN = plan({ tp: 8, pp: 16, dp: 128, zero: 1 });

/** Llama 3.1 70B on 64 Ascend 910B (8 Atlas 800T A2 nodes): a plan shaped like MindSpeed-LLM's llama3 examples. */
export const LLAMA_70B_910B_JOB: TrainLaunchJob = {
  arch: arch("llama-3.1-70b"),
  seqLen: 8192,
  globalBatchTokens: 64 * 8192,
  precision: "bf16",
  chip: chip("huawei-ascend-910b3"),
  count: 64,
};
export const LLAMA_70B_910B_PLAN = plan({
  tp: 8,
  pp: 4,
  dp: 2,
  vpp: 2,
  recompute: "full",
  schedule: "interleaved",
});

/** The value after a flag, or undefined; `true` for a flag present without a value. */
export function flagValue(args: readonly string[], flag: string): string | true | undefined {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const next = args[i + 1];
  return next === undefined || next.startsWith("--") ? true : next;
}
