import { DEFAULT_REPLICAS } from "../reliability/index.ts";
import type { Scenario } from "./scenario-schema.ts";

const V3 = "DeepSeek-V3 Technical Report, arXiv 2412.19437";
const DAY6 =
  "DeepSeek open-infra-index, 'Day 6: DeepSeek-V3/R1 Inference System Overview' (2025-03-01), 'Statistics of DeepSeek's Online Service' (24 h, 2025-02-27/28)";

// DeepSeek's Day 6 production day: 608B input tokens (56.3 % KV-cache hits) and 168B output tokens in 24 h,
// 20-22 output tokens/s per request, 226.75 nodes on average and 278 at peak (8 H800 per node).
const INPUT_TOKENS_PER_DAY = 608e9;
const OUTPUT_TOKENS_PER_DAY = 168e9;
// Day 6 / cases/serve.json ds-prod-h800-decode: average KV length per output token 4,989 = input + output / 2.
// With the day's input/output ratio r = 608/168 the mean request is output = 4,989 / (r + 1/2), input = r x output.
const KV_LEN = 4989;
const RATIO = INPUT_TOKENS_PER_DAY / OUTPUT_TOKENS_PER_DAY;
const OUTPUT_TOKENS = Math.round(KV_LEN / (RATIO + 0.5));
const INPUT_TOKENS = Math.round(RATIO * OUTPUT_TOKENS);
const PEAK_TO_MEAN = Math.round((278 / 226.75) * 1000) / 1000;

/**
 * The story's scenario: a DeepSeek-V3-class model (the R2 stand-in; DeepSeek-V3's config, 671B parameters, 37B
 * active) pre-trained on 14.8T tokens within 60 days, while DeepSeek's published production load is served, on a
 * fleet of 2,048 H800 (DeepSeek's training cluster), 1,024 H20 and 3,456 Ascend 910C in China, with a policy
 * that prefers domestic chips. Every number is in `sources` with where it comes from.
 * @example compareStrategies(defaultScenario())
 */
