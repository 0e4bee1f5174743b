import { Command, Option, type OptionValues } from "@commander-js/extra-typings";
import * as z from "zod";
import { modelAdvisories } from "../../arch/index.ts";
import { effectiveProfile } from "../../calibrate/index.ts";
import { withScaleOutGbps } from "../../catalog/chips/index.ts";
import { resolveModel } from "../../catalog/models/index.ts";
import { defaultStackFor } from "../../catalog/stacks/index.ts";
import { STEP_PARTS } from "../../charts/index.ts";
import { FleetcastError, isFleetcastError } from "../../errors.ts";
import {
  defaultServePrecision,
  GRAPH_MODES,
  type GraphMode,
  layeredServeProfile,
  layoutLabel,
  MOE_DEFAULT_INSTANCE_CHIPS,
  type PlannedInstance,
  parseTraceCsv,
  planServe,
  profileEfficiency,
  SERVE_PLAN_LIMITS,
  type ServePlan,
  type ServePlanInput,
  ServePlanInputSchema,
  type ServePrecision,
  type ServeProfile,
  type SimulateResult,
  type SimulateWorkload,
  SimulateWorkloadSchema,
  servePlanFeasible,
  servePlanJson,
  serveSetup,
  simulateServing,
  simulationAdvisories,
  workloadLengths,
} from "../../serve/index.ts";
import { readTextFile } from "../../util/read-text-file.ts";
import { SeedSchema } from "../../util/seed-schema.ts";
import { snakeCaseKeys } from "../../util/snake-case-keys.ts";
import { chipCatalog, flagOf } from "../context.ts";
import type { CliIo } from "../io.ts";
import { amountFlag, numberFlag } from "../number-flag.ts";
import { progressBar } from "../progress.ts";
import { adviceLine, formatNumber, json, table } from "../render.ts";

// --- public ---

/**
 * `fleetcast serve`: capacity planning (`serve plan`: the best instance layout under TTFT/TPOT limits, the
 * chips a demand needs, cost and energy per million tokens) and the seeded discrete-event simulator
 * (`serve simulate`: TTFT/TPOT/E2E percentiles of one engine replica under Poisson, bursty or traced arrivals).
 * @example program.addCommand(serveCommand(processIo))
 */
export function serveCommand(io: CliIo): Command {
  return new Command("serve")
    .description(
      "Serving: the instance layout and chips a model needs under latency limits, and a simulator of one engine",
    )
    .addCommand(planCommand(io))
    .addCommand(simulateCommand(io))
    .addHelpText("after", `${PLAN_EXAMPLES}${SIMULATE_EXAMPLES}`);
}

// --- internal ---

const GRAPH_MODE_HELP =
  "how the engine launches a step's kernels: full (every step one captured graph), full-and-piecewise (vLLM's default; steps with prompt tokens piecewise), decode-only (FULL_DECODE_ONLY: steps with prompt tokens eager), piecewise, eager (--enforce-eager); a host that launches them makes a step no shorter than its launches (default: the engine's current builds')";

const PRECISIONS = ["bf16", "fp8", "int8", "fp4"] as const;
const DEFAULT_SEED = 1;
/** Requests above which a simulation takes long enough (about half a second) to draw a progress bar. */
const PROGRESS_MIN_REQUESTS = 200_000;
/** Largest simulation the CLI accepts (the simulator's arrays grow with it; 10^6 runs in ~2 s). */
const MAX_SIM_REQUESTS = 20_000_000;

const PLAN_EXAMPLES =
  "\nExamples:\n" +
  "  $ fleetcast serve plan --model llama-3.1-8b --chip nvidia-h100-sxm --input-tokens 1000 --output-tokens 200\n" +
  "  $ fleetcast serve plan --model deepseek-v3 --chip huawei-ascend-910c --input-tokens 4096 --output-tokens 1024 \\\n" +
  "      --ttft-ms 2000 --tpot-ms 50 --demand-tokens-per-day 1T --json\n";
const SIMULATE_EXAMPLES =
  "  $ fleetcast serve simulate --model llama-3.1-8b --chip nvidia-h100-sxm --rate 20 --duration-s 600 \\\n" +
  "      --input-tokens 1000 --output-tokens 200\n" +
  "  $ fleetcast serve simulate --model llama-3.1-70b --chip amd-mi300x --tp 2 --trace examples/requests.csv --json\n";

// The bounds of the numeric flags: the serving library's own fields, so a flag takes what the library takes.
const PLAN_FIELDS = ServePlanInputSchema.shape;
const DEMAND_FIELDS = PLAN_FIELDS.demand.unwrap().shape;
/** A Poisson workload's fields: its rate and lengths are every generated workload's. */
const WORKLOAD_FIELDS = SimulateWorkloadSchema.options[0].shape;
const BURSTINESS = SimulateWorkloadSchema.options[1].shape.burstiness;
const REQUESTS = z.int().max(MAX_SIM_REQUESTS);
/** The simulator's generator (pure-rand's xoroshiro128plus) takes a 32-bit signed seed, as the API's schema says. */

/** The serving profile a command predicts with: the built-in one, a `--profile` file's serving fit laid over it. */
function servingProfile(path: string | undefined): ServeProfile {
  return layeredServeProfile(path === undefined ? null : effectiveProfile(path).serve);
}

function required<T>(verb: string, flag: string, value: T | undefined, what: string): T {
  if (value === undefined) throw new FleetcastError(`Cannot ${verb}: ${flag} is required (${what})`, flag);
  return value;
}

