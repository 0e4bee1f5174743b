import type { ModelArch } from "../arch/index.ts";

/** An MLPerf Inference datacenter LLM benchmark, recognised from the model it runs. */
export type MlperfBenchmark = "llama2-70b" | "llama3.1-405b" | "llama3.1-8b" | "mixtral-8x7b" | "deepseek-r1";

/** p99 latency limits of a scenario, milliseconds (TPOT = 1000 / the per-user tokens/s target). */
export interface MlperfLimits {
  ttftMs: number;
  tpotMs: number;
}

/**
 * Latency limits of the MLPerf server and interactive scenarios, per benchmark. Offline has none.
 * Sources: NVIDIA Technical Blog "NVIDIA Blackwell Delivers Massive Performance Leaps in MLPerf Inference v5.0"
 * (2025-04-02): Llama 3.1 405B server TTFT 6 s / TPOT 175 ms, Llama 2 70B Interactive TTFT 450 ms / TPOT 40 ms;
 * NVIDIA Technical Blog "NVIDIA Blackwell Ultra Sets New Inference Records in MLPerf Debut" (2025-09-09):
 * DeepSeek-R1 server TTFT 2 s at 12.5 tokens/s/user (80 ms), Llama 3.1 405B interactive TTFT 4.5 s at 12.5
 * tokens/s/user (80 ms), Llama 3.1 8B server 2 s / 10 tokens/s/user (100 ms) and interactive 0.5 s /
 * 33 tokens/s/user (30 ms); Llama 2 70B and Mixtral 8x7B server TTFT 2 s / TPOT 200 ms (cases/serve.json
 * mlperf41-* `slo`, from the v4.1 rules).
 */
export const MLPERF_LIMITS: Readonly<
  Record<MlperfBenchmark, Partial<Record<"server" | "interactive", MlperfLimits>>>
> = {
  "llama2-70b": { server: { ttftMs: 2000, tpotMs: 200 }, interactive: { ttftMs: 450, tpotMs: 40 } },
  "llama3.1-405b": { server: { ttftMs: 6000, tpotMs: 175 }, interactive: { ttftMs: 4500, tpotMs: 80 } },
  "llama3.1-8b": { server: { ttftMs: 2000, tpotMs: 100 }, interactive: { ttftMs: 500, tpotMs: 1000 / 33 } },
  "mixtral-8x7b": { server: { ttftMs: 2000, tpotMs: 200 } },
  "deepseek-r1": { server: { ttftMs: 2000, tpotMs: 80 } },
};

/**
 * Mean prompt length of a benchmark's dataset, tokens, where a source states it or its per-sample token counts
 * give it; the others stay unknown.
 * Llama 3.1 405B: MLCommons, "MLPerf Inference v5.0 Advances Language Model Capabilities for GenAI"
 * (mlcommons.org/2025/04/llm-inference-v5, "Dataset and task selection"): "mean input/output context lengths of
 * 9,400 and 680 tokens" (LongBench, LongDataCollections, RULER, GovReport-Summary; 8,313 samples).
 * Llama 2 70B, Mixtral 8x7B, Llama 3.1 8B: means of the per-sample prompt token counts that
 * openshift-psap/performance-dashboard extracted from MLCommons' preprocessed dataset files
 * (mlperf-data/summaries/*.csv, written by mlperf-data/original/generate_dataset_summaries.py):
 * llama2-70b-99.csv (commit 7cd1065d, `tok_input_length` of open_orca_gpt4_tokenized_llama.sampled_24576.pkl.gz,
 * 24,576 samples, mean 222.33, median 152), mixtral-8x7b.csv (commit 67033bae, 09292024_mixtral_15k_mintoken2_v1.pkl,
 * 15,000 samples, mean 427.39; its output column averages 144.84 tokens, exactly the reference tokens_per_sample
 * below (MLCommons' Mixtral README), a check that the rows were read right), llama3-1-8b-datacenter.csv (commit b04ea53f, `tok_input` of
 * cnn_eval.json, 13,368 samples, mean 870.73). Read 2026-11-29 (all rows parsed; secondary extraction, flagged).
 * DeepSeek-R1 (AIME, MATH500, GPQA, MMLU-Pro, LiveCodeBench, 4,388 samples): the same project's
 * datasets/summaries/deepseek-r1.csv (commit c402a312, `tok_input_len` of
 * mlperf_deepseek_r1_dataset_4388_fp8_eval.pkl, written by datasets/generate_summaries.py), 4,388 rows, mean
 * 803.79, median 902, max 3,140. Checks: its output column averages 4,043.45, the "mean-output-tok-len" of the
 * 32K-limit reference run in MLCommons' language/deepseek-r1/README.md (commit 00bb55f0), and its maximum equals
 * the `max_input_len` 3,140 of NVIDIA's v6.0 deepseek-r1 config. Read 2026-11-29 (secondary extraction, flagged).
 */
