import { importModel } from "../arch/index.ts";
import { outOfSampleBandOf, type ServeLayout, widenedInterval } from "../calibrate/index.ts";
import { isTimeLikeMetric, type ServeCase } from "../cases/index.ts";
import {
  builtinChips,
  type Chip,
  type ChipFamily,
  caseScaleOutGbps,
  filledFiguresAssumption,
  largerMemorySkuOf,
  withScaleOutGbps,
} from "../catalog/chips/index.ts";
import { stackForSoftwareText, stackReadingNote } from "../catalog/stacks/index.ts";
import { FleetcastError, isFleetcastError } from "../errors.ts";
import { plural } from "./_format.ts";
import { attentionDpSpelling } from "./attention-dp-spelling.ts";
import { caseWorkload } from "./case-workload.ts";
import { pipelinesPromptChunks } from "./chunked-pipeline.ts";
import { clientConcurrency } from "./client-concurrency.ts";
import {
  type BurstLengths,
  type BurstResult,
  burstLengths,
  closedBurst,
  closedLoopRequests,
  isClosedBurst,
  isClosedLoop,
} from "./closed-burst.ts";
import { ranTrtllmBench, statedStepTokens, TRTLLM_BENCH_MAX_BATCH } from "./engine-batch-limit.ts";
import { engineDefaultEp } from "./engine-default-ep.ts";
import { expertWeightBitsFromText } from "./expert-weight-bits.ts";
import { graphModeOf } from "./graph-mode.ts";
import { hostOverlapOf } from "./host-overlap.ts";
import { kvPrecisionFromText } from "./kv-precision.ts";
import { cappedOpenLoop, openLoop, statedRequestRate } from "./open-loop.ts";
import { overlapModeFromText } from "./overlap-mode.ts";
import { type InstanceCandidate, searchInstances } from "./search-instances.ts";
import type { ServeAdvisory } from "./serve-advisory.ts";
import type { ServeEfficiency } from "./serve-efficiency.ts";
import { profileEfficiency, type ServeProfile } from "./serve-profile.ts";
import { resolvePrecision, unpricedLayout } from "./serve-setup.ts";

/** One observed metric of a case beside its prediction (`rel_error = predicted / observed - 1`). */
export interface ServeMetricPrediction {
  metric: string;
  observed: number;
  predicted: number | null;
  rel_error: number | null;
  interval?: [number, number];
}

/** The prediction of one `kind: serve` case, in the shape `fleetcast validate --json` prints. */
export interface ServeCasePrediction {
  id: string;
  status: "ok" | "unsupported" | "error";
  error?: string;
  family: string;
  stack: string;
  metrics: ServeMetricPrediction[];
  /** The layout and batch the predictor chose (or was given). */
  config?: ServeLayout;
  assumptions: string[];
  advisories: ServeAdvisory[];
}

/** Options of `predictServeCase`: the chips to look ids up in, and efficiency overrides (used while fitting). */
export interface PredictServeOptions {
  chips?: readonly Chip[];
  efficiency?: ServeEfficiency;
}

/**
 * Re-predicts every observed metric of a published serving case (data/cases/FORMAT.md `kind: serve`) from its
 * model, chip, software, precision, parallelism, batch and lengths. Per-chip figures are per package (a 910C
 * counts once, its two dies being two ranks). Unknown degrees and batches are searched: the layout with the most
 * tokens/s per chip that fits memory and meets the case's SLO. MLPerf `offline` has no limits; `server` and
 * `interactive` use the case's `slo` or the benchmark's limits (case-workload.ts: the p99 TPOT limit held as a
 * mean of 0.75 x the limit; TTFT as stated). An unknown chip is `unsupported`; bad input
 * an `error`. Intervals come from the profile's leave-one-out residual quantiles for the chip family.
 */