/** `fleetcast serve plan`. */
/** The options both serve verbs take for the site: extra chips, a calibration profile, the NIC line rate. */
function withSiteOptions<A extends unknown[], O extends OptionValues>(verb: string, cmd: Command<A, O>) {
  return cmd
    .option("--catalog <file>", "extra chips (YAML/JSON)")
    .option(
      "--profile <file>",
      "a calibration profile written by `fleetcast calibrate`: its serving fit laid over the built-in one",
    )
    .option(
      "--scale-out-gbps <n>",
      "NIC line rate per chip, Gb/s, when the catalog has none or the site differs (H20: none in the catalog)",
      numberFlag(
        verb,
        "--scale-out-gbps",
        "positive number",
        z.number().positive().max(SERVE_PLAN_LIMITS.scaleOutGbps),
      ),
    );
}

function planCommand(io: CliIo) {
  const verb = "plan serving";
  return withSiteOptions(
    verb,
    new Command("plan")
      .description(
        "Best instance layout (TP, attention DP, EP, batch) for a model on a chip under TTFT/TPOT limits, " +
          "colocated and prefill/decode split, the chips a demand needs, and cost and energy per million tokens",
      )
      .option("--model <name|file>", "a built-in model name or a Hugging Face config.json")
      .option("--chip <id>", "chip id (fleetcast chips)")
      .option(
        "--count <n>",
        `chips one instance may span (default: one scale-up domain, or the fewest whole domains that hold the weights; a mixture of experts, whole domains up to ${MOE_DEFAULT_INSTANCE_CHIPS} chips for wide expert parallelism)`,
        numberFlag(verb, "--count", "positive integer", PLAN_FIELDS.count),
      )
      .option(
        "--input-tokens <n>",
        "mean prompt length, tokens",
        numberFlag(verb, "--input-tokens", "positive number", PLAN_FIELDS.inputTokens),
      )
      .option(
        "--output-tokens <n>",
        "mean output length, tokens",
        numberFlag(verb, "--output-tokens", "positive number", PLAN_FIELDS.outputTokens),
      )
      .option(
        "--ttft-ms <ms>",
        "time-to-first-token limit: each layout's TTFT without queueing (a prompt joining its batch), and with a demand the pools' p99 at that load",
        numberFlag(verb, "--ttft-ms", "positive number", PLAN_FIELDS.ttftMs),
      )
      .option(
        "--tpot-ms <ms>",
        "time-per-output-token limit: each layout's unloaded TPOT, and with a demand the pools' p99 at that load",
        numberFlag(verb, "--tpot-ms", "positive number", PLAN_FIELDS.tpotMs),
      )
      .option(
        "--demand-tokens-per-day <d>",
        "input plus output tokens per day; suffixes K, M, B, T",
        amountFlag(verb, "--demand-tokens-per-day", DEMAND_FIELDS.tokensPerDay),
      )
      .option(
        "--requests-per-s <r>",
        "demand as requests per second",
        numberFlag(verb, "--requests-per-s", "positive number", DEMAND_FIELDS.requestsPerS),
      )
      .option(
        "--peak-to-mean <r>",
        "the busiest hour's rate over the demand's mean (1 to 100, default 1): pools sized for the peak, cost per token over the mean",
        numberFlag(verb, "--peak-to-mean", "number", DEMAND_FIELDS.peakToMean),
      )
      .addOption(
        new Option(
          "--precision <p>",
          "GEMM precision (default: FP8 where the chip has it, INT8 on Ascend, else BF16)",
        ).choices(PRECISIONS),
      )
      .addOption(
        new Option(
          "--expert-weight-bits <bits>",
          "routed experts stored in 4 bits under INT8 (or FP8) GEMMs: a W4A8 checkpoint of a mixture of experts",
        ).choices(["4"] as const),
      )
      .option(
        "--engine <id>",
        "serving stack id: vllm, sglang, tensorrt-llm, vllm-ascend, mindie, ... (default per chip)",
      )
      .option(
        "--cache-hit-rate <f>",
        "share of prompt tokens served from the prefix/KV cache (0 to 0.99)",
        numberFlag(verb, "--cache-hit-rate", "number", PLAN_FIELDS.cacheHitRate),
      )
      .addOption(
        new Option(
          "--length-dist <kind>",
          "lengths of the load the pools are sized for: uniform (default: every request the means) or " +
            "exponential (long-tailed chat lengths with the means given, simulated at load; the layouts are " +
            "priced at the means)",
        ).choices(["uniform", "exponential"] as const),
      )
      .option(
        "--spec-decode-accept <a>",
        "speculative decoding: mean tokens accepted per decode step (>= 1; e.g. 1.7 for DeepSeek's MTP)",
        numberFlag(verb, "--spec-decode-accept", "number", PLAN_FIELDS.specDecodeAccept),
      )
      .option(
        "--usd-per-chip-hour <p>",
        "price of one chip-hour in USD for the cost of a demand (default: the catalog's cloud price range, else the purchase price amortised, an assumption)",
        numberFlag(verb, "--usd-per-chip-hour", "positive number", PLAN_FIELDS.usdPerChipHour),
      )
      .addOption(
        new Option(
          "--overlap <mode>",
          "how the engine hides TP/EP communication (default: two-batch, split in two micro-batches when faster, for MoE layouts with EP > 1 and attention DP > 1; none otherwise)",
        ).choices(["none", "single-batch", "two-batch"]),
      )
      .addOption(new Option("--graph-mode <mode>", GRAPH_MODE_HELP).choices(GRAPH_MODES)),
  )
    .option("--json", "print JSON")
    .addHelpText("after", PLAN_EXAMPLES)
    .action((opts) => {
      const chip = withScaleOutGbps(
        chipCatalog(opts.catalog).get(required(verb, "--chip", opts.chip, "a catalog chip id")),
        opts.scaleOutGbps,
      );
      const model = resolveModel(required(verb, "--model", opts.model, "a model name or config.json"));
      if (opts.demandTokensPerDay !== undefined && opts.requestsPerS !== undefined) {
        throw new FleetcastError(
          `Cannot ${verb}: give either --demand-tokens-per-day or --requests-per-s, not both (got --requests-per-s ${opts.requestsPerS})`,
          "--requests-per-s",
        );
      }
      if (
        opts.peakToMean !== undefined &&
        opts.demandTokensPerDay === undefined &&
        opts.requestsPerS === undefined
      ) {
        throw new FleetcastError(
          `Cannot ${verb}: --peak-to-mean ${opts.peakToMean} scales a demand; give --demand-tokens-per-day or --requests-per-s too`,
          "--peak-to-mean",
        );
      }
      // a price is read only for the cost of a demand's chips: alone it would be ignored (new-user review 21)
      if (
        opts.usdPerChipHour !== undefined &&
        opts.demandTokensPerDay === undefined &&
        opts.requestsPerS === undefined
      ) {
        throw new FleetcastError(
          `Cannot ${verb}: --usd-per-chip-hour prices the chips a demand needs; give --demand-tokens-per-day or --requests-per-s too`,
          "--usd-per-chip-hour",
        );
      }
      const input: ServePlanInput = {
        inputTokens: required(verb, "--input-tokens", opts.inputTokens, "mean prompt tokens"),
        outputTokens: required(verb, "--output-tokens", opts.outputTokens, "mean output tokens"),
        ...(opts.precision ? { precision: opts.precision } : {}),
        ...(opts.expertWeightBits !== undefined ? { expertWeightBits: 4 as const } : {}),
        ...(opts.ttftMs !== undefined ? { ttftMs: opts.ttftMs } : {}),
        ...(opts.tpotMs !== undefined ? { tpotMs: opts.tpotMs } : {}),
        ...(opts.count !== undefined ? { count: opts.count } : {}),
        ...(opts.engine !== undefined ? { stack: opts.engine } : {}),
        ...(opts.cacheHitRate !== undefined ? { cacheHitRate: opts.cacheHitRate } : {}),
        ...(opts.lengthDist !== undefined ? { lengthDistribution: opts.lengthDist } : {}),
        ...(opts.specDecodeAccept !== undefined ? { specDecodeAccept: opts.specDecodeAccept } : {}),
        ...(opts.usdPerChipHour !== undefined ? { usdPerChipHour: opts.usdPerChipHour } : {}),
        ...(opts.overlap !== undefined ? { overlap: opts.overlap } : {}),
        ...(opts.graphMode !== undefined ? { graphMode: opts.graphMode } : {}),
        ...(opts.demandTokensPerDay !== undefined || opts.requestsPerS !== undefined
          ? {
              demand: {
                ...(opts.requestsPerS !== undefined ? { requestsPerS: opts.requestsPerS } : {}),
                ...(opts.demandTokensPerDay !== undefined ? { tokensPerDay: opts.demandTokensPerDay } : {}),
                ...(opts.peakToMean !== undefined ? { peakToMean: opts.peakToMean } : {}),
              },
            }
          : {}),
      };
      // a demand under latency limits sizes pools by simulating them: seconds, ~11 s at the extremes (README
      // "Speed"); a terminal is told what is running (review 34: 12 s without output)
      if (io.errIsTty && input.demand !== undefined)
        io.err(
          `planning ${model.arch.name} on ${chip.id}: searching layouts, then sizing pools for the demand...\n`,
        );
      const planned = planServe(model.arch, chip, input, servingProfile(opts.profile));
      // what the model import assumed leads the plan's own advice
      const plan = { ...planned, advisories: [...modelAdvisories(model), ...planned.advisories] };
      if (!servePlanFeasible(plan, input)) io.markInfeasible?.();
      if (opts.json) {
        // what was planned echoed, as the HTTP API echoes it; a latency a pool's role lacks written null, not 0
        io.out(json(snakeCaseKeys(servePlanJson(plan, input, { model: model.arch.name, chip: chip.id }))));
        return;
      }
      io.out(renderPlan(plan, input, chip.ranksPerChip));
    });
}

