import { Command, Option } from "@commander-js/extra-typings";
import * as z from "zod";
import { modelAdvisories } from "../../arch/index.ts";
import { effectiveProfile } from "../../calibrate/index.ts";
import { defaultChipsPerNode, MAX_SCALE_OUT_GBPS } from "../../catalog/chips/index.ts";
import { resolveModel } from "../../catalog/models/index.ts";
import { FleetcastError } from "../../errors.ts";
import { CHECKPOINT_MODES, CLUSTER_KINDS, MAX_TRAIN_DAYS, RATE_SCENARIOS } from "../../reliability/index.ts";
import {
  noPlanText,
  type PlanConstraints,
  planLabel,
  planTraining,
  RECOMPUTE_MODES,
  SCHEDULES,
  TRAIN_PRECISIONS,
  type TrainPlanResult,
  trainPlanJson,
  type ZeroStage,
} from "../../train/index.ts";
import { MAX_CHIPS } from "../../util/engineering-bounds.ts";
import { chipCatalog } from "../context.ts";
import type { CliIo } from "../io.ts";
import { amountFlag, numberFlag } from "../number-flag.ts";
import { formatCount, formatNumber, formatPercent, json, table } from "../render.ts";

export function trainCommand(io: CliIo) {
  const train = new Command("train").description(
    "Training: plan search, step time, memory and days for a token budget",
  );
  train
    .command("plan")
    .description("Rank the parallel plans of a model on a fleet and break the best one down")
    .requiredOption("--model <name|file>", "a built-in model name or a Hugging Face config.json")
    .requiredOption("--chip <id>", "chip id (fleetcast chips)")
    .requiredOption("--count <n>", "number of chips", numberFlag(VERB, "--count", "positive integer", CHIPS))
    .requiredOption(
      "--seq-len <n>",
      "sequence length in tokens",
      numberFlag(VERB, "--seq-len", "positive integer", SEQ_LEN),
    )
    .requiredOption(
      "--global-batch-tokens <n>",
      "global batch in tokens (e.g. 16Mi = 16,777,216, or 4194304)",
      amountFlag(VERB, "--global-batch-tokens"),
    )
    .addOption(
      new Option("--precision <p>", "GEMM precision").choices(TRAIN_PRECISIONS).default("bf16" as const),
    )
    .option("--stack <id>", "software stack (default: Megatron on NVIDIA, MindSpeed on Ascend)")
    .option("--tokens <n>", "token budget for days and chip-hours (e.g. 14.8T)", amountFlag(VERB, "--tokens"))
    .option(
      "--deadline-days <d>",
      "a deadline for the token budget: P(finish by it) with failures, checkpoints and restarts (needs --tokens)",
      numberFlag(VERB, "--deadline-days", "positive number", DEADLINE_DAYS),
    )
    .option("--top <k>", "plans to show (default: 5)", numberFlag(VERB, "--top", "positive integer", TOP))
    .option(
      "--chips-per-node <n>",
      "chips per server, for node failures and spares (default min(8, scale-up domain)); the scale-up domain itself is the catalog's (--catalog to change it)",
      numberFlag(VERB, "--chips-per-node", "positive integer", DEGREE),
    )
    .option(
      "--scale-out-gbps <n>",
      "NIC line rate per chip, Gb/s, when the site differs from the catalog's typical build",
      numberFlag(VERB, "--scale-out-gbps", "positive number", z.number().positive().max(MAX_SCALE_OUT_GBPS)),
    )
    .option(
      "--tp <n>",
      "fix the tensor-parallel degree",
      numberFlag(VERB, "--tp", "positive integer", DEGREE),
    )
    .option(
      "--pp <n>",
      "fix the pipeline-parallel degree",
      numberFlag(VERB, "--pp", "positive integer", DEGREE),
    )
    .option(
      "--cp <n>",
      "fix the context-parallel degree",
      numberFlag(VERB, "--cp", "positive integer", DEGREE),
    )
    .option(
      "--ep <n>",
      "fix the expert-parallel degree",
      numberFlag(VERB, "--ep", "positive integer", DEGREE),
    )
    .option("--dp <n>", "fix the data-parallel degree", numberFlag(VERB, "--dp", "positive integer", DEGREE))
    .option(
      "--vpp <n>",
      "fix the virtual pipeline stages per rank of an interleaved schedule (pp x vpp at most the layers + 2: the first and last chunks may hold only the embedding and head)",
      numberFlag(VERB, "--vpp", "positive integer", DEGREE),
    )
    .addOption(
      new Option("--zero <stage>", "fix the optimizer sharding (ZeRO stage; 3 = FSDP)").choices([
        "0",
        "1",
        "2",
        "3",
      ] as const),
    )
    .option(
      "--micro-batch <n>",
      "fix the micro-batch (sequences)",
      numberFlag(VERB, "--micro-batch", "positive integer", DEGREE),
    )
    .addOption(new Option("--recompute <mode>", "fix activation recomputation").choices(RECOMPUTE_MODES))
    .addOption(new Option("--schedule <s>", "fix the pipeline schedule").choices(SCHEDULES))
    .addOption(
      new Option("--rate-scenario <s>", "failure-rate reading of the failure simulation")
        .choices(RATE_SCENARIOS)
        .default("high" as const),
    )
    .addOption(
      new Option(
        "--cluster <kind>",
        "dedicated: a pre-training run that owns its nodes; shared: one job of a shared research cluster",
      )
        .choices(CLUSTER_KINDS)
        .default("dedicated" as const),
    )
    .option(
      "--site-spread",
      "the fleet's own failure rate is unmeasured: spread it over published sites' rates (x/÷ 2.7 at 80 %, the median rate kept: the mean 1.35x) in the failure simulation (needs --tokens)",
    )
    .addOption(
      new Option(
        "--checkpoint-mode <m>",
        "how the failure simulation saves checkpoints: async (default: a stall for the copy to host memory) or sync (training stalls until durable; Megatron-LM's and MindSpeed's own default, which the default run prices in its advice) (needs --tokens)",
      ).choices(CHECKPOINT_MODES),
    )
    .option("--profile <file>", "calibration profile from `fleetcast calibrate`")
    .option("--catalog <file>", "extra chips (YAML/JSON)")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  $ fleetcast train plan --model deepseek-v3 --chip nvidia-h800-sxm --count 2048 --seq-len 4096 \\\n" +
        "      --global-batch-tokens 62914560 --precision fp8 --stack hai-llm --tokens 14.8T\n" +
        "  $ fleetcast train plan --model llama-3.1-405b --chip huawei-ascend-910b2 --count 8192 --seq-len 8192 \\\n" +
        "      --global-batch-tokens 16Mi --tp 8 --json",
    )
    .action((opts, command) => {
      // the failure model runs only for a token budget: its flags alone would be ignored (new-user review 21)
      const failureFlag = (["rateScenario", "cluster", "siteSpread", "checkpointMode"] as const).find(
        (k) => command.getOptionValueSource(k) === "cli",
      );
      if (failureFlag !== undefined && opts.tokens === undefined) {
        const flag =
          failureFlag === "rateScenario"
            ? "--rate-scenario"
            : failureFlag === "cluster"
              ? "--cluster"
              : failureFlag === "checkpointMode"
                ? "--checkpoint-mode"
                : "--site-spread";
        throw new FleetcastError(
          `Cannot plan training: ${flag} sets the failure simulation, which runs for a token budget; give --tokens too`,
          flag,
        );
      }
      const chip = chipCatalog(opts.catalog).get(opts.chip);
      const model = resolveModel(opts.model);
      const { count, seqLen, globalBatchTokens } = opts;
      const constraints: PlanConstraints = {};
      if (opts.tp !== undefined) constraints.tp = opts.tp;
      if (opts.pp !== undefined) constraints.pp = opts.pp;
      if (opts.cp !== undefined) constraints.cp = opts.cp;
      if (opts.ep !== undefined) constraints.ep = opts.ep;
      if (opts.dp !== undefined) constraints.dp = opts.dp;
      // a vpp > 1 keeps only interleaved plans (plan-space.ts), as the API's constraints.vpp does
      if (opts.vpp !== undefined) constraints.vpp = opts.vpp;
      if (opts.zero) constraints.zero = Number(opts.zero) as ZeroStage;
      if (opts.microBatch !== undefined) constraints.microBatch = opts.microBatch;
      if (opts.recompute) constraints.recompute = opts.recompute;
      if (opts.schedule) constraints.schedule = opts.schedule;
      const top = opts.top ?? 5;
      const large = count >= 1024;
      const result = planTraining(
        {
          model: model.arch,
          chip,
          count,
          ...(opts.chipsPerNode !== undefined ? { chipsPerNode: opts.chipsPerNode } : {}),
          ...(opts.scaleOutGbps !== undefined ? { scaleOutGbpsPerChip: opts.scaleOutGbps } : {}),
          seqLen,
          globalBatchTokens,
          precision: opts.precision,
          ...(opts.stack ? { stackId: opts.stack } : {}),
          ...(opts.tokens !== undefined ? { tokens: opts.tokens } : {}),
          ...(opts.deadlineDays !== undefined ? { deadlineDays: opts.deadlineDays } : {}),
          top,
          constraints,
          profile: effectiveProfile(opts.profile).train,
          reliability: {
            scenario: opts.rateScenario,
            cluster: opts.cluster,
            ...(opts.siteSpread === true ? { siteSpread: true } : {}),
            ...(opts.checkpointMode === undefined ? {} : { checkpointMode: opts.checkpointMode }),
          },
        },
        large && io.errIsTty
          ? { onProgress: (n) => io.err(`\rsearching: ${n.toLocaleString("en-US")} plans`) }
          : {},
      );
      if (large && io.errIsTty) io.err("\n");
      if (result.plans.length === 0) io.markInfeasible?.();
      if (opts.json) {
        const planJson = trainPlanJson(result);
        io.out(
          json({
            model: model.arch.name,
            chip: chip.id,
            count,
            ...planJson,
            advisories: [...modelAdvisories(model), ...planJson.advisories],
          }),
        );
        return;
      }
      const s = result.search;
      io.err(
        `${s.enumerated.toLocaleString("en-US")} plans enumerated, ${s.prunedInvalid.toLocaleString("en-US")} invalid, ${s.prunedMemory.toLocaleString("en-US")} out of memory, ${s.costed.toLocaleString("en-US")} costed\n`,
      );
      if (result.plans.length === 0) {
        io.err(
          `error: Cannot train ${model.arch.name} on ${count} x ${chip.id}: ${noPlanText({ nearest: result.nearest, firstViolation: result.search.firstViolation })}\n`,
        );
        return;
      }
      // a 910C package is two dies, each a rank: the plans' degrees multiply to ranks, not packages
      const ranks =
        chip.ranksPerChip > 1
          ? ` (${(count * chip.ranksPerChip).toLocaleString("en-US")} ranks, ${chip.ranksPerChip} dies per chip)`
          : "";
      io.out(
        `${model.arch.name} on ${count} x ${chip.id}${ranks}, stack ${result.stackId}, ${opts.precision}, seq ${seqLen}, batch ${formatNumber(globalBatchTokens)} tokens\n\n`,
      );
      io.out(
        table(
          ["#", "plan", "step s", "tokens/s/chip", "MFU", "mem GiB", "note"],
          result.plans.map((p, i) => [
            i + 1,
            planLabel(p.plan),
            formatNumber(p.metrics?.stepTimeS),
            formatNumber(p.metrics?.tokensPerSPerChip),
            formatPercent(p.metrics?.mfu),
            formatNumber((p.memory?.totalBytes ?? 0) / 2 ** 30),
            p.advisories[0]?.message ?? "",
          ]),
        ),
      );
      const best = result.plans[0]!;
      const b = best.step!;
      const share = (x: number) => formatPercent(x / b.stepTimeS);
      io.out(
        `\nBest plan, step time ${formatNumber(b.stepTimeS)} s (${b.microBatches} micro-batch${b.microBatches === 1 ? "" : "es"}):\n`,
      );
      io.out(
        table(
          ["part", "s per step", "share"],
          [
            ["attention GEMMs", formatNumber(b.attentionLinearS), share(b.attentionLinearS)],
            ["attention scores", formatNumber(b.attentionScoresS), share(b.attentionScoresS)],
            ["MLP GEMMs", formatNumber(b.mlpS), share(b.mlpS)],
            ["expert GEMMs", formatNumber(b.expertsS), share(b.expertsS)],
            ["output head", formatNumber(b.headS), share(b.headS)],
            ["element-wise", formatNumber(b.elementwiseS), share(b.elementwiseS)],
            ["kernel overhead", formatNumber(b.kernelOverheadS), share(b.kernelOverheadS)],
            ["recompute", formatNumber(b.recomputeS), share(b.recomputeS)],
            ["pipeline bubble", formatNumber(b.bubbleS), share(b.bubbleS)],
            [
              "TP comm (exposed / total)",
              `${formatNumber(b.comm.tp.exposedS)} / ${formatNumber(b.comm.tp.totalS)}`,
              share(b.tpExposedS),
            ],
            [
              "CP comm",
              `${formatNumber(b.comm.cp.exposedS)} / ${formatNumber(b.comm.cp.totalS)}`,
              share(b.cpExposedS),
            ],
            [
              "EP all-to-all",
              `${formatNumber(b.comm.ep.exposedS)} / ${formatNumber(b.comm.ep.totalS)}`,
              share(b.epExposedS),
            ],
            [
              "PP sends",
              `${formatNumber(b.comm.pp.exposedS)} / ${formatNumber(b.comm.pp.totalS)}`,
              share(b.ppExposedS),
            ],
            [
              "DP gradients",
              `${formatNumber(b.comm.dp.exposedS)} / ${formatNumber(b.comm.dp.totalS)}`,
              share(b.dpExposedS),
            ],
            ["optimizer", formatNumber(b.optimizerS), share(b.optimizerS)],
            // the fixed per-step cost (TrainEfficiency.stepOverheadS), so the rows add up to the step (new-user review 21)
            ["step overhead", formatNumber(b.overheadS), share(b.overheadS)],
          ],
        ),
      );
      const m = best.memory!;
      const g = (x: number) => formatNumber(x / 2 ** 30);
      io.out(
        `\nMemory per ${chip.ranksPerChip > 1 ? "die" : "chip"}: weights ${g(m.weightsBytes)} + gradients ${g(m.gradientsBytes)} + optimizer ${g(m.optimizerBytes)} + activations ${g(m.activationsBytes)} + logits ${g(m.logitsBytes)} + reserve ${g(m.reserveBytes)} = ${g(m.totalBytes)} of ${g(m.capacityBytes)} GiB\n`,
      );
      const met = best.metrics!;
      io.out(
        `MFU ${formatPercent(met.mfu)} (model FLOPs / dense ${chip.peakTflops.bf16 === null ? "FP16" : "BF16"} peak${fp8PeakShare(opts.precision, met.modelTflopsPerChip, chip.peakTflops.fp8)}; ${formatPercent(met.mfuCausal)} with causal attention halved), ${formatNumber(met.modelTflopsPerChip)} model TFLOP/s per chip, ${formatNumber(met.chipHoursPerTrillionTokens)} chip-hours per trillion tokens\n`,
      );
      if (result.budget) {
        const d = result.budget;
        io.out(
          `Token budget ${formatCount(d.tokens)} tokens: ${formatNumber(d.days)} days failure-free${budgetInterval(d)}, ${formatNumber(d.chipHours)} chip-hours\n`,
        );
        const f = d.withFailures;
        if (f) {
          // the failure model the simulation used, when not the default (reviews 20: the printed commands said
          // another job's rates)
          const reading =
            (opts.rateScenario === "high" ? "" : ` --rate-scenario ${opts.rateScenario}`) +
            (opts.cluster === "dedicated" ? "" : ` --cluster ${opts.cluster}`) +
            (opts.siteSpread === true ? " --site-spread" : "");
          // a quantile above the finished share is the simulation's horizon, a lower bound (QA 40), as `reliability`
          // marks it
          const wall = (days: number, q: number) =>
            q > f.finishedFraction ? `> ${formatNumber(f.horizonDays)}` : formatNumber(days);
          const unfinished =
            f.finishedFraction < 1
              ? ` (${formatPercent(1 - f.finishedFraction)} of the simulated runs had not finished after ${formatNumber(f.horizonDays)} days: "> " is that horizon, not a finish time)`
              : "";
          io.out(
            `With failures, checkpoints (${d.checkpoint.mode === "sync" ? "synchronous" : "asynchronous"} saves of ${formatNumber(d.checkpoint.stateGB / 1000)} TB) and restarts${d.daysInterval ? " (and the interval above)" : " (the step time taken as exact: no calibration profile)"}: ${wall(f.wallDaysP50, 0.5)} days (P50), ${wall(f.wallDaysP90, 0.9)} days (P90)${unfinished}, goodput ${formatPercent(f.goodputMean)}${f.assumedRates > 0 ? ` — ${f.assumedRates} failure rate${f.assumedRates === 1 ? " is an assumption" : "s are assumptions"} (fleetcast reliability --chip ${chip.id}${reading} shows ${f.assumedRates === 1 ? "it" : "them"})` : ""}\n`,
          );
          if (f.pFinishByDeadline !== null && opts.deadlineDays) {
            // runs still going at a horizon short of the deadline may yet finish by it: a lower bound
            const bound =
              f.finishedFraction < 1 && f.horizonDays < opts.deadlineDays
                ? ` at least (the simulated runs were followed for ${formatNumber(f.horizonDays)} days)`
                : "";
            io.out(
              `P(finish within ${opts.deadlineDays} days): ${formatPercent(f.pFinishByDeadline)}${bound}\n`,
            );
          }
          // the same job in the reliability command, for deadlines, spares and checkpoint intervals (review 19)
          // the distribution the simulation drew the failure-free time from: its median and x/÷ factor
          const interval = d.drawn ? ` --days-interval ${d.drawn.intervalFactor.toFixed(3)}` : "";
          const commandDays = d.drawn?.medianDays ?? d.days;
          // the chips per node the simulation used (the chip's default when not given), the site catalog, the days to
          // four significant figures, the deadline when one was given (review 19's diff review: L40S nodes of 1, a
          // site chip, "--days 0.00" and a literal "D" made another job or no job)
          const perNode = ` --chips-per-node ${opts.chipsPerNode ?? defaultChipsPerNode(chip)}`;
          const catalog = opts.catalog ? ` --catalog ${opts.catalog}` : "";
          const deadline = opts.deadlineDays ? ` --deadline-days ${opts.deadlineDays}` : "";
          // the checkpoint the simulation saved (its bytes set the stall, persist and load: checkpointCost)
          const ckpt = ` --checkpoint-gb ${Number(d.checkpoint.stateGB.toPrecision(4))}${d.checkpoint.mode === "sync" ? " --checkpoint-mode sync" : ""}`;
          io.out(
            `  deadline, spares, checkpoints: fleetcast reliability --chip ${chip.id} --count ${count} --days ${Number(commandDays.toPrecision(4))}${interval}${perNode}${ckpt}${catalog}${deadline}${reading}${opts.deadlineDays ? "" : " [--deadline-days D]"}\n`,
          );
        }
      }
      for (const a of [...modelAdvisories(model), ...result.advisories, ...best.advisories])
        io.out(`advice: ${a.message} (${a.hint})\n`);
    });
  return train;
}

