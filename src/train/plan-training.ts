import * as z from "zod";
import type { ModelArch } from "../arch/index.ts";
import type { LogBand } from "../calibrate/out-of-sample-band.ts";
import { outOfSampleBandOf, residualQuantilesOf } from "../calibrate/prediction-bands.ts";
import {
  applyTrainProfile,
  predictionHalfWidth,
  type TrainProfile,
  trainDaysSpread,
  Z80,
} from "../calibrate/train-profile.ts";
import { type Chip, chipAdvisories, defaultChipsPerNode } from "../catalog/chips/index.ts";
import { defaultStackFor, findStack, stackChoiceHint, stackEfficiencyFor } from "../catalog/stacks/index.ts";
import { FleetcastError } from "../errors.ts";
import { defaultCollectiveEfficiency, tpDomainAdvisory } from "../hw/index.ts";
import {
  CHECKPOINT_MODES,
  type CheckpointMode,
  type ClusterKind,
  failureRateCounts,
  MAX_TRAIN_DAYS as MAX_RELIABILITY_DAYS,
  publishedSiteRateLogSigma,
  type RateScenario,
  DEFAULT_REPLICAS as RELIABILITY_REPLICAS,
  SYNC_SAVE_FACTOR,
  SYNC_SAVE_RANGE,
  simulateReliability,
} from "../reliability/index.ts";
import { issuesError } from "../util/describe-issue.ts";
import { requireCatalogObjects } from "../util/require-catalog-objects.ts";
import { threeDigits } from "../util/three-digits.ts";
import { trainEfficiencyFromStack } from "./efficiency-from-stack.ts";
import { type Advisory, evaluatePlan, type PlanEvaluation } from "./evaluate-plan.ts";
import { jobCheckpointGB } from "./job-checkpoint-gb.ts";
import { jobContext, TRAIN_PRECISIONS, type TrainPrecision } from "./job-context.ts";
import { niceChipCounts } from "./nice-chip-counts.ts";
import { planLabel, RECOMPUTE_MODES, SCHEDULES } from "./plan.ts";
import type { PlanConstraints, PlanSpaceLimits } from "./plan-space.ts";
import { noPlanReason, noPlanText, type SearchResult, searchPlans } from "./search-plans.ts";
import { stackPlanLimits } from "./stack-plan-limits.ts";
import type { TrainEfficiency } from "./train-efficiency.ts";

export interface TrainPlanRequest {
  model: ModelArch;
  chip: Chip;
  count: number;
  chipsPerNode?: number;
  scaleOutGbpsPerChip?: number;
  seqLen: number;
  globalBatchTokens: number;
  precision: TrainPrecision;
  /** Software stack id; default: the family's usual training stack (Megatron on NVIDIA, MindSpeed on Ascend). */
  stackId?: string;
  /** Token budget for days and chip-hours. */
  tokens?: number;
  top?: number;
  constraints?: PlanConstraints;
  profile: TrainProfile | null;
  /** Seed and replicas of the failure simulation that turns failure-free days into expected wall-clock days. */
  reliability?: {
    seed?: number;
    replicas?: number;
    scenario?: RateScenario;
    cluster?: ClusterKind;
    /** Spread the failure rate over published sites' rates (site-rate-spread.ts): a fleet's own rate unmeasured. */
    siteSpread?: boolean;
    /**
     * How checkpoints are saved; absent: asynchronously, with advice when the stack's own default is synchronous
     * (`Stack.checkpointSave`).
     */
    checkpointMode?: CheckpointMode;
  };
  /** A deadline for the token budget, days: its probability comes with the failure-aware days. */
  deadlineDays?: number;
}