export function defaultScenario(): Scenario {
  return {
    name: "deepseek-r2-story",
    pools: [
      {
        name: "h800",
        chip: "nvidia-h800-sxm",
        count: 2048,
        stack: "hai-llm",
        usd_per_chip_hour: 2,
      },
      {
        name: "h20",
        chip: "nvidia-h20",
        count: 1024,
        scaleout_gbps_per_chip: 400,
      },
      {
        name: "ascend-910c",
        chip: "huawei-ascend-910c",
        count: 3456,
        power_w: 800,
        serve_stack: "cloudmatrix-infer",
      },
    ],
    training: {
      model: "deepseek-v3",
      tokens: 14.8e12,
      seq_len: 4096,
      global_batch_tokens: 62_914_560,
      precision: "fp8",
      deadline_days: 60,
      deadline_confidence: 0.8,
    },
    serving: {
      model: "deepseek-v3",
      input_tokens: INPUT_TOKENS,
      output_tokens: OUTPUT_TOKENS,
      demand_tokens_per_day: INPUT_TOKENS_PER_DAY + OUTPUT_TOKENS_PER_DAY,
      peak_to_mean: PEAK_TO_MEAN,
      ttft_ms: 2000,
      tpot_ms: 50,
      cache_hit_rate: 0.563,
      precision: "fp8",
    },
    policy: {
      region: "china",
      min_domestic_share_of_chips: 0.4,
      min_domestic_share_of_work: 0.3,
    },
    assumptions: {
      failure_scenario: "high",
      ascend_failure_rate_multiplier: 1,
      other_failure_rate_multiplier: 1,
      failure_rate_site_spread: false,
      checkpoint_mode: "async",
    },
    seed: 1,
    replicas: DEFAULT_REPLICAS,
    sources: [
      {
        name: "model",
        value: "deepseek-v3",
        unit: "",
        source: `${V3}: 671B parameters, 37B active; R2's architecture is unpublished, V3's config stands in`,
        kind: "assumption",
      },
      { name: "training_tokens", value: 14.8e12, unit: "tokens", source: `${V3}, abstract`, kind: "sourced" },
      {
        name: "seq_len_and_batch",
        value: "4,096 x 15,360 sequences",
        unit: "tokens",
        source: `${V3} §4.2 (final batch 15,360 sequences of 4K)`,
        kind: "sourced",
      },
      {
        name: "precision",
        value: "fp8",
        unit: "",
        source: `${V3} §3.3 (FP8 mixed precision)`,
        kind: "sourced",
      },
      {
        name: "deadline_days",
        value: 60,
        unit: "days",
        source: `${V3} §1: pre-training 'in less than two months' (2.664M H800-hours / 2,048 = 54 days)`,
        kind: "derived",
      },
      {
        name: "deadline_confidence",
        value: 0.8,
        unit: "",
        source: "a planning choice: P(finish by the deadline) >= 0.8 counts as meeting it",
        kind: "assumption",
      },
      {
        name: "h800_count",
        value: 2048,
        unit: "chips",
        source: `${V3} §3.1 (2,048 H800 cluster)`,
        kind: "sourced",
      },
      {
        name: "h800_usd_per_chip_hour",
        value: 2,
        unit: "USD/chip-hour",
        source: `${V3} Table 1 ('rental price of the H800 is $2 per GPU hour'); Day 6 uses the same price`,
        kind: "sourced",
      },
      {
        name: "h800_stack",
        value: "hai-llm",
        unit: "",
        source: `${V3} §3.2 (HAI-LLM, DualPipe)`,
        kind: "sourced",
      },
      {
        name: "ascend_910c_serve_stack",
        value: "cloudmatrix-infer",
        unit: "",
        source:
          "Zuo et al., arXiv 2506.12708 (CloudMatrix-Infer: DeepSeek-R1 served on CloudMatrix384, the supernodes this pool is made of); vLLM-Ascend, the open engine, takes its own lower prior: with it the pool carries ~81 % of the peak (docs/serving-model.md)",
        kind: "sourced",
      },
      {
        name: "h20_count",
        value: 1024,
        unit: "chips",
        source:
          "illustrative: DeepSeek's H20 holdings are unpublished (H20 sales to China resumed mid-2025, research/hardware.md §7)",
        kind: "assumption",
      },
      {
        name: "h20_scaleout_gbps_per_chip",
        value: 400,
        unit: "Gb/s",
        source:
          "catalog note for nvidia-h20: 'assume 400 Gb/s per GPU like other HGX Hopper nodes only as a placeholder'",
        kind: "assumption",
      },
      {
        name: "ascend_910c_count",
        value: 3456,
        unit: "chips",
        source:
          "illustrative, and the answer turns on it: 9 CloudMatrix 384 supernodes of 384 Ascend 910C (earlier versions of this story had 8, 3,072, raised after a 2 % slower 910C decode turned the answer to 'no strategy': docs/serving-model.md); 'a few thousand' (CloudMatrix384 paper, arXiv 2506.12708); DeepSeek's Ascend holdings are unpublished",
        kind: "assumption",
      },
      {
        name: "ascend_910c_power_w",
        value: 800,
        unit: "W",
        source:
          "derived: two 910B-class dies at 400 W each (catalog TDP of huawei-ascend-910b2); Huawei publishes no 910C TDP (research/hardware.md §1 notes ~1.46 kW all-in per NPU for CloudMatrix 384)",
        kind: "assumption",
      },
      {
        name: "serving_tokens_per_day",
        value: INPUT_TOKENS_PER_DAY + OUTPUT_TOKENS_PER_DAY,
        unit: "tokens/day",
        source: `${DAY6}: 608B input + 168B output tokens in 24 h`,
        kind: "sourced",
      },
      {
        name: "cache_hit_rate",
        value: 0.563,
        unit: "",
        source: `${DAY6}: 56.3 % of input tokens hit the on-disk KV cache`,
        kind: "sourced",
      },
      {
        name: "request_lengths",
        value: `${INPUT_TOKENS} in / ${OUTPUT_TOKENS} out`,
        unit: "tokens",
        source: `derived from ${DAY6}: average KV length 4,989 per output token (= input + output/2) and the 608:168 input/output ratio`,
        kind: "derived",
      },
      {
        name: "peak_to_mean",
        value: PEAK_TO_MEAN,
        unit: "",
        source: `${DAY6}: 278 nodes at peak / 226.75 on average`,
        kind: "derived",
      },
      {
        name: "tpot_ms",
        value: 50,
        unit: "ms",
        source: `${DAY6}: 20-22 output tokens/s per request (45-50 ms per token)`,
        kind: "derived",
      },
      {
        name: "ttft_ms",
        value: 2000,
        unit: "ms",
        source:
          "assumption: DeepSeek publishes no TTFT; 2 s is MLPerf Inference v5.1's p99 TTFT limit for DeepSeek-R1 server (NVIDIA Technical Blog, 2025-09-09), read as a p99 at the peak as serve plan reads its limits",
        kind: "assumption",
      },
      {
        name: "region_and_policy",
        value: "china; >= 40 % of chips and >= 30 % of work domestic",
        unit: "",
        source:
          "illustrative policy preferring domestic chips: Beijing asked firms to justify H20 purchases (research/hardware.md §7); the shares are not a published rule",
        kind: "assumption",
      },
    ],
  };
}