export const MLPERF_MEAN_INPUT_TOKENS: Readonly<Partial<Record<MlperfBenchmark, number>>> = {
  "llama3.1-405b": 9400,
  "llama2-70b": 222.33,
  "mixtral-8x7b": 427.39,
  "llama3.1-8b": 870.73,
  "deepseek-r1": 803.79,
};

/**
 * Mean generated (output) length of a benchmark's reference run, tokens per sample, where a primary source
 * states it; a case that does not state its output length takes it (case-workload.ts). MLPerf checks submissions' tokens per sample against these (the Mixtral README: within 90–110 %).
 * Llama 2 70B: mlcommons/inference language/llama2-70b/README.md "Accuracy Target", "Tokens per sample: 294.45"
 * (FP16 reference on DGX-H100).
 * Llama 3.1 405B: MLCommons llm-inference-v5 blog (above), mean output 680 tokens.
 * Mixtral 8x7B: mlcommons/inference language/mixtral-8x7b/README.md "Accuracy Target",
 * `{'tokens_per_sample': 144.84}` (all non-EOS generated tokens).
 * DeepSeek-R1: the figure submissions are checked against, mlcommons/inference
 * tools/submission/submission_checker/constants.py (commit 001d64ca), `"TOKENS_PER_SAMPLE", 0.9 * 3886.2274`;
 * the README's PyTorch reference eval states 4,043.45 ("mean-output-tok-len", language/deepseek-r1/README.md),
 * 4 % more. Mixtral's checker bounds use 144.84 (lower) and 145.9 (upper).
 * Llama 3.1 8B: 128, the generation cap every answer reaches: mlcommons/inference language/llama3.1-8b/SUT_VLLM.py
 * (commit 64eb7813) sets `"max_tokens": 128` with greedy decoding, and submitted Offline runs report tokens/s over
 * samples/s (LoadGen divides both counts by the same duration, loadgen/results.cc) of 128.000 (Intel v6.1,
 * closed/Intel/results/1-node-2S-GNR_128C/llama3_1-8b/Offline/performance/run_1/mlperf_log_summary.txt:
 * 1,916.74 / 14.9745, one full pass of the 13,368 samples) and 128.996 (ASUSTeK v6.0, RTX PRO 6000,
 * mlperf_log_detail.txt: one token above the cap, so that harness counts one more token per answer than it
 * generates after the first, e.g. the first token twice; not a longer answer). The README's `gen_len` 8,167,644 counts characters (evaluation.py sums len() of the
 * decoded texts): 611 per sample, 4.8 per token at 128 tokens.
 */
export const MLPERF_MEAN_OUTPUT_TOKENS: Readonly<Partial<Record<MlperfBenchmark, number>>> = {
  "llama2-70b": 294.45,
  "llama3.1-405b": 680,
  "mixtral-8x7b": 144.84,
  "deepseek-r1": 3886.23,
  "llama3.1-8b": 128,
};

/**
 * Which MLPerf LLM benchmark a model is, by its architecture (hidden size, layers, experts), or null. The
 * shapes are the models' Hugging Face config.json values: Llama-2-70B 8192 x 80 (vocab 32,000), Llama-3.1-405B 16384 x 126,
 * Llama-3.1-8B 4096 x 32 (vocab 128,256), Mixtral-8x7B 4096 x 32 with 8 experts, DeepSeek-R1 7168 x 61 MLA with 256 routed experts (Kimi K2 has the same width and depth, 384 experts).
 */
export function mlperfBenchmarkOf(arch: ModelArch): MlperfBenchmark | null {
  const { hiddenSize: h, numLayers: l } = arch;
  if (arch.mla !== null && arch.moe?.numExperts === 256 && h === 7168 && l === 61) return "deepseek-r1";
  if (arch.moe !== null && arch.mla === null && h === 4096 && l === 32) return "mixtral-8x7b";
  if (arch.moe !== null || arch.mla !== null) return null;
  if (h === 8192 && l === 80 && arch.vocabSize === 32_000) return "llama2-70b";
  if (h === 16384 && l === 126) return "llama3.1-405b";
  if (h === 4096 && l === 32 && arch.vocabSize === 128_256) return "llama3.1-8b";
  return null;
}