export interface TrainPlanResult {
  stackId: string;
  efficiency: TrainEfficiency;
  /** Multiplicative 80 % interval on throughput (x/÷): the calibration's, or the held-out band's wider end (predictionHalfWidth). */
  intervalFactor: number | null;
  search: Omit<SearchResult, "best" | "nearest">;
  plans: PlanEvaluation[];
  nearest: PlanEvaluation | null;
  /** Days and chip-hours for the token budget with the best plan, failure-free, and with failures simulated. */
  budget: {
    tokens: number;
    days: number;
    daysInterval: [number, number] | null;
    /**
     * The failure-free time's distribution the simulation drew from (TrainDaysSpread): log-normal, median
     * `medianDays`, 80 % interval x/÷ `intervalFactor` around it; the median is `days` but for a mixture of experts,
     * whose held-out runs skew slower than predicted. Null without a calibration profile (the days taken as exact).
     */
    drawn: { medianDays: number; intervalFactor: number } | null;
    chipHours: number;
    /** The checkpoint the failure simulation saved: the job's state (checkpointStateGB) and how it was saved. */
    checkpoint: { stateGB: number; mode: CheckpointMode };
    withFailures: {
      wallDaysP50: number;
      wallDaysP90: number;
      goodputMean: number;
      assumedRates: number;
      /** P(the run finishes by `deadlineDays`); null without a deadline. */
      pFinishByDeadline: number | null;
      /**
       * Share of the replicas that finished within the simulation's horizon (10x the failure-free time): a quantile
       * above it is the horizon, a lower bound, not a finish time (QA 40).
       */
      finishedFraction: number;
      horizonDays: number;
    } | null;
  } | null;
  advisories: Advisory[];
}

/**
 * Plans a training job: resolves the stack and its (calibrated) efficiency, searches plans, ranks them. Unless
 * `fewerChips` is false (a caller that searches the counts itself, as the fleet comparison does), it also searches
 * the counts a little below the request and says when one of them trains faster (`fewer-chips-faster`).
 */
