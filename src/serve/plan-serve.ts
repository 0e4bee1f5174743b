import * as z from "zod";
import type { ModelArch } from "../arch/index.ts";
import { outOfSampleBandOf, widenedInterval } from "../calibrate/index.ts";
import {
  builtinChips,
  type Chip,
  chipAdvisories,
  largerMemorySkuOf,
  MAX_SCALE_OUT_GBPS,
  usdPerChipHourOf,
} from "../catalog/chips/index.ts";
import { defaultStackFor, findStack, stackChoiceHint } from "../catalog/stacks/index.ts";
import { FleetcastError } from "../errors.ts";
import { issuesError } from "../util/describe-issue.ts";
import { MAX_CHIPS, MAX_TPOT_MS, MAX_TTFT_MS } from "../util/engineering-bounds.ts";
import { requireCatalogObjects } from "../util/require-catalog-objects.ts";
import { countText, layoutLabel, threeDigits } from "./_format.ts";
import { appliedExpertWeightBits, checkpointAdvisory, expertBitsAdvisory } from "./expert-weight-bits.ts";
import { GRAPH_MODES, type GraphMode, graphModeAdvisory, graphModeOf } from "./graph-mode.ts";
import { chipsForWeights } from "./memory.ts";
import { MOE_DEFAULT_INSTANCE_CHIPS } from "./moe-default-instance-chips.ts";
import { type InstanceCandidate, searchInstances } from "./search-instances.ts";
import type { ServeAdvisory } from "./serve-advisory.ts";
import {
  calibrationAdvisory,
  moeCalibrationAdvisory,
  profileEfficiency,
  type ServeProfile,
} from "./serve-profile.ts";
import {
  defaultServePrecision,
  resolvePrecision,
  type ServePrecision,
  unpricedLayout,
} from "./serve-setup.ts";
import type { LatencyStats } from "./simulate-serving.ts";
import {
  atLoadOf,
  longWaitAdvisory,
  modeChoices,
  nearLimitAdvisory,
  type PoolChoice,
  type SizedPool,
  SPLIT_TTFT_SHARE,
  sizePool,
} from "./size-pool.ts";
import { kvContextTokens } from "./step-time.ts";

const positive = z.number().positive().finite();
/**
 * Bounds of a plan's request, which the HTTP API's body reads too (server/serve-plan-body.ts), so the CLI and the API
 * refuse alike (QA 26: the CLI had sized 1e30 tokens a day at 3e20 chips). Engineering bounds, not measurements:
 * lengths 2^21 tokens (the API's MAX_SEQ_LEN, above any model's context today); 16 accepted tokens per decode step
 * (a draft window far past what speculative decoding is run with); 10^9 requests/s and 10^18 tokens a day (DeepSeek's
 * whole service was 776e9 a day, Day 6 of its open-source week); a TTFT limit of 10^7 ms and a TPOT limit of 10^6 ms
 * (hours per token: no limit at all); 2^20 chips an instance (MAX_CHIPS: these three from util/engineering-bounds.ts); $10^6 a chip-hour; 10^5 Gb/s a
 * NIC (250x today's 400G). QA 39: the CLI took 1e9 ms, 1e7 chips and $1e9 an hour that the API refused.
 */
export const SERVE_PLAN_LIMITS = {
  lengthTokens: 2 ** 21,
  specDecodeAccept: 16,
  requestsPerS: 1e9,
  tokensPerDay: 1e18,
  ttftMs: MAX_TTFT_MS,
  tpotMs: MAX_TPOT_MS,
  chips: MAX_CHIPS,
  usdPerChipHour: 1e6,
  scaleOutGbps: MAX_SCALE_OUT_GBPS,
} as const;

/**
 * What `fleetcast serve plan` asks, validated: lengths in tokens, limits in milliseconds. The layout search holds
 * each layout's unloaded latencies to the limits; with a demand, the pools are then grown until their simulated
 * p99 at that load meets them.
 */
export const ServePlanInputSchema = z.strictObject({
  /** GEMM precision; default the chip's usual one (FP8, INT8 on Ascend: defaultServePrecision). */
  precision: z.enum(["bf16", "fp8", "int8", "fp4"]).optional(),
  /**
   * Bits a routed expert's weight is stored in, narrower than the GEMM precision: 4 for a W4A8 checkpoint (INT8
   * GEMMs, 4-bit experts; expert-weight-bits.ts). Default: the precision's own width.
   */
  expertWeightBits: z.literal(4).optional(),
  /** Mean prompt and answer lengths, tokens (means need not be whole: ShareGPT's prompts average 221.7). */
  inputTokens: z.number().positive().max(SERVE_PLAN_LIMITS.lengthTokens),
  outputTokens: z.number().positive().max(SERVE_PLAN_LIMITS.lengthTokens),
  ttftMs: positive.max(SERVE_PLAN_LIMITS.ttftMs).optional(),
  tpotMs: positive.max(SERVE_PLAN_LIMITS.tpotMs).optional(),
  /**
   * Chips one instance may span (default: one scale-up domain, or the fewest whole domains that hold the weights; a
   * MoE model, whole domains up to MOE_DEFAULT_INSTANCE_CHIPS).
   */
  count: z.number().int().positive().max(SERVE_PLAN_LIMITS.chips).optional(),
  /** Serving stack id (default: the family's usual one, e.g. vllm / vllm-ascend). */
  stack: z.string().min(1).optional(),
  cacheHitRate: z.number().min(0).max(0.99).default(0),
  /**
   * How the lengths spread around their means in the load the pools are sized for (simulated at load): `uniform`,
   * every request the means; `exponential`, long-tailed as chat traffic is (the simulator's truncated exponential of
   * those means, length-distribution.ts). The layout search prices the means either way.
   */
  lengthDistribution: z.enum(["uniform", "exponential"]).default("uniform"),
  specDecodeAccept: z.number().min(1).max(SERVE_PLAN_LIMITS.specDecodeAccept).optional(),
  /**
   * Price of one chip-hour, USD, for the cost of a demand (default: the catalog's cloud price range, else its
   * purchase price amortised, `usdPerChipHourOf`).
   */
  usdPerChipHour: positive.max(SERVE_PLAN_LIMITS.usdPerChipHour).optional(),
  /**
   * How the engine hides TP/EP communication (overlap-mode.ts); default two-batch for a MoE layout with EP > 1
   * and attention DP > 1, none otherwise (`defaultOverlapMode`).
   */
  overlap: z.enum(["none", "single-batch", "two-batch"]).optional(),
  /**
   * How the engine launches a step's kernels (graph-mode.ts); default the engine's current builds' (vLLM-Ascend:
   * FULL_AND_PIECEWISE, its steps with prompt tokens launched piecewise).
   */
  graphMode: z.enum(GRAPH_MODES).optional(),
  demand: z
    .strictObject({
      requestsPerS: positive.max(SERVE_PLAN_LIMITS.requestsPerS).optional(),
      /** Input plus output tokens per day. */
      tokensPerDay: positive.max(SERVE_PLAN_LIMITS.tokensPerDay).optional(),
      /**
       * The busiest hour's rate over the mean rate given (1 = flat load): the pools are sized for the peak, the cost
       * and energy per token counted over the mean (a fleet sized for its peak and kept all day).
       */
      // absent: the mean, with a note that a daily amount may peak; 1: a flat load, as the caller says
      peakToMean: z.number().min(1).max(100).optional(),
    })
    .refine(
      (d) => d.requestsPerS !== undefined || d.tokensPerDay !== undefined,
      "needs requestsPerS or tokensPerDay",
    )
    .optional(),
});
export type ServePlanInput = z.input<typeof ServePlanInputSchema>;

