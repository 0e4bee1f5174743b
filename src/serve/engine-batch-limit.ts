import { hbmBytesOf } from "../catalog/chips/index.ts";
import type { ServePhase } from "./search-instances.ts";
import type { ServeSetup } from "./serve-setup.ts";

/** The most sequences one attention replica of an engine schedules at once, and where that figure comes from. */
export interface EngineBatchLimit {
  /**
   * The cap the layout search applies: the engine's limit, at most the deployment cap of 1,024. Clients that keep more
   * requests in flight than it meet `engineMax` instead (search-instances.ts).
   */
  maxBatch: number;
  /** The engine's own default or kernel limit; null when unknown. */
  engineMax: number | null;
  /** `engine-default`: a documented default; `kernel`: a kernel buffer limit; `unknown`: none found. */
  kind: "engine-default" | "kernel" | "unknown";
  note: string;
}

// Deployment cap: published high-throughput runs set the batch at or below 1,024 per rank even where the engine
// allows more: TensorRT-LLM MLPerf configs 896-1,024 per instance (cases/serve.json mlperf41-* notes); NVIDIA's
// DeepSeek-R1 trtllm-serve recipe --max_batch_size 1024 (NVIDIA/TensorRT-LLM docs/source/deployment-guide/
// quick-start-recipe-for-deepseek-r1-on-trtllm.md). Also the cap for engines whose default is unknown.
export const DEPLOYED_MAX_BATCH = 1024;

// TensorRT-LLM LLM API: BaseLlmArgs.max_batch_size default 2048 (max_num_tokens 8192), "max batch size in each
// rank" with attention DP (NVIDIA/TensorRT-LLM tensorrt_llm/llmapi/llm_args.py; docs/source/blogs/
// Best_perf_practice_on_DeepSeek-R1_in_TensorRT-LLM.md, trtllm-bench options).
const TRTLLM_MAX_BATCH = 2048;

/**
 * trtllm-bench, TensorRT-LLM's benchmark tool, sets its own max_batch_size when none is given: what the KV cache
 * holds, at most 4,096, over the pipeline stages, rounded up to 256 (NVIDIA/TensorRT-LLM
 * tensorrt_llm/bench/build/tuning.py, finetune_setting: raw_bs = min(kv_cache_max_requests, 4096) / pp_size). The
 * KV cache is checked apart (search-instances.ts), so the cap is the 4,096.
 */
export const TRTLLM_BENCH_MAX_BATCH = 4096;

/** Whether a case's software and notes say it ran trtllm-bench (whose batch cap is TRTLLM_BENCH_MAX_BATCH). */
export function ranTrtllmBench(text: string): boolean {
  return /\btrtllm-bench\b/i.test(text);
}
// vLLM EngineArgs.get_batch_defaults: max_num_seqs 1,024 on devices with >= 70 GiB that are not A100s, 256
// otherwise (vllm-project/vllm vllm/engine/arg_utils.py, V1 engine; the V0 engine defaulted to 256 everywhere).
const VLLM_MAX_NUM_SEQS_LARGE = 1024;
const VLLM_MAX_NUM_SEQS_SMALL = 256;
const VLLM_LARGE_DEVICE_BYTES = 70 * 2 ** 30;
// SGLang max_running_requests default: min(clamp(kv_tokens / context_len x 512, 2048, 4096), kv_tokens / 2) per
// DP worker (sgl-project/sglang python/sglang/srt/model_executor/model_runner.py, _resolve_max_num_reqs): at
// least 2,048 when memory allows; the KV pool (checked separately) is the tighter bound.
const SGLANG_MAX_RUNNING_REQUESTS = 2048;
// DeepEP README (deepseek-ai/DeepEP; public mirror dxdyt/blog-web content/posts/DeepEP.md), low-latency kernels:
// num_max_dispatch_tokens_per_rank, "the actual batch size in the decoding engine", should be below 256; the
// SGLang H100 EP72 decode run used 256 per rank (cases/serve.json sglang-h100-decode-ep72).
const DEEPEP_LOW_LATENCY_MAX_TOKENS = 256;
// MindIE Server config.json ScheduleConfig.maxBatchSize default 200 (hiascend.com MindIE Service developer guide,
// configuration parameters; the shipped mindie-service/conf/config.json).
const MINDIE_MAX_BATCH_SIZE = 200;

// Engines that decode across nodes with DeepEP's low-latency kernels (SGLang `--moe-a2a-backend deepep`,
// DeepSeek's own engine: DeepSeek Day-6 inference system overview).
const DEEPEP_ENGINES = new Set(["sglang", "deepseek-infer"]);