function stepTable(steps: [string, PlannedInstance][]): string {
  const ms = (x: number) => formatNumber(Math.round(x * 100) / 100);
  return table(
    ["step", ...STEP_PARTS.map((p) => p.name), "total", "micro-batches"],
    steps.map(([name, p]) => [
      name,
      ...STEP_PARTS.map((part) => ms(p.stepMs[part.key])),
      ms(p.stepMs.total),
      p.stepMs.microBatches,
    ]),
  );
}

/** "1 chip", "16 chips". */
function plural(n: number, noun: string): string {
  return `${formatNumber(n)} ${noun}${n === 1 ? "" : "s"}`;
}

function instanceRow(name: string, p: PlannedInstance): (string | number)[] {
  return [
    name,
    layoutLabel(p),
    formatNumber(p.chipsPerInstance),
    formatNumber(p.batch),
    formatNumber(p.tokensPerSPerChip),
    p.ttftMs > 0 ? formatNumber(p.ttftMs) : "-",
    p.tpotMs > 0 ? formatNumber(p.tpotMs) : "-",
    p.violates.length > 0 ? `misses ${p.violates.join(", ")}` : "",
  ];
}

function renderPlan(plan: ServePlan, input: ServePlanInput, ranksPerChip = 1): string {
  const parts: string[] = [];
  const limits = [
    // the limits as given (QA 26: 13.25 had printed as 13.3, looser than asked)
    input.ttftMs !== undefined ? `TTFT <= ${asGiven(input.ttftMs)} ms` : null,
    input.tpotMs !== undefined ? `TPOT <= ${asGiven(input.tpotMs)} ms` : null,
  ].filter((x) => x !== null);
  parts.push(
    `${plan.model} on ${plan.chip} (${plan.stack}, ${plan.precision.toUpperCase()}${plan.weightPrecision !== plan.precision ? ` GEMMs, ${plan.weightPrecision.toUpperCase()} weights` : ""}${plan.expertWeightBits === 4 ? ", experts in 4 bits" : ""}${plan.graphMode === "full" ? "" : `, ${plan.graphMode} graphs`}): ` +
      `${input.inputTokens} prompt / ${input.outputTokens} output tokens` +
      `${limits.length > 0 ? `, ${limits.join(", ")}` : ", no latency limits"}\n\n`,
  );
  const head = ["", "layout", "chips", "batch", "tok/s/chip", "TTFT ms", "TPOT ms", ""];
  const rows: (string | number)[][] = [];
  if (plan.colocated) rows.push(instanceRow("colocated (best)", plan.colocated));
  if (plan.disaggregated) {
    rows.push(instanceRow("prefill pool", plan.disaggregated.prefill));
    rows.push(instanceRow("decode pool", plan.disaggregated.decode));
  }
  // the JSON's alternatives start with the best colocated layout, already the first row (QA 26)
  plan.alternatives.slice(plan.colocated === null ? 0 : 1).forEach((a, i) => {
    rows.push(instanceRow(`alternative ${i + 1}`, a));
  });
  parts.push(table(head, rows));
  parts.push(
    "(batch: sequences per attention replica, a prefill pool's prompts per step (a fraction when one prompt outgrows a step); tok/s/chip: output tokens per chip; prefill pool: prompt tokens per chip; TTFT: one prompt joining the row's batch, on an idle instance for a prefill pool; at load below" +
      (ranksPerChip > 1
        ? `; TP, DP and EP count dies, ${ranksPerChip} to a ${plan.chip} package, so chips = ranks / ${ranksPerChip}`
        : "") +
      ")\n",
  );
  const steps: [string, PlannedInstance][] = [];
  if (plan.colocated) steps.push(["colocated", plan.colocated]);
  if (plan.disaggregated) {
    steps.push(["prefill", plan.disaggregated.prefill]);
    steps.push(["decode", plan.disaggregated.decode]);
  }
  if (steps.length > 0) parts.push(`\nWhere one step's time goes (ms):\n${stepTable(steps)}`);
  if (plan.disaggregated) {
    const d = plan.disaggregated;
    parts.push(
      `\nPrefill/decode split (the fastest pools above): ${formatNumber(d.prefillChipsPerDecodeChip)} prefill chips per decode chip, ` +
        `${formatNumber(d.outputTokensPerSPerChip)} output tok/s per chip overall at full load${
          d.prefill.stepMs.total > d.prefill.ttftMs
            ? ` (throughput alone: a full prefill step takes ${formatNumber(d.prefill.stepMs.total)} ms, so a loaded prefill pool answers slower than its TTFT above; a demand sizes the pools for the limits)`
            : ""
        }, KV transfer ` +
        `${d.kvTransferMs === null ? "unknown" : `${formatNumber(d.kvTransferMs)} ms`} per prompt\n`,
    );
  }
  const c = plan.capacity;
  if (c) {
    const usd = c.usdPerMillionOutputTokens;
    // the pools are checked at the rate they are sized for: the peak when one is given
    const atWhat = c.peakToMean > 1 ? "at the peak" : "at this load";
    parts.push(
      `\nCapacity for ${formatNumber(c.requestsPerS)} requests/s${c.peakToMean > 1 ? ` on average, ${formatNumber(c.peakRequestsPerS)} at the peak (x${formatNumber(c.peakToMean)})` : ""} (${c.mode}): ${plural(c.chips, "chip")}` +
        // what the chips would be if each chip's throughput missed as held-out deployments did (80 %)
        (c.chipsBand === null
          ? ", "
          : ` (80 %: ${formatNumber(c.chipsBand[0])}–${formatNumber(c.chipsBand[1])}, the spread of published deployments no fit saw), `) +
        `${formatNumber(c.outputTokensPerSPerChip)} output tok/s per chip at full load, ` +
        // what the sized chips carry of this demand: below full load when the latency limits held the pools back
        `${formatNumber((c.requestsPerS * input.outputTokens) / c.chips)} at this demand\n` +
        // a count that rests on narrow layouts only says so where it is read (new-user review 21: H20's 11,104 chips
        // against 2,176 with its network given, the reason only in the advisories below)
        (plan.advisories.some((a) => a.code === "links_unknown")
          ? "  (narrow layouts only: the catalog lacks a link figure of this chip that wider ones need, links_unknown below; giving it searches them, and they may need far fewer chips)\n"
          : "") +
        c.pools
          .map(
            (p) =>
              `  ${p.role}: ${formatNumber(p.instances)} x ${plural(p.chipsPerInstance, "chip")} (${layoutLabel(p)}), ` +
              `${formatNumber(p.load * 100)} % loaded\n`,
          )
          .join("") +
        (c.atLoad === null
          ? ""
          : c.atLoad.split === null
            ? `  ${atWhat} (one attention replica (one DP rank) at ` +
              `${formatNumber(c.atLoad.ratePerS)}/s${batchCap(c.atLoad.maxBatch, "", (input.cacheHitRate ?? 0) === 0)}; ${atLoadSample(c.atLoad, input.lengthDistribution)}): TTFT p50 ${formatNumber(c.atLoad.ttftMs.p50)} / p99 ` +
              `${formatNumber(c.atLoad.ttftMs.p99)} ms, TPOT p50 ${formatNumber(c.atLoad.tpotMs.p50)} / p99 ` +
              `${formatNumber(c.atLoad.tpotMs.p99)} ms\n`
            : `  ${atWhat} (one attention replica (one DP rank) of each pool, pools apart${batchCap(c.atLoad.maxBatch, "decode ", false)}; ${atLoadSample(c.atLoad, input.lengthDistribution)}): ` +
              `prefill replica at ${formatNumber(c.atLoad.ratePerS)}/s, TTFT p50 ${formatNumber(c.atLoad.ttftMs.p50)} / p99 ` +
              `${formatNumber(c.atLoad.ttftMs.p99)} ms; decode replica at ${formatNumber(c.atLoad.split.decodeRatePerS)}/s, ` +
              `TPOT p50 ${formatNumber(c.atLoad.tpotMs.p50)} / p99 ${formatNumber(c.atLoad.tpotMs.p99)} ms, wait for a ` +
              `decode slot p99 ${formatNumber(c.atLoad.split.decodeWaitMs.p99)} ms\n`) +
        `  cost: ${usd === null ? "unknown (cost_unknown below)" : `${usdRange(usd)}${usd[0] === usd[1] ? "" : " (the catalog's cloud price range per chip-hour)"} per million output tokens of this demand, ${usdRange(c.usdPerMillionTokens ?? usd)} per million tokens in and out`}\n` +
        `  energy: ${c.kwhPerMillionOutputTokens === null ? "unknown (energy_unknown below)" : `${formatNumber(c.kwhPerMillionOutputTokens)} kWh per million output tokens of this demand (chips at TDP, an upper bound)`}\n`,
    );
  }
  parts.push(`\nAdvisories${plan.advisories.length === 0 ? ": none" : ""}\n`);
  for (const a of plan.advisories) parts.push(`  ${a.code}: ${adviceLine(a)}\n`);
  return parts.join("");
}

