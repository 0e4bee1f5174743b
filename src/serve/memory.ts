import { type ModelArch, paramCounts } from "../arch/index.ts";
import type { Chip } from "../catalog/chips/index.ts";
import { engineMemoryBudget, weightsMayFill } from "./engine-memory.ts";
import { expertWeightBytesPerParam } from "./expert-weight-bits.ts";
import { resolvePrecision, type ServePrecision, type ServeSetup } from "./serve-setup.ts";
import { kvContextTokens } from "./step-time.ts";

/** What one rank's HBM holds, bytes, and how many tokens of KV cache fit per attention-DP replica. */
export interface InstanceMemory {
  usableBytes: number;
  weightBytes: number;
  kvBytes: number;
  /** Context tokens the KV pool of one attention replica holds (0 when the weights do not fit). */
  kvCapacityTokens: number;
  fits: boolean;
}

/**
 * Memory of one rank: the resident weights and the KV pool the engine's rule leaves (engine-memory.ts: vLLM and
 * SGLang take 0.9 of the whole for both, leaving the rest for activations, workspace and the CUDA/CANN context;
 * TensorRT-LLM 0.9 of what the weights leave free).
 */
export function instanceMemory(setup: ServeSetup): InstanceMemory {
  const kvBytes = setup.kvPoolBytesPerRank;
  // a pool left means the weights fit, under either basis (engine-memory.ts kvPoolBytes)
  const fits = kvBytes > 0;
  return {
    usableBytes: setup.usableHbmBytes,
    weightBytes: setup.weightBytesPerRank,
    kvBytes: fits ? kvBytes : 0,
    kvCapacityTokens: fits ? Math.floor(kvBytes / setup.kvBytesPerTokenPerRank) : 0,
    fits,
  };
}

/** The largest number of sequences of `contextTokens` each one attention replica holds at once (0 if none). */
export function maxBatch(setup: ServeSetup, contextTokens: number): number {
  // sliding-window layers stop growing at their window (kvContextTokens)
  const perSequence = kvContextTokens(setup.arch, Math.max(1, contextTokens), setup);
  return Math.floor(instanceMemory(setup).kvCapacityTokens / Math.max(1, perSequence));
}

/**
 * A model's weights against a chip's memory, before any layout: weights in GB at the precision the chip runs (the
 * routed experts at `expertWeightBits` where given: W4A8),
 * HBM per chip the engine's weights may fill (engine-memory.ts: 0.9 of it under vLLM and SGLang, all of it under
 * TensorRT-LLM, which sizes its KV pool after loading them), and the chips that hold the weights in 80 % of that
 * (the rest for KV cache).
 */
export function chipsForWeights(
  arch: ModelArch,
  chip: Chip,
  precision: ServePrecision,
  engine?: string,
  expertWeightBits?: 4,
): { weightGB: number; usableGB: number; used: ServePrecision; weights: ServePrecision; need: number } {
  const { precision: used, weightBytesPerParam, weights } = resolvePrecision(chip, precision);
  // the chip's HBM read in decimal GB, as serveSetup reads it (the gap to binary GB stands for unmodelled
  // activations and buffers: serve-setup.ts); routed experts at their own width where narrower (W4A8)
  const counts = paramCounts(arch);
  const expertBytes = expertWeightBytesPerParam(weightBytesPerParam, expertWeightBits);
  const weightGB =
    ((counts.total - counts.routedExperts) * weightBytesPerParam + counts.routedExperts * expertBytes) / 1e9;
  const usableGB = (chip.hbmGB ?? 0) * weightsMayFill(engineMemoryBudget(engine));
  return { weightGB, usableGB, used, weights, need: Math.ceil(weightGB / usableGB / 0.8) };
}
