import { Command } from "@commander-js/extra-typings";
import * as z from "zod";
import { intervalFactorLogSigma, MAX_INTERVAL_FACTOR } from "../../calibrate/index.ts";
import { defaultChipsPerNode } from "../../catalog/chips/index.ts";
import { FleetcastError } from "../../errors.ts";
import {
  type Assumption,
  CHECKPOINT_MODES,
  type CheckpointJob,
  CLUSTER_KINDS,
  type ClusterKind,
  checkpointJob,
  DEFAULT_REPLICAS,
  type Distribution,
  expectedEvents,
  failureRateCounts,
  LOST_CATEGORIES,
  MAX_TRAIN_DAYS,
  optimizeCheckpointInputSchema,
  optimizeCheckpointInterval,
  publishedSiteRateLogSigma,
  RATE_SCENARIOS,
  type RateScenario,
  type ReliabilityInputRaw,
  type ReliabilityResult,
  reliabilityInputSchema,
  simulateReliability,
  simulationOptionsSchema,
} from "../../reliability/index.ts";
import { snakeCaseKeys } from "../../util/snake-case-keys.ts";
import { chipCatalog, flagOf } from "../context.ts";
import type { CliIo } from "../io.ts";
import { amountFlag, numberFlag } from "../number-flag.ts";
import { progressBar } from "../progress.ts";
import { adviceLine, formatCount, formatNumber, formatPercent, json, table } from "../render.ts";

// --- public ---

/**
 * `fleetcast reliability`: will a training run of N chips finish, and how long will it really take? Seeded
 * Monte Carlo of failures, checkpoints, restarts and spares (the reliability library), with the closed forms
 * beside it. `fleetcast reliability optimize` gives the checkpoint interval three ways (Young, Daly, simulated).
 * @example program.addCommand(reliabilityCommand(processIo))
 */
export function reliabilityCommand(io: CliIo): Command {
  const simulate = simulateCommand(io);
  // `simulate` is the default subcommand rather than the parent's own action: commander lets a parent
  // consume flags it knows even after a subcommand name (unless the root enables positional options),
  // which would steal `optimize`'s --seed, --restart-min, ... The parent therefore has no options.
  return new Command("reliability")
    .description(
      "Will the training run finish? Failures, checkpoints, restarts and spares simulated per chip family, " +
        "with wall time, goodput and interruptions as distributions, and every assumption listed",
    )
    .addCommand(simulate, { isDefault: true })
    .addCommand(optimizeCommand(io))
    .addHelpText(
      "after",
      () => `${EXAMPLES}\nThe default command, \`reliability simulate\`:\n\n${simulate.helpInformation()}`,
    );
}

// --- internal ---

const EXAMPLES =
  "\nExamples:\n" +
  "  $ fleetcast reliability --chip nvidia-h100-sxm --count 16384 --days 54\n" +
  "  $ fleetcast reliability --chip nvidia-h800-sxm --count 2048 --tokens 14.8T --tokens-per-s-per-chip 1543 --deadline-days 60\n" +
  "  $ fleetcast reliability --chip huawei-ascend-910c --count 8192 --days 30 --replicas 200 --json\n" +
  "  $ fleetcast reliability optimize --mtbf-h 24 --checkpoint-blocking-s 300 --restart-min 10\n";