/** `fleetcast serve simulate`. */
function simulateCommand(io: CliIo) {
  const verb = "simulate serving";
  return withSiteOptions(
    verb,
    new Command("simulate")
      .description(
        "Discrete-event simulation of one engine replica (continuous batching, chunked prefill, KV admission " +
          "and preemption): TTFT, TPOT and end-to-end percentiles, throughput, preemptions; seeded",
      )
      .option("--model <name|file>", "a built-in model name or a Hugging Face config.json")
      .option("--chip <id>", "chip id (fleetcast chips)")
      .option(
        "--tp <n>",
        "tensor-parallel degree of the replica (default 1)",
        numberFlag(verb, "--tp", "positive integer"),
      )
      .option("--ep <n>", "expert-parallel degree (default 1)", numberFlag(verb, "--ep", "positive integer"))
      .option(
        "--pp <n>",
        "pipeline stages, each 1/pp of the layers on TP x DP ranks, pp micro-batches in flight (default 1)",
        numberFlag(verb, "--pp", "positive integer"),
      )
      .option(
        "--dp <n>",
        "attention data-parallel replicas sharing the experts (default 1; EP then spans TP x DP); the arrivals are one replica's",
        numberFlag(verb, "--dp", "positive integer"),
      )
      .addOption(
        new Option(
          "--precision <p>",
          "GEMM precision (default: FP8 where the chip has it, INT8 on Ascend, else BF16)",
        ).choices(PRECISIONS),
      )
      .addOption(
        new Option(
          "--expert-weight-bits <bits>",
          "routed experts stored in 4 bits under INT8 (or FP8) GEMMs: a W4A8 checkpoint of a mixture of experts",
        ).choices(["4"] as const),
      )
      .option("--engine <id>", "serving stack id (default per chip)")
      .addOption(new Option("--graph-mode <mode>", GRAPH_MODE_HELP).choices(GRAPH_MODES))
      .addOption(
        new Option(
          "--arrival <kind>",
          "arrival process (default poisson; burst: all --requests at once, as vllm bench serve without a rate; " +
            "closed: --concurrency clients, each sending its next request when its answer completes, as " +
            "vllm bench serve --max-concurrency)",
        ).choices(["poisson", "bursty", "burst", "closed"] as const),
      )
      .option(
        "--concurrency <n>",
        "clients of an --arrival closed loop (requests in flight on the simulated replica, one attention-DP rank)",
        numberFlag(verb, "--concurrency", "positive integer", REQUESTS),
      )
      .option(
        "--burstiness <k>",
        "gamma shape of gaps for --arrival bursty (< 1 burstier; default 0.5)",
        numberFlag(verb, "--burstiness", "positive number", BURSTINESS),
      )
      .option(
        "--rate <r>",
        "requests per second",
        numberFlag(verb, "--rate", "positive number", WORKLOAD_FIELDS.ratePerS),
      )
      .option(
        "--requests <n>",
        "requests of an --arrival burst or closed loop",
        numberFlag(verb, "--requests", "positive integer", REQUESTS),
      )
      .option(
        "--length-spread <r>",
        "lengths drawn uniformly in [L(1-r), L(1+r)] around --input-tokens/--output-tokens, as vLLM's " +
          "--random-range-ratio (0 to <1; default 0: all the same)",
        numberFlag(verb, "--length-spread", "number", WORKLOAD_FIELDS.lengthSpread),
      )
      .addOption(
        new Option(
          "--length-dist <kind>",
          "uniform (with --length-spread; default) or exponential: long-tailed chat lengths with the means given, " +
            "within --max-input-tokens and --max-total-tokens (default 10x the mean prompt and 10x the mean " +
            "prompt + output, at most what the KV pool holds for one request)",
        ).choices(["uniform", "exponential"] as const),
      )
      .option(
        "--max-input-tokens <n>",
        "cap of exponential prompt lengths",
        numberFlag(verb, "--max-input-tokens", "positive integer", WORKLOAD_FIELDS.maxInputTokens),
      )
      .option(
        "--max-total-tokens <n>",
        "cap of exponential prompt + output lengths (vLLM's ShareGPT benchmark: 1024 and 2048)",
        numberFlag(verb, "--max-total-tokens", "positive integer", WORKLOAD_FIELDS.maxTotalTokens),
      )
      .option(
        "--duration-s <t>",
        "seconds of arrivals (requests = rate x duration)",
        numberFlag(verb, "--duration-s", "positive number"),
      )
      .option(
        "--input-tokens <n>",
        "prompt tokens per request",
        numberFlag(verb, "--input-tokens", "positive integer", WORKLOAD_FIELDS.inputTokens),
      )
      .option(
        "--output-tokens <n>",
        "output tokens per request",
        numberFlag(verb, "--output-tokens", "positive integer", WORKLOAD_FIELDS.outputTokens),
      )
      .option("--trace <file>", "CSV of timestamp_s,input_tokens,output_tokens (instead of --arrival/--rate)")
      .option(
        "--max-batch <n>",
        "sequences decoding at once (default 1024)",
        numberFlag(verb, "--max-batch", "positive integer"),
      )
      .option(
        "--chunk-tokens <n>",
        "tokens per step, decode and prefill chunks (default: the engine's, 8192; vLLM and its ports 2048 on devices under 70 GiB and on A100)",
        numberFlag(verb, "--chunk-tokens", "positive integer"),
      )
      .option(
        "--seed <s>",
        "random seed (default 1)",
        numberFlag(verb, "--seed", "non-negative integer", SeedSchema),
      ),
  )
    .option("--json", "print JSON")
    .addHelpText("after", `\nExamples:\n${SIMULATE_EXAMPLES}`)
    .action((opts) => {
      const chip = withScaleOutGbps(
        chipCatalog(opts.catalog).get(required(verb, "--chip", opts.chip, "a catalog chip id")),
        opts.scaleOutGbps,
      );
      const model = resolveModel(required(verb, "--model", opts.model, "a model name or config.json"));
      const stack = opts.engine;
      const profile = servingProfile(opts.profile);
      const stackId = stack ?? defaultStackFor(chip.family, "serve");
      const { efficiency } = profileEfficiency(profile, chip.family, stackId);
      const precision: ServePrecision = opts.precision ?? defaultServePrecision(chip);
      const setup = serveSetup({
        arch: model.arch,
        chip,
        config: { tp: opts.tp ?? 1, dpAttention: opts.dp ?? 1, ep: opts.ep ?? 1, pp: opts.pp ?? 1 },
        precision,
        engine: stack ?? defaultStackFor(chip.family, "serve"),
        efficiency,
        ...(opts.expertWeightBits === undefined ? {} : { expertWeightBits: 4 as const }),
        ...(opts.graphMode === undefined ? {} : { graphMode: opts.graphMode as GraphMode }),
      });
      const calibration = simulationAdvisories({
        arch: model.arch,
        setup,
        profile,
        family: chip.family,
        stackId,
        requestedExpertBits: opts.expertWeightBits === undefined ? undefined : 4,
        requestedPrecision: precision,
      });
      const workload = workloadOf(verb, opts);
      const requests = workload.arrivals === "trace" ? workload.trace.length : workload.requests;
      const seed = opts.seed ?? DEFAULT_SEED;
      const bar = requests >= PROGRESS_MIN_REQUESTS ? progressBar(io, "simulating") : null;
      let result: SimulateResult;
      try {
        result = simulateServing(setup, workload, {
          seed,
          ...(opts.maxBatch !== undefined ? { maxBatch: opts.maxBatch } : {}),
          ...(opts.chunkTokens !== undefined ? { chunkTokens: opts.chunkTokens } : {}),
          ...(bar ? { onProgress: bar.update } : {}),
        });
      } finally {
        bar?.done();
      }
      const inputs = {
        model: model.arch.name,
        chip: chip.id,
        // the engine simulated, as the API's answer echoes it (review 35 L8)
        stack: stackId,
        graphMode: setup.graphMode,
        tp: setup.config.tp,
        dpAttention: setup.config.dpAttention,
        pp: setup.stages,
        ep: setup.config.ep,
        // the precision that reproduces the run (the weights'), and the GEMMs' where they are wider (W8A16, W4A16)
        precision: setup.weightPrecision,
        ...(setup.weightPrecision === setup.precision ? {} : { gemmPrecision: setup.precision }),
        ...(setup.expertWeightBits === null ? {} : { expertWeightBits: setup.expertWeightBits }),
        arrival: workload.arrivals,
        requests,
        seed,
        ...(workload.arrivals === "bursty" ? { burstiness: workload.burstiness } : {}),
        ...(workload.arrivals === "closed" ? { concurrency: workload.concurrency } : {}),
        ...workloadLengths(workload),
      };
      if (opts.json) {
        io.out(
          json(
            snakeCaseKeys({
              inputs,
              ...result,
              advisories: [
                ...modelAdvisories(model),
                ...calibration,
                ...setup.advisories,
                ...result.advisories,
              ],
            }),
          ),
        );
        return;
      }
      io.out(
        renderSimulation({ ...inputs, ranksPerChip: chip.ranksPerChip }, result, [
          ...modelAdvisories(model),
          ...calibration,
          ...setup.advisories,
          ...result.advisories,
        ]),
      );
    });
}