/** One instance layout, in plain numbers. */
export interface PlannedInstance {
  tp: number;
  dpAttention: number;
  ep: number;
  /** Pipeline stages (absent or 1: none). */
  pp?: number;
  chipsPerInstance: number;
  batch: number;
  tokensPerSPerChip: number;
  ttftMs: number;
  tpotMs: number;
  kvCapacityTokens: number;
  /** What the layout misses at its batch (empty when it meets memory and the limits). */
  violates: ("memory" | "ttft" | "tpot")[];
  /** Where one engine step's time goes, ms (step-time.ts): what a faster chip or engine would have to improve. */
  stepMs: {
    dense: number;
    experts: number;
    attention: number;
    kernelLaunches: number;
    communication: number;
    /** The engine's host work the device waits for (all of it without an overlap scheduler; step-time.ts). */
    overhead: number;
    total: number;
    microBatches: 1 | 2;
  };
}

export interface ServePlan {
  model: string;
  chip: string;
  stack: string;
  /** The GEMM precision served. */
  precision: string;
  /**
   * How the weights are stored: the GEMM precision, or a narrower one widened in the kernel (FP4 before Blackwell, FP8
   * on A100). The precision to ask for to reproduce the plan (`serve plan --json` echoes it as `inputs.precision`).
   */
  weightPrecision: ServePrecision;
  /** Bits the routed experts are stored in when narrower than `weightPrecision` (4: W4A8), else null. */
  expertWeightBits: 4 | null;
  /** How the engine launches a step's kernels, as priced (graph-mode.ts): the input's, else the engine's default. */
  graphMode: GraphMode;
  /** Best colocated instance meeting the limits, null when none does. */
  colocated: PlannedInstance | null;
  /** Prefill and decode pools apart (PD disaggregation), with the chips of prefill per chip of decode. */
  disaggregated: {
    prefill: PlannedInstance;
    decode: PlannedInstance;
    prefillChipsPerDecodeChip: number;
    outputTokensPerSPerChip: number;
    kvTransferMs: number | null;
  } | null;
  /** The best layouts tried, feasible first. */
  alternatives: PlannedInstance[];
  capacity: {
    /** The demand's mean rate. */
    requestsPerS: number;
    /** Peak over mean rate (1: sized for the mean). */
    peakToMean: number;
    /** The rate the pools are sized for: requestsPerS x peakToMean. */
    peakRequestsPerS: number;
    mode: "colocated" | "disaggregated";
    /** Chips of the pools below: whole instances, the fewest that carry the demand. */
    chips: number;
    /**
     * The chips if each chip's throughput lands at an end of the serving predictions' 80 % out-of-sample band
     * (held-out deployments ran from exp(logLo) to exp(logHi) of the prediction: src/calibrate/out-of-sample-band.ts),
     * chips / exp(logHi) to chips / exp(logLo), rounded up (not in whole instances). Null without a band.
     */
    chipsBand: [number, number] | null;
    /** The instances sized for the demand (one colocated pool, or a prefill and a decode pool). */
    pools: CapacityPool[];
    /** Output tokens/s per chip of the chosen layouts at full load (demand / this is the chips throughput alone needs). */
    outputTokensPerSPerChip: number;
    /** [low, high] $ per million output tokens of this demand on the sized chips (the chip-hour price's range). */
    usdPerMillionOutputTokens: [number, number] | null;
    /** The same cost per million tokens in and out (prompt and answer), as a demand in tokens/day counts them. */
    usdPerMillionTokens: [number, number] | null;
    /** kWh per million output tokens of this demand, the sized chips at TDP (an upper bound). */
    kwhPerMillionOutputTokens: number | null;
    /**
     * Latencies at the demand, Poisson arrivals simulated (`simulateServing`, seeded): the queueing the unloaded
     * TTFT above leaves out. Colocated: one replica at its share. Split pools: one prefill replica at its share
     * (TTFT, the first token leaving the prefill pool) and one decode replica at its share (TPOT; the prompts'
     * KV cache arrives with them), simulated apart: `split` has the decode side's rate and its wait from arrival
     * to the first decode step. Null when the simulation could not run.
     */
    atLoad: {
      /** Requests of each seeded sample. */
      requests: number;
      /** The seeds of the samples simulated (the prefill replica's when split), each latency the worse of them. */
      seeds: readonly number[];
      ratePerS: number;
      /** The engine's batch cap simulated (colocated or decode replica: the layout's batch), for `serve simulate --max-batch`. */
      maxBatch: number | null;
      ttftMs: LatencyStats;
      tpotMs: LatencyStats;
      split: { decodeRatePerS: number; decodeWaitMs: LatencyStats; decodeSeeds: readonly number[] } | null;
    } | null;
  } | null;
  advisories: ServeAdvisory[];
}