/** `fleetcast reliability [simulate]`: the Monte Carlo of one training job. */
function simulateCommand(io: CliIo): Command {
  const verb = "simulate";
  const shape = reliabilityInputSchema.shape;
  const checkpoint = shape.checkpoint.unwrap().shape;
  const recovery = shape.recovery.unwrap().shape;
  const sim = simulationOptionsSchema.shape;

  return new Command("simulate")
    .description(
      "Simulate one training job: wall time, goodput and interruptions as distributions (the default command)",
    )
    .option("--chip <id>", "catalog chip id (fleetcast chips), e.g. nvidia-h100-sxm, huawei-ascend-910c")
    .option("--catalog <file>", "a YAML/JSON file of chips that adds to or overrides the built-in ones")
    .option(
      "--count <n>",
      "chips in the job",
      numberFlag(verb, "--count", "positive integer", shape.chipCount),
    )
    .option(
      "--chips-per-node <n>",
      "chips per server, the unit node failures hit (default min(8, the chip's scale-up domain), as train plan)",
      numberFlag(verb, "--chips-per-node", "positive integer", shape.chipsPerNode),
    )
    .option(
      "--days <d>",
      "failure-free training time in days (or give --tokens and --tokens-per-s-per-chip)",
      numberFlag(verb, "--days", "positive number", shape.trainDays),
    )
    .option(
      "--days-interval <factor>",
      "80 % interval of the failure-free time as a factor (x/÷ F, as train plan prints it): each replica draws its time log-normally (default: exact)",
      numberFlag(verb, "--days-interval", "positive number", z.number().min(1).max(MAX_INTERVAL_FACTOR)),
    )
    .option("--tokens <t>", "training tokens; suffixes K, M, B, T (14.8T)", amountFlag(verb, "--tokens"))
    .option(
      "--tokens-per-s-per-chip <r>",
      "training throughput per chip, tokens/s (from a training plan)",
      numberFlag(verb, "--tokens-per-s-per-chip", "positive number"),
    )
    .option(
      "--checkpoint-interval-min <m>",
      "checkpoint interval in minutes (default: Daly's optimum on the job's MTTI)",
      numberFlag(verb, "--checkpoint-interval-min", "positive number", checkpoint.intervalMin),
    )
    .option(
      "--checkpoint-blocking-s <s>",
      "seconds training stalls per checkpoint (default: ByteCheckpoint's 0.59 s)",
      numberFlag(verb, "--checkpoint-blocking-s", "non-negative number", checkpoint.blockingS),
    )
    .option(
      "--checkpoint-gb <gb>",
      "the job's whole checkpoint, GB (14 B a parameter with Adam in mixed precision: 5,670 for 405B); stall, persist and load then follow from it (default: ByteCheckpoint's 405B timings)",
      numberFlag(verb, "--checkpoint-gb", "positive number", checkpoint.stateGB),
    )
    .option(
      "--checkpoint-mode <m>",
      "async (default: stalls for the copy to host memory) or sync (stalls until durable: Megatron-LM's and MindSpeed's default save)",
      choiceFlag(verb, "--checkpoint-mode", CHECKPOINT_MODES),
    )
    .option(
      "--storage-write-gbps <r>",
      "aggregate write rate of the checkpoint storage, GB/s (default ~180, ByteDance's HDFS as ByteCheckpoint measured it)",
      numberFlag(verb, "--storage-write-gbps", "positive number", checkpoint.storageWriteGBps),
    )
    .option(
      "--restart-min <r>",
      "failure to resumed training, minutes, detection included (default: built up from sourced parts)",
      numberFlag(verb, "--restart-min", "positive number", recovery.restartMin),
    )
    .option(
      "--spares <k>",
      "spare nodes (default: P99 of node failures within a repair window)",
      numberFlag(verb, "--spares", "non-negative integer", recovery.spareNodes),
    )
    .option(
      "--replicas <n>",
      "Monte Carlo replicas (default 1000)",
      numberFlag(verb, "--replicas", "positive integer", sim.replicas),
    )
    .option(
      "--seed <s>",
      "random seed (default 1)",
      numberFlag(verb, "--seed", "non-negative integer", sim.seed),
    )
    .option(
      "--deadline-days <d>",
      "report the chance of finishing within this many days",
      numberFlag(verb, "--deadline-days", "positive number", shape.deadlineDays),
    )
    .option(
      "--rate-scenario <s>",
      "low or high failure-rate reading (default high)",
      choiceFlag(verb, "--rate-scenario", RATE_SCENARIOS),
    )
    .option(
      "--cluster <kind>",
      "dedicated (default: a pre-training run that owns its nodes) or shared (one job of a shared research cluster: Meta's measured job failures added)",
      choiceFlag(verb, "--cluster", CLUSTER_KINDS),
    )
    .option(
      "--rate-multiplier <x>",
      "multiply every failure rate (what-if)",
      numberFlag(verb, "--rate-multiplier", "positive number", shape.rateMultiplier),
    )
    .option(
      "--site-spread",
      "the fleet's own failure rate is unmeasured: spread each replica's rates log-normally as published sites' rates spread (sigma ~0.77 in log, x/÷ 2.7 at 80 %; the median rate kept, the mean 1.35x), so the deadline odds carry not knowing which site this fleet is like",
    )
    .option("--json", "print JSON")
    .addHelpText("after", EXAMPLES)
    .action((opts) => {
      if (opts.chip === undefined) {
        throw new FleetcastError(
          `Cannot ${verb}: --chip is required (a catalog chip id, e.g. nvidia-h100-sxm)`,
          "--chip",
        );
      }
      if (opts.count === undefined) {
        throw new FleetcastError(`Cannot ${verb}: --count is required (the chips in the job)`, "--count");
      }
      const chip = chipCatalog(opts.catalog).get(opts.chip);
      const trainDays = failureFreeDays(verb, opts.count, opts.days, opts.tokens, opts.tokensPerSPerChip);
      const seed = opts.seed ?? DEFAULT_SEED;
      const replicas = opts.replicas ?? DEFAULT_REPLICAS;
      // the chip's own node (min(8, its scale-up domain)), as train plan takes it
      const chipsPerNode = opts.chipsPerNode ?? defaultChipsPerNode(chip);
      const rateScenario = opts.rateScenario ?? "high";
      const cluster = opts.cluster ?? "dedicated";
      const rateMultiplier = opts.rateMultiplier ?? 1;
      const input: ReliabilityInputRaw = {
        chipFamily: chip.family,
        chipCount: opts.count,
        chipsPerNode,
        trainDays,
        ...(opts.daysInterval === undefined
          ? {}
          : { trainDaysLogSigma: intervalFactorLogSigma(opts.daysInterval) }),
        deadlineDays: opts.deadlineDays ?? null,
        ...(opts.siteSpread === true ? { rateLogSigma: publishedSiteRateLogSigma() } : {}),
        scenario: rateScenario,
        cluster,
        rateMultiplier,
        checkpoint: {
          intervalMin: opts.checkpointIntervalMin ?? null,
          blockingS: opts.checkpointBlockingS ?? null,
          stateGB: opts.checkpointGb ?? null,
          mode: opts.checkpointMode ?? "async",
          storageWriteGBps: opts.storageWriteGbps ?? null,
        },
        recovery: {
          restartMin: opts.restartMin ?? null,
          spareNodes: opts.spares ?? null,
        },
      };
      // the simulation's cost is its failure events, which grow with the wall time when failures dominate
      const seconds = expectedEvents(input, replicas) / EVENTS_PER_S;
      if (seconds >= SLOW_S) {
        io.err(
          `note: ${replicas} replicas of ${opts.count} chips over ${formatNumber(trainDays)} days at ${rateMultiplier}x the failure rates may take about ${formatNumber(seconds / 60)} minutes; --replicas 100 gives a first answer sooner\n`,
        );
      }
      const bar =
        replicas * trainDays >= PROGRESS_MIN_REPLICA_DAYS || seconds >= 1
          ? progressBar(io, "simulating")
          : null;
      let result: ReliabilityResult;
      try {
        result = simulateReliability(input, {
          seed,
          replicas,
          timelineMaxSegments: 0,
          ...(bar ? { onProgress: bar.update } : {}),
        });
      } finally {
        bar?.done();
      }
      const inputs = {
        chip: chip.id,
        chipFamily: chip.family,
        chipCount: opts.count,
        chipsPerNode,
        trainDays,
        tokens: opts.tokens ?? null,
        tokensPerSPerChip: opts.tokensPerSPerChip ?? null,
        deadlineDays: opts.deadlineDays ?? null,
        rateScenario,
        cluster,
        rateMultiplier,
        checkpointIntervalMin: opts.checkpointIntervalMin ?? null,
        checkpointBlockingS: opts.checkpointBlockingS ?? null,
        checkpointStateGb: opts.checkpointGb ?? null,
        checkpointMode: opts.checkpointMode ?? "async",
        restartMin: opts.restartMin ?? null,
        spareNodes: opts.spares ?? null,
        seed,
        replicas,
      };
      if (opts.json) {
        io.out(json(snakeCaseKeys(reliabilityJson(inputs, result))));
        return;
      }
      io.out(renderReliability(inputs, result));
    });
}