function workloadOf(
  verb: string,
  opts: {
    trace?: string;
    arrival?: "poisson" | "bursty" | "burst" | "closed";
    requests?: number;
    concurrency?: number;
    burstiness?: number;
    lengthSpread?: number;
    lengthDist?: "uniform" | "exponential";
    maxInputTokens?: number;
    maxTotalTokens?: number;
    rate?: number;
    durationS?: number;
    inputTokens?: number;
    outputTokens?: number;
  },
): SimulateWorkload {
  if (opts.trace !== undefined) {
    const clash = (
      [
        "rate",
        "durationS",
        "arrival",
        "lengthSpread",
        "lengthDist",
        "maxInputTokens",
        "maxTotalTokens",
        "requests",
        "burstiness",
        "concurrency",
        // the trace gives every request's lengths (QA 26: these two had been ignored without a word)
        "inputTokens",
        "outputTokens",
      ] as const
    ).find((k) => opts[k] !== undefined);
    if (clash !== undefined) {
      const flag = flagOf(clash);
      throw new FleetcastError(`Cannot ${verb}: --trace replaces ${flag} (got both)`, flag);
    }
    const text = readTextFile(opts.trace, "trace");
    try {
      return { arrivals: "trace", trace: parseTraceCsv(text) };
    } catch (error) {
      // the file and the flag, beside the line (QA 39: "line 3 input_tokens is ..." named neither)
      if (!isFleetcastError(error)) throw error;
      throw new FleetcastError(
        error.message.replace(/^Cannot read trace: /, `Cannot read trace ${opts.trace} (--trace): `),
        "--trace",
      );
    }
  }
  if (opts.lengthDist === "exponential" && (opts.lengthSpread ?? 0) > 0) {
    throw new FleetcastError(
      `Cannot ${verb}: --length-spread sets uniform lengths, and --length-dist is exponential (got both)`,
      "--length-spread",
    );
  }
  if (opts.lengthDist !== "exponential") {
    const cap =
      opts.maxInputTokens !== undefined
        ? "--max-input-tokens"
        : opts.maxTotalTokens !== undefined
          ? "--max-total-tokens"
          : null;
    if (cap !== null) {
      throw new FleetcastError(
        `Cannot ${verb}: ${cap} caps exponential lengths: add --length-dist exponential`,
        cap,
      );
    }
  }
  const lengths = () => ({
    inputTokens: required(verb, "--input-tokens", opts.inputTokens, "prompt tokens per request"),
    outputTokens: required(verb, "--output-tokens", opts.outputTokens, "output tokens per request"),
    lengthSpread: opts.lengthSpread ?? 0,
    lengthDistribution: opts.lengthDist ?? "uniform",
    ...(opts.maxInputTokens === undefined ? {} : { maxInputTokens: opts.maxInputTokens }),
    ...(opts.maxTotalTokens === undefined ? {} : { maxTotalTokens: opts.maxTotalTokens }),
  });
  if (opts.concurrency !== undefined && opts.arrival !== "closed") {
    throw new FleetcastError(
      `Cannot ${verb}: --concurrency ${opts.concurrency} sets the clients of a closed loop; give --arrival closed too`,
      "--concurrency",
    );
  }
  if (opts.arrival === "burst" || opts.arrival === "closed") {
    const clash = (["rate", "durationS", "burstiness"] as const).find((k) => opts[k] !== undefined);
    if (clash !== undefined) {
      const flag = flagOf(clash);
      throw new FleetcastError(
        opts.arrival === "burst"
          ? `Cannot ${verb}: --arrival burst sends --requests at once, without ${flag}`
          : `Cannot ${verb}: --arrival closed sends --requests as its clients free up, without ${flag}`,
        flag,
      );
    }
    if (opts.arrival === "closed") {
      const concurrency = required(verb, "--concurrency", opts.concurrency, "clients of the closed loop");
      const requests = required(verb, "--requests", opts.requests, "requests the clients send in all");
      return { arrivals: "closed", concurrency, requests, ...lengths() };
    }
    const requests = required(verb, "--requests", opts.requests, "requests sent at once");
    return { arrivals: "burst", requests, ...lengths() };
  }
  if (opts.requests !== undefined) {
    throw new FleetcastError(
      `Cannot ${verb}: --requests goes with --arrival burst or closed (Poisson and bursty arrivals take --rate and --duration-s)`,
      "--requests",
    );
  }
  const rate = required(verb, "--rate", opts.rate, "requests per second, or give --trace");
  const durationS = required(verb, "--duration-s", opts.durationS, "seconds of arrivals");
  const requests = Math.round(rate * durationS);
  if (requests < 1 || requests > MAX_SIM_REQUESTS) {
    throw new FleetcastError(
      `Cannot ${verb}: --rate x --duration-s is ${requests} requests (must be 1 to ${MAX_SIM_REQUESTS})`,
      "--duration-s",
    );
  }
  const base = { ratePerS: rate, requests, ...lengths() };
  // burstiness shapes bursty arrivals only: with Poisson ones it would be ignored (new-user review 21)
  if (opts.burstiness !== undefined && opts.arrival !== "bursty") {
    throw new FleetcastError(
      `Cannot ${verb}: --burstiness ${opts.burstiness} shapes bursty arrivals; give --arrival bursty too`,
      "--burstiness",
    );
  }
  return opts.arrival === "bursty"
    ? { arrivals: "bursty", burstiness: opts.burstiness ?? 0.5, ...base }
    : { arrivals: "poisson", ...base };
}

