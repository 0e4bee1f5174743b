import { flopsPerToken, layerInventory, type ModelArch } from "../arch/index.ts";
import { type Chip, hbmBytesOf } from "../catalog/chips/index.ts";
import { FleetcastError } from "../errors.ts";
import { type CollectiveEfficiency, type Fabric, type FabricSpec, fabricOf } from "../hw/index.ts";
import type { TrainEfficiency } from "./train-efficiency.ts";

/** GEMM number formats of training (FP16 runs at the BF16 peak). */
export const TRAIN_PRECISIONS = ["bf16", "fp16", "fp8"] as const;
export type TrainPrecision = (typeof TRAIN_PRECISIONS)[number];

/** What is trained: the model, its sequence length, the global batch and the number format of the GEMMs. */
export interface TrainJob {
  arch: ModelArch;
  seqLen: number;
  globalBatchTokens: number;
  precision: TrainPrecision;
}

/** Where it is trained: chips, how many, how they are wired, with which stack efficiencies. */
export interface TrainSystem {
  chip: Chip;
  /** Chip packages in the job. */
  count: number;
  /** Chips per server (their NICs are the scale-out); defaults to min(scale-up domain, 8). */
  chipsPerNode?: number;
  /** NIC line rate per chip when the site differs from the catalog's typical build, Gb/s. */
  scaleOutGbpsPerChip?: number | null;
  stackId: string;
  efficiency: TrainEfficiency;
  collective: CollectiveEfficiency;
  /** Memory the framework keeps for itself (CUDA/CANN context, communicator buffers, fragmentation), GiB. */
  reserveGiB?: number;
}

/**
 * Framework reserve: about 1 GiB of CUDA context, 1–2 GiB of NCCL buffers and allocator fragmentation
 * (PyTorch CUDA memory docs; Megatron memory reports). 4 GiB per rank is an assumption, shown in outputs.
 */
export const DEFAULT_RESERVE_GIB = 4;

const GIB = 2 ** 30;

/** Everything about a job that does not depend on the plan, computed once per search. */
export interface JobContext {
  job: TrainJob;
  system: TrainSystem;
  /** Ranks of the job: chips x ranks per chip (a 910C package is two ranks). */
  worldRanks: number;
  ranksPerChip: number;
  /** Ranks that share one scale-up domain. */
  domainRanks: number;
  /** The chip's fabrics as the job sees them (its NIC rate when the system gives one). */
  fabricSpec: FabricSpec;
  fabric: Fabric;
  /** Per rank: GEMM peak at the job's precision and BF16 peak (attention, head), FLOP/s. */
  matmulPeakFlops: number;
  bf16PeakFlops: number;
  hbmBytes: number;
  hbmBps: number;
  reserveBytes: number;
  /** Layer inventory and the derived per-token numbers. */
  layers: number;
  denseLayers: number;
  moeLayers: number;
  attnLinear: number;
  attnOther: number;
  attnScoreDim: number;
  qDim: number;
  kvDim: number;
  denseMlp: number;
  expertLinear: number;
  sharedLinear: number;
  routerLinear: number;
  numExperts: number;
  topK: number;
  layerNorms: number;
  embeddingParams: number;
  /** Output head (vocab x hidden): its parameters, and its matmul even when tied to the embedding. */
  headParams: number;
  mtpLayers: number;
  /** Expert parameters of one MoE layer (routed experts incl. biases). */
  expertParamsPerLayer: number;
  /** Average keys each query attends to physically (causal, windowed). */
  keysPhysical: number;
  /** Model FLOPs per token (Megatron/PaLM convention: 6N + attention, no causal halving, no recompute). */
  modelFlopsPerToken: number;
  /** The same with causal attention's scores halved: the FLOPs a causal kernel does (MFU's second reading). */
  causalFlopsPerToken: number;
  sequences: number;
}

