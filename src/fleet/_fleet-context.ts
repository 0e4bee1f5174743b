/**
 * Internal: the scenario resolved against the catalogs (pools → chips with site overrides, prices, power,
 * domestic flags, admission), with memoised training and serving evaluations so that strategies, policy
 * variants and the break-even sweep reuse the same plan searches.
 */
import { flopsPerToken, type ModelArch, modelAdvisories } from "../arch/index.ts";
import {
  builtinProfile,
  type TrainDaysSpread,
  type TrainProfile,
  trainDaysSpread,
} from "../calibrate/index.ts";
import {
  builtinChips,
  type Chip,
  type ChipCatalog,
  defaultChipsPerNode,
  makeChipCatalog,
  usdPerChipHourOf,
  withScaleOutGbps,
} from "../catalog/chips/index.ts";
import { resolveModel } from "../catalog/models/index.ts";
import { defaultStackFor, findStack } from "../catalog/stacks/index.ts";
import { isFleetcastError } from "../errors.ts";
import {
  type CheckpointMode,
  MAX_TRAIN_DAYS,
  publishedSiteRateLogSigma,
  simulateReliability,
} from "../reliability/index.ts";
import {
  builtinServeProfile,
  MAX_PLANNED_LOAD,
  missText,
  modeChoices,
  type PlanLayouts,
  type PlannedInstance,
  plannedInstanceOf,
  planServeWithLayouts,
  replicaAtLoad,
  type ServePlan,
  type ServeProfile,
  type SizedPool,
  sizePool,
  whyNoLayout,
} from "../serve/index.ts";
import {
  jobCheckpointGB,
  noPlanReason,
  type PlanEvaluation,
  planTraining,
  type TrainEfficiency,
  type TrainPrecision,
} from "../train/index.ts";
import type { FleetAdvisory, FleetAssumption } from "./fleet-advisory.ts";
import { type Admission, chipAdmission, isDomesticVendor } from "./region-rules.ts";
import type { PoolSpec, Scenario } from "./scenario-schema.ts";
import type { PartAtLoad, PartInstances } from "./strategy-result.ts";

export type Vendor = "nvidia" | "ascend" | "amd" | "other";

export interface ResolvedPool {
  name: string;
  spec: PoolSpec;
  chip: Chip;
  count: number;
  vendor: Vendor;
  trainStack: string;
  serveStack: string;
  usdPerChipHour: number | null;
  powerW: number | null;
  domestic: boolean;
  admission: Admission;
}

export interface TrainingEval {
  pool: string;
  count: number;
  precision: TrainPrecision;
  stackId: string;
  efficiency: TrainEfficiency | null;
  /** Best plans, best first (empty when none fits). */
  plans: PlanEvaluation[];
  /** Total tokens/s of the job with the best plan. */
  tokensPerS: number;
  failureFreeDays: number;
  /** Why nothing fits, when nothing does. */
  failure: string | null;
  /**
   * True when nothing fits because no TP x PP x CP x DP split of this count exists (divisibility), which a smaller
   * count may still have; false for memory and other failures, which fewer chips cannot cure.
   */
  noSplit: boolean;
  advisories: FleetAdvisory[];
}

export interface ReliabilityEval {
  p50Days: number;
  p90Days: number;
  /** Days the scenario's deadline_confidence of the replicas finish within (the deadline met at that confidence). */
  confidenceDays: number;
  meanDays: number;
  pDeadline: number;
  goodput: number;
}

export interface ServingEval {
  pool: string;
  /**
   * Output tokens/s one chip carries under the latency limits (prefill chips included) in the plan's better mode,
   * 0 when none meets them: the order pools are filled in. The chips each takes are whole instances of `plan`'s
   * layouts (whole-instance-take.ts).
   */
  outputTokensPerSPerChip: number;
  plan: ServePlan | null;
  /** The plan's chosen layouts with their engine setups (for the at-load check), null without a plan. */
  layouts: PlanLayouts | null;
  failure: string | null;
  advisories: FleetAdvisory[];
}