const DEFAULT_SEED = 1;
/** The library's default replicas per evaluated interval (optimizeCheckpointInterval). */
const DEFAULT_OPTIMIZE_REPLICAS = 200;
/** Replicas × failure-free days above which a run takes long enough (about a second) to show a progress bar. */
const PROGRESS_MIN_REPLICA_DAYS = 10_000;
// Failure events simulated per second on one core (expectedEvents): 10^4 replicas of a 54-day 16,384-chip H100 run,
// 4.9e6 events, take ~0.7 s (bench/results.json); failure-dominated runs reach 1.8e7 per second. The slower figure,
// so the note errs long: a measured order of magnitude, not a promise.
const EVENTS_PER_S = 7e6;
/** Seconds above which the run is announced as slow. */
const SLOW_S = 60;
const SECONDS_PER_DAY = 86_400;

/** A commander parser for a flag that takes one of `choices`, naming them when the text is another. */
function choiceFlag<const T extends string>(verb: string, flag: string, choices: readonly T[]) {
  return (text: string): T => {
    const choice = choices.find((c) => c === text);
    if (choice !== undefined) return choice;
    throw new FleetcastError(`Cannot ${verb}: ${flag} must be ${choices.join(" or ")}, got ${text}`, flag);
  };
}

/** Failure-free days from --days, or from tokens / (tokens/s per chip × chips) / 86,400 s. */
function failureFreeDays(
  verb: string,
  chips: number,
  days: number | undefined,
  tokens: number | undefined,
  tokensPerSPerChip: number | undefined,
): number {
  const byTokens = tokens !== undefined || tokensPerSPerChip !== undefined;
  if (days !== undefined && byTokens) {
    throw new FleetcastError(
      `Cannot ${verb}: give either --days or --tokens with --tokens-per-s-per-chip, not both (got --days ${days})`,
      "--days",
    );
  }
  if (days !== undefined) return days;
  if (tokens === undefined && tokensPerSPerChip === undefined) {
    throw new FleetcastError(
      `Cannot ${verb}: the training length is missing: give --days, or --tokens with --tokens-per-s-per-chip`,
      "--days",
    );
  }
  if (tokens === undefined) {
    throw new FleetcastError(
      `Cannot ${verb}: --tokens-per-s-per-chip needs --tokens (the training tokens)`,
      "--tokens",
    );
  }
  if (tokensPerSPerChip === undefined) {
    throw new FleetcastError(
      `Cannot ${verb}: --tokens needs --tokens-per-s-per-chip (the plan's throughput per chip)`,
      "--tokens-per-s-per-chip",
    );
  }
  const trainDays = tokens / (tokensPerSPerChip * chips) / SECONDS_PER_DAY;
  const issue = reliabilityInputSchema.shape.trainDays.safeParse(trainDays).error?.issues[0];
  if (issue) {
    throw new FleetcastError(
      `Cannot ${verb}: --tokens / (--tokens-per-s-per-chip × --count) is ${formatNumber(trainDays)} failure-free days, ${issue.code === "too_big" ? `past the model's ${MAX_TRAIN_DAYS} days` : issue.code === "too_small" ? "too short to simulate" : issue.message}`,
      "--tokens",
    );
  }
  return trainDays;
}