function renderSimulation(
  inputs: {
    model: string;
    chip: string;
    tp: number;
    dpAttention: number;
    ep: number;
    pp: number;
    precision: string;
    gemmPrecision?: string;
    expertWeightBits?: number;
    arrival: string;
    requests: number;
    seed: number;
    burstiness?: number;
    concurrency?: number;
    lengthSpread?: number;
    lengthDistribution?: string;
    ranksPerChip: number;
  },
  r: SimulateResult,
  advisories: readonly { code: string; message: string; hint: string }[],
): string {
  const parts: string[] = [];
  parts.push(
    `${inputs.model} on ${inputs.chip}, TP ${inputs.tp}${inputs.dpAttention > 1 ? ` x DP ${inputs.dpAttention}` : ""}${inputs.pp > 1 ? ` x PP ${inputs.pp}` : ""}, EP ${inputs.ep}, ${inputs.gemmPrecision === undefined ? inputs.precision.toUpperCase() : `${inputs.gemmPrecision.toUpperCase()} GEMMs, ${inputs.precision.toUpperCase()} weights`}${inputs.expertWeightBits === 4 ? ", experts in 4 bits" : ""}: ` +
      `${inputs.requests} requests (${inputs.arrival}` +
      `${inputs.burstiness === undefined ? "" : `, burstiness ${formatNumber(inputs.burstiness)}`}` +
      `${inputs.concurrency === undefined ? "" : `, ${inputs.concurrency} clients`}` +
      `${inputs.lengthSpread ? `, lengths ±${formatNumber(inputs.lengthSpread * 100)} %` : ""}` +
      `${inputs.lengthDistribution === "exponential" ? ", exponential lengths" : ""}), seed ${inputs.seed}\n\n`,
  );
  parts.push(
    table(
      ["latency", "mean", "p50", "p90", "p99"],
      [latencyRow("TTFT", r.ttftMs), latencyRow("TPOT", r.tpotMs), latencyRow("end to end", r.e2eMs)],
    ),
  );
  parts.push(
    `\nthroughput: ${formatNumber(r.requestsPerS)} requests/s, ${formatNumber(r.outputTokensPerS)} output tok/s ` +
      `(${formatNumber(r.outputTokensPerSPerChip)} per chip${inputs.ranksPerChip > 1 ? `, a package of ${inputs.ranksPerChip} dies: TP, DP and EP count dies` : ""}) over ${formatNumber(r.durationS)} s\n` +
      `engine steps: ${r.steps}, preemptions: ${r.preemptions}\n` +
      `arrivals: ${inputs.concurrency !== undefined ? `a closed loop of ${inputs.concurrency} clients` : r.offeredRatePerS === null ? "all at once" : `${formatNumber(r.offeredRatePerS)} requests/s offered`}, ` +
      `${r.backlogAtLastArrival} still queued or running when the last arrived\n` +
      `Little's law over the run: ${formatNumber(r.meanInSystem)} in system = ${formatNumber(r.arrivalRatePerS)}/s x ` +
      `${formatNumber(r.meanSojournS)} s\n`,
  );
  parts.push(`\nAdvisories${advisories.length === 0 ? ": none" : ""}\n`);
  for (const a of advisories) parts.push(`  ${a.code}: ${adviceLine(a)}\n`);
  return parts.join("");
}