/** A pool of identical instances sized for a demand. */
export interface CapacityPool {
  role: "colocated" | "prefill" | "decode";
  tp: number;
  dpAttention: number;
  ep: number;
  /** Pipeline stages (absent or 1: none). */
  pp?: number;
  instances: number;
  chipsPerInstance: number;
  chips: number;
  /** Sequences per attention replica the layout was sized at (prefill: prompts per step). */
  batch: number;
  /** The layout's full-load rate (prompt tokens for prefill, output tokens otherwise) and latencies. */
  tokensPerSPerChip: number;
  ttftMs: number;
  tpotMs: number;
  /** Demand over what the instances carry at full load, 0-1 (rounding up to whole instances leaves the rest idle). */
  load: number;
}

/**
 * Plans serving a model on a chip type: searches instance layouts (TP, attention DP, EP, batch) for the most
 * output tokens/s per chip under the TTFT/TPOT limits, colocated and disaggregated; with a demand, the chips
 * needed and the cost (cloud $/chip-hour range of the catalog) and energy (chips at TDP, an upper bound) per
 * million output tokens. Limits no layout meets give an advisory naming the nearest point, not an exception.
 * `count` is the most chips one instance may span, not the fleet: the demand sizes the fleet (`capacity.chips`).
 * @throws FleetcastError on invalid input, or when the weights do not fit on the chips named.
 */
export function planServe(
  arch: ModelArch,
  chip: Chip,
  rawInput: ServePlanInput,
  profile: ServeProfile | null,
): ServePlan {
  return planServeWithLayouts(arch, chip, rawInput, profile).plan;
}

/**
 * Every layout a plan searched, per role, best first, with their engine setups: for callers that size pools of them
 * at a load (`modeChoices`, `sizePool`; the fleet comparison). A role is empty when its mode has no feasible layout.
 */
export interface PlanLayouts {
  colocated: InstanceCandidate[];
  prefill: InstanceCandidate[];
  decode: InstanceCandidate[];
}

