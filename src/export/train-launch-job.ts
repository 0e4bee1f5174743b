import type { ModelArch } from "../arch/index.ts";
import { type Chip, defaultChipsPerNode } from "../catalog/chips/index.ts";
import { FleetcastError } from "../errors.ts";
import type { Plan } from "../train/plan.ts";

/** What the exporters need to know about a training job: the model, the batch, the number format and the chips. */
export interface TrainLaunchJob {
  arch: ModelArch;
  seqLen: number;
  globalBatchTokens: number;
  precision: "bf16" | "fp16" | "fp8";
  chip: Pick<Chip, "id" | "vendor" | "family" | "ranksPerChip" | "scaleUp">;
  /** Chip packages in the job. */
  count: number;
  /** Chips per server; defaults to min(scale-up domain, 8) as train/job-context.ts does. */
  chipsPerNode?: number;
}

/** The launch geometry every engine shares: ranks, nodes, batch in sequences. */
export interface TrainLayout {
  worldRanks: number;
  chipsPerNode: number;
  /** Processes per node = chips per node x ranks per chip (a 910C package is two HCCL ranks). */
  ranksPerNode: number;
  nodes: number;
  /** Global batch in sequences (Megatron's --global-batch-size counts samples). */
  globalBatchSeqs: number;
  /** Micro-batches per step per data-parallel rank. */
  microBatches: number;
}

const isPositiveInt = (n: number) => Number.isInteger(n) && n >= 1;

/**
 * Checks that a plan fits its job the way Megatron-LM checks it at start-up, and derives the launch geometry.
 * Megatron-LM megatron/training/arguments.py (validate_args): world size divisible by tp·pp·cp, data-parallel
 * size = world / (tp·pp·cp), global batch a multiple of micro-batch x data-parallel size, num_experts a multiple
 * of expert-model-parallel size; heads split evenly over tensor-parallel ranks (Shoeybi et al. 2019, §3).
 * Expert parallelism is carved out of dp·cp·tp with expert-tensor size 1 (train/plan.ts).
 * @throws FleetcastError "Cannot export …: …" naming the field and the value.
 */
export function resolveTrainLayout(job: TrainLaunchJob, plan: Plan): TrainLayout {
  for (const key of ["tp", "pp", "dp", "cp", "ep", "vpp", "microBatch"] as const) {
    if (!isPositiveInt(plan[key])) {
      throw new FleetcastError(
        `Cannot export plan: plan.${key} must be a positive integer, got ${plan[key]}`,
        `plan.${key}`,
      );
    }
  }
  if (!isPositiveInt(job.count)) {
    throw new FleetcastError(
      `Cannot export plan: count must be a positive integer, got ${job.count}`,
      "count",
    );
  }
  const ranksPerChip = job.chip.ranksPerChip;
  const worldRanks = job.count * ranksPerChip;
  const product = plan.tp * plan.pp * plan.dp * plan.cp;
  if (product !== worldRanks) {
    throw new FleetcastError(
      `Cannot export plan: tp·pp·dp·cp = ${plan.tp}·${plan.pp}·${plan.dp}·${plan.cp} = ${product} ranks, but ${job.count} × ${job.chip.id} give ${worldRanks}`,
      "plan",
    );
  }
  const chipsPerNode = job.chipsPerNode ?? defaultChipsPerNode(job.chip);
  if (!isPositiveInt(chipsPerNode) || job.count % chipsPerNode !== 0) {
    throw new FleetcastError(
      `Cannot export plan: count ${job.count} is not a whole number of nodes of ${chipsPerNode} chips`,
      "chips_per_node",
    );
  }
  const arch = job.arch;
  if (arch.numHeads % plan.tp !== 0) {
    throw new FleetcastError(
      `Cannot export plan: ${arch.numHeads} attention heads do not split over tp=${plan.tp}`,
      "plan.tp",
    );
  }
  if (!arch.mla && arch.numKvHeads < arch.numHeads && arch.numKvHeads % plan.tp !== 0) {
    throw new FleetcastError(
      `Cannot export plan: ${arch.numKvHeads} key-value heads (query groups) do not split over tp=${plan.tp}`,
      "plan.tp",
    );
  }
  if (plan.ep > 1) {
    if (!arch.moe) {
      throw new FleetcastError(
        `Cannot export plan: ep=${plan.ep} but ${arch.name} has no experts`,
        "plan.ep",
      );
    }
    if (arch.moe.numExperts % plan.ep !== 0) {
      throw new FleetcastError(
        `Cannot export plan: ${arch.moe.numExperts} experts do not split over ep=${plan.ep}`,
        "plan.ep",
      );
    }
    if ((plan.dp * plan.cp * plan.tp) % plan.ep !== 0) {
      throw new FleetcastError(
        `Cannot export plan: ep=${plan.ep} does not divide dp·cp·tp = ${plan.dp * plan.cp * plan.tp}`,
        "plan.ep",
      );
    }
  }
  if (!isPositiveInt(job.seqLen)) {
    throw new FleetcastError(
      `Cannot export plan: seq_len must be a positive integer, got ${job.seqLen}`,
      "seq_len",
    );
  }
  const globalBatchSeqs = job.globalBatchTokens / job.seqLen;
  if (!isPositiveInt(globalBatchSeqs)) {
    throw new FleetcastError(
      `Cannot export plan: global_batch_tokens ${job.globalBatchTokens} is not a whole number of ${job.seqLen}-token sequences`,
      "global_batch_tokens",
    );
  }
  const perStep = plan.microBatch * plan.dp;
  if (globalBatchSeqs % perStep !== 0) {
    throw new FleetcastError(
      `Cannot export plan: global batch of ${globalBatchSeqs} sequences is not a multiple of micro_batch·dp = ${perStep}`,
      "plan.micro_batch",
    );
  }
  return {
    worldRanks,
    chipsPerNode,
    ranksPerNode: chipsPerNode * ranksPerChip,
    nodes: job.count / chipsPerNode,
    globalBatchSeqs,
    microBatches: globalBatchSeqs / perStep,
  };
}