/** "the worse of 2 seeded samples (seeds 1 and 101) of 2,000 Poisson requests" (or one sample). */
function atLoadSample(
  at: {
    requests: number;
    seeds: readonly number[];
    split: { decodeSeeds: readonly number[] } | null;
  },
  lengths: "uniform" | "exponential" | undefined,
): string {
  const n = `${formatNumber(at.requests)} Poisson requests${lengths === "exponential" ? " of exponential lengths" : ""}`;
  if (at.seeds.length < 2) return `${n} simulated`;
  const seeds = `seeds ${at.seeds.join(" and ")}${at.split ? `, the decode pool's ${at.split.decodeSeeds.join(" and ")}` : ""}`;
  return `the worse of ${at.seeds.length} seeded samples (${seeds}) of ${n}`;
}

/**
 * ", batch at most 75 (serve simulate --max-batch 75)": the cap a replica's simulation ran with, with the flag that
 * reproduces it where `serve simulate` can (not a decode pool's replica, whose prompts arrive with their KV cache, nor
 * a replica with prefix-cache hits: it has no flag for either).
 */
function batchCap(maxBatch: number | null, which: string, reproducible: boolean): string {
  if (maxBatch === null) return "";
  return `, ${which}batch at most ${maxBatch}${reproducible ? ` (serve simulate --max-batch ${maxBatch})` : ""}`;
}

/** A limit as the user gave it: 13.25 stays 13.25, 2000 prints 2,000. */
function asGiven(x: number): string {
  return x.toLocaleString("en-US", { maximumFractionDigits: 6 });
}

/** "$1.68" or "$3.69-9.26". */
function usdRange([lo, hi]: readonly [number, number]): string {
  return lo === hi ? `$${formatNumber(lo)}` : `$${formatNumber(lo)}-${formatNumber(hi)}`;
}

/**
 * One latency row of `serve simulate`: in ms, or in s when its p99 passes 10 s (review 34: a TTFT of "2,257,832 ms");
 * the unit beside the name.
 */
export function latencyRow(
  name: string,
  s: { mean: number; p50: number; p90: number; p99: number },
): string[] {
  const seconds = Number.isFinite(s.p99) && s.p99 >= 10_000;
  const k = seconds ? 1 / 1000 : 1;
  return [
    `${name} (${seconds ? "s" : "ms"})`,
    ...[s.mean, s.p50, s.p90, s.p99].map((x) => formatNumber(x * k)),
  ];
}