/** `planServe`, with the chosen layouts' setups beside the plain-data plan. */
export function planServeWithLayouts(
  arch: ModelArch,
  chip: Chip,
  rawInput: ServePlanInput,
  profile: ServeProfile | null,
): { plan: ServePlan; layouts: PlanLayouts } {
  requireCatalogObjects("plan serving", { model: arch, chip });
  const parsed = ServePlanInputSchema.safeParse(rawInput);
  if (!parsed.success) throw issuesError("plan serving", parsed.error.issues, { root: rawInput });
  const input = parsed.data;
  const stack = input.stack ?? defaultStackFor(chip.family, "serve");
  if (input.stack === undefined && !findStack(stack).runsOn.includes(chip.family)) {
    // no engine was asked for and the family's usual one does not run here: say so, not "cannot serve with X"
    throw new FleetcastError(
      `Cannot plan serving on ${chip.id}: ${stackChoiceHint(chip.family, "serve")}`,
      "engine",
    );
  }
  const { efficiency } = profileEfficiency(profile, chip.family, stack);
  const ranksPerChip = chip.ranksPerChip;
  const precision = input.precision ?? defaultServePrecision(chip);
  const resolved = resolvePrecision(chip, precision, stack);
  const advisories: ServeAdvisory[] = [...chipAdvisories(chip), ...resolved.advisories];
  const maxContext = arch.maxPositionEmbeddings;
  if (maxContext !== null && input.inputTokens + input.outputTokens > maxContext) {
    advisories.push({
      code: "context_beyond_model",
      message: `${input.inputTokens} prompt + ${input.outputTokens} output tokens exceed ${arch.name}'s context of ${maxContext} tokens (config.json max_position_embeddings): the engine would refuse such requests`,
      hint: `keep prompt + output within ${maxContext} tokens`,
    });
  }
  const calibration = calibrationAdvisory(profile, chip.family, stack);
  if (calibration !== null) advisories.push(calibration);
  const moeCalibration = moeCalibrationAdvisory(profile, chip.family, stack, arch.moe !== null);
  if (moeCalibration !== null) advisories.push(moeCalibration);
  const expertWeightBits = appliedExpertWeightBits(arch, input.expertWeightBits);
  const denseBits = expertBitsAdvisory(arch, input.expertWeightBits, precision);
  if (denseBits !== null) advisories.push(denseBits);
  const checkpoint = checkpointAdvisory(arch, resolved.weights, expertWeightBits);
  if (checkpoint !== null) advisories.push(checkpoint);
  const graphMode = input.graphMode ?? graphModeOf(stack, null);
  const graphs = graphModeAdvisory(graphMode, stack, chip.family, arch.numLayers);
  if (graphs !== null) advisories.push(graphs);
  const count = input.count ?? defaultCount(arch, chip, precision, stack, advisories, expertWeightBits);
  const maxRanks = count * ranksPerChip;
  requireFit(arch, chip, precision, count, stack, expertWeightBits);
  const unpriced = unpricedLayout(chip, maxRanks);
  if (unpriced !== null) {
    advisories.push({
      code: "links_unknown",
      message: `Layouts whose ranks ${unpriced.reason}: they are not searched`,
      hint: unpriced.hint,
    });
  }

  const base = {
    arch,
    chip,
    precision,
    efficiency,
    inputTokens: input.inputTokens,
    outputTokens: input.outputTokens,
    cacheHitRate: input.cacheHitRate,
    specDecodeAccept: input.specDecodeAccept,
    expertWeightBits,
    maxRanks,
    engine: stack,
    overlap: input.overlap,
    graphMode,
  };
  const colocatedAll = searchInstances({
    ...base,
    phase: "both",
    ttftMs: input.ttftMs,
    tpotMs: input.tpotMs,
  });
  const colocated = colocatedAll[0]?.feasible ? colocatedAll[0] : null;

  // a split plan's prefill pool answers for its share of the TTFT limit (SPLIT_TTFT_SHARE). Its pools run without
  // pipeline stages: vLLM's KV-transfer connector does not take them (NixlConnector rejects pp > 1 at its handshake,
  // vllm-project/vllm#52913; prefill-side PP in push mode only since #45880, decode-side "not planned").
  const prefillAll = searchInstances({
    ...base,
    fixed: { pp: 1 },
    phase: "prefill",
    ttftMs: input.ttftMs === undefined ? undefined : input.ttftMs * SPLIT_TTFT_SHARE.prefill,
  });
  const decodeAll = searchInstances({
    ...base,
    fixed: { pp: 1 },
    phase: "decode",
    kvLen: input.inputTokens + input.outputTokens / 2,
    tpotMs: input.tpotMs,
  });
  const prefill = prefillAll[0];
  const decode = decodeAll[0];
  if (colocated === null) {
    advisories.push(
      prefill?.feasible && decode?.feasible
        ? colocatedOnlyAdvisory(arch, chip, input, colocatedAll, decode)
        : nearestAdvisory(arch, chip, precision, stack, input, colocatedAll, count, decodeAll),
    );
  }
  let disaggregated: ServePlan["disaggregated"] = null;
  if (prefill?.feasible && decode?.feasible) {
    const ratio = prefillChipsPerDecodeChip(prefill, decode, input);
    const nicGbps = chip.scaleOut.chipGbps;
    // the prompt's KV in full-layer equivalents (windowed layers capped, a hybrid model's state instead of KV)
    const kvBytes =
      prefill.setup.kvBytesPerTokenPerRank * kvContextTokens(arch, input.inputTokens, prefill.setup);
    // KV of one prompt leaves the prefill rank over its NIC share (Mooncake/DistServe transfer the cache this way)
    const kvTransferMs = nicGbps === null ? null : (kvBytes / ((nicGbps * 1e9) / 8 / ranksPerChip)) * 1000;
    if (kvTransferMs === null) {
      advisories.push({
        code: "kv_transfer_unknown",
        message: `${chip.id} has no scale-out bandwidth in the catalog: the KV transfer between pools is not priced`,
        hint: "give the NIC line rate (--scale-out-gbps, API scale_out_gbps_per_chip)",
      });
    }
    disaggregated = {
      prefill: plannedInstanceOf(prefill),
      decode: plannedInstanceOf(decode),
      prefillChipsPerDecodeChip: ratio,
      outputTokensPerSPerChip: decode.tokensPerSPerChip / (1 + ratio),
      kvTransferMs,
    };
  }

  // the searched layouts per role, each role empty when its mode has no feasible layout
  const layouts: PlanLayouts = {
    colocated: colocated === null ? [] : colocatedAll,
    prefill: disaggregated === null ? [] : prefillAll,
    decode: disaggregated === null ? [] : decodeAll,
  };

  let capacity: ServePlan["capacity"] = null;
  if (input.demand !== undefined) {
    const perRequestTokens = input.inputTokens + input.outputTokens;
    const requestsPerS =
      input.demand.requestsPerS ?? (input.demand.tokensPerDay ?? 0) / 86_400 / perRequestTokens;
    const peakToMean = input.demand.peakToMean ?? 1;
    // the pools carry the peak; the tokens they are paid for are the mean's
    const peakRequestsPerS = requestsPerS * peakToMean;
    if (input.demand.tokensPerDay !== undefined && input.demand.peakToMean === undefined) {
      advisories.push({
        code: "sized_for_mean",
        message: `${threeDigits(requestsPerS)} requests/s is the day's mean rate: pools sized for it fall behind at the busiest hours`,
        // DeepSeek open-infra-index Day 6 (DeepSeek-V3/R1 inference system overview): 278 nodes at peak, 226.75 on average
        hint: "give the peak over the mean (--peak-to-mean, API demand.peak_to_mean; DeepSeek's serving fleet peaked at 1.23x its daily mean node count)",
      });
    }
    // Whole instances: each pool starts from the feasible layout that carries its share with the fewest chips (a
    // small demand is better served by one small instance than by a fraction of the most efficient large one),
    // then is sized for the latency limits at load (below).
    const outputPerS = requestsPerS * input.outputTokens;
    // Each pool grows by whole instances until its replica, simulated at its share, meets the p99 limits and
    // keeps up, trying the next layouts when the first cannot (`sizePool`); a mode that meets the limits beats one
    // that does not, then the fewer chips win. The mode that needs fewer chips for throughput alone is sized
    // first; the other only when it could still win (its throughput sizing is a lower bound of its chips).
    const chipsOf = (xs: readonly { choice: PoolChoice }[]) =>
      xs.reduce((sum, x) => sum + x.choice.pool.chips, 0);
    const modes = [false, true]
      .flatMap((disagg) => {
        const choices = modeChoices(layouts, disagg, peakRequestsPerS, input);
        return choices === null ? [] : [{ disagg, choices }];
      })
      .map((m) => ({ ...m, lowerBound: m.choices.reduce((sum, c) => sum + c[0]!.pool.chips, 0) }))
      .sort((a, b) => a.lowerBound - b.lowerBound);
    let best: { disagg: boolean; sized: SizedPool[]; met: boolean } | null = null;
    const tried: { disagg: boolean; chips: number; met: boolean; sized: boolean; pools?: string }[] = [];
    for (const mode of modes) {
      if (best?.met && chipsOf(best.sized) <= mode.lowerBound) {
        tried.push({ disagg: mode.disagg, chips: mode.lowerBound, met: false, sized: false });
        break;
      }
      const sized = mode.choices.map((c) => sizePool(c, peakRequestsPerS, input));
      const met = sized.every((x) => x.met);
      // how the mode's chips are made up, for the comparison note (review 18: the split's 160 chips were nowhere)
      const pools = sized
        .map(
          (x) =>
            `${countText(x.choice.pool.instances)} x ${x.choice.pool.chipsPerInstance}-chip ${x.choice.pool.role}`,
        )
        .join(" + ");
      tried.push({ disagg: mode.disagg, chips: chipsOf(sized), met, sized: true, pools });
      if (best === null || (met && !best.met) || (met === best.met && chipsOf(sized) < chipsOf(best.sized))) {
        best = { disagg: mode.disagg, sized, met };
      }
    }
    const other = tried.find((t) => t.disagg !== best?.disagg);
    if (best !== null && other !== undefined) {
      const name = (disagg: boolean) => (disagg ? "split prefill/decode pools" : "colocated instances");
      const chipsText = (n: number) => `${countText(n)} chip${n === 1 ? "" : "s"}`;
      const made = other.pools ? ` (${other.pools})` : "";
      const why = !other.sized
        ? `at least ${chipsText(other.chips)} for throughput alone`
        : other.met
          ? `${chipsText(other.chips)}${made}`
          : `${chipsText(other.chips)}${made} without meeting every limit at load`;
      advisories.push({
        code: "mode_compared",
        message: `${name(best.disagg)} need ${chipsText(chipsOf(best.sized))} for this demand; ${name(other.disagg)} would need ${why}`,
        hint: "the plan takes the mode that meets the limits with fewer chips",
      });
    }
    const useDisagg = best?.disagg ?? false;
    const sized = best?.sized ?? null;
    const band = outOfSampleBandOf("serve");
    if (sized !== null) {
      const chosen = sized.map((x) => x.choice);
      // the pools' simulated advice, less what the plan already said (review 26: context_beyond_model came from the
      // plan and again from the simulation); each pool keeps its own (two pools may both grow for latency)
      const said = new Set(advisories.map((a) => a.code));
      for (const a of sized.flatMap((x) => x.advisories)) if (!said.has(a.code)) advisories.push(a);
      const chips = chosen.reduce((sum, p) => sum + p.pool.chips, 0);
      // the chosen layouts' full-load rate (a pool sized for latency may have taken another layout)
      const [first, second] = chosen;
      const perChip =
        useDisagg && first !== undefined && second !== undefined
          ? second.candidate.tokensPerSPerChip /
            (1 + prefillChipsPerDecodeChip(first.candidate, second.candidate, input))
          : (first?.candidate.tokensPerSPerChip ?? 0);
      // what the sized fleet costs per token of this demand: whole instances, so idle capacity is paid too
      const chipHoursPerMillion = (chips / (outputPerS * 3600)) * 1e6;
      // a million tokens in and out holds this share of output tokens
      const outputShare = input.outputTokens / (input.inputTokens + input.outputTokens);
      // the price given, else the catalog's rule (cloud range, else an amortised purchase price, as `compare`)
      const catalogPrice = input.usdPerChipHour === undefined ? usdPerChipHourOf(chip) : null;
      const price: readonly [number, number] | null =
        input.usdPerChipHour !== undefined
          ? [input.usdPerChipHour, input.usdPerChipHour]
          : (catalogPrice?.usd ?? null);
      if (catalogPrice?.kind === "assumption") {
        advisories.push({
          code: "price_amortised",
          message: `${chip.id} has no cloud price in the catalog: its chip-hour is ${catalogPrice.source} ($${catalogPrice.usd[0].toFixed(3)}/h, an assumption)`,
          hint: "give your own price (--usd-per-chip-hour, API usd_per_chip_hour, the dashboard's price field)",
        });
      }
      // a figure left null says why, for callers that read the data and not the text (QA 30)
      if (price === null) {
        advisories.push({
          code: "cost_unknown",
          message: `${chip.id} has neither a cloud price nor a purchase price in the catalog: the cost per token is unknown`,
          hint: "give your own price (--usd-per-chip-hour, API usd_per_chip_hour, the dashboard's price field)",
        });
      }
      if (chip.tdpW === null) {
        advisories.push({
          code: "energy_unknown",
          message: `${chip.id} has no TDP in the catalog: the energy per token is unknown`,
          hint: "give the chip with its tdp_w in a chip file (--catalog)",
        });
      }
      capacity = {
        requestsPerS,
        peakToMean,
        peakRequestsPerS,
        mode: useDisagg ? "disaggregated" : "colocated",
        chips,
        // chips move against throughput per chip, as a time metric does: the band mirrored, whole chips
        chipsBand: band === null ? null : wholeChips(widenedInterval(chips, band, null, true)),
        pools: chosen.map((p) => p.pool),
        outputTokensPerSPerChip: perChip,
        usdPerMillionOutputTokens:
          price === null ? null : [price[0] * chipHoursPerMillion, price[1] * chipHoursPerMillion],
        usdPerMillionTokens:
          price === null
            ? null
            : [price[0] * chipHoursPerMillion * outputShare, price[1] * chipHoursPerMillion * outputShare],
        kwhPerMillionOutputTokens: chip.tdpW === null ? null : (chip.tdpW / 1000) * chipHoursPerMillion,
        atLoad: atLoadOf(sized),
      };
      const wait = input.ttftMs === undefined ? longWaitAdvisory(capacity.atLoad) : null;
      if (wait !== null) advisories.push(wait);
      const near = nearLimitAdvisory(capacity.atLoad, input);
      if (near !== null) advisories.push(near);
    }
    if (capacity === null) {
      // a demand asked for and none sized: say so, not only by a missing section (review 17)
      advisories.push({
        code: "demand_not_sized",
        message: `Cannot size ${threeDigits(peakRequestsPerS)} requests/s of ${arch.name} on ${chip.id}: no instance layout meets the limits, so no chip count is given`,
        hint: "relax the TTFT/TPOT limits to the nearest feasible point the other advice names, or set a larger count, then size the demand",
      });
    }
  }

  const plan: ServePlan = {
    model: arch.name,
    chip: chip.id,
    stack,
    // every layout's setup resolves the same precision as `resolved` (serveSetup calls resolvePrecision)
    precision: resolved.precision,
    weightPrecision: resolved.weights,
    expertWeightBits: expertWeightBits ?? null,
    graphMode,
    colocated: colocated === null ? null : plannedInstanceOf(colocated),
    disaggregated,
    alternatives: colocatedAll.slice(0, 5).map(plannedInstanceOf),
    capacity,
    advisories,
  };
  return { plan, layouts };
}