/** The result in output order, camelCase (the caller snake-cases it); the timeline is not simulated here. */
function reliabilityJson(inputs: Record<string, unknown>, r: ReliabilityResult) {
  return {
    inputs,
    seed: r.seed,
    replicas: r.replicas,
    wallDays: r.wallDays,
    goodput: r.goodput,
    interruptions: r.interruptions,
    plannedInterruptions: r.plannedInterruptions,
    pFinishByDeadline: r.pFinishByDeadline,
    finishedFraction: r.finishedFraction,
    mttiHours: r.mttiHours,
    interruptionsByCause: r.interruptionsByCause,
    timeLostHours: r.timeLostHours,
    resolved: r.resolved,
    closedForm: r.closedForm,
    assumptions: r.assumptions,
    advisories: r.advisories,
  };
}

interface RenderInputs {
  readonly chip: string;
  readonly chipFamily: string;
  readonly chipCount: number;
  readonly trainDays: number;
  readonly tokens: number | null;
  readonly deadlineDays: number | null;
  readonly rateScenario: RateScenario;
  readonly cluster: ClusterKind;
  readonly seed: number;
  readonly replicas: number;
}

function distRow(label: string, d: Distribution, fmt: (n: number) => string): string[] {
  return [label, fmt(d.mean), fmt(d.p10), fmt(d.p50), fmt(d.p90)];
}

