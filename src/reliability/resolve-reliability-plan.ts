import { FleetcastError } from "../errors.ts";
import { threeDigits } from "../util/three-digits.ts";
import type { Advisory, Assumption } from "./assumption.ts";
import { type CheckpointMode, checkpointCost, SYNC_SAVE_FACTOR, SYNC_SAVE_RANGE } from "./checkpoint-cost.ts";
import { dalyIntervalH } from "./daly-interval.ts";
import { failureRateSet } from "./failure-rate-set.ts";
import type { ReliabilityInput } from "./reliability-input.ts";
import { sparePoolSize } from "./spare-pool-size.ts";

/** One failure process as it hits this job: the rate summed over the job's chips or nodes. */
export interface ResolvedCause {
  readonly cause: string;
  readonly scope: "chip" | "node" | "job";
  readonly jobRatePerH: number;
  readonly replacesNode: boolean;
  readonly silent: boolean;
}

/** Everything the Monte Carlo engine needs, in hours, with defaults filled in and sourced. */
export interface ReliabilityPlan {
  readonly chips: number;
  readonly nodes: number;
  readonly causes: readonly ResolvedCause[];
  /** Sum of the causes' rates (unexpected interruptions, including silent ones found later). */
  readonly unexpectedRatePerH: number;
  /** Useful training time needed (failure-free, no fail-slow). */
  readonly usefulH: number;
  /** Fraction of compute time lost to fail-slow episodes. */
  readonly failSlowFraction: number;
  /** Compute time needed, fail-slow included: usefulH / (1 − failSlowFraction). */
  readonly workH: number;
  /** Sigma of log(workH) across replicas: the failure-free time's own uncertainty (0 = exact). */
  readonly workLogSigma: number;
  /** Sigma of log(failure rate) across replicas: the rate set's own uncertainty for this fleet (0 = exact). */
  readonly rateLogSigma: number;
  readonly intervalH: number;
  readonly blockingH: number;
  /** Hours from the end of a checkpoint's stall until it is durable (0 for a synchronous save: durable as it ends). */
  readonly persistH: number;
  readonly checkpointMode: CheckpointMode;
  readonly detectH: number;
  /** Restart after detection (and swap): communicator init, checkpoint load, warm-up. */
  readonly restartCoreH: number;
  readonly swapH: number;
  readonly repairH: number;
  readonly plannedIntervalH: number | null;
  readonly spareNodes: number;
  readonly sdcDetectH: number;
  readonly lemonFraction: number;
  readonly lemonMultiplier: number;
  readonly horizonH: number;
  readonly deadlineH: number | null;
  readonly assumptions: readonly Assumption[];
  readonly advisories: readonly Advisory[];
}

// Defaults, each with its source (reliability.md rows in brackets).
// Kokolis et al. HPCA 2025 §II: node health checks every 5 min [58]; MegaScale §6.3: detection and
// diagnosis < 10 min [63]. Five minutes is taken as the detection time.
const DEFAULT_DETECT_MIN = 5;
// Kokolis et al. §IV: "1-min queue after failure" in the 8,000-GPU feasibility analysis [19].
const DEFAULT_SPARE_SWAP_MIN = 1;
// Cui et al., "Story of Two GPUs", SC 2025: 2.2 h recovery in their overprovisioning DES [49].
const DEFAULT_REPAIR_H = 2.2;
// MegaScale §4: communicator init < 30 s at > 10,000 GPUs after optimisation [62]; taken as linear in chips.
const DEFAULT_COMM_INIT_S_PER_CHIP = 30 / 10_000;
// ByteCheckpoint, NSDI 2025, Table 8, 405B on 8,960 GPUs: blocking 0.59 s, save 51.06 s, load 129.49 s [76].
const DEFAULT_BLOCKING_S = 0.59;
const DEFAULT_PERSIST_S = 51.06;
const DEFAULT_LOAD_S = 129.49;
// Not published: MegaScale's catch-up (< 15 min) is re-done work, counted as lost work here, not warm-up.
const DEFAULT_WARMUP_MIN = 0;
// Not published for any run: SDC assumed found within an hour by loss/gradient-norm monitors.
const DEFAULT_SDC_DETECT_H = 1;
// GREYHOUND, ATC 2025 [92]: fail-slows last 72 min on average, 1.34× job-completion delay (taken as the
// in-episode slowdown, an assumption).
const DEFAULT_FAIL_SLOW_MIN = 72;
const DEFAULT_FAIL_SLOW_SLOWDOWN = 1.34;
// ByteRobust's warm-standby rule: P99 of the binomial count of nodes failing within a repair window [93].
const SPARE_QUANTILE = 0.99;
/** Above this share of wall time stalled by checkpoints, the stall is worth saying (an assumption). */
const STALL_SHARE = 0.1;
/** Above this share of wall time spent persisting checkpoints, the storage load is worth saying (an assumption). */
const STORAGE_BUSY_SHARE = 0.3;
/** Per replica, expected failure draws above this would make a run take minutes: refuse. */
const MAX_EVENTS_PER_REPLICA = 2e7;