// --- internal ---

/**
 * Prefill chips per decode chip of a split deployment: the prompt tokens one decode chip's answers need
 * (inputTokens per outputTokens of them) over what one prefill chip carries. Output tokens/s per chip of the pair is
 * then decode's rate / (1 + this).
 */
function prefillChipsPerDecodeChip(
  prefill: InstanceCandidate,
  decode: InstanceCandidate,
  input: { inputTokens: number; outputTokens: number },
): number {
  return (input.inputTokens * decode.tokensPerSPerChip) / (input.outputTokens * prefill.tokensPerSPerChip);
}

/** A searched layout as the plan's plain data (no engine setup). */
/** A searched layout in plain numbers, as plans and fleet comparisons report it. */
export function plannedInstanceOf(c: InstanceCandidate): PlannedInstance {
  return {
    tp: c.config.tp,
    dpAttention: c.config.dpAttention,
    ep: c.config.ep,
    pp: c.config.pp ?? 1,
    chipsPerInstance: c.chipsPerInstance,
    batch: c.batch,
    tokensPerSPerChip: c.tokensPerSPerChip,
    ttftMs: c.ttftMs,
    tpotMs: c.tpotMs,
    kvCapacityTokens: c.kvCapacityTokens,
    violates: [...c.violates],
    stepMs: {
      dense: c.step.denseS * 1000,
      experts: c.step.expertS * 1000,
      attention: c.step.attentionS * 1000,
      kernelLaunches: c.step.kernelS * 1000,
      communication: c.step.commS * 1000,
      overhead: c.step.overheadS * 1000,
      total: c.step.totalS * 1000,
      microBatches: c.step.microBatches,
    },
  };
}

