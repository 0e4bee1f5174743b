import * as z from "zod";
import { modelAdvisories } from "../arch/index.ts";
import { builtinChips, makeChipCatalog, withScaleOutGbps } from "../catalog/chips/index.ts";
import {
  builtinServeProfile,
  GRAPH_MODES,
  planServe,
  SERVE_PLAN_LIMITS,
  type ServePlanInput,
  servePlanJson,
} from "../serve/index.ts";
import { amountSchema } from "../util/amount-schema.ts";
import { snakeCaseKeys } from "../util/snake-case-keys.ts";
import { importModelRef, ModelRefSchema } from "./model-ref.ts";

const positive = z.number().positive();

/** `POST /api/serve/plan`: the flags of `fleetcast serve plan`, snake_case (lengths in tokens, limits in ms). */
export const ServePlanBodySchema = z.strictObject({
  model: ModelRefSchema,
  chip: z.string().min(1).max(100),
  scale_out_gbps_per_chip: z.number().positive().max(SERVE_PLAN_LIMITS.scaleOutGbps).optional().meta({
    description: "NIC line rate per chip, Gb/s, when the catalog has none (H20) or the site differs",
  }),
  input_tokens: z
    .number()
    .min(1)
    .max(SERVE_PLAN_LIMITS.lengthTokens)
    .meta({ description: "Mean prompt length, tokens" }),
  output_tokens: z
    .number()
    .min(1)
    .max(SERVE_PLAN_LIMITS.lengthTokens)
    .meta({ description: "Mean output length, tokens" }),
  ttft_ms: positive.max(SERVE_PLAN_LIMITS.ttftMs).optional().meta({
    description:
      "Time-to-first-token limit, ms: each layout's TTFT without queueing must meet it, and with a demand the pools' p99 at that load",
  }),
  tpot_ms: positive.max(SERVE_PLAN_LIMITS.tpotMs).optional().meta({
    description:
      "Time-per-output-token limit, ms: each layout's TPOT must meet it, and with a demand the pools' p99 at that load",
  }),
  precision: z
    .enum(["bf16", "fp8", "int8", "fp4"])
    .optional()
    .meta({ description: "GEMM precision (default: FP8 where the chip has it, INT8 on Ascend, else BF16)" }),
  expert_weight_bits: z.literal(4).optional().meta({
    description:
      "Routed experts stored in 4 bits under INT8 (or FP8) GEMMs: a W4A8 checkpoint of a mixture of experts (default: the precision's own width)",
  }),
  count: z.int().min(1).max(SERVE_PLAN_LIMITS.chips).optional().meta({
    description:
      "Chips one instance may span (default: one scale-up domain, or the fewest whole domains that hold the weights)",
  }),
  stack: z.string().min(1).max(100).optional().meta({ description: "Serving stack id (default per chip)" }),
  cache_hit_rate: z.number().min(0).max(0.99).default(0),
  length_distribution: z.enum(["uniform", "exponential"]).default("uniform").meta({
    description:
      "Lengths of the load the pools are sized for (with `demand`): uniform, every request the means; exponential, long-tailed chat lengths with those means, simulated at load (the layouts are priced at the means)",
  }),
  spec_decode_accept: z.number().min(1).max(SERVE_PLAN_LIMITS.specDecodeAccept).optional(),
  usd_per_chip_hour: positive.max(SERVE_PLAN_LIMITS.usdPerChipHour).optional().meta({
    description:
      "Price of one chip-hour, USD, for the cost of a demand's chips (read with `demand` only; default: the catalog's cloud price range, else its purchase price amortised over 4 years x2, an assumption)",
  }),
  overlap: z.enum(["none", "single-batch", "two-batch"]).optional().meta({
    description:
      "How the engine hides TP/EP communication (default: two-batch, split when faster, for MoE layouts with EP > 1 and attention DP > 1; none otherwise)",
  }),
  graph_mode: z.enum(GRAPH_MODES).optional().meta({
    description:
      "How the engine launches a step's kernels: full, full-and-piecewise (vLLM's default), decode-only (FULL_DECODE_ONLY), piecewise, eager; a host that launches them makes a step no shorter than its launches (default: the engine's current builds')",
  }),
  demand: z
    .strictObject({
      requests_per_s: positive.max(SERVE_PLAN_LIMITS.requestsPerS).optional(),
      tokens_per_day: amountSchema(SERVE_PLAN_LIMITS.tokensPerDay).optional().meta({
        description:
          'Input plus output tokens per day: a number, or an amount as the CLI takes it ("776B", "1T")',
      }),
      peak_to_mean: z.number().min(1).max(100).optional().meta({
        description:
          "The busiest hour's rate over the mean rate given (1 = flat load): pools sized for the peak, cost and energy per token over the mean",
      }),
    })
    .refine((d) => (d.requests_per_s === undefined) !== (d.tokens_per_day === undefined), {
      message: "give exactly one of requests_per_s or tokens_per_day",
      path: ["requests_per_s"],
    })
    .optional(),
});
export type ServePlanBody = z.output<typeof ServePlanBodySchema>;

/**
 * The best serving layout for a request body, as `fleetcast serve plan --json`: colocated and disaggregated
 * instances under the latency limits, alternatives, and the chips, cost and energy a demand needs.
 * @throws {FleetcastError} for an unknown chip, model or stack, or weights that do not fit the chips named
 */
export function servePlanJob(body: ServePlanBody) {
  const chip = withScaleOutGbps(makeChipCatalog(builtinChips()).get(body.chip), body.scale_out_gbps_per_chip);
  const imported = importModelRef(body.model, "model");
  const { arch } = imported;
  const input: ServePlanInput = {
    inputTokens: body.input_tokens,
    outputTokens: body.output_tokens,
    ...(body.precision === undefined ? {} : { precision: body.precision }),
    ...(body.expert_weight_bits === undefined ? {} : { expertWeightBits: body.expert_weight_bits }),
    cacheHitRate: body.cache_hit_rate,
    lengthDistribution: body.length_distribution,
    overlap: body.overlap,
    ...(body.graph_mode === undefined ? {} : { graphMode: body.graph_mode }),
    ...(body.ttft_ms === undefined ? {} : { ttftMs: body.ttft_ms }),
    ...(body.tpot_ms === undefined ? {} : { tpotMs: body.tpot_ms }),
    ...(body.count === undefined ? {} : { count: body.count }),
    ...(body.stack === undefined ? {} : { stack: body.stack }),
    ...(body.spec_decode_accept === undefined ? {} : { specDecodeAccept: body.spec_decode_accept }),
    ...(body.usd_per_chip_hour === undefined ? {} : { usdPerChipHour: body.usd_per_chip_hour }),
    ...(body.demand
      ? {
          demand: {
            ...(body.demand.requests_per_s === undefined ? {} : { requestsPerS: body.demand.requests_per_s }),
            ...(body.demand.tokens_per_day === undefined ? {} : { tokensPerDay: body.demand.tokens_per_day }),
            ...(body.demand.peak_to_mean === undefined ? {} : { peakToMean: body.demand.peak_to_mean }),
          },
        }
      : {}),
  };
  const plan = planServe(arch, chip, input, builtinServeProfile());
  return snakeCaseKeys({
    ...servePlanJson(plan, input, { model: arch.name, chip: chip.id }),
    advisories: [...modelAdvisories(imported), ...plan.advisories],
  });
}