/**
 * A serving part checked at its share of the peak as `serve plan` checks its pools: one replica of each role
 * simulated at its share (Poisson, seeded) against the p99 limits that role answers for (size-pool.ts): the part's
 * figures (`met` counting a replica that could not be simulated as met, unchecked) and what it missed.
 */
export interface ServingAtLoad extends PartAtLoad {
  /** What the replicas miss, as "TTFT p99 5,260 ms against 1,600" (for the advisory; the result keeps the figures). */
  misses: string[];
  /** When missed, the pools `serve plan` sizes for the part's share that meet the limits (null: none does). */
  sized: SizedServingPart | null;
}

/** A part's share sized as `serve plan` sizes it for the limits: its layouts, whole instances and their p99s. */
export interface SizedServingPart {
  mode: "colocated" | "disaggregated";
  chips: number;
  /** Output tokens/s the instances carry at the planned load (MAX_PLANNED_LOAD of full load). */
  capacityOutputTokensPerS: number;
  /** The decode (or colocated) layout and its instances. */
  instance: PlannedInstance;
  instances: number;
  /** The prefill layout and its instances when split (null and 0 when colocated). */
  prefillInstance: PlannedInstance | null;
  prefillInstances: number;
  ttftP99Ms: number | null;
  tpotP99Ms: number | null;
}

/** How a failure-free time is drawn in the failure simulation: log-normal, median x exp(logMu), sigma logSigma. */
export type DaysDraw = Pick<TrainDaysSpread, "logMu" | "logSigma">;

/** The failure-free time taken as exact: the failures' spread alone. */
export const NO_SPREAD: DaysDraw = { logMu: 0, logSigma: 0 };

export interface FleetContext {
  scenario: Scenario;
  arch: ModelArch;
  serveArch: ModelArch;
  pools: ResolvedPool[];
  /** Pools the region admits (installed base included). */
  usable: ResolvedPool[];
  profile: TrainProfile | null;
  serveProfile: ServeProfile | null;
  /** Output tokens/s the fleet must carry at peak. */
  demandOutputTokensPerS: number;
  /** Input + output tokens per day at the mean load. */
  demandTokensPerDay: number;
  trainFlopsTotal: number;
  serveFlopsPerDay: number;
  advisories: FleetAdvisory[];
  assumptions: FleetAssumption[];
  training(pool: ResolvedPool, count: number): TrainingEval;
  /**
   * Wall days with failures of `count` chips of `pool` (seeded Monte Carlo, memoized). `spread` overrides the
   * log-normal draw of the failure-free time (default: the step-time model's interval for the pool's family, skewed
   * for a mixture of experts, `trainDaysSpread`; NO_SPREAD: failures alone); `replicas` the Monte Carlo's (default
   * the scenario's).
   */
  reliability(
    pool: ResolvedPool,
    count: number,
    failureFreeDays: number,
    rateFactor?: number,
    spread?: DaysDraw,
    replicas?: number,
  ): ReliabilityEval;
  /** How the pool's failure-free training time is drawn: the step-time model's 80 % interval as a log-normal. */
  trainDaysSpread(pool: ResolvedPool): DaysDraw;
  serving(pool: ResolvedPool): ServingEval;
  /** A part of `instances` of `pool`'s plan checked at `requestsPerS` (memoized); null without layouts. */
  servingAtLoad(pool: ResolvedPool, instances: PartInstances, requestsPerS: number): ServingAtLoad | null;
}

export interface FleetContextOptions {
  catalog?: ChipCatalog;
  /** Calibrated training profile; default the built-in one (`builtinProfile().train`). */
  profile?: TrainProfile | null;
  serveProfile?: ServeProfile | null;
  /** Admit every pool whatever the region (the policy-cost comparison's unconstrained fleet). */
  admitAll?: boolean;
  /** Memo tables shared between contexts of the same scenario (policy variants reuse plan searches). */
  caches?: FleetCaches;
}