// --- internal ---

const VERB = "plan training";
// Bounds of the numeric flags, which their messages state: past them a value is a typo, not a job. Chips and
// degrees take the core's bound, 2^20, as the API does (review 40: the flag took 10^7 chips, the degrees 10^9).
const CHIPS = z.number().max(MAX_CHIPS);
const SEQ_LEN = z.number().max(10_000_000);
/** Parallel degrees, the micro-batch and the chips per server. */
const DEGREE = z.number().max(MAX_CHIPS);
const TOP = z.number().max(100);
/** A deadline the reliability model can simulate (planTraining refuses one without a token budget). */
const DEADLINE_DAYS = z.number().max(MAX_TRAIN_DAYS);

/**
 * An FP8 plan's model FLOPs over the dense FP8 peak, beside the MFU (which PaLM's definition takes over the BF16
 * peak, so an FP8 plan can read 70-86 %: QA 27), or nothing.
 */
export function fp8PeakShare(
  precision: string,
  modelTflopsPerChip: number,
  fp8PeakTflops: number | null,
): string {
  if (precision !== "fp8" || fp8PeakTflops === null || !(fp8PeakTflops > 0)) return "";
  return `; ${formatPercent(modelTflopsPerChip / fp8PeakTflops)} of the dense FP8 peak`;
}

/**
 * The failure-free days' 80 % interval as `train plan` prints it: "x/÷ F" when symmetric around the prediction; for
 * a mixture of experts, skewed by the held-out MoE runs (trainDaysSpread), with the median the simulation drew around.
 */
function budgetInterval(d: NonNullable<TrainPlanResult["budget"]>): string {
  if (d.daysInterval === null) return "";
  const [lo, hi] = d.daysInterval;
  const range = `80 %: ${formatNumber(lo)}–${formatNumber(hi)}`;
  const median = d.drawn?.medianDays ?? d.days;
  if (Math.abs(median / d.days - 1) < 0.005) return ` (${range}, x/÷ ${formatNumber(hi / d.days)})`;
  return ` (${range}, median ${formatNumber(median)}: held-out mixture-of-experts runs read slower than predicted)`;
}
