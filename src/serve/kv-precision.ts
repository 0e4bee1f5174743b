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
  /kv[-_ ]cache[^.;]{0,20}fp8/i,
  /fp8[^.;]{0,12}kv[-_ ]cache/i,
  /flashmla[- ]fp8/i,
  /fp8 mla/i,
];
// A model publisher's own FP8 checkpoint ("Qwen/Qwen3-32B-FP8"): fine-grained FP8 weights whose
// quantization_config (quant_method fp8, weight_block_size [128, 128]) carries no KV-cache scheme, so every engine
// keeps the KV cache in the model's type; only NVIDIA's ModelOpt checkpoints ("nvidia/...") add
// kv_cache_quant_algo FP8 (NVIDIA/TensorRT-LLM auto_deploy FineGrainedFP8 transform; ModelOpt hf_quant_config.json).
// (only where a command names the model: `serve <ckpt>`, `--model <ckpt>`, `--model-path <ckpt>`)
const PUBLISHER_FP8_CHECKPOINT =
  /(?:serve|--model(?:[-_]path)?)[ =]+(?!nvidia\/)[A-Za-z][\w.-]*\/[\w.-]+-fp8(?![\w.-])/i;
const BF16_KV = [
  /bf16[^.;]{0,12}\bmla\b/i,
  /bf16[- ]kv/i,
  /kv[-_ ]cache[^.;]{0,20}bf16/i,
  PUBLISHER_FP8_CHECKPOINT,
];

/** The KV-cache format a free-text engine description states, null when it states none. */
export function kvPrecisionFromText(text: string): KvPrecision | null {
  if (FP8_KV.some((p) => p.test(text))) return "fp8";
  if (BF16_KV.some((p) => p.test(text))) return "bf16";
  return null;
}