/**
 * Chips one instance may span when the caller does not say: one scale-up domain, or the fewest whole domains
 * whose memory holds the weights with the headroom `requireFit` asks; a MoE model, whole domains up to
 * MOE_DEFAULT_INSTANCE_CHIPS (wide EP) when that is more. An advisory says so when it is more than one domain.
 */
function defaultCount(
  arch: ModelArch,
  chip: Chip,
  precision: "bf16" | "fp8" | "int8" | "fp4",
  engine: string,
  advisories: ServeAdvisory[],
  expertWeightBits: 4 | undefined,
): number {
  const domain = Math.max(1, chip.scaleUp.domainSize);
  const need = chipsForWeights(arch, chip, precision, engine, expertWeightBits).need;
  const forWeights = Math.ceil(need / domain) * domain;
  // wide EP only where layouts past one domain can be priced (the chip's scale-out bandwidth is known)
  const wide =
    arch.moe !== null && unpricedLayout(chip, MOE_DEFAULT_INSTANCE_CHIPS * chip.ranksPerChip) === null
      ? Math.max(domain, Math.floor(MOE_DEFAULT_INSTANCE_CHIPS / domain) * domain)
      : domain;
  const count = Math.max(forWeights, wide);
  if (count <= domain) return domain;
  const why =
    count > forWeights
      ? `${arch.name} is a mixture of experts, so instances were searched on up to ${count} chips (${count / domain} scale-up domains of ${domain}), where wide expert parallelism spreads the experts' weight reads`
      : `${arch.name} needs ${need} x ${chip.id} for its weights (with 20 % of the usable memory left for the KV cache), so instances were searched on up to ${count} chips (${count / domain} scale-up domains of ${domain})`;
  advisories.push({
    code: "count_chosen",
    message:
      `count not given: ${why}` +
      (unpricedLayout(chip, count * chip.ranksPerChip) === null
        ? ""
        : `, though layouts past one domain cannot be priced here (links_unknown)`),
    hint: "set count to search larger (or exactly sized) instances",
  });
  return count;
}

function requireFit(
  arch: ModelArch,
  chip: Chip,
  precision: "bf16" | "fp8" | "int8" | "fp4",
  count: number,
  engine: string,
  expertWeightBits: 4 | undefined,
): void {
  const weightsOn = (c: Chip) => chipsForWeights(arch, c, precision, engine, expertWeightBits);
  const { weightGB, usableGB, weights, need } = weightsOn(chip);
  if (weightGB < usableGB * count) return;
  const format =
    expertWeightBits === 4 ? `${weights.toUpperCase()} with 4-bit experts` : weights.toUpperCase();
  // a part also sold with more memory under its name (larger-memory-sku.ts): whether that SKU holds them
  const larger = largerMemorySkuOf(chip.id, builtinChips());
  const onLarger = larger === null ? null : weightsOn(larger);
  const sku =
    larger !== null && onLarger !== null && onLarger.weightGB < onLarger.usableGB * count
      ? `; the same part's ${larger.hbmGB ?? "?"} GB SKU (${larger.id}) holds them on ${count}`
      : "";
  const published = checkpointAdvisory(arch, weights, expertWeightBits);
  throw new FleetcastError(
    `Cannot fit ${arch.name} on ${count} x ${chip.id}: count is ${count} (weights ${weightGB.toFixed(0)} GB in ${format}, ${(usableGB * count).toFixed(0)} GB usable; needs count >= ${need})${sku}${published === null ? "" : `; its published checkpoint keeps the experts in 4 bits: ${published.hint}`}`,
    "count",
    { infeasible: true },
  );
}