export function predictServeCase(
  c: ServeCase,
  profile: ServeProfile | null,
  options: PredictServeOptions = {},
): ServeCasePrediction {
  const observed = Object.entries(c.observed).filter((e): e is [string, number] => e[1] !== undefined);
  const blank = (): ServeMetricPrediction[] =>
    observed.map(([metric, value]) => ({ metric, observed: value, predicted: null, rel_error: null }));
  const chip = (options.chips ?? builtinChips()).find((x) => x.id === c.hardware.chip);
  if (chip === undefined) {
    return {
      id: c.id,
      status: "unsupported",
      error: `Cannot predict case ${c.id}: hardware.chip "${c.hardware.chip}" is not in the chip catalog`,
      family: "unknown",
      stack: "unknown",
      metrics: blank(),
      assumptions: [],
      advisories: [],
    };
  }
  const family = chip.family;
  const stack = stackForSoftwareText(c.software ?? "", family, "serve");
  try {
    const efficiency = options.efficiency ?? profileEfficiency(profile, family, stack).efficiency;
    const { best, assumptions, inputTokens, outputTokens, pricedChips } = bestOnHeldSku(
      c,
      chip,
      efficiency,
      stack,
      options.chips ?? builtinChips(),
    );
    // an engine the catalog does not know, or has no stack for on this family, is priced as another: said first
    const reading = stackReadingNote(c.software ?? "", family, "serve");
    if (reading !== null) assumptions.unshift(reading);
    let burst: BurstResult | null = null;
    const rate = statedRequestRate(c);
    const loop = rate === null && isClosedLoop(c);
    if (rate !== null || loop || isClosedBurst(c)) {
      const what = rate !== null ? "open loop" : loop ? "closed loop" : "closed burst";
      try {
        const lengths = burstLengths(c);
        const run = benchmarkRun(c, best, pricedChips, inputTokens, outputTokens, lengths, rate, loop);
        burst = run.result;
        assumptions.push(run.said);
        if (lengths.lengthDistribution === "exponential") {
          assumptions.push(
            `ShareGPT lengths: drawn from the truncated exponential of the means (prompt <= ${lengths.maxInputTokens}, prompt + answer <= ${lengths.maxTotalTokens} tokens, vLLM's ShareGPT pruning)`,
          );
        }
      } catch (error) {
        if (!isFleetcastError(error)) throw error;
        assumptions.push(`${what} not simulated (${error.message}): steady state used`);
      }
    }
    const metrics = observed.map(([metric, value]) => {
      // per-chip figures count every chip of the case, as the source divides (a disaggregated deployment's prefill
      // chips too): an instance priced alone carries the case's whole load on its share of them
      const share = pricedChips / c.hardware.count;
      const predicted =
        burst === null
          ? metricValue(metric, best, pricedChips, share)
          : burstMetricValue(metric, burst, share);
      const m: ServeMetricPrediction = {
        metric,
        observed: value,
        predicted,
        rel_error: predicted === null || value === 0 ? null : predicted / value - 1,
      };
      const q = profile?.residual_quantiles[family] ?? profile?.residual_quantiles.all;
      if (predicted !== null && q !== undefined) {
        // log(observed / predicted) quantiles: the observed value lay in predicted·exp(q) for 80 % of LOO residuals;
        // widened, end by end, to the band of runs no fit has seen (a time metric's mirrored)
        m.interval = widenedInterval(
          predicted,
          { logLo: q[0], logHi: q[1] },
          outOfSampleBandOf("serve"),
          isTimeLikeMetric(metric),
        );
      }
      return m;
    });
    return {
      id: c.id,
      status: "ok",
      family,
      stack,
      metrics,
      config: {
        tp: best.config.tp,
        dp_attention: best.config.dpAttention,
        ep: best.config.ep,
        pp: best.config.pp ?? 1,
        chips_per_instance: best.chipsPerInstance,
        batch: best.batch,
      },
      assumptions,
      advisories: [...best.setup.advisories],
    };
  } catch (error) {
    if (!isFleetcastError(error)) throw error;
    return {
      id: c.id,
      status: "error",
      error: error.message,
      family,
      stack,
      metrics: blank(),
      assumptions: [],
      advisories: [],
    };
  }
}