/** Memo tables: training by pool and count, reliability by family, count, days and rate, serving by pool. */
export interface FleetCaches {
  training: Map<string, TrainingEval>;
  reliability: Map<string, ReliabilityEval>;
  serving: Map<string, ServingEval>;
  servingAtLoad: Map<string, ServingAtLoad | null>;
}

/** Empty memo tables. */
export function fleetCaches(): FleetCaches {
  return { training: new Map(), reliability: new Map(), serving: new Map(), servingAtLoad: new Map() };
}

/** Resolves a scenario; throws FleetcastError for unknown chips or models (parseScenario checks chips first). */
export function fleetContext(scenario: Scenario, options: FleetContextOptions = {}): FleetContext {
  const catalog = options.catalog ?? makeChipCatalog(builtinChips());
  const profile = options.profile === undefined ? builtinProfile().train : options.profile;
  const serveProfile = options.serveProfile === undefined ? builtinServeProfile() : options.serveProfile;
  const trainModel = resolveModel(scenario.training.model);
  const serveModel =
    scenario.serving.model === scenario.training.model ? trainModel : resolveModel(scenario.serving.model);
  const arch = trainModel.arch;
  const serveArch = serveModel.arch;
  const region = scenario.policy.region;
  // what the model import assumed (a defaulted field, an unknown family) leads the comparison's advice
  const advisories: FleetAdvisory[] = [
    ...modelAdvisories(trainModel),
    ...(serveModel === trainModel ? [] : modelAdvisories(serveModel)),
  ];
  const assumptions: FleetAssumption[] = [];

  const pools = scenario.pools.map((spec) => resolvePool(spec, catalog, region, assumptions));
  const usable = options.admitAll ? pools : pools.filter((p) => p.admission.status !== "excluded");
  for (const p of pools) {
    if (options.admitAll) continue;
    if (p.admission.status === "excluded") {
      advisories.push({
        code: "pool-not-admitted",
        message: `Pool ${p.name} (${p.count} x ${p.chip.id}) is not usable in region ${region}: ${p.admission.reason}`,
        hint: "drop the pool or change policy.region; the comparison leaves it out",
      });
    } else if (p.admission.status === "installed-base") {
      advisories.push({
        code: "pool-installed-base",
        message: `Pool ${p.name}: ${p.chip.id} can no longer be bought in region ${region} (${p.admission.reason}); counted as installed stock`,
        hint: "failed chips cannot be replaced from new supply",
      });
    }
  }

  const s = scenario.serving;
  const perRequest = s.input_tokens + s.output_tokens;
  const requestsPerS = s.requests_per_s ?? (s.demand_tokens_per_day ?? 0) / 86_400 / perRequest;
  const demandTokensPerDay = requestsPerS * perRequest * 86_400;
  const demandOutputTokensPerS = requestsPerS * s.output_tokens * s.peak_to_mean;
  // Work (for the domestic-share-of-work policy): training model FLOPs (6N + attention, Megatron/PaLM convention,
  // arch/flops.ts) x tokens; serving forward FLOPs x (uncached input + output) tokens per day (2N per token).
  const trainFlopsTotal = flopsPerToken(arch, scenario.training.seq_len).training * scenario.training.tokens;
  const serveFwd = flopsPerToken(serveArch, s.input_tokens + s.output_tokens / 2, { causal: true }).forward;
  const serveFlopsPerDay =
    serveFwd * requestsPerS * 86_400 * (s.input_tokens * (1 - s.cache_hit_rate) + s.output_tokens);

  const caches = options.caches ?? fleetCaches();
  const trainMemo = caches.training;
  const relMemo = caches.reliability;
  const serveMemo = caches.serving;
  const atLoadMemo = caches.servingAtLoad;

  const ctx: FleetContext = {
    scenario,
    arch,
    serveArch,
    pools,
    usable,
    profile,
    serveProfile,
    demandOutputTokensPerS,
    demandTokensPerDay,
    trainFlopsTotal,
    serveFlopsPerDay,
    advisories,
    assumptions,
    training(pool, count) {
      const key = `${pool.name}:${count}`;
      let hit = trainMemo.get(key);
      if (!hit) {
        hit = evaluateTraining(ctx, pool, count);
        trainMemo.set(key, hit);
      }
      return hit;
    },
    reliability(
      pool,
      count,
      failureFreeDays,
      rateFactor = 1,
      spread = ctx.trainDaysSpread(pool),
      replicas = scenario.replicas,
    ) {
      // the training stack sets the checkpoint (its bytes and, read as shipped, its save mode)
      const key = `${pool.chip.family}:${pool.trainStack}:${count}:${failureFreeDays}:${rateMultiplierOf(scenario, pool) * rateFactor}:${spread.logMu}:${spread.logSigma}:${replicas}`;
      let hit = relMemo.get(key);
      if (!hit) {
        hit = evaluateReliability(ctx, pool, count, failureFreeDays, rateFactor, spread, replicas);
        relMemo.set(key, hit);
      }
      return hit;
    },
    trainDaysSpread(pool) {
      // without a profile the step time is taken as exact (and said so)
      return ctx.profile === null
        ? NO_SPREAD
        : trainDaysSpread(ctx.profile, pool.chip.family, ctx.arch.moe !== null);
    },
    serving(pool) {
      let hit = serveMemo.get(pool.name);
      if (!hit) {
        hit = evaluateServing(ctx, pool);
        serveMemo.set(pool.name, hit);
      }
      return hit;
    },
    servingAtLoad(pool, instances, requestsPerS) {
      const key = `${pool.name}:${JSON.stringify(instances)}:${requestsPerS.toPrecision(6)}`;
      if (!atLoadMemo.has(key)) atLoadMemo.set(key, servingPartAtLoad(ctx, pool, instances, requestsPerS));
      return atLoadMemo.get(key) ?? null;
    },
  };
  return ctx;
}

