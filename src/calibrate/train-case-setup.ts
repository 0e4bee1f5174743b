import { importModel } from "../arch/index.ts";
import type { TrainCase } from "../cases/index.ts";
import {
  type Chip,
  type ChipCatalog,
  caseScaleOutGbps,
  filledFiguresAssumption,
} from "../catalog/chips/index.ts";
import {
  findStack,
  stackEfficiencyFor,
  stackForSoftwareText,
  stackReadingNote,
} from "../catalog/stacks/index.ts";
import { FleetcastError } from "../errors.ts";
import { defaultCollectiveEfficiency } from "../hw/index.ts";
import { trainEfficiencyFromStack } from "../train/efficiency-from-stack.ts";
import { type JobContext, jobContext, type TrainPrecision } from "../train/job-context.ts";
import type { ZeroStage } from "../train/plan.ts";
import type { PlanConstraints, PlanSpaceLimits } from "../train/plan-space.ts";
import { stackPlanLimits } from "../train/stack-plan-limits.ts";
import type { TrainEfficiency } from "../train/train-efficiency.ts";
import { applyTrainProfile, type TrainProfile } from "./train-profile.ts";

/** A published training case turned into the model's inputs. */
export interface TrainCaseSetup {
  ctx: JobContext;
  constraints: PlanConstraints;
  limits: Partial<PlanSpaceLimits>;
  family: string;
  stackId: string;
  /** The efficiencies before calibration (the stack's priors). */
  prior: TrainEfficiency;
  /** What the case did not say and the setup had to read into it. */
  assumptions: string[];
}

/**
 * The chip as the case counts its ranks. FORMAT.md: `ranks_per_chip: 2` when the parallel degrees count the dies
 * of a two-die package (Ascend 910C), the count and per-chip figures staying per package; a stated value must be
 * 1 or the package's die count. Without it, degrees that multiply to the package count (TP x PP x DP x CP = count,
 * each of TP, PP, DP stated) are read as FORMAT.md has them, one rank per package with both dies' compute and
 * HBM, and the prediction says so: software sees each die as a device, so such a case may have counted dies as
 * chips.
 */
export function caseChipRanks(chip: Chip, c: TrainCase): { chip: Chip; assumption: string | null } {
  const stated = c.hardware.ranks_per_chip;
  if (stated != null) {
    if (stated !== 1 && stated !== chip.ranksPerChip) {
      throw new FleetcastError(
        `Cannot read case ${c.id}: hardware.ranks_per_chip is ${stated}, but ${chip.id} has ${chip.ranksPerChip} die${chip.ranksPerChip > 1 ? "s" : ""} per package (1 or ${chip.ranksPerChip})`,
        "hardware.ranks_per_chip",
      );
    }
    return {
      chip: stated === chip.ranksPerChip ? chip : { ...chip, ranksPerChip: stated },
      assumption: null,
    };
  }
  const p = c.train.parallelism;
  if (chip.ranksPerChip === 1 || p?.tp == null || p.pp == null || p.dp == null)
    return { chip, assumption: null };
  const product = p.tp * p.pp * p.dp * (p.cp ?? 1);
  if (product !== c.hardware.count) return { chip, assumption: null };
  return {
    chip: { ...chip, ranksPerChip: 1 },
    assumption: `the stated degrees (${product} ranks) equal the ${c.hardware.count} packages and ranks_per_chip is not given: one rank per ${chip.id} package, both dies as one (if the source counted dies as chips, the count and per-chip figures are per die)`,
  };
}

/**
 * Reads a train case: chip from the catalog, stack from the case's `software` text, precision (null → bf16, fp16 runs
 * as bf16 since both have the same peak), and the plan fields the source states (null ones are searched).
 */
