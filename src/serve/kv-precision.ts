import type { Chip } from "../catalog/chips/index.ts";
import type { ServePrecision } from "./serve-setup.ts";

/** Element format of the KV cache. */
export type KvPrecision = "bf16" | "fp8";

/**
 * The KV-cache format an engine uses unless told otherwise. vLLM and SGLang: `--kv-cache-dtype auto`, the
 * model's data type (docs.vllm.ai engine arguments; SGLang server arguments), so BF16 even for FP8 weights.
 * TensorRT-LLM: NVIDIA's FP8/FP4 checkpoints (ModelOpt) quantise the KV cache to FP8 as well
 * (`kv_cache_quant_algo: FP8` in their hf_quant_config.json), so FP8 where the weights are FP8/FP4 and the chip
 * has FP8. Other engines (MindIE, vLLM-Ascend, in-house): BF16 unless a case says otherwise (assumption).
 */
export function engineKvPrecision(
  engine: string | undefined,
  precision: ServePrecision,
  chip: Pick<Chip, "peakTflops">,
): KvPrecision {
  const lowBitWeights = precision === "fp8" || precision === "fp4";
  return engine === "tensorrt-llm" && lowBitWeights && chip.peakTflops.fp8 !== null ? "fp8" : "bf16";
}

// Phrases of engine descriptions (cases' `software` and `notes`) that state the KV-cache format.
const FP8_KV = [
  /fp8[- ]kv/i,
  /kv[- ]cache[^.;]{0,20}fp8/i,
  /fp8[^.;]{0,12}kv[- ]cache/i,
  /flashmla[- ]fp8/i,
  /fp8 mla/i,
];
const BF16_KV = [/bf16[^.;]{0,12}\bmla\b/i, /bf16[- ]kv/i, /kv[- ]cache[^.;]{0,20}bf16/i];

/** The KV-cache format a free-text engine description states, null when it states none. */
export function kvPrecisionFromText(text: string): KvPrecision | null {
  if (FP8_KV.some((p) => p.test(text))) return "fp8";
  if (BF16_KV.some((p) => p.test(text))) return "bf16";
  return null;
}