/**
 * The benchmark run a colocated case describes, simulated on its layout: an open loop at its stated request rate
 * (capped by its concurrency when it states one), a closed loop of `concurrency` clients over its prompts, or one
 * closed burst of `concurrency` prompts; with what the prediction read into it.
 */
function benchmarkRun(
  c: ServeCase,
  best: InstanceCandidate,
  chips: number,
  inputTokens: number,
  outputTokens: number,
  lengths: BurstLengths,
  rate: number | null,
  loop: boolean,
): { result: BurstResult; said: string } {
  const cap = clientConcurrency(c);
  if (rate !== null) {
    const { requests, stated } = closedLoopRequests(c);
    const count = `${plural(requests, "prompt")}${stated ? "" : " (the benchmark tools' default count; the case states none)"}`;
    if (cap === null) {
      const open = openLoop(best, chips, requests, rate, inputTokens, outputTokens, lengths);
      return {
        result: open,
        said: `open loop of ${count} arriving at ${rate} per second (Poisson)${c.serve.concurrency == null ? "" : ` (its concurrency ${c.serve.concurrency} read as the mean in flight the notes derive by Little's law, not a cap)`}: throughput over the simulated run (${open.makespanS.toFixed(1)} s), latencies its means`,
      };
    }
    const { result, capBinds } = cappedOpenLoop(
      best,
      chips,
      requests,
      rate,
      cap,
      inputTokens,
      outputTokens,
      lengths,
    );
    return {
      result,
      said: capBinds
        ? `${count} offered at ${rate} per second but capped at ${cap} in flight, which binds: a closed loop of ${plural(cap, "client")}, throughput over the simulated run, latencies its means`
        : `open loop of ${count} arriving at ${rate} per second (Poisson), below its cap of ${cap} in flight (latencies at most a closed loop of ${cap}'s): throughput over the simulated run (${result.makespanS.toFixed(1)} s), latencies its means`,
    };
  }
  // a closed loop keeps `concurrency` clients in flight over its prompts; a closed burst sends `concurrency` at once
  const clients = loop ? (cap ?? 1) : undefined;
  const { requests, stated } = loop ? closedLoopRequests(c) : { requests: cap ?? 1, stated: true };
  const result = closedBurst(best, chips, requests, inputTokens, outputTokens, lengths, clients);
  return {
    result,
    said: loop
      ? `closed loop of ${plural(clients ?? 1, "client")} sending ${plural(requests, "prompt")}${stated ? "" : requests === clients ? " (the case states no count: one per client)" : " (the benchmark tools' default; the case states none)"}: throughput over the simulated run, latencies its means (the prompts sent together wait for one another)`
      : `closed burst of ${plural(requests, "prompt")}: throughput over the simulated makespan (${plural(result.requestsPerReplica, "prompt")} per replica, ${result.makespanS.toFixed(1)} s), latencies its means`,
  };
}

/**
 * `bestForCase` on the case's chip; when its stated deployment does not fit there and the chip is also sold with more
 * memory under the same name (larger-memory-sku.ts: the Atlas 800I A2 in 32 and 64 GB), on that larger SKU where it
 * fits, said: the run did hold what it states, so it was not the smaller part. Otherwise the chip's own result (an
 * infeasible one) or refusal.
 */
function bestOnHeldSku(
  c: ServeCase,
  chip: Chip,
  efficiency: ServeEfficiency,
  stack: string | undefined,
  catalog: readonly Chip[],
): ReturnType<typeof bestForCase> {
  const larger = largerMemorySkuOf(chip.id, catalog);
  if (larger === null) return bestForCase(c, chip, efficiency, stack, catalog);
  const own = bestOrRefusal(() => bestForCase(c, chip, efficiency, stack, catalog));
  const fits = (r: typeof own): r is ReturnType<typeof bestForCase> =>
    !(r instanceof FleetcastError) && !r.best.violates.includes("memory");
  if (fits(own)) return own;
  const onLarger = bestOrRefusal(() => bestForCase(c, larger, efficiency, stack, catalog));
  // the named SKU refused (its HBM cannot hold the weights at all) while the larger one holds them, short of the
  // memory model's KV budget only: the run held them, so it ran on the larger SKU (review 39)
  const ownRefused = own instanceof FleetcastError;
  if (onLarger instanceof FleetcastError || (!fits(onLarger) && !ownRefused)) {
    if (own instanceof FleetcastError) throw own;
    return own;
  }
  onLarger.assumptions.unshift(
    `the stated deployment does not fit ${chip.id}'s ${chip.hbmGB ?? "?"} GB: predicted on the same part's ${larger.hbmGB ?? "?"} GB SKU (${larger.id}, ${larger.hbmTBps ?? "?"} TB/s), since the run held it`,
  );
  return onLarger;
}

/** A result, or the FleetcastError refusing it (any other error is thrown). */
function bestOrRefusal<T>(run: () => T): T | FleetcastError {
  try {
    return run();
  } catch (error) {
    if (isFleetcastError(error)) return error;
    throw error;
  }
}

/** The case's layout search, with the assumptions made for what it does not state. */
export function bestForCase(
  c: ServeCase,
  chip: Chip,
  efficiency: ServeEfficiency,
  stack?: string,
  catalog: readonly Chip[] = builtinChips(),
): {
  best: InstanceCandidate;
  assumptions: string[];
  inputTokens: number;
  outputTokens: number;
  /** The chips the prediction spans: the case's, or the stated instance's when that does not divide them. */
  pricedChips: number;
} {
  const s = c.serve;
  const arch = importModel(c.model, c.model.name).arch;
  const w = caseWorkload(c, arch);
  const assumptions = [...w.assumptions];
  const pp = s.parallelism?.pp;
  if (pp != null && pp > 1) {
    assumptions.push(
      `pipeline parallelism (PP ${pp}): ${pp} micro-batches in flight, the steady state (pipeline fill and drain left out)`,
    );
  }
  const ranksPerChip = c.hardware.ranks_per_chip ?? chip.ranksPerChip;
  // degrees written as the engines spell them (tp counting every rank, attention DP splitting them)
  const spelled = attentionDpSpelling(
    s.parallelism?.tp,
    s.parallelism?.dp_attention,
    c.hardware.count * ranksPerChip,
    s.parallelism?.ep,
  );
  if (spelled !== null) assumptions.push(spelled.assumption);
  const dpAttention = spelled?.dpAttention ?? s.parallelism?.dp_attention;
  const statedTp = spelled?.tp ?? s.parallelism?.tp;
  if (ranksPerChip !== 1 && ranksPerChip !== chip.ranksPerChip) {
    throw new FleetcastError(
      `Cannot predict case ${c.id}: hardware.ranks_per_chip is ${ranksPerChip}, but ${chip.id} has ${chip.ranksPerChip} die${chip.ranksPerChip > 1 ? "s" : ""} per package (1 or ${chip.ranksPerChip})`,
      "hardware.ranks_per_chip",
    );
  }
  const scaleOut = caseScaleOutGbps(chip, c.hardware.count, c.hardware.scaleout_gbps_per_chip, catalog);
  if (scaleOut.assumption !== null) assumptions.push(scaleOut.assumption);
  const filled = filledFiguresAssumption(chip);
  if (filled !== null) assumptions.push(filled);
  const caseChip: Chip = { ...withScaleOutGbps(chip, scaleOut.gbps), ranksPerChip };
  const engineText = [c.software ?? "", ...(c.notes ?? [])].join("\n");
  // a W4A8 mixture of experts keeps its routed experts in 4 bits under INT8 GEMMs (expert-weight-bits.ts)
  const expertWeightBits =
    arch.moe !== null && s.precision === "int8" ? expertWeightBitsFromText(engineText) : undefined;
  if (expertWeightBits !== undefined)
    assumptions.push("W4A8: routed experts stored in 4-bit integers, other weights and the GEMMs in INT8");
  // vLLM's experts are tensor-parallel unless the run says otherwise (engine-default-ep.ts)
  const defaultEp =
    arch.moe === null ? null : engineDefaultEp(stack, engineText, { ep: s.parallelism?.ep, dpAttention });
  if (defaultEp !== null) {
    assumptions.push(
      `experts tensor-parallel (EP 1): ${stack}'s default, the case naming no expert parallelism (--enable-expert-parallel)`,
    );
  }
  // a precision the chip or engine lacks is served as another (FP8 on Ascend as INT8, FP4 weight-only before
  // Blackwell): said, as `serve plan` says it (QA 26: validate had served FP8 on a 910B as INT8 silently)
  for (const a of resolvePrecision(caseChip, s.precision, stack).advisories) assumptions.push(a.message);
  const request: Parameters<typeof searchInstances>[0] = {
    arch,
    chip: caseChip,
    precision: s.precision,
    kvPrecision: kvPrecisionFromText(engineText) ?? undefined,
    efficiency,
    phase: s.phase,
    inputTokens: w.inputTokens,
    outputTokens: w.outputTokens,
    kvLen: s.kv_len ?? undefined,
    cacheHitRate: s.cache_hit_rate ?? 0,
    specDecodeAccept: w.specDecodeAccept ?? undefined,
    expertWeightBits,
    ttftMs: w.ttftMs,
    tpotMs: w.tpotMs,
    maxRanks: c.hardware.count * ranksPerChip,
    divideRanks: true,
    fixed: {
      tp: statedTp ?? null,
      ep: s.parallelism?.ep ?? defaultEp,
      dpAttention: dpAttention ?? null,
      // unknown (null) is the predictor's to choose, as FORMAT.md reads a null parallelism field
      pp: pp ?? null,
    },
    batchPerChip: s.batch_per_chip ?? undefined,
    concurrency: s.batch_per_chip == null ? (clientConcurrency(c) ?? undefined) : undefined,
    engine: stack,
    overlap: overlapModeFromText(engineText) ?? undefined,
    // the engine build the case names: an overlap scheduler or not (host-overlap.ts)
    hostOverlap:
      stack === undefined ? undefined : hostOverlapOf(stack, c.software ?? "", (c.notes ?? []).join("\n")),
    // the engine build's graph mode, or the one its command states (graph-mode.ts)
    graphMode:
      stack === undefined ? undefined : graphModeOf(stack, c.software ?? "", (c.notes ?? []).join("\n")),
    // the run's engine build or the feature its text names (chunked-pipeline.ts)
    chunkPipeline: pipelinesPromptChunks(stack, engineText),
    // the step budget the run sets (--max-num-batched-tokens ...), else the engine's default
    stepTokens: statedStepTokens(engineText) ?? undefined,
    // trtllm-bench picks its own batch cap, not the engine's default (review 21)
    maxBatch:
      stack === "tensorrt-llm" && ranTrtllmBench(engineText) ? TRTLLM_BENCH_MAX_BATCH / (pp ?? 1) : undefined,
  };
  let best = searchInstances(request)[0];
  let pricedChips = c.hardware.count;
  if (best === undefined) {
    // A stated instance need not divide the case's chips: a disaggregated deployment states its decode instance
    // and counts its prefill chips too (vLLM-Ascend's 1P2D: 32 decode dies of 48). The instance is then priced
    // alone, the case's load all on it (review 21: the load was spread over the case's chips, the tokens over the
    // instance's).
    const loose = searchInstances({ ...request, divideRanks: false })[0];
    if (loose !== undefined) {
      const ranks = loose.config.tp * loose.config.dpAttention * (loose.config.pp ?? 1);
      best = searchInstances({ ...request, maxRanks: ranks })[0] ?? loose;
      pricedChips = best.chipsPerInstance;
      assumptions.push(
        `the stated instance (${ranks} ranks) does not divide the case's ${request.maxRanks}: it carries the case's whole load, its tokens counted over all ${c.hardware.count} chips (the others' work, a disaggregated prefill pool's, left out)`,
      );
    }
  }
  if (best === undefined) {
    const stated = (statedTp ?? 1) * (typeof dpAttention === "number" ? dpAttention : 1) * (pp ?? 1);
    const unpriced = unpricedLayout(caseChip, Math.max(stated, s.parallelism?.ep ?? 1));
    throw new FleetcastError(
      unpriced !== null
        ? `Cannot predict case ${c.id}: its stated layout's ranks ${unpriced.reason}; state hardware.scaleout_gbps_per_chip or use a chip file`
        : `Cannot predict case ${c.id}: no serving layout fits ${c.hardware.count} x ${chip.id}`,
    );
  }
  if (!best.feasible) {
    // A layout short of KV room is priced (engines squeeze a pool below the memory model's budget), but weights
    // alone over a rank's whole HBM cannot have run as stated: the case reads as an error, as `serve plan` refuses it
    // (issue 5, "a model that cannot fit on the chips named": a clear error). Blind-44's Llama 3.1 405B FP8 "TP1 on
    // one MI355X" (406 GB of weights, 288 GB of HBM) was priced at 1 % of its throughput under the fallback.
    const { setup } = best;
    if (best.violates.includes("memory") && setup.weightBytesPerRank > setup.hbmBytesPerRank) {
      const gb = (bytes: number) => (bytes / 1e9).toFixed(1);
      throw new FleetcastError(
        `Cannot predict case ${c.id}: its weights take ${gb(setup.weightBytesPerRank)} GB per rank at TP ${best.config.tp} on ${c.hardware.count} x ${setup.chip.id}, more than the ${gb(setup.hbmBytesPerRank)} GB of HBM a rank has: it cannot have run as stated`,
        "hardware.count",
      );
    }
    assumptions.push(`no layout meets ${best.violates.join(", ")}: the best infeasible one is used`);
  }
  return { best, assumptions, inputTokens: w.inputTokens, outputTokens: w.outputTokens, pricedChips };
}

// --- internal ---

function metricValue(
  metric: string,
  best: InstanceCandidate,
  pricedChips: number,
  share: number,
): number | null {
  switch (metric) {
    case "prefill_tokens_per_s_per_chip":
    case "decode_tokens_per_s_per_chip":
    case "output_tokens_per_s_per_chip":
      return best.tokensPerSPerChip * share;
    case "ttft_ms":
      return best.ttftMs > 0 ? best.ttftMs : null;
    case "tpot_ms":
      return best.tpotMs > 0 ? best.tpotMs : null;
    case "requests_per_s":
      return best.requestsPerSPerChip * pricedChips;
    default:
      return null;
  }
}

function burstMetricValue(metric: string, b: BurstResult, share: number): number | null {
  switch (metric) {
    case "output_tokens_per_s_per_chip":
      return b.outputTokensPerSPerChip * share;
    case "ttft_ms":
      return b.ttftMs;
    case "tpot_ms":
      return b.tpotMs > 0 ? b.tpotMs : null;
    case "requests_per_s":
      return b.requestsPerS;
    default:
      return null;
  }
}

/** The chip family of a case's chip id in a chip list (null when unknown). */
export function caseFamily(c: ServeCase, chips: readonly Chip[] = builtinChips()): ChipFamily | null {
  return chips.find((x) => x.id === c.hardware.chip)?.family ?? null;
}