function pick<T>(given: T | null, fallback: T): T {
  return given ?? fallback;
}

/** Fills in defaults, sums rates over the job, and checks the input can be simulated in bounded time. */
export function resolveReliabilityPlan(input: ReliabilityInput): ReliabilityPlan {
  const assumptions: Assumption[] = [];
  const advisories: Advisory[] = [];
  const note = (
    name: string,
    value: number | string | null,
    unit: string,
    source: string,
    kind: Assumption["kind"],
  ) => assumptions.push({ name, value, unit, source, kind });

  const chips = input.chipCount;
  const nodes = Math.ceil(chips / input.chipsPerNode);
  if (chips % input.chipsPerNode !== 0) {
    // as train plan says it (review 19: 16,384 chips on 3-chip nodes gave 5,462 nodes without a word)
    advisories.push({
      code: "partial_node",
      message:
        nodes === 1
          ? `${chips} chips do not fill a node of ${input.chipsPerNode}: one node, partly used (node-scoped failures counted on the whole node)`
          : `${chips} chips do not fill whole nodes of ${input.chipsPerNode}: ${nodes} nodes, the last partly used (node-scoped failures counted on all ${nodes})`,
      hint: "use a chip count that is a multiple of the chips per node",
    });
  }
  const set = failureRateSet(input.chipFamily, input.scenario, input.cluster);
  const components = input.components ?? set.components;
  if (input.components) {
    note("failure_rates", "user", "components", "user-supplied failure components", "assumption");
  } else {
    assumptions.push(...set.assumptions);
    for (const c of set.components) {
      note(`rate_${c.cause}`, c.failuresPerUnitHour, `failures/${c.scope}-hour`, c.source, c.kind);
    }
  }
  if (input.rateMultiplier !== 1) {
    note("rate_multiplier", input.rateMultiplier, "×", "scenario input (break-even sweep)", "assumption");
  }
  const units = { chip: chips, node: nodes, job: 1 } as const;
  const causes: ResolvedCause[] = components.map((c) => ({
    cause: c.cause,
    scope: c.scope,
    jobRatePerH: c.failuresPerUnitHour * units[c.scope] * input.rateMultiplier,
    replacesNode: c.replacesNode,
    silent: c.silent,
  }));
  const unexpectedRatePerH = causes.reduce((s, c) => s + c.jobRatePerH, 0);

  const plannedIntervalH =
    input.plannedMaintenanceIntervalH === undefined
      ? input.components
        ? null
        : set.plannedMaintenanceIntervalH
      : input.plannedMaintenanceIntervalH;

  const ck = input.checkpoint;
  if (ck.storageWriteGBps !== null && ck.stateGB === null) {
    // the rate alone would scale nothing (review 37: it was ignored without a word)
    throw new FleetcastError(
      "Cannot simulate reliability: checkpoint.storageWriteGBps sets how fast the checkpoint is written, which needs the checkpoint's size in GB too",
      "checkpoint.storageWriteGBps",
    );
  }
  // from the job's checkpoint bytes where given (checkpointCost), else ByteCheckpoint's 405B job; a synchronous save
  // stalls for its whole persist either way
  const cost =
    ck.stateGB === null
      ? null
      : checkpointCost({
          stateGB: ck.stateGB,
          chips,
          nodes,
          mode: ck.mode,
          ...(ck.storageWriteGBps === null ? {} : { storageWriteGBps: ck.storageWriteGBps }),
        });
  // without a size, ByteCheckpoint's 405B persist, through a stock save path when synchronous (SYNC_SAVE_FACTOR)
  const persistS = pick(
    ck.persistS,
    cost?.persistS ?? (ck.mode === "sync" ? SYNC_SAVE_FACTOR : 1) * DEFAULT_PERSIST_S,
  );
  const blockingS = pick(
    ck.blockingS,
    ck.mode === "sync" ? persistS : (cost?.blockingS ?? DEFAULT_BLOCKING_S),
  );
  const loadS = pick(ck.loadS, cost?.loadS ?? DEFAULT_LOAD_S);
  const byteCheckpoint =
    cost === null
      ? "ByteCheckpoint NSDI'25 Table 8, 405B on 8,960 GPUs (async; optimistic for other stacks)"
      : `${threeDigits(ck.stateGB ?? 0)} GB of state on ${nodes} nodes, ByteCheckpoint NSDI'25 Table 8 fit${ck.storageWriteGBps === null ? " (its HDFS; other sites' storage read 1.2-10x slower)" : ` at ${ck.storageWriteGBps} GB/s`}`;
  const syncNote =
    ck.mode === "sync"
      ? `; synchronous save through a stock save path (x${SYNC_SAVE_FACTOR} the pipeline's persist, published x${SYNC_SAVE_RANGE[0]}-x${SYNC_SAVE_RANGE[1]}): the stall is the whole persist`
      : "";
  if (ck.blockingS === null)
    note("checkpoint_blocking_s", blockingS, "s", `${byteCheckpoint}${syncNote}`, "assumption");
  if (ck.persistS === null)
    note("checkpoint_persist_s", persistS, "s", `${byteCheckpoint}${syncNote}`, "assumption");
  if (ck.loadS === null) note("checkpoint_load_s", loadS, "s", byteCheckpoint, "assumption");

  const rc = input.recovery;
  const detectMin = pick(rc.detectMin, DEFAULT_DETECT_MIN);
  const swapMin = pick(rc.spareSwapMin, DEFAULT_SPARE_SWAP_MIN);
  const repairH = pick(rc.repairH, DEFAULT_REPAIR_H);
  const warmupMin = pick(rc.warmupMin, DEFAULT_WARMUP_MIN);
  const commInitSPerChip = pick(rc.commInitSPerChip, DEFAULT_COMM_INIT_S_PER_CHIP);
  let detectH: number;
  let restartCoreH: number;
  let swapH: number;
  if (rc.restartMin !== null) {
    // A given restart time is the whole of Daly's R: detection is its first part, swap is inside it.
    detectH = Math.min(detectMin, rc.restartMin) / 60;
    restartCoreH = rc.restartMin / 60 - detectH;
    swapH = 0;
    note(
      "restart_min",
      rc.restartMin,
      "min",
      "input (detection, swap, init, load, warm-up included)",
      "sourced",
    );
  } else {
    detectH = detectMin / 60;
    swapH = swapMin / 60;
    const initS = commInitSPerChip * chips;
    restartCoreH = (initS + loadS) / 3600 + warmupMin / 60;
    if (rc.detectMin === null) {
      note(
        "detect_min",
        detectMin,
        "min",
        "Kokolis HPCA'25 §II health checks every 5 min; MegaScale < 10 min",
        "assumption",
      );
    }
    if (rc.commInitSPerChip === null) {
      note(
        "comm_init_s",
        initS,
        "s",
        "MegaScale NSDI'24 §4: < 30 s at > 10,000 GPUs, scaled linearly in chips",
        "assumption",
      );
    }
    if (rc.spareSwapMin === null) {
      note("spare_swap_min", swapMin, "min", "Kokolis HPCA'25 §IV: 1-min queue after failure", "assumption");
    }
    if (rc.warmupMin === null)
      note("warmup_min", warmupMin, "min", "not published; re-done work counts as lost", "assumption");
  }
  if (rc.repairH === null)
    note("repair_h", repairH, "h", "Cui et al. SC'25 (Story of Two GPUs): 2.2 h recovery", "assumption");

  const replaceRatePerNodeH =
    causes.filter((c) => c.replacesNode).reduce((s, c) => s + c.jobRatePerH, 0) / nodes;
  let spareNodes = rc.spareNodes;
  if (spareNodes === null) {
    const pWindow = -Math.expm1(-replaceRatePerNodeH * repairH);
    spareNodes = sparePoolSize(nodes, pWindow, SPARE_QUANTILE);
    note(
      "spare_nodes",
      spareNodes,
      "nodes",
      "ByteRobust SOSP'25 rule: P99 of Binomial(nodes, P[fail within repair])",
      "assumption",
    );
  }

  const sdcDetectH = pick(input.sdcDetectH, DEFAULT_SDC_DETECT_H);
  if (input.sdcDetectH === null && causes.some((c) => c.silent)) {
    note(
      "sdc_detect_h",
      sdcDetectH,
      "h",
      "not published; assumed found within 1 h by loss/grad-norm monitors",
      "assumption",
    );
  }

  let failSlowFraction = 0;
  if (input.failSlow && input.failSlow.episodesPerNodeDay > 0) {
    const durH = pick(input.failSlow.durationMin, DEFAULT_FAIL_SLOW_MIN) / 60;
    const slowdown = pick(input.failSlow.slowdown, DEFAULT_FAIL_SLOW_SLOWDOWN);
    // A synchronous job runs at the slowest node's pace: it is slowed while at least one episode is active.
    // Episodes arrive as a Poisson stream of rate λN and last d, so the number active is Poisson(λN·d) (M/G/∞) and
    // the job is slowed a fraction 1 − e^(−λN·d) of the time, each slowed hour losing 1 − 1/slowdown of its work.
    // Overlapping episodes slow it no further, so the loss never passes 1 − 1/slowdown.
    const activeShare = 1 - Math.exp(-(input.failSlow.episodesPerNodeDay / 24) * nodes * durH);
    failSlowFraction = activeShare * (1 - 1 / slowdown);
    note(
      "fail_slow_source",
      "GREYHOUND ATC'25",
      "",
      "mean fail-slow 72 min, 1.34× delay (secondary summary)",
      "assumption",
    );
    if (activeShare > 0.5) {
      advisories.push({
        code: "fail_slow_saturates",
        message: `Some node is slow ${(activeShare * 100).toFixed(0)}% of the time: the job runs at the slow pace that often, losing ${(failSlowFraction * 100).toFixed(0)}% of its throughput.`,
        hint: "Find and drain slow nodes faster (shorter fail_slow.duration_min), or check the episode rate.",
      });
    }
  }

  const usefulH = input.trainDays * 24;
  const workH = usefulH / (1 - failSlowFraction);
  const blockingH = blockingS / 3600;
  const persistH = ck.mode === "sync" ? 0 : persistS / 3600;

  let intervalH: number;
  if (ck.intervalMin !== null) {
    intervalH = ck.intervalMin / 60;
    if (intervalH < persistH) {
      advisories.push({
        code: "checkpoint_interval_below_persist",
        message: `Checkpoint interval ${ck.intervalMin} min is shorter than the ${threeDigits(persistS)} s persist time.`,
        hint: "Checkpoints would queue behind each other; use an interval of at least the persist time.",
      });
    }
  } else {
    // Daly's higher-order optimum on the job's mean time between unexpected failures (a planned stop checkpoints
    // first and loses no work), no shorter than the persist time (an asynchronous checkpoint cannot start before
    // the previous one is durable), nor than 10 s. A free checkpoint (no blocking) is best taken as often as it
    // can be: the floor; a job that never fails needs none before its end.
    const mtbfH = unexpectedRatePerH > 0 ? 1 / unexpectedRatePerH : Number.POSITIVE_INFINITY;
    const daly = !Number.isFinite(mtbfH) ? workH : blockingH > 0 ? dalyIntervalH(blockingH, mtbfH) : 0;
    intervalH = Math.min(workH, Math.max(daly, persistH, 10 / 3600));
    note(
      "checkpoint_interval_min",
      intervalH * 60,
      "min",
      "Daly FGCS 2006 optimum on the job MTBF (unexpected failures), ≥ persist time",
      "assumption",
    );
  }

  // a stall that takes a large share of the run (a synchronous save at a short interval: review 37, 51 % of the wall
  // time at one minute) is said, not only priced
  const stalled = blockingH / (intervalH + blockingH);
  if (stalled > STALL_SHARE && intervalH < workH) {
    advisories.push({
      code: "checkpoint_stall_dominates",
      message: `Checkpoints stall training ${Math.round(100 * stalled)} % of the time (${threeDigits(blockingH * 3600)} s every ${threeDigits(intervalH * 60)} min)`,
      hint: "checkpoint less often, or save asynchronously (the stall then is the copy to host memory)",
    });
  }
  // an asynchronous checkpoint taken as often as its persist allows keeps the storage writing most of the time, which
  // the simulation does not charge (review 37: 51 % of the run for 9.6 TB on 4,096 910C every 2.4 minutes)
  const busy = ck.mode === "async" ? persistH / (intervalH + blockingH) : 0;
  if (busy > STORAGE_BUSY_SHARE && intervalH < workH) {
    const rate =
      ck.stateGB === null
        ? ""
        : ` (${threeDigits(ck.stateGB / (intervalH + blockingH) / 3600)} GB/s sustained)`;
    advisories.push({
      code: "checkpoint_storage_busy",
      message: `Checkpoints every ${threeDigits(intervalH * 60)} min that take ${threeDigits(persistS)} s each to persist keep the checkpoint storage writing ${Math.round(100 * Math.min(1, busy))} % of the time${rate}: the simulation charges the stall, not that load on the storage or on training`,
      hint: "give the interval the site can sustain (checkpoint interval), or its storage's write rate with the checkpoint's size",
    });
  }
  const failureFreeH = workH * (1 + blockingH / intervalH);
  const horizonH = input.horizonDays !== null ? input.horizonDays * 24 : 10 * failureFreeH;
  const deadlineH = input.deadlineDays === null ? null : input.deadlineDays * 24;
  // against the failure-free wall time: the compute plus its blocking checkpoints (and fail-slow), which even a
  // run without failures needs (the compute alone let a 30.01-day deadline on 30 days of compute pass unadvised)
  if (deadlineH !== null && deadlineH < failureFreeH) {
    const sigma = input.trainDaysLogSigma;
    const days = Number((failureFreeH / 24).toPrecision(4));
    // how far off, in the user's terms (review 34: "add chips" said not how many): the failure-free time's chips at
    // linear scaling, a lower bound (a larger job communicates more and fails more often)
    const chips = Math.ceil((input.chipCount * failureFreeH) / deadlineH);
    const howFar = `extend the deadline past ${Math.ceil(failureFreeH / 24)} days, or grow to at least ~${chips.toLocaleString("en-US")} chips (scaled linearly from ${input.chipCount.toLocaleString("en-US")}: a lower bound)`;
    advisories.push({
      code: "deadline_before_failure_free",
      message:
        sigma > 0
          ? `The ${input.deadlineDays}-day deadline is shorter than the median ${days}-day failure-free time (compute plus checkpoints).`
          : `The ${input.deadlineDays}-day deadline is shorter than the ${days}-day failure-free time (compute plus checkpoints).`,
      hint:
        sigma > 0
          ? `Only replicas whose step time comes out faster than predicted can finish: ${howFar}.`
          : `No replica can finish: ${howFar}.`,
    });
  }
  // a deadline read against an exact failure-free time: the odds swing from 0 to 1 within a few days (expert review
  // 36: 4,096 910C, 40 days, deadlines 42 / 44 / 46 read 0 / 76 / 100 %), though that time is itself a prediction
  if (deadlineH !== null && input.trainDaysLogSigma <= 0 && deadlineH >= failureFreeH) {
    // the days with the checkpoints' stalls, above the compute's own the inputs print (QA 40: 54.3 beside 54.2)
    advisories.push({
      code: "failure_free_time_exact",
      message: `The ${threeDigits(failureFreeH / 24)} failure-free days (the training's, with its checkpoints' stalls) are taken as exact: P(finish by day ${input.deadlineDays}) carries the failures' spread only, not the step time's`,
      hint: "give the failure-free time's own 80 % interval (--days-interval, API train_days_interval_factor; `train plan` prints its x/÷ factor and a reliability command with it), unless the days were measured",
    });
  }
  const rTotalH = detectH + restartCoreH + swapH;
  if (unexpectedRatePerH * rTotalH > 1) {
    advisories.push({
      code: "restart_exceeds_mtbf",
      message: `Recovery (${(rTotalH * 60).toFixed(1)} min) is longer than the job MTBF (${((1 / unexpectedRatePerH) * 60).toFixed(1)} min).`,
      hint: "The job barely progresses: shorten restarts, cut the failure rate, or shrink the job.",
    });
  }

  const expectedDraws = unexpectedRatePerH * (1 + (input.lemon?.rateMultiplier ?? 1)) * horizonH;
  if (expectedDraws > MAX_EVENTS_PER_REPLICA) {
    const head = `Cannot simulate reliability: ${expectedDraws.toExponential(2)} failures per replica expected within the ${threeDigits(horizonH / 24)}-day horizon (limit ${MAX_EVENTS_PER_REPLICA.toExponential(0)})`;
    // checkpoints that block longer than the work between them inflate the failure-free time, and the horizon
    // (10x it) with it: they, not the failure rate, are what to change (QA 30)
    if (input.horizonDays === null && blockingH >= intervalH) {
      throw new FleetcastError(
        `${head}: checkpoints blocking ${threeDigits(blockingH * 3600)} s every ${threeDigits(intervalH * 60)} min stretch ${threeDigits(workH / 24)} days of work to ${threeDigits(failureFreeH / 24)} failure-free days; checkpoint less often or faster`,
        "checkpoint.interval_min",
      );
    }
    throw new FleetcastError(
      `${head}; lower rate_multiplier, the chip count or the failure-free days (the horizon is ${input.horizonDays !== null ? "horizon_days" : "10 x the failure-free time"})`,
      input.horizonDays !== null ? "horizon_days" : "rate_multiplier",
    );
  }
  if (input.trainDaysLogSigma > 0) {
    note(
      "train_days_log_sigma",
      input.trainDaysLogSigma,
      "",
      "input: the failure-free time's own uncertainty (the step-time model's interval), drawn log-normal per replica",
      "assumption",
    );
  }
  if (input.rateLogSigma > 0) {
    note(
      "site_spread_log_sigma",
      input.rateLogSigma,
      "",
      "input: the failure rate's spread across sites, each replica's rates scaled by one log-normal draw of median 1 (published sites: ~0.77, site-rate-spread.ts)",
      "assumption",
    );
  }
  if (input.lemon) {
    note(
      "lemon_node_fraction",
      input.lemon.nodeFraction,
      "",
      "input; Kokolis HPCA'25 §V found 1.2% lemon nodes on RSC-1",
      "assumption",
    );
  }

  return {
    chips,
    nodes,
    causes,
    unexpectedRatePerH,
    usefulH,
    failSlowFraction,
    workH,
    workLogSigma: input.trainDaysLogSigma,
    rateLogSigma: input.rateLogSigma,
    intervalH,
    blockingH,
    persistH,
    checkpointMode: ck.mode,
    detectH,
    restartCoreH,
    swapH,
    repairH,
    plannedIntervalH,
    spareNodes,
    sdcDetectH,
    lemonFraction: input.lemon?.nodeFraction ?? 0,
    lemonMultiplier: input.lemon?.rateMultiplier ?? 1,
    horizonH,
    deadlineH,
    assumptions,
    advisories,
  };
}