/** Vendor of a chip by its family. */
export function vendorOf(chip: Chip): Vendor {
  if (chip.family.startsWith("nvidia-")) return "nvidia";
  if (chip.family.startsWith("ascend-")) return "ascend";
  if (chip.family.startsWith("amd-")) return "amd";
  return "other";
}

/** Failure-rate multiplier of a pool from the scenario's overrides. */
export function rateMultiplierOf(scenario: Scenario, pool: ResolvedPool): number {
  return pool.vendor === "ascend"
    ? scenario.assumptions.ascend_failure_rate_multiplier
    : scenario.assumptions.other_failure_rate_multiplier;
}

/** Training precision a chip can run: FP8 falls back to BF16 where the catalog has no FP8 peak. */
export function trainPrecisionFor(chip: Chip, wanted: TrainPrecision): TrainPrecision {
  if (wanted === "fp8" && chip.peakTflops.fp8 === null) return "bf16";
  return wanted;
}

// --- internal ---

function resolvePool(
  spec: PoolSpec,
  catalog: ChipCatalog,
  region: Scenario["policy"]["region"],
  assumptions: FleetAssumption[],
): ResolvedPool {
  const base = catalog.get(spec.chip);
  const chip = withScaleOutGbps(base, spec.scaleout_gbps_per_chip);
  let usd: number | null = spec.usd_per_chip_hour ?? null;
  // the catalog's rule, as `serve plan` prices a chip (usdPerChipHourOf): cloud range midpoint, else amortised
  const price = usd === null ? usdPerChipHourOf(chip) : null;
  if (price !== null) {
    usd = (price.usd[0] + price.usd[1]) / 2;
    assumptions.push({
      name: `${spec.name}_usd_per_chip_hour`,
      value: usd,
      unit: "USD/chip-hour",
      source: price.kind === "derived" ? `midpoint of ${price.source}` : price.source,
      kind: price.kind,
    });
  }
  const powerW = spec.power_w ?? chip.tdpW;
  const vendor = vendorOf(chip);
  return {
    name: spec.name,
    spec,
    chip,
    count: spec.count,
    vendor,
    trainStack: spec.stack ?? defaultStackFor(chip.family, "train"),
    serveStack: spec.serve_stack ?? defaultStackFor(chip.family, "serve"),
    usdPerChipHour: usd,
    powerW,
    domestic: spec.domestic ?? isDomesticVendor(region, chip),
    admission: chipAdmission(region, chip),
  };
}

