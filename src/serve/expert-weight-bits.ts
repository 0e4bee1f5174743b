import type { ModelArch } from "../arch/index.ts";
import type { ServeAdvisory } from "./serve-advisory.ts";

// W4A8 checkpoints of a mixture of experts keep the routed experts in 4-bit integers and every other weight in
// 8-bit, with INT8 activations: msmodelslim's DeepSeek recipe quantises `*mlp.experts*` to int4 per channel and
// attention, dense and shared MLPs to W8A8 (Ascend/msit msmodelslim/lab_practice/deepseek_v3/
// deepseek_w4a8_per_channel.yaml, w_bit 4, a_bit 8). Per-channel scales (one per output row) add under 0.1 % of a
// weight's bytes and are left out.

/** The expert width that applies to a model: the one asked for a mixture of experts, none for a dense model. */
export function appliedExpertWeightBits(
  arch: Pick<ModelArch, "moe">,
  expertWeightBits: 4 | undefined,
): 4 | undefined {
  return arch.moe === null ? undefined : expertWeightBits;
}

/** Bytes one routed-expert weight occupies: half a byte at 4 bits, else the precision's own. */
export function expertWeightBytesPerParam(bytesPerParam: number, expertWeightBits: 4 | undefined): number {
  return expertWeightBits === 4 ? Math.min(bytesPerParam, 0.5) : bytesPerParam;
}

// "W4A8" (or "w4a8") written as a word in a case's precision notes or software: the checkpoint's format.
const W4A8 = /(?:^|[^a-z0-9])w4a8(?:[^a-z0-9]|$)/i;

/** The routed experts' stored width a case's text names (W4A8), else undefined. */
export function expertWeightBitsFromText(text: string): 4 | undefined {
  return W4A8.test(text) ? 4 : undefined;
}

/**
 * Advice when 4-bit experts are asked of a model without routed experts: the option does not apply, every weight
 * stays at the precision's width. Null when it applies or was not asked.
 */
export function expertBitsAdvisory(
  arch: Pick<ModelArch, "name" | "moe">,
  expertWeightBits: 4 | undefined,
  precision: string,
): ServeAdvisory | null {
  if (expertWeightBits === undefined || arch.moe !== null) return null;
  return {
    code: "expert_bits_dense",
    message: `${arch.name} has no routed experts: expert weight bits (${expertWeightBits}) do not apply, every weight is stored at ${precision.toUpperCase()}`,
    hint: "leave expert weight bits out for a dense model",
  };
}

/**
 * Advice when a model's config declares an MXFP4 checkpoint of a mixture of experts (gpt-oss: routed experts in
 * MXFP4, attention, router, embeddings and head in BF16; its config.json `quantization_config`) and the plan prices
 * other weights: the published checkpoint is BF16 with 4-bit experts on a chip without FP4 GEMMs (vLLM runs it
 * W4A16), nearly FP4 throughout on one with them. Null when the plan already prices 4-bit experts or FP4, or the
 * config declares no such checkpoint (QA 39: gpt-oss-120b was planned in FP8, 117 GB, "needs 3 H100", where the
 * release runs on one).
 */
export function checkpointAdvisory(
  arch: Pick<ModelArch, "name" | "moe" | "checkpointQuant">,
  precision: string,
  expertWeightBits: 4 | undefined,
): ServeAdvisory | null {
  if (arch.checkpointQuant !== "mxfp4" || arch.moe === null) return null;
  if (precision === "fp4" || expertWeightBits === 4) return null;
  return {
    code: "checkpoint_precision",
    message: `${arch.name}'s config.json declares an MXFP4 checkpoint (quantization_config): its routed experts are stored in 4 bits, the rest in BF16; this prices ${precision.toUpperCase()} weights throughout`,
    hint: "price the published checkpoint with precision bf16 and 4-bit experts (--precision bf16 --expert-weight-bits 4), or fp4 on a chip with FP4 GEMMs",
  };
}