export function trainCaseSetup(
  c: TrainCase,
  chips: ChipCatalog,
  profile: TrainProfile | null,
): TrainCaseSetup {
  const ranks = caseChipRanks(chips.get(c.hardware.chip), c);
  const chip = ranks.chip;
  const stack = findStack(stackForSoftwareText(c.software ?? "", chip.family, "train"));
  const prior = trainEfficiencyFromStack(stackEfficiencyFor(stack, chip.family), stack.id, chip.family);
  const efficiency = profile ? applyTrainProfile(profile, prior, chip.family, stack.id) : prior;
  const { arch } = importModel(c.model, c.model.name ?? c.id);
  const t = c.train;
  const assumptions = ranks.assumption === null ? [] : [ranks.assumption];
  // software the catalog does not know (JAX MaxText) is priced as the family's default stack: said
  const reading = stackReadingNote(c.software ?? "", chip.family, "train");
  if (reading !== null) assumptions.unshift(reading);
  const scaleOut = caseScaleOutGbps(chip, c.hardware.count, c.hardware.scaleout_gbps_per_chip, chips.all());
  if (scaleOut.assumption !== null) assumptions.push(scaleOut.assumption);
  const filled = filledFiguresAssumption(chip);
  if (filled !== null) assumptions.push(filled);
  const precision: TrainPrecision = t.precision === "fp8" ? "fp8" : "bf16";
  const p = t.parallelism ?? {};
  // DP left null but TP, PP (and CP) stated: the ranks they leave (review 21b: DP 1 was taken)
  const rankCount = c.hardware.count * chip.ranksPerChip;
  const others = (p.tp ?? 0) * (p.pp ?? 0) * (p.cp ?? 1);
  const impliedDp = p.dp ?? (others > 0 && rankCount % others === 0 ? rankCount / others : null);
  const stated =
    t.global_batch_tokens ?? assumedGlobalBatchTokens(t.seq_len, { ...p, dp: impliedDp }, assumptions);
  const globalBatchTokens = wholeBatchForDp(stated, t.seq_len, p.dp ?? null, assumptions);
  const ctx = jobContext(
    { arch, seqLen: t.seq_len, globalBatchTokens, precision },
    {
      chip,
      count: c.hardware.count,
      chipsPerNode: c.hardware.chips_per_node ?? undefined,
      scaleOutGbpsPerChip: scaleOut.gbps,
      stackId: stack.id,
      efficiency,
      collective: defaultCollectiveEfficiency(chip.family),
    },
  );
  const constraints: PlanConstraints = {};
  if (p.tp != null) constraints.tp = p.tp;
  if (p.pp != null) constraints.pp = p.pp;
  if (p.dp != null) constraints.dp = p.dp;
  if (p.cp != null) constraints.cp = p.cp;
  if (p.ep != null) constraints.ep = p.ep;
  if (p.micro_batch != null) constraints.microBatch = p.micro_batch;
  if (p.recompute != null) constraints.recompute = p.recompute;
  if (p.sequence_parallel != null) constraints.sequenceParallel = p.sequence_parallel;
  if (p.zero != null) constraints.zero = (p.zero === "fsdp" ? 3 : p.zero) as ZeroStage;
  if (p.vpp != null) {
    constraints.vpp = p.vpp;
    if (p.vpp > 1) constraints.schedule = "interleaved";
  }
  const limits: Partial<PlanSpaceLimits> = stackPlanLimits(stack.id);
  const dualpipe = limits.schedules?.includes("dualpipe") ?? false;
  if (dualpipe && constraints.pp !== undefined && constraints.pp > 1 && p.vpp == null)
    constraints.schedule = "dualpipe";
  return { ctx, constraints, limits, family: chip.family, stackId: stack.id, prior, assumptions };
}

/**
 * The case's global batch in tokens, as whole sequences split evenly over a stated data-parallel degree. Sources round
 * their batch ("2M tokens"): OPT-175B states 2^21 tokens (1,024 sequences of 2,048) on DP 124, which no even split
 * gives. The batch is then read as the nearest whole number of sequences per DP rank (8 x 124 = 992 sequences), and
 * said so; a batch the stated DP divides is kept as stated.
 */
export function wholeBatchForDp(
  globalBatchTokens: number,
  seqLen: number,
  dp: number | null,
  assumptions: string[],
): number {
  const sequences = globalBatchTokens / seqLen;
  if (dp === null || (Number.isInteger(sequences) && sequences % dp === 0)) return globalBatchTokens;
  const perRank = Math.max(1, Math.round(sequences / dp));
  const tokens = perRank * dp * seqLen;
  assumptions.push(
    `the stated batch (${globalBatchTokens.toLocaleString("en-US")} tokens, ${Number(sequences.toFixed(2)).toLocaleString("en-US")} sequences) does not split evenly over DP ${dp}: read as ${perRank} sequences per rank, ${(perRank * dp).toLocaleString("en-US")} sequences (${tokens.toLocaleString("en-US")} tokens)`,
  );
  return tokens;
}

/**
 * The global batch a case that does not state one is read with: 4 Mi tokens (2^22), the batch Llama 2 pre-trained
 * with at every size ("a global batch-size of 4M tokens", Touvron et al. 2023, §2.2) and near GPT-3's 3.2M for 175B
 * (Brown et al. 2020, Table 2.1); with stated pipeline stages, at least 2 x PP micro-batches per stated DP rank (PP in
 * flight fill the pipeline, twice that keeps its bubble, (PP - 1) / (m + PP - 1), under a third: Narayanan et al.
 * 2021, §2.2.1; Llama 3 405B's 16M tokens on PP 16 x DP 64 are exactly that). Whole sequences, a whole number of
 * micro-batches per DP rank; said in the assumptions.
 */
export function assumedGlobalBatchTokens(
  seqLen: number,
  parallelism: { dp?: number | null; pp?: number | null; vpp?: number | null; micro_batch?: number | null },
  assumptions: string[],
): number {
  const perStep = (parallelism.dp ?? 1) * (parallelism.micro_batch ?? 1);
  const pp = parallelism.pp ?? 1;
  const wanted = Math.max(Math.round(ASSUMED_GLOBAL_BATCH_TOKENS / seqLen / perStep), pp > 1 ? 2 * pp : 1, 1);
  // the interleaved schedule runs a multiple of PP micro-batches per rank (Megatron-LM's check; evaluate-plan.ts)
  const steps = (parallelism.vpp ?? 1) > 1 ? Math.ceil(wanted / pp) * pp : wanted;
  const sequences = steps * perStep;
  const tokens = sequences * seqLen;
  assumptions.push(
    `global batch not stated: ${tokens.toLocaleString("en-US")} tokens assumed (${sequences.toLocaleString("en-US")} sequences of ${seqLen.toLocaleString("en-US")}: Llama 2's 4M-token batch${pp > 1 ? `, at least 2 x PP ${pp} micro-batches per DP rank` : ""})`,
  );
  return tokens;
}

/** 2^22 tokens: assumedGlobalBatchTokens. */
const ASSUMED_GLOBAL_BATCH_TOKENS = 2 ** 22;