function evaluateTraining(ctx: FleetContext, pool: ResolvedPool, count: number): TrainingEval {
  const t = ctx.scenario.training;
  const precision = trainPrecisionFor(pool.chip, t.precision);
  const advisories: FleetAdvisory[] = [];
  if (precision !== t.precision) {
    advisories.push({
      code: "precision-fallback",
      message: `${pool.chip.id} has no ${t.precision.toUpperCase()} in the catalog: pool ${pool.name} trains in ${precision.toUpperCase()}`,
      hint: "its throughput is that of BF16 GEMMs",
    });
  }
  try {
    const r = planTraining(
      {
        model: ctx.arch,
        chip: pool.chip,
        count,
        seqLen: t.seq_len,
        globalBatchTokens: t.global_batch_tokens,
        precision,
        stackId: pool.trainStack,
        top: 3,
        profile: ctx.profile,
      },
      // the split's search tries the smaller counts itself (trainingCounts)
      { fewerChips: false },
    );
    const plans = r.plans.filter((p) => p.metrics !== null && Number.isFinite(p.metrics.stepTimeS));
    const best = plans[0];
    const tokensPerS = best?.metrics ? best.metrics.tokensPerSPerChip * count : 0;
    let failure: string | null = null;
    if (!best) {
      failure =
        r.plans.length > 0
          ? `no plan has a finite step time (is a bandwidth of ${pool.chip.id} unknown? set scaleout_gbps_per_chip)`
          : noPlanReason({ nearest: r.nearest, firstViolation: r.search.firstViolation }).message;
    }
    return {
      pool: pool.name,
      count,
      precision,
      stackId: r.stackId,
      efficiency: r.efficiency,
      plans,
      tokensPerS,
      failureFreeDays: tokensPerS > 0 ? t.tokens / tokensPerS / 86_400 : Number.POSITIVE_INFINITY,
      failure,
      noSplit: !best && r.plans.length === 0 && r.search.firstViolation?.code === "no-split",
      advisories,
    };
  } catch (error) {
    if (!isFleetcastError(error)) throw error;
    return {
      pool: pool.name,
      count,
      precision,
      stackId: pool.trainStack,
      efficiency: null,
      plans: [],
      tokensPerS: 0,
      failureFreeDays: Number.POSITIVE_INFINITY,
      failure: error.message,
      noSplit: false,
      advisories,
    };
  }
}