/**
 * The wall-time row, its censored cells said as such: a replica still running at the horizon counts as the horizon,
 * so a quantile above the finished share, and the mean of any unfinished replica, is a lower bound (review 19:
 * "mean 101, p90 101" read as finished runs).
 */
function wallTimeRow(d: Distribution, finished: number, horizonDays: number): string[] {
  const cell = (x: number, q: number) => (q > finished ? `> ${formatNumber(horizonDays)}` : formatNumber(x));
  return [
    finished < 1 ? "wall time (days; > = not finished)" : "wall time (days)",
    finished < 1 ? `≥ ${formatNumber(d.mean)}` : formatNumber(d.mean),
    cell(d.p10, 0.1),
    cell(d.p50, 0.5),
    cell(d.p90, 0.9),
  ];
}

function assumptionValue(a: Assumption): string {
  const value = typeof a.value === "number" ? formatNumber(a.value) : (a.value ?? "unknown");
  return a.unit === "" ? value : `${value} ${a.unit}`;
}

function renderReliability(inputs: RenderInputs, r: ReliabilityResult): string {
  const parts: string[] = [];
  const length =
    inputs.tokens === null
      ? `${formatNumber(inputs.trainDays)} failure-free days`
      : `${formatCount(inputs.tokens)} tokens = ${formatNumber(inputs.trainDays)} failure-free days`;
  const reading = `${inputs.rateScenario} failure-rate reading, ${inputs.cluster === "shared" ? "a job of a shared research cluster" : "a dedicated run"}`;
  parts.push(
    `Reliability of ${inputs.chipCount.toLocaleString("en-US")} × ${inputs.chip} (${inputs.chipFamily}), ${length}; ` +
      `${reading}; seed ${inputs.seed}, ${inputs.replicas.toLocaleString("en-US")} replicas\n`,
  );
  const counts = failureRateCounts(r.assumptions);
  if (counts.assumed > 0) {
    parts.push(
      `NOTE: ${counts.assumed} of ${counts.rates} failure rates for ${inputs.chipFamily} are ASSUMPTIONS, not measured rates (see ASSUMPTIONS below)\n`,
    );
  }
  parts.push("\n");

  const pct = (n: number) => formatPercent(n);
  const num = (n: number) => formatNumber(n);
  parts.push(
    table(
      ["", "mean", "p10", "p50", "p90"],
      [
        wallTimeRow(r.wallDays, r.finishedFraction, r.resolved.horizonDays),
        distRow("goodput (useful / wall time)", r.goodput, pct),
        distRow("interruptions, unexpected", r.interruptions, num),
        distRow("interruptions, planned", r.plannedInterruptions, num),
      ],
    ),
  );
  const facts: [string, string][] = [["mean time to interruption", `${formatNumber(r.mttiHours)} h`]];
  if (r.pFinishByDeadline !== null && inputs.deadlineDays !== null) {
    facts.push([
      `P(finish within ${formatNumber(inputs.deadlineDays)} days)`,
      formatPercent(r.pFinishByDeadline),
    ]);
  }
  if (r.finishedFraction < 1) {
    facts.push([
      `finished within the ${formatNumber(r.resolved.horizonDays)}-day horizon`,
      formatPercent(r.finishedFraction),
    ]);
  }
  parts.push(facts.map(([k, v]) => `${k}: ${v}\n`).join(""));

  const totalMean = r.interruptionsByCause.reduce((s, c) => s + c.mean, 0);
  parts.push("\nInterruptions by cause\n");
  parts.push(
    table(
      ["cause", "mean", "p10", "p90", "share"],
      r.interruptionsByCause.map((c) => [
        c.cause,
        num(c.mean),
        num(c.p10),
        num(c.p90),
        totalMean > 0 ? formatPercent(c.mean / totalMean) : "0 %",
      ]),
    ),
  );

  const wallMeanH = r.wallDays.mean * 24;
  parts.push("\nTime lost by category (hours)\n");
  parts.push(
    table(
      ["category", "mean", "p10", "p90", "share of wall time"],
      LOST_CATEGORIES.map((k) => {
        const d = r.timeLostHours[k];
        const name = k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
        return [
          name,
          num(d.mean),
          num(d.p10),
          num(d.p90),
          wallMeanH > 0 ? formatPercent(d.mean / wallMeanH) : "unknown",
        ];
      }),
    ),
  );

  const c = r.closedForm;
  const s = r.resolved;
  parts.push("\nClosed forms and resolved settings\n");
  parts.push(
    table(
      ["quantity", "value"],
      [
        ["job MTBF (unexpected)", `${formatNumber(c.jobMtbfH)} h`],
        ["job MTTI (planned included)", `${formatNumber(c.mttiH)} h`],
        ["Young interval (1974)", c.youngMin === null ? "unknown" : `${formatNumber(c.youngMin)} min`],
        ["Daly interval (2006)", c.dalyMin === null ? "unknown" : `${formatNumber(c.dalyMin)} min`],
        [
          "Daly expected wall time",
          // Daly's closed form grows as e^(tau/M): past a million days it says only that the run never ends
          Number.isFinite(c.dalyWallDays) && c.dalyWallDays < 1e6
            ? `${formatNumber(c.dalyWallDays)} days`
            : "over a million days (checkpoint interval plus restart far past the MTTI: the run never ends)",
        ],
        ["Meta E[ETTR]", formatPercent(c.metaEttr)],
        ["checkpoint interval used", `${formatNumber(s.checkpointIntervalMin)} min`],
        [
          `checkpoint blocking / persist (${s.checkpointMode})`,
          `${formatNumber(s.checkpointBlockingS)} s / ${formatNumber(s.checkpointPersistS)} s`,
        ],
        [
          "detect / restart / spare swap",
          `${formatNumber(s.detectMin)} / ${formatNumber(s.restartMin)} / ${formatNumber(s.spareSwapMin)} min`,
        ],
        ["nodes / spare nodes / repair", `${s.nodes} / ${s.spareNodes} / ${formatNumber(s.repairH)} h`],
        [
          "planned maintenance every",
          s.plannedMaintenanceIntervalH === null
            ? "none"
            : `${formatNumber(s.plannedMaintenanceIntervalH)} h`,
        ],
      ],
    ),
  );

  const assumed = r.assumptions.filter((a) => a.kind === "assumption").length;
  parts.push(
    `\nASSUMPTIONS: ${assumed} of ${r.assumptions.length} inputs are assumptions (chosen, not measured), ` +
      `${r.assumptions.length - assumed} sourced\n`,
  );
  for (const a of r.assumptions) {
    const tag = a.kind === "assumption" ? "ASSUMPTION" : "sourced   ";
    parts.push(`  ${tag}  ${a.name} = ${assumptionValue(a)}  [${a.source}]\n`);
  }

  parts.push(`\nAdvisories${r.advisories.length === 0 ? ": none" : ""}\n`);
  for (const a of r.advisories) parts.push(`  ${a.code}: ${adviceLine(a)}\n`);
  return parts.join("");
}