export function planTraining(
  req: TrainPlanRequest,
  options: { onProgress?: (n: number) => void; fewerChips?: boolean } = {},
): TrainPlanResult {
  checkRequest(req);
  if (req.deadlineDays !== undefined && req.tokens === undefined) {
    // a deadline is for a token budget (re-read 19: the CLI and the API each checked this)
    throw new FleetcastError(
      `Cannot plan training: a ${req.deadlineDays}-day deadline needs a token budget (--tokens, API tokens) to finish by it`,
      "deadlineDays",
    );
  }
  const family = req.chip.family;
  const stackId = req.stackId ?? defaultStackFor(family, "train");
  const stack = findStack(stackId, "train");
  if (stack.role !== "train")
    throw new FleetcastError(`Cannot train with ${stack.id}: it is a serving stack`, "stack");
  if (!stack.runsOn.includes(family) && req.stackId === undefined) {
    // no stack was asked: the family's default does not run there because none does (QA 40: the message named a
    // stack the user had not given)
    throw new FleetcastError(
      `Cannot plan training on ${req.chip.id}: ${stackChoiceHint(family, "train")}`,
      "chip",
    );
  }
  if (!stack.runsOn.includes(family)) {
    throw new FleetcastError(
      `Cannot train with ${stack.id} on ${req.chip.id}: it runs on ${stack.runsOn.join(", ")}, not ${family} (${stackChoiceHint(family, "train")})`,
      "stack",
    );
  }
  const prior = trainEfficiencyFromStack(stackEfficiencyFor(stack, family), stack.id, family);
  const efficiency = req.profile ? applyTrainProfile(req.profile, prior, family, stack.id) : prior;
  const contextFor = (count: number) =>
    jobContext(
      {
        arch: req.model,
        seqLen: req.seqLen,
        globalBatchTokens: req.globalBatchTokens,
        precision: req.precision,
      },
      {
        chip: req.chip,
        count,
        ...(req.chipsPerNode ? { chipsPerNode: req.chipsPerNode } : {}),
        scaleOutGbpsPerChip: req.scaleOutGbpsPerChip ?? null,
        stackId: stack.id,
        efficiency,
        collective: defaultCollectiveEfficiency(family),
      },
    );
  const ctx = contextFor(req.count);
  const advisories: Advisory[] = [...chipAdvisories(req.chip)];
  if (req.profile == null) {
    // review 20: without a profile the stack priors answer (days ~30 % shorter for Llama 3.1 70B on 512 H100), silently
    advisories.push({
      code: "uncalibrated",
      message: `No calibration profile: ${stack.id} on ${family} runs at its stack priors, not at the efficiency fitted on published runs, and the days carry no interval`,
      hint: "use the built-in profile (the CLI's default, the API's profile \"builtin\", the library's builtinProfile().train) or one from `fleetcast calibrate`",
    });
  }
  if (stack.inHouse === true) {
    // expert review 36: meta-internal took Llama 3.1 70B on 512 H100 to 64 % BF16 MFU, above any published dense run,
    // and hai-llm's searched plan for DeepSeek-V3 on 2,048 H800 takes 22 % fewer chip-hours than DeepSeek's own: the fit holds the published runs' plans, no others
    advisories.push({
      code: "in-house-stack",
      message: `${stack.id} is ${stack.vendor}'s in-house stack (not public software), fitted on its own published runs: on another model, chip count or plan its efficiency is an extrapolation, and a plan the search prefers to the published one may be faster only on paper`,
      hint: `plan with a public stack (${stackChoiceHint(family, "train")}) for a run of your own, or fix the published plan's degrees to reproduce ${stack.vendor}'s`,
    });
  }
  if (req.model.moe !== null) {
    advisories.push(moeTrainingAdvisory(req.model));
  }
  // as `serve plan` says of a prompt past the context (context_beyond_model): the plan is costed, and the positions
  // past the model's are its own to extend (QA 27: 262,144 tokens on Llama 3.1 70B planned without a word)
  const context = req.model.maxPositionEmbeddings;
  if (context !== null && req.seqLen > context) {
    advisories.push({
      code: "seq-beyond-context",
      message: `A sequence of ${req.seqLen.toLocaleString("en-US")} tokens is past ${req.model.name}'s context of ${context.toLocaleString("en-US")} (max_position_embeddings): the plan is costed as asked, but the model was not trained for these positions`,
      hint: "extend the context first (RoPE scaling, a long-context stage) or plan at the model's context",
    });
  }
  if (req.chipsPerNode !== undefined && req.count % req.chipsPerNode !== 0) {
    advisories.push({
      code: "partial-node",
      message: `${req.count} chips do not fill whole servers of ${req.chipsPerNode}: the last server is partly used`,
      hint: "use a chip count that is a multiple of --chips-per-node",
    });
  }
  if (req.constraints?.tp !== undefined) {
    const tpAdvice = tpDomainAdvisory(req.constraints.tp, ctx.fabricSpec);
    if (tpAdvice) advisories.push(tpAdvice);
  }
  const limits: Partial<PlanSpaceLimits> = stackPlanLimits(stack.id);
  const result = searchPlans(ctx, req.constraints ?? {}, {
    top: req.top ?? 5,
    limits,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  advisories.push(...result.advisories);
  if (result.best.length === 0 && result.fixedInvalid) {
    // fixed fields that contradict the job are bad input (CLI exit 1, API 422), not a search that found nothing
    throw new FleetcastError(
      `Cannot train ${req.model.name} on ${req.count} x ${req.chip.id}: ${noPlanText(result)}`,
      "constraints",
    );
  }
  const { best, nearest, ...search } = result;
  const halfWidth = req.profile ? predictionHalfWidth(req.profile, family) : null;
  const intervalFactor = halfWidth === null ? null : Math.exp(halfWidth);
  // the failure-free time's spread: the symmetric interval, skewed for a mixture of experts (QA 40 M9)
  const spread = req.profile ? trainDaysSpread(req.profile, family, req.model.moe !== null) : null;
  let budget: TrainPlanResult["budget"] = null;
  const top = best[0];
  const scheduleAdvice =
    top === undefined ? null : preferredScheduleAdvisory(ctx, top, limits, req.constraints);
  if (scheduleAdvice !== null) advisories.push(scheduleAdvice);
  const fewer =
    top === undefined || options.fewerChips === false
      ? null
      : fewerChipsAdvisory(req, top, contextFor, limits);
  if (fewer !== null) advisories.push(fewer);
  if (req.tokens && top?.metrics) {
    const days = req.tokens / (top.metrics.tokensPerSPerChip * req.count) / 86400;
    // the job's checkpoint from the model's parameters and the stack's optimizer moments (checkpointCost)
    const stateGB = jobCheckpointGB(req.model, stack.id);
    const simulate = (mode: CheckpointMode) =>
      simulateReliability(
        {
          chipFamily: family,
          chipCount: req.count,
          chipsPerNode: req.chipsPerNode ?? defaultChipsPerNode(req.chip),
          // the step-time model's own 80 % interval, as a log-normal spread of the failure-free time around its
          // median (the prediction, or for a mixture of experts the held-out runs' skew: trainDaysSpread)
          trainDays: days * Math.exp(spread?.logMu ?? 0),
          trainDaysLogSigma: spread?.logSigma ?? 0,
          scenario: req.reliability?.scenario ?? "high",
          cluster: req.reliability?.cluster ?? "dedicated",
          ...(req.reliability?.siteSpread === true ? { rateLogSigma: publishedSiteRateLogSigma() } : {}),
          ...(req.deadlineDays === undefined ? {} : { deadlineDays: req.deadlineDays }),
          checkpoint: { stateGB, mode },
        },
        {
          seed: req.reliability?.seed ?? 1,
          // as many as `fleetcast reliability` runs by default, so both print the same P50/P90 (review 19)
          replicas: req.reliability?.replicas ?? RELIABILITY_REPLICAS,
          timelineMaxSegments: 0,
        },
      );
    // the reliability model covers runs of up to ten years (reliability-input.ts); beyond, only the days are given
    const mode = req.reliability?.checkpointMode ?? "async";
    const sim = days > MAX_RELIABILITY_DAYS ? null : simulate(mode);
    // a stack that saves synchronously unless told otherwise: what that default would cost, from the same replicas'
    // failures (common random numbers), so the user sees it before running with it
    const save = stack.checkpointSave;
    const sync =
      sim && save?.defaultMode === "sync" && req.reliability?.checkpointMode === undefined
        ? simulate("sync")
        : null;
    // said where it changes the answer: a day in a hundred, or a point of P(deadline) (review 37: "17.5 against 17.5")
    if (
      sim &&
      sync &&
      save &&
      (sync.wallDays.p50 >= 1.01 * sim.wallDays.p50 ||
        Math.abs((sync.pFinishByDeadline ?? 0) - (sim.pFinishByDeadline ?? 0)) >= 0.01)
    ) {
      const stallS = sync.resolved.checkpointBlockingS;
      const odds = (p: number | null) => (p === null ? "" : `, P(deadline) ${Math.round(100 * p)} %`);
      advisories.push({
        code: "synchronous-checkpoint-default",
        message: `${save.who} saves checkpoints synchronously unless told otherwise: each ${threeDigits(stateGB / 1000)} TB checkpoint would stall training ~${Math.round(stallS)} s (a median reading: published stock saves ran ${threeDigits(SYNC_SAVE_RANGE[0] / SYNC_SAVE_FACTOR)}-${threeDigits(SYNC_SAVE_RANGE[1] / SYNC_SAVE_FACTOR)}x that), and the run would take P50 ${threeDigits(sync.wallDays.p50)} days (P90 ${threeDigits(sync.wallDays.p90)}${odds(sync.pFinishByDeadline)}) against ${threeDigits(sim.wallDays.p50)} (P90 ${threeDigits(sim.wallDays.p90)}${odds(sim.pFinishByDeadline)}) with asynchronous saves, as planned above`,
        hint: `save asynchronously (${save.asyncOption}), or plan with synchronous saves (--checkpoint-mode sync); the default: ${save.source}`,
      });
    }
    budget = {
      checkpoint: { stateGB, mode },
      tokens: req.tokens,
      days,
      daysInterval: spread ? [days * Math.exp(-spread.logHi), days * Math.exp(-spread.logLo)] : null,
      drawn: spread
        ? {
            medianDays: days * Math.exp(spread.logMu),
            intervalFactor: Math.exp(Z80 * spread.logSigma),
          }
        : null,
      chipHours: days * 24 * req.count,
      withFailures: sim
        ? {
            wallDaysP50: sim.wallDays.p50,
            wallDaysP90: sim.wallDays.p90,
            goodputMean: sim.goodput.mean,
            assumedRates: failureRateCounts(sim.assumptions).assumed,
            pFinishByDeadline: sim.pFinishByDeadline,
            finishedFraction: sim.finishedFraction,
            horizonDays: sim.resolved.horizonDays,
          }
        : null,
    };
    // the failure simulation's own advice (a deadline shorter than the failure-free time, restarts longer than the
    // MTBF), but not its node note, which this plan gives itself (diff review 19: dropped)
    if (sim) advisories.push(...sim.advisories.filter((a) => a.code !== "partial_node"));
    if (!sim) {
      advisories.push({
        code: "run-too-long",
        message: `The token budget takes ${Math.round(days)} days failure-free, past the ${MAX_RELIABILITY_DAYS}-day range of the reliability model: failures were not simulated`,
        hint: "add chips or lower the token budget",
      });
    }
  }
  if (best.length === 0) {
    const why = noPlanReason({ nearest, firstViolation: search.firstViolation });
    advisories.push({ code: "no-feasible-plan", message: why.message, hint: why.hint });
  }
  // a best plan carrying the same advice (its TP, the one the request fixed) makes the request's note a repeat
  const planAdvice = new Set(best[0]?.advisories.map((a) => a.code) ?? []);
  const kept = advisories.filter((a) => a.code !== "tp_exceeds_scale_up_domain" || !planAdvice.has(a.code));
  return {
    stackId: stack.id,
    efficiency,
    intervalFactor,
    search,
    plans: best,
    nearest,
    budget,
    advisories: kept,
  };
}

/** The request's numbers checked once, naming the field (review 20: tokens -1 surfaced as "train_days is -3.2e-11"). */
/**
 * The request as the library takes it: numbers in range, and no key it does not read (review 35: `deadline_days`,
 * the API's spelling, was ignored without a word, and a chip id given as a string failed deep inside as a TypeError).
 */
const RequestSchema = z.strictObject({
  // the chip and model are the catalog's objects (requireCatalogObjects, before the parse)
  model: z.unknown(),
  chip: z.unknown(),
  stackId: z.string().optional(),
  profile: z.unknown(),
  reliability: z
    .strictObject({
      seed: z.number().optional(),
      replicas: z.int().positive().optional(),
      scenario: z.string().optional(),
      cluster: z.string().optional(),
      siteSpread: z.boolean().optional(),
      checkpointMode: z.enum(CHECKPOINT_MODES).optional(),
    })
    .optional(),
  count: z.int().positive(),
  seqLen: z.int().positive(),
  globalBatchTokens: z.number().positive(),
  precision: z.enum(TRAIN_PRECISIONS),
  tokens: z.number().positive().optional(),
  deadlineDays: z.number().positive().optional(),
  chipsPerNode: z.int().positive().optional(),
  scaleOutGbpsPerChip: z.number().positive().optional(),
  top: z.int().positive().optional(),
  // the fixed fields of the plan (review 20: tp -1 or microBatch 0 came back as "no feasible plan", not refused)
  constraints: z
    .strictObject({
      tp: z.int().positive(),
      pp: z.int().positive(),
      dp: z.int().positive(),
      cp: z.int().positive(),
      ep: z.int().positive(),
      vpp: z.int().positive(),
      microBatch: z.int().positive(),
      recompute: z.enum(RECOMPUTE_MODES),
      zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
      sequenceParallel: z.boolean(),
      schedule: z.enum(SCHEDULES),
    })
    .partial()
    .optional(),
});

function checkRequest(req: TrainPlanRequest): void {
  requireCatalogObjects("plan training", { model: req.model, chip: req.chip });
  const parsed = RequestSchema.safeParse(req);
  if (!parsed.success)
    throw issuesError("plan training", parsed.error.issues, { root: req, whole: "the request" });
}

/** Share of chips a smaller count may leave idle and still be looked at (fewerChipsAdvisory). */
const FEWER_CHIPS_MIN_SHARE = 0.8;
/** Total throughput a smaller count must gain to be worth saying (below it, the model's noise). */
const FEWER_CHIPS_MIN_GAIN = 0.03;

/**
 * When fewer chips train faster than all of them: a count whose degrees divide the batch and the model (niceChipCounts)
 * within FEWER_CHIPS_MIN_SHARE of the request, whose best plan moves more tokens per second in total. The request's
 * count can force awkward degrees (expert review 36: 3,456 910C are 6,912 dies = 2^8 x 27, and DeepSeek-V3's batch of
 * 15,360 sequences put the 27 into nine pipeline stages, 58.8 days, where 3,072 of the chips train in 52.9).
 */
function fewerChipsAdvisory(
  req: TrainPlanRequest,
  top: PlanEvaluation,
  contextFor: (count: number) => ReturnType<typeof jobContext>,
  limits: Partial<PlanSpaceLimits>,
): Advisory | null {
  if (top.metrics === null) return null;
  const chipsPerNode = req.chipsPerNode ?? defaultChipsPerNode(req.chip);
  const counts = niceChipCounts(req.count, chipsPerNode).filter(
    (n) => n < req.count && n >= FEWER_CHIPS_MIN_SHARE * req.count,
  );
  const total = top.metrics.tokensPerSPerChip * req.count;
  let found: { count: number; plan: PlanEvaluation; total: number } | null = null;
  for (const count of counts) {
    const best = searchPlans(contextFor(count), req.constraints ?? {}, { top: 1, limits }).best[0];
    const t = best?.metrics ? best.metrics.tokensPerSPerChip * count : 0;
    if (best !== undefined && t > (found?.total ?? total * (1 + FEWER_CHIPS_MIN_GAIN)))
      found = { count, plan: best, total: t };
  }
  if (found === null) return null;
  const gain = found.total / total - 1;
  const n = (x: number) => x.toLocaleString("en-US");
  return {
    code: "fewer-chips-faster",
    message: `${n(found.count)} of the ${n(req.count)} chips train ${Math.round(gain * 100)} % faster (${planLabel(found.plan.plan)}, ${n(Math.round(found.plan.metrics?.tokensPerSPerChip ?? 0))} tokens/s per chip) than all of them (${planLabel(top.plan)}): ${n(req.count)} chips leave degrees that divide the batch and the model poorly`,
    hint: `plan on ${n(found.count)} chips (--count ${found.count}) and keep the other ${n(req.count - found.count)} as spares, or pick a global batch whose sequences divide over more data-parallel ranks`,
  };
}

/**
 * When a stack's own schedule (DualPipe for DeepSeek's HAI-LLM) was left to the search and the best plan runs another,
 * because the stack's schedule with the same degrees does not fit: say so, with what it needs (new-user review 21:
 * DeepSeek-V3's published degrees came back on 1F1B, the DualPipe they ran dropped without a word).
 */
function preferredScheduleAdvisory(
  ctx: ReturnType<typeof jobContext>,
  top: PlanEvaluation,
  limits: Partial<PlanSpaceLimits>,
  constraints: PlanConstraints | undefined,
): Advisory | null {
  if (constraints?.schedule !== undefined || top.plan.pp <= 1) return null;
  if (!limits.schedules?.includes("dualpipe") || top.plan.schedule === "dualpipe") return null;
  const dual = evaluatePlan(ctx, { ...top.plan, schedule: "dualpipe", vpp: 1 });
  const oom = dual.violations.find((v) => v.code === "out-of-memory");
  if (oom === undefined) return null;
  return {
    code: "schedule-out-of-memory",
    message: `DualPipe, ${ctx.system.stackId}'s schedule, does not fit these degrees: ${oom.message.replace(/^Cannot fit [^:]+: /, "")}; the best plan runs ${top.plan.schedule === "interleaved" ? "interleaved 1F1B" : "1F1B"}`,
    hint:
      top.plan.recompute === "full"
        ? "raise PP/EP, or fix --schedule dualpipe to see its nearest plan"
        : "recompute more (--recompute full), raise PP/EP, or fix --schedule dualpipe to see its nearest plan",
  };
}

/**
 * What the held-out runs say of a mixture-of-experts training prediction. Megatron-Bridge 25.11's runs of models with
 * small experts came out 1.5-2.8x too fast with the tables' own plans (Qwen3-30B-A3B on H100 +178 %, Qwen3-235B-A22B
 * on B200 +104 %, gpt-oss-120b on GB200 +88 %: data/holdout/blind-23t.json), as the calibration set's gpt-oss-120b on
 * H100 is (+53 % in-sample); DeepSeek-V3's fourteen held-out runs read from −21 % to +83 % but one (median +12 %), and
 * NVIDIA DGX Cloud's on 128 GB200 3.5x too fast (+253 %, blind-43t). Their extra time grows with the routed token
 * copies (~0.2-0.3 us a copy a layer on the busiest rank), which no term of the step model prices. NVIDIA names that
 * time: its fused, sync-free MoE MLP kernels (cuDNN Frontend / Transformer Engine / Megatron-Core; NVIDIA developer
 * blog "Boosting MoE Training Throughput with Advanced Fusion Kernels", 2026-06-15) remove the unfused path's
 * memory-bound activations, CPU synchronisation and separate quantisation passes, for +93 % end to end on GPT-OSS
 * pre-training and +8 % on DeepSeek-V3: the step model prices an MoE block as those kernels run it, so older stacks
 * read fast. The held-out record's figures are read from the bands file (`train_moe`), so they follow its refit.
 */
export function moeTrainingAdvisory(
  model: ModelArch,
  band: LogBand | null = outOfSampleBandOf("train_moe"),
  quantiles: readonly number[] | null = residualQuantilesOf("train_moe"),
): Advisory {
  const moe = model.moe!;
  const x = (log: number) => `x${Math.exp(log).toFixed(2)}`;
  // the 50 % quantile is the tenth of RESIDUAL_QUANTILE_PROBS (5 % ... 95 %)
  const median = quantiles?.[9];
  const record =
    band === null
      ? "published MoE training runs ran up to 3.5x slower than predicted"
      : `held-out MoE training runs reached ${median === undefined ? "" : `a median ${x(median)} of the predicted throughput, `}80 % of them between ${x(band.logLo)} and ${x(band.logHi)}, the slowest 3.5x below it`;
  return {
    code: "moe-upper-bound",
    message: `${model.name} is a mixture of experts (${moe.numExperts} experts, top-${moe.topK}): ${record} (NVIDIA DGX Cloud's DeepSeek-V3 on 128 GB200 +253 %, Megatron-Bridge's Qwen3-30B-A3B +178 %, Qwen3-235B-A22B +104 %, gpt-oss-120b +88 %); the days' interval and the deadline's odds carry that skew; read the step time as a lower bound`,
    hint: "time one step of the plan before committing compute; DeepSeek-V3's held-out runs read from −21 % to +83 % but one (median +12 %); a stack without NVIDIA's fused sync-free MoE kernels (June 2026: +93 % end to end on GPT-OSS, +8 % on DeepSeek-V3) runs small experts slowest",
  };
}