/** Builds the plan-independent context; throws FleetcastError when the chip lacks a figure the model needs. */
export function jobContext(job: TrainJob, system: TrainSystem): JobContext {
  const { chip } = system;
  const ranksPerChip = chip.ranksPerChip;
  const bf16 = chip.peakTflops.bf16 ?? chip.peakTflops.fp16;
  if (bf16 === null)
    throw new FleetcastError(`Cannot train on ${chip.id}: its BF16 peak is unknown`, "chip.peakTflops.bf16");
  let matmulPeak = bf16;
  if (job.precision === "fp8") {
    const fp8 = chip.peakTflops.fp8;
    if (fp8 === null) {
      throw new FleetcastError(
        `Cannot train in fp8 on ${chip.id}: the chip has no FP8 support in the catalog; use bf16`,
        "precision",
      );
    }
    matmulPeak = fp8;
  }
  if (chip.hbmGB === null || chip.hbmTBps === null) {
    throw new FleetcastError(
      `Cannot train on ${chip.id}: its HBM capacity or bandwidth is unknown`,
      "chip.hbmGB",
    );
  }
  if (!Number.isInteger(job.seqLen) || job.seqLen < 1) {
    throw new FleetcastError(
      `Cannot plan training: seq_len must be a positive integer, got ${job.seqLen}`,
      "seq_len",
    );
  }
  if (!(job.globalBatchTokens >= job.seqLen)) {
    throw new FleetcastError(
      `Cannot plan training: global_batch_tokens must be at least one sequence (${job.seqLen}), got ${job.globalBatchTokens}`,
      "global_batch_tokens",
    );
  }
  if (!Number.isInteger(job.globalBatchTokens / job.seqLen)) {
    const sequences = Math.max(1, Math.round(job.globalBatchTokens / job.seqLen));
    throw new FleetcastError(
      `Cannot plan training: global_batch_tokens ${job.globalBatchTokens} is not a whole number of ${job.seqLen}-token sequences (nearest: ${sequences * job.seqLen})`,
      "global_batch_tokens",
    );
  }
  if (!Number.isInteger(system.count) || system.count < 1) {
    throw new FleetcastError(
      `Cannot plan training: count must be a positive integer, got ${system.count}`,
      "count",
    );
  }
  const nic = system.scaleOutGbpsPerChip ?? chip.scaleOut.chipGbps;
  const fabricSpec: FabricSpec = {
    ...chip,
    scaleUp: { ...chip.scaleUp, name: chip.scaleUp.name ?? chip.id },
    scaleOut: { chipGbps: nic },
  };
  const fabric = fabricOf(fabricSpec, system.collective);

  // A job that leaves the scale-up domain needs the NIC rate; one inside a domain needs the scale-up rate.
  const domainChips = chip.scaleUp.domainSize;
  if (system.count > domainChips && fabric.interBps === 0) {
    throw new FleetcastError(
      `Cannot train on ${system.count} x ${chip.id}: its scale-out bandwidth per chip is unknown (catalog field scaleout_Gbps_per_chip); give it (--scale-out-gbps or a --catalog chip file; API scale_out_gbps_per_chip)`,
      "chip.scaleOut.chipGbps",
    );
  }
  if (system.count > 1 && domainChips > 1 && fabric.intraBps === 0) {
    throw new FleetcastError(
      `Cannot train on ${system.count} x ${chip.id}: its scale-up bandwidth per chip is unknown (catalog field scaleup_GBps_per_chip_unidir); add it in a chip file (CLI --catalog)`,
      "chip.scaleUp.chipGBpsUnidir",
    );
  }
  const arch = job.arch;
  const inv = layerInventory(arch);
  const s = job.seqLen;
  const window = arch.slidingWindow ?? Number.POSITIVE_INFINITY;
  const linear = arch.linearAttention?.layers ?? 0;
  const full = arch.numLayers - arch.slidingWindowLayers - linear;
  // FlashAttention skips the masked half of a causal score matrix (Dao 2023, §3.1): s/2 keys per query on average.
  // Linear-attention layers score no keys (their recurrence, a few % of their projections, is left out).
  // DeepSeek Sparse Attention scores at most its top-k keys a query: over positions 0..s, min(p, K) averages s/2
  // up to K and K - K^2/(2s) past it (its indexer's scoring is left out here).
  const k = arch.sparseAttention?.topK ?? Number.POSITIVE_INFINITY;
  const fullKeys = s <= k ? s / 2 : k - (k * k) / (2 * s);
  const keysPhysical =
    (full * fullKeys + arch.slidingWindowLayers * Math.min(window, s / 2)) / arch.numLayers;
  const qDim = arch.mla
    ? arch.numHeads * (arch.mla.qkNopeHeadDim + arch.mla.qkRopeHeadDim)
    : arch.numHeads * arch.headDim;
  const kvDim = arch.mla ? arch.mla.kvLoraRank + arch.mla.qkRopeHeadDim : arch.numKvHeads * arch.headDim;

  return {
    job,
    system,
    worldRanks: system.count * ranksPerChip,
    ranksPerChip,
    domainRanks: fabric.domainRanks,
    fabricSpec,
    fabric,
    matmulPeakFlops: (matmulPeak * 1e12) / ranksPerChip,
    bf16PeakFlops: (bf16 * 1e12) / ranksPerChip,
    hbmBytes: hbmBytesOf(chip) / ranksPerChip,
    hbmBps: (chip.hbmTBps * 1e12) / ranksPerChip,
    reserveBytes: (system.reserveGiB ?? DEFAULT_RESERVE_GIB) * GIB,
    layers: arch.numLayers,
    denseLayers: inv.denseLayers,
    moeLayers: inv.moeLayers,
    attnLinear: inv.attentionLinear,
    attnOther: inv.attentionOther,
    attnScoreDim: inv.attentionScoreDim,
    qDim,
    kvDim,
    denseMlp: inv.denseMlpLinear + inv.mlpBiasPerDense,
    expertLinear: inv.expertLinear,
    sharedLinear: inv.sharedLinear,
    routerLinear: inv.routerLinear,
    numExperts: inv.numExperts,
    topK: inv.topK,
    layerNorms: inv.layerNorms,
    embeddingParams: inv.embedding + inv.positionEmbedding,
    headParams: arch.vocabSize * arch.hiddenSize,
    mtpLayers: arch.mtpLayers,
    expertParamsPerLayer: inv.numExperts * (inv.expertLinear + inv.mlpBiasPerExpert),
    keysPhysical,
    modelFlopsPerToken: flopsPerToken(arch, s).training,
    causalFlopsPerToken: flopsPerToken(arch, s, { causal: true }).training,
    sequences: job.globalBatchTokens / s,
  };
}