/** `fleetcast reliability optimize`: the checkpoint interval by Young, by Daly, and by simulation. */
function optimizeCommand(io: CliIo): Command {
  const verb = "optimize the checkpoint interval";
  const shape = optimizeCheckpointInputSchema.shape;
  const reliabilityCheckpoint = reliabilityInputSchema.shape.checkpoint.unwrap().shape;
  const sim = simulationOptionsSchema.shape;
  return new Command("optimize")
    .description(
      "Checkpoint interval three ways for one job: Young's and Daly's closed forms and the interval that " +
        "maximises simulated goodput (exponential failures, fixed restart time)",
    )
    .option(
      "--chip <id>",
      "the job's chip: its MTBF, checkpoint stall and restart from the reliability model",
    )
    .option(
      "--count <n>",
      "the job's chips (with --chip)",
      numberFlag(verb, "--count", "positive integer", reliabilityInputSchema.shape.chipCount),
    )
    .option(
      "--chips-per-node <n>",
      "chips per node (with --chip; default min(8, scale-up domain))",
      numberFlag(verb, "--chips-per-node", "positive integer", reliabilityInputSchema.shape.chipsPerNode),
    )
    .option("--catalog <file>", "extra chips (YAML/JSON)")
    .option(
      "--checkpoint-gb <gb>",
      "the job's whole checkpoint, GB (with --chip): its stall and load from its size (default: ByteCheckpoint's 405B timings)",
      numberFlag(verb, "--checkpoint-gb", "positive number", reliabilityCheckpoint.stateGB),
    )
    .option(
      "--checkpoint-mode <m>",
      "async (default) or sync: training stalls until each checkpoint is durable (with --chip)",
      choiceFlag(verb, "--checkpoint-mode", CHECKPOINT_MODES),
    )
    .option(
      "--mtbf-h <m>",
      "mean time between failures of the job, hours (default with --chip: the model's)",
      numberFlag(verb, "--mtbf-h", "positive number", shape.mtbfH),
    )
    .option(
      "--checkpoint-blocking-s <s>",
      "seconds training stalls per checkpoint",
      numberFlag(verb, "--checkpoint-blocking-s", "positive number", shape.checkpointBlockingS),
    )
    .option(
      "--restart-min <r>",
      "failure to resumed training, minutes",
      numberFlag(verb, "--restart-min", "non-negative number", shape.restartMin),
    )
    .option(
      "--replicas <n>",
      "Monte Carlo replicas per evaluated interval (default 200)",
      numberFlag(verb, "--replicas", "positive integer", sim.replicas),
    )
    .option(
      "--seed <s>",
      "random seed (default 1)",
      numberFlag(verb, "--seed", "non-negative integer", sim.seed),
    )
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  $ fleetcast reliability optimize --mtbf-h 24 --checkpoint-blocking-s 300 --restart-min 10\n" +
        "  $ fleetcast reliability optimize --chip nvidia-h100-sxm --count 16384\n" +
        "  $ fleetcast reliability optimize --mtbf-h 0.5 --checkpoint-blocking-s 0.59 --restart-min 8 --json",
    )
    .action((opts) => {
      // a job named by its chips gives the three figures `fleetcast reliability` resolves for it (review 19: the
      // user had to run that first and copy its job MTBF and restart time); flags given override them
      let job: (CheckpointJob & { family: string }) | null = null;
      if (opts.chip === undefined && opts.count === undefined) {
        // the job's own flags mean nothing without the job (diff review 19: they were ignored silently)
        const stray =
          opts.chipsPerNode !== undefined
            ? "--chips-per-node"
            : opts.catalog !== undefined
              ? "--catalog"
              : opts.checkpointGb !== undefined
                ? "--checkpoint-gb"
                : opts.checkpointMode !== undefined
                  ? "--checkpoint-mode"
                  : null;
        if (stray !== null) {
          throw new FleetcastError(
            `Cannot ${verb}: ${stray} describes a job; give --chip and --count too`,
            stray,
          );
        }
      }
      if (opts.chip !== undefined || opts.count !== undefined) {
        if (opts.chip === undefined || opts.count === undefined) {
          const flag = opts.chip === undefined ? "--chip" : "--count";
          throw new FleetcastError(
            `Cannot ${verb}: a job needs both --chip and --count (${flag} missing)`,
            flag,
          );
        }
        const chip = chipCatalog(opts.catalog).get(opts.chip);
        job = {
          ...checkpointJob({
            chipFamily: chip.family,
            chipCount: opts.count,
            // the chip's own node, as train plan and its printed reliability command take it
            chipsPerNode: opts.chipsPerNode ?? defaultChipsPerNode(chip),
            ...(opts.checkpointGb === undefined ? {} : { stateGB: opts.checkpointGb }),
            ...(opts.checkpointMode === undefined ? {} : { mode: opts.checkpointMode }),
          }),
          family: chip.family,
        };
      }
      const missing = (["mtbfH", "checkpointBlockingS", "restartMin"] as const).find(
        (k) => opts[k] === undefined && job === null,
      );
      if (missing !== undefined) {
        const flag = flagOf(missing);
        throw new FleetcastError(
          `Cannot ${verb}: ${flag} is required (or give the job: --chip and --count)`,
          flag,
        );
      }
      const mtbfH = opts.mtbfH ?? job?.mtbfH ?? 0;
      const checkpointBlockingS = opts.checkpointBlockingS ?? job?.checkpointBlockingS ?? 0;
      const restartMin = opts.restartMin ?? job?.restartMin ?? 0;
      // an asynchronous checkpoint's persist, from the job (a stall given alone is read as a synchronous save's)
      const checkpointPersistS = opts.checkpointBlockingS === undefined ? (job?.checkpointPersistS ?? 0) : 0;
      const seed = opts.seed ?? DEFAULT_SEED;
      const replicas = opts.replicas ?? DEFAULT_OPTIMIZE_REPLICAS;
      const best = optimizeCheckpointInterval(
        { mtbfH, checkpointBlockingS, restartMin, checkpointPersistS },
        { seed, replicas },
      );
      if (opts.json) {
        io.out(
          json(
            snakeCaseKeys({
              inputs: { mtbfH, checkpointBlockingS, checkpointPersistS, restartMin, seed, replicas },
              ...best,
              // the job's own advice, which the text prints (QA 40: --json dropped it)
              advisories: job?.advisories ?? [],
            }),
          ),
        );
        return;
      }
      io.out(
        `Checkpoint interval for a job MTBF of ${formatNumber(mtbfH)} h, ${formatNumber(checkpointBlockingS)} s blocking checkpoints${checkpointPersistS > 0 ? ` durable ${formatNumber(checkpointPersistS)} s later (no interval shorter)` : ""}, ` +
          `${formatNumber(restartMin)} min restarts; seed ${seed}, ${replicas} replicas per interval\n`,
      );
      if (job !== null && job.assumedRates > 0 && opts.mtbfH === undefined) {
        io.out(
          `NOTE: the MTBF rests on ${job.assumedRates} of ${job.rates} failure rates for ${job.family} that are ASSUMPTIONS, not measured (fleetcast reliability --chip ${opts.chip} shows them)\n`,
        );
      }
      for (const a of job?.advisories ?? []) io.out(`${a.code}: ${a.message} (${a.hint})\n`);
      io.out("\n");
      io.out(
        table(
          ["method", "interval (min)", "mean goodput"],
          [
            ["Young (1974), first order", formatNumber(best.youngMin), "not simulated"],
            [
              "Daly (2006), higher order",
              formatNumber(best.dalyMin),
              formatPercent(best.simulatedGoodputAtDaly, 2),
            ],
            [
              "simulated best",
              formatNumber(best.simulatedBestMin),
              formatPercent(best.simulatedGoodputAtBest, 2),
            ],
          ],
        ),
      );
    });
}