function evaluateReliability(
  ctx: FleetContext,
  pool: ResolvedPool,
  count: number,
  failureFreeDays: number,
  rateFactor: number,
  spread: DaysDraw,
  replicas: number,
): ReliabilityEval {
  const deadline = ctx.scenario.training.deadline_days;
  if (!Number.isFinite(failureFreeDays) || failureFreeDays > MAX_TRAIN_DAYS) {
    return {
      p50Days: Infinity,
      p90Days: Infinity,
      confidenceDays: Infinity,
      meanDays: Infinity,
      pDeadline: 0,
      goodput: 0,
    };
  }
  const r = simulateReliability(
    {
      chipFamily: pool.chip.family,
      chipCount: count,
      chipsPerNode: defaultChipsPerNode(pool.chip),
      // the step-time model's own 80 % interval for this family, as a log-normal spread of the failure-free time
      // around its median (the prediction, or for a mixture of experts the held-out runs' skew: trainDaysSpread)
      trainDays: Math.max(failureFreeDays * Math.exp(spread.logMu), 1e-3),
      trainDaysLogSigma: spread.logSigma,
      deadlineDays: deadline,
      scenario: ctx.scenario.assumptions.failure_scenario,
      rateMultiplier: rateMultiplierOf(ctx.scenario, pool) * rateFactor,
      ...(ctx.scenario.assumptions.failure_rate_site_spread
        ? { rateLogSigma: publishedSiteRateLogSigma() }
        : {}),
      checkpoint: {
        stateGB: jobCheckpointGB(ctx.arch, pool.trainStack),
        mode: checkpointModeOf(ctx.scenario.assumptions.checkpoint_mode, pool.trainStack),
      },
    },
    {
      seed: ctx.scenario.seed,
      replicas,
      timelineMaxSegments: 0,
      wallDaysQuantiles: [ctx.scenario.training.deadline_confidence],
    },
  );
  return {
    p50Days: r.wallDays.p50,
    p90Days: r.wallDays.p90,
    confidenceDays: r.wallDaysAt[0]?.days ?? Number.POSITIVE_INFINITY,
    meanDays: r.wallDays.mean,
    pDeadline: r.pFinishByDeadline ?? 0,
    goodput: r.goodput.mean,
  };
}

function evaluateServing(ctx: FleetContext, pool: ResolvedPool): ServingEval {
  const s = ctx.scenario.serving;
  const empty = (failure: string, advisories: FleetAdvisory[] = []): ServingEval => ({
    pool: pool.name,
    outputTokensPerSPerChip: 0,
    plan: null,
    layouts: null,
    failure,
    advisories,
  });
  // One instance search over up to a 144-chip unit (DeepSeek's decode unit is 18 nodes = 144 H800, Day 6
  // overview) or one 384-chip supernode, never more than the pool.
  const searchChips = Math.min(pool.count, Math.max(pool.chip.scaleUp.domainSize, 144), 384);
  try {
    const { plan, layouts } = planServeWithLayouts(
      ctx.serveArch,
      pool.chip,
      {
        precision: s.precision,
        inputTokens: s.input_tokens,
        outputTokens: s.output_tokens,
        ttftMs: s.ttft_ms,
        tpotMs: s.tpot_ms,
        count: searchChips,
        stack: pool.serveStack,
        cacheHitRate: s.cache_hit_rate,
      },
      ctx.serveProfile,
    );
    const advisories = plan.advisories.map((a) => ({
      code: a.code,
      message: `${pool.name}: ${a.message}`,
      hint: a.hint,
    }));
    // A fleet pool is filled greedily with part of the demand (_assemble-strategy.ts): its rate per chip, the
    // better of the plan's two modes, orders the pools; the share each takes is sized in whole instances there.
    const { colocated, disaggregated } = plan;
    const perChip = Math.max(disaggregated?.outputTokensPerSPerChip ?? 0, colocated?.tokensPerSPerChip ?? 0);
    if (colocated === null && disaggregated === null) {
      // the advice that says why (planServe's nearest-point advisory), not the first (often a precision note)
      const why = whyNoLayout(plan) ?? plan.advisories[0];
      return { ...empty(why?.message ?? "no layout meets the latency limits", advisories), plan };
    }
    return {
      pool: pool.name,
      outputTokensPerSPerChip: perChip,
      plan,
      layouts,
      failure: null,
      advisories,
    };
  } catch (error) {
    if (!isFleetcastError(error)) throw error;
    return empty(error.message);
  }
}

/**
 * A serving part at its share of the peak, checked as `serve plan` checks its pools (size-pool.ts): one replica of
 * each role simulated at its share with the part's own instances; when one misses its p99 limits, the chips
 * `serve plan` would size for that share (`sizePool` over the layouts the pool's plan searched). The comparison
 * sizes its pools on throughput (cheap, for every split it tries); this is the check of the rows it reports.
 */