// The token budget of a colocated step where the engine's is not known: TensorRT-LLM's max_num_tokens default
// (8,192) and vLLM's OpenAI-server default on large devices (below); SGLang's chunked prefill size varies with
// the device's memory (an assumption for it).
export const DEFAULT_COLOCATED_CHUNK_TOKENS = 8_192;
// vLLM's token budget a step (max_num_batched_tokens) for its OpenAI server, from the same get_batch_defaults: 8,192
// on devices with >= 70 GiB that are not A100s ("Setting large max_num_batched_tokens for A100 reduces throughput,
// see PR #17885"), 2,048 otherwise (vllm-project/vllm vllm/engine/arg_utils.py, EngineArgs.get_batch_defaults).
// Its ports take vLLM's defaults (vLLM-Ascend on a 64 GB die: 2,048).
const VLLM_SERVER_STEP_TOKENS_LARGE = 8192;
const VLLM_SERVER_STEP_TOKENS_SMALL = 2048;

/**
 * The prompt and decode tokens one colocated step may carry in an engine's default configuration (vLLM's
 * max_num_batched_tokens, SGLang's chunked prefill size, TensorRT-LLM's max_num_tokens), per attention replica:
 * vLLM and its ports by device (VLLM_SERVER_STEP_TOKENS_*); other engines DEFAULT_COLOCATED_CHUNK_TOKENS.
 */
export function engineStepTokens(
  engine: string | undefined,
  chip: ServeSetup["chip"],
  ranksPerChip: number,
): number {
  if (engine !== "vllm" && engine !== "rocm-vllm" && engine !== "vllm-ascend")
    return DEFAULT_COLOCATED_CHUNK_TOKENS;
  return vllmLargeDevice(chip, ranksPerChip) ? VLLM_SERVER_STEP_TOKENS_LARGE : VLLM_SERVER_STEP_TOKENS_SMALL;
}

/** vLLM's get_batch_defaults split: a rank of >= 70 GiB that is not an A100 takes the larger defaults. */
function vllmLargeDevice(chip: ServeSetup["chip"], ranksPerChip: number): boolean {
  return hbmBytesOf(chip) / ranksPerChip >= VLLM_LARGE_DEVICE_BYTES && !/a100/i.test(chip.id);
}

/**
 * The step budget a run's text sets: vLLM's `--max-num-batched-tokens N`, SGLang's `--chunked-prefill-size N`,
 * TensorRT-LLM's `max_num_tokens: N`; null when none is stated (or SGLang's -1, no chunking).
 */
export function statedStepTokens(text: string): number | null {
  const m =
    /(?:--)?(?:max[-_]num[-_]batched[-_]tokens|chunked[-_]prefill[-_]size|max[-_]num[-_]tokens)["']?\s*[ =:]\s*(\d[\d,]*)(?![\d.])/i.exec(
      text,
    );
  const n = m === null ? Number.NaN : Number((m[1] ?? "").replaceAll(",", ""));
  return Number.isInteger(n) && n > 0 ? n : null;
}

/**
 * The batch cap an engine (catalog stack id) applies where the model chooses the batch: sequences per attention
 * replica (per rank with attention DP; per instance with TP only), the engine's default but at most the deployment
 * cap of 1,024. MoE decode whose experts span more than one scale-up domain runs DeepEP's low-latency kernels in
 * SGLang and DeepSeek's engine: at most 256 tokens per rank. Unknown engines get the deployment cap.
 */
export function engineBatchLimit(
  engine: string | undefined,
  setup: ServeSetup,
  phase: ServePhase,
): EngineBatchLimit {
  const limit = (engineMax: number | null, kind: EngineBatchLimit["kind"], note: string) => ({
    maxBatch: Math.min(DEPLOYED_MAX_BATCH, engineMax ?? DEPLOYED_MAX_BATCH),
    engineMax,
    kind,
    note,
  });
  const crossDomainEp = setup.moeLayers > 0 && setup.config.ep > 1 && setup.ranks > setup.domainRanks;
  if (engine !== undefined && DEEPEP_ENGINES.has(engine) && crossDomainEp && phase !== "prefill") {
    return limit(
      DEEPEP_LOW_LATENCY_MAX_TOKENS,
      "kernel",
      "DeepEP low-latency dispatch: < 256 tokens per rank",
    );
  }
  switch (engine) {
    case "tensorrt-llm":
      return limit(TRTLLM_MAX_BATCH, "engine-default", "TensorRT-LLM max_batch_size default");
    case "sglang":
    case "sglang-ascend":
      return limit(SGLANG_MAX_RUNNING_REQUESTS, "engine-default", "SGLang max_running_requests default");
    case "vllm":
    case "rocm-vllm":
    case "vllm-ascend": {
      return limit(
        vllmLargeDevice(setup.chip, setup.ranksPerChip) ? VLLM_MAX_NUM_SEQS_LARGE : VLLM_MAX_NUM_SEQS_SMALL,
        "engine-default",
        "vLLM max_num_seqs default",
      );
    }
    case "mindie":
      return limit(MINDIE_MAX_BATCH_SIZE, "engine-default", "MindIE maxBatchSize default");
    default:
      return limit(null, "unknown", "engine batch default unknown: the deployment cap is assumed");
  }
}