/** A latency beside the limit it misses, to 0.1 ms, or finer where 0.1 would print the limit itself (13.001 against 13). */
function msBeside(ms: number, limit: number | undefined): string {
  if (limit === undefined) return ms.toFixed(1);
  for (const digits of [1, 2, 3]) {
    const text = ms.toFixed(digits);
    if (Number(text) > limit) return text;
  }
  return String(ms);
}

/** The fastest of some layouts by one latency, or undefined when there are none. */
function fastestBy(
  candidates: readonly InstanceCandidate[],
  key: "tpotMs" | "ttftMs",
): InstanceCandidate | undefined {
  return [...candidates].sort((a, b) => a[key] - b[key])[0];
}

/**
 * The limit no layout reaches on its own, with its nearest point: TPOT against the fastest of `forTpot`, else TTFT
 * against the fastest of `forTtft`; null when each is reached by some layout (review 26: "TPOT" had been named
 * whenever any layout missed it, and with the decode pools counted the "best" could then sit under the limit).
 */
function unreachableLimit(
  forTpot: readonly InstanceCandidate[],
  forTtft: readonly InstanceCandidate[],
  input: { ttftMs?: number | undefined; tpotMs?: number | undefined },
): { what: "TPOT" | "TTFT"; limit: number; best: InstanceCandidate; key: "tpotMs" | "ttftMs" } | null {
  const tpot = fastestBy(forTpot, "tpotMs");
  if (input.tpotMs !== undefined && tpot !== undefined && tpot.tpotMs > input.tpotMs)
    return { what: "TPOT", limit: input.tpotMs, best: tpot, key: "tpotMs" };
  const ttft = fastestBy(forTtft, "ttftMs");
  if (input.ttftMs !== undefined && ttft !== undefined && ttft.ttftMs > input.ttftMs)
    return { what: "TTFT", limit: input.ttftMs, best: ttft, key: "ttftMs" };
  return null;
}

/**
 * When split prefill/decode pools meet the limits that no colocated layout meets: the colocated nearest point, as
 * advice (not one of NO_LAYOUT_CODES: the plan has an answer).
 */
function colocatedOnlyAdvisory(
  arch: ModelArch,
  chip: Chip,
  input: { ttftMs?: number | undefined; tpotMs?: number | undefined },
  colocated: readonly InstanceCandidate[],
  decode: InstanceCandidate,
): ServeAdvisory {
  const fitting = colocated.filter((c) => !c.violates.includes("memory"));
  const split = `split prefill/decode pools do (decode pool ${decode.tpotMs.toFixed(1)} ms TPOT at batch ${decode.batch})`;
  if (fitting.length === 0) {
    // memory, not latency (QA 39: "meets TTFT undefined ms and TPOT undefined ms" with no limit given, and a hint to
    // relax a limit): a colocated instance holds whole sequences, a decode pool's do not wait on prompts
    const roomiest = [...colocated].sort((a, b) => b.kvCapacityTokens - a.kvCapacityTokens)[0];
    const widest = Math.max(0, ...colocated.map((c) => c.chipsPerInstance));
    return {
      code: "colocated_limit_unmet",
      message: `No colocated layout of ${arch.name} on ${chip.id} holds the sequences${roomiest === undefined ? "" : ` (the roomiest, ${layoutLabel(roomiest.config)}, keeps ${Math.floor(roomiest.kvCapacityTokens)} tokens of KV cache)`}; ${split}`,
      hint: `run prefill and decode in separate pools (the plan's split), or plan colocated instances on --count ${2 * widest} or more (they span powers of two of chips; the widest tried spans ${widest})`,
    };
  }
  const missed = unreachableLimit(fitting, fitting, input);
  const given = [
    input.ttftMs === undefined ? null : `TTFT ${input.ttftMs} ms`,
    input.tpotMs === undefined ? null : `TPOT ${input.tpotMs} ms`,
  ].filter((x): x is string => x !== null);
  const what = missed === null ? `${given.join(" and ")} together` : `${missed.what} ${missed.limit} ms`;
  const nearest =
    missed !== null
      ? `the nearest is ${msBeside(missed.best[missed.key], missed.limit)} ms at batch ${missed.best.batch} (${layoutLabel(missed.best.config)})`
      : "each alone is met by some layout";
  return {
    code: "colocated_limit_unmet",
    message: `No colocated layout of ${arch.name} on ${chip.id} meets ${what} (${nearest}); ${split}`,
    hint: "run prefill and decode in separate pools (the plan's split), or relax the limit for colocated instances",
  };
}

/**
 * Codes of the advisory `planServe` adds when no colocated layout meets the request, saying why (`nearestAdvisory`):
 * the limit no layout reaches (`tpot_unreachable`, `ttft_unreachable`, naming the nearest point), two limits each
 * reached by some layout but never both by one (`limits_unreachable_together`), the sequence no layout holds
 * (`memory_unreachable`), or no layout at all (`no_layout`).
 */
export const NO_LAYOUT_CODES = [
  "tpot_unreachable",
  "ttft_unreachable",
  "limits_unreachable_together",
  "memory_unreachable",
  "no_layout",
] as const;
export type NoLayoutCode = (typeof NO_LAYOUT_CODES)[number];

/**
 * Whether a serving plan meets what was asked: false when no layout meets the limits in either mode, a demand could
 * not be sized, pools miss a limit at load however far they grew, or the requests are longer than the model's context
 * (its engine refuses them). `serve plan` exits 3 and the API's `feasible` is false (QA 39: the API answered such a
 * plan with 200 and no flag, the CLI with exit 3).
 */
export function servePlanFeasible(
  plan: Pick<ServePlan, "colocated" | "disaggregated" | "capacity" | "advisories">,
  input: Pick<ServePlanInput, "demand">,
): boolean {
  if (plan.colocated === null && plan.disaggregated === null) return false;
  if (input.demand !== undefined && plan.capacity === null) return false;
  // requests longer than the model's context are ones its engine refuses (QA 26: exit 0 beside that advice)
  return !plan.advisories.some(
    (a) => a.code === "limit_not_met_at_load" || a.code === "context_beyond_model",
  );
}