function servingPartAtLoad(
  ctx: FleetContext,
  pool: ResolvedPool,
  instances: PartInstances,
  requestsPerS: number,
): ServingAtLoad | null {
  const s = ctx.scenario.serving;
  const layouts = ctx.serving(pool).layouts;
  if (layouts === null || requestsPerS <= 0) return null;
  const input = {
    inputTokens: s.input_tokens,
    outputTokens: s.output_tokens,
    cacheHitRate: s.cache_hit_rate,
    ttftMs: s.ttft_ms,
    tpotMs: s.tpot_ms,
  };
  const colocated = "colocated" in instances;
  const roles = colocated
    ? [{ role: "colocated" as const, layout: layouts.colocated[0], n: instances.colocated }]
    : [
        { role: "prefill" as const, layout: layouts.prefill[0], n: instances.prefill },
        { role: "decode" as const, layout: layouts.decode[0], n: instances.decode },
      ];
  const checks = roles.map(({ role, layout, n }) =>
    layout === undefined ? null : replicaAtLoad(role, layout, n, requestsPerS, input),
  );
  // no replica could be simulated: unchecked (null), not met (diff review 18)
  if (checks.every((c) => c === null)) return null;
  const misses = checks.flatMap((c) => (c?.miss ? [missText(c.miss)] : []));
  const ttftCheck = checks[0]?.atLoad;
  const tpotCheck = checks[checks.length - 1]?.atLoad;
  // when missed, what `serve plan` sizes for this share in the same mode (its pools grown for the limits), if any
  const choices = misses.length > 0 ? modeChoices(layouts, !colocated, requestsPerS, input) : null;
  const sized = choices?.map((c) => sizePool(c, requestsPerS, input)) ?? [];
  const part =
    sized.length > 0 && sized.every((x) => x.met)
      ? sizedServingPart(sized, s.input_tokens, s.output_tokens)
      : null;
  return {
    ttftP99Ms: ttftCheck?.ttftMs.p99 ?? null,
    tpotP99Ms: tpotCheck?.tpotMs.p99 ?? null,
    met: misses.length === 0,
    misses,
    chipsAtLoad: part?.chips ?? null,
    sized: part,
  };
}

/**
 * The pools `sizePool` grew for a share (one colocated pool, or a prefill and a decode pool), as a serving part: its
 * layouts, instances and chips, and the output tokens/s it carries at the planned load (a prefill pool's prompt
 * tokens turned into the output of the requests they are: x output / input tokens; the split carries the lesser).
 */
export function sizedServingPart(
  sized: readonly SizedPool[],
  inputTokens: number,
  outputTokens: number,
): SizedServingPart | null {
  const carries = (x: SizedPool) =>
    x.choice.pool.instances *
    x.choice.pool.chipsPerInstance *
    x.choice.pool.tokensPerSPerChip *
    MAX_PLANNED_LOAD;
  const last = sized.at(-1);
  const first = sized[0];
  if (last === undefined || first === undefined) return null;
  const split = sized.length === 2 && first.choice.pool.role === "prefill";
  const capacity = split
    ? Math.min(carries(last), (carries(first) * outputTokens) / Math.max(1, inputTokens))
    : carries(last);
  return {
    mode: split ? "disaggregated" : "colocated",
    chips: sized.reduce((sum, x) => sum + x.choice.pool.chips, 0),
    capacityOutputTokensPerS: capacity,
    instance: plannedInstanceOf(last.choice.candidate),
    instances: last.choice.pool.instances,
    prefillInstance: split ? plannedInstanceOf(first.choice.candidate) : null,
    prefillInstances: split ? first.choice.pool.instances : 0,
    ttftP99Ms: first.atLoad?.ttftMs.p99 ?? null,
    tpotP99Ms: last.atLoad?.tpotMs.p99 ?? null,
  };
}

/** A scenario's checkpoint mode for a pool: as asked, or its training stack's shipped default (async where unknown). */
function checkpointModeOf(asked: "async" | "sync" | "stack_default", stackId: string): CheckpointMode {
  if (asked !== "stack_default") return asked;
  return findStack(stackId, "train").checkpointSave?.defaultMode ?? "async";
}