/**
 * The advisory of `plan` that says why no layout serves (one of NO_LAYOUT_CODES), not the first one (often a
 * precision note); undefined when it has none (a colocated layout meets the limits).
 * @example whyNoLayout(planServe(arch, chip, { inputTokens: 2000, outputTokens: 200, tpotMs: 1 }, null))?.code // "tpot_unreachable"
 */
export function whyNoLayout(plan: Pick<ServePlan, "advisories">): ServeAdvisory | undefined {
  const codes: readonly string[] = NO_LAYOUT_CODES;
  return plan.advisories.find((a) => codes.includes(a.code));
}

function nearestAdvisory(
  arch: ModelArch,
  chip: Chip,
  precision: ServePrecision,
  engine: string,
  input: {
    inputTokens: number;
    outputTokens: number;
    ttftMs?: number | undefined;
    tpotMs?: number | undefined;
    expertWeightBits?: 4 | undefined;
  },
  candidates: readonly InstanceCandidate[],
  count: number,
  decodeOnly: readonly InstanceCandidate[] = [],
): ServeAdvisory & { code: NoLayoutCode } {
  const fitting = candidates.filter((c) => !c.violates.includes("memory"));
  const roomiest = [...candidates].sort((a, b) => b.kvCapacityTokens - a.kvCapacityTokens)[0];
  if (fitting.length === 0 && roomiest !== undefined) {
    const need = Math.round(input.inputTokens + input.outputTokens);
    // layouts span powers of two of ranks: the next larger instance is twice the widest searched (review 18: on
    // 24 L40S, "add chips" led to 24 again, whose widest layout is 16)
    const widest = Math.max(...candidates.map((c) => c.chipsPerInstance));
    const next = 2 * widest;
    const unpriced = unpricedLayout(chip, next * chip.ranksPerChip);
    // wider layouts are searched for a mixture of experts (attention DP, EP) and for a dense model whose weights
    // one scale-up domain cannot hold (pipeline stages); a dense model that fits a domain keeps TP within it
    // the weights as stored (a weight-only layout's GEMM precision is wider than its weights)
    const {
      weightGB,
      usableGB,
      need: weightsNeed,
    } = chipsForWeights(arch, chip, precision, engine, input.expertWeightBits);
    const widens = arch.moe !== null || weightGB >= usableGB * chip.scaleUp.domainSize;
    // split pools may take one instance of (nearly) every chip counted, colocated ones span powers of two (QA 39: the
    // fit error said 12 H100 for DeepSeek-V3, this advice 16, and 12 planned split pools)
    const splitNeed = Math.max(weightsNeed, count + 1);
    const wider = !widens
      ? `no wider layout is searched for a dense model whose weights fit one ${chip.scaleUp.domainSize}-chip scale-up domain (TP stays within it)`
      : unpriced !== null
        ? `wider layouts ${unpriced.reason}: ${unpriced.hint}`
        : next > count
          ? `plan with --count ${next} or more (layouts span powers of two of chips; the widest tried spans ${widest})${splitNeed < next ? `, or split prefill/decode pools on fewer (a split pool's instance may span a count that is not a power of two${weightsNeed > count ? `; the weights alone take ~${weightsNeed} chips` : ""})` : ""}`
          : "add chips (--count)";
    return {
      code: "memory_unreachable",
      message: `Cannot hold a ${need}-token sequence of ${arch.name} on ${chip.id}: the roomiest layout (${layoutLabel(roomiest.config)}) keeps ${Math.floor(roomiest.kvCapacityTokens)} tokens of KV cache per replica`,
      hint: `${wider}; or shorten the prompt or answer, or use a chip with more memory`,
    };
  }
  const pool = fitting.length > 0 ? fitting : candidates;
  // a TPOT limit is answered by the decode steps, which a decode pool runs without prompts: its fastest fitting
  // layout is a nearest point too (QA 26: "best is 13.2 ms" beside a decode pool at 13.2)
  const decodeFitting = decodeOnly.filter((c) => !c.violates.includes("memory"));
  const bestTpot = fastestBy([...pool, ...decodeFitting], "tpotMs");
  const bestTtft = fastestBy(pool, "ttftMs");
  if (bestTpot === undefined || bestTtft === undefined) {
    return {
      code: "no_layout",
      message: `Cannot serve ${arch.name} on ${chip.id}: no layout fits`,
      hint: "add chips",
    };
  }
  const label = (c: InstanceCandidate) =>
    `${layoutLabel(c.config)}${decodeOnly.includes(c) ? ", a decode pool" : ""}`;
  const unreachable = unreachableLimit([...pool, ...decodeFitting], pool, input);
  if (unreachable === null) {
    // each limit alone is met by some layout, never both by one
    return {
      code: "limits_unreachable_together",
      message: `Cannot meet TTFT ${input.ttftMs} ms and TPOT ${input.tpotMs} ms together for ${arch.name} on ${chip.id}: TTFT alone reaches ${bestTtft.ttftMs.toFixed(1)} ms (${label(bestTtft)}), TPOT alone ${bestTpot.tpotMs.toFixed(1)} ms (${label(bestTpot)})`,
      hint: "relax one of the two limits, or use a faster chip",
    };
  }
  const { what, limit, best, key } = unreachable;
  return {
    code: what === "TPOT" ? "tpot_unreachable" : "ttft_unreachable",
    message: `Cannot meet ${what} ${limit} ms for ${arch.name} on ${chip.id}: best is ${msBeside(best[key], limit)} ms at batch ${best.batch} (${label(best)})`,
    hint: `relax the ${what} limit to ${Math.ceil(best[key] * 10) / 10} ms or use a faster chip`,
  };
}

/** A chip range rounded up to whole chips (a count the product lands on exactly stays that count, not one more). */
function wholeChips([lo, hi]: [number, number]): [number, number] {
  return [Math.ceil(lo - 1e-9), Math.ceil(hi - 1e-9)];
}
