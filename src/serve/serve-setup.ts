import {
  BYTES_PER_PARAM,
  indexerKeyBytes,
  indexerParams,
  kvElementsPerLayerToken,
  layerInventory,
  linearStateBytes,
  type ModelArch,
  paramCounts,
} from "../arch/index.ts";
import type { Chip } from "../catalog/chips/index.ts";
import { builtinStacks, stackChoiceHint } from "../catalog/stacks/index.ts";
import { FleetcastError } from "../errors.ts";
import { defaultCollectiveEfficiency, type Fabric, fabricOf } from "../hw/index.ts";
import { requireCatalogObjects } from "../util/require-catalog-objects.ts";
import { pipelinesPromptChunks } from "./chunked-pipeline.ts";
import { type DispatchSwitch, engineDispatchSwitch } from "./dispatch-kernels.ts";
import { engineKvAdmission, type KvAdmission } from "./engine-admission.ts";
import { engineStepTokens } from "./engine-batch-limit.ts";
import { engineMemoryBudget, kvPoolBytes, weightsMayFill } from "./engine-memory.ts";
import { expertActivationBytesPerCopy } from "./expert-activation-bytes.ts";
import { appliedExpertWeightBits, expertWeightBytesPerParam } from "./expert-weight-bits.ts";
import { gemmPeakScale } from "./gemm-peak-scale.ts";
import { type GraphMode, graphModeOf, hostDispatchS } from "./graph-mode.ts";
import { hostOverlapOf } from "./host-overlap.ts";
import { engineKvPrecision, type KvPrecision } from "./kv-precision.ts";
import { defaultOverlapMode, type OverlapMode } from "./overlap-mode.ts";
import type { ServeAdvisory } from "./serve-advisory.ts";
import type { ServeEfficiency } from "./serve-efficiency.ts";

/** Number formats of the serving GEMMs (cases/FORMAT.md `serve.precision`). */
export type ServePrecision = "bf16" | "fp8" | "int8" | "fp4";

/**
 * One serving instance's parallel layout, in ranks (dies on a 910C, cases/FORMAT.md). Attention runs as
 * `dpAttention` replicas of `tp` ranks each (SGLang/TRT-LLM "attention DP"), so the instance has
 * tp x dpAttention ranks; routed experts are spread over `ep` of them (expert tensor-parallel over the rest).
 */
export interface InstanceConfig {
  tp: number;
  dpAttention: number;
  ep: number;
  /** Pipeline stages, each holding 1/pp of the layers on its own tp x dpAttention ranks; default 1. */
  pp?: number;
}

/** What `serveSetup` needs: a model, a chip, a layout, a precision and the engine's efficiency. */
export interface ServeSetupInput {
  arch: ModelArch;
  chip: Chip;
  config: InstanceConfig;
  precision: ServePrecision;
  /** KV-cache element format; default the engine's own (kv-precision.ts). */
  kvPrecision?: KvPrecision | undefined;
  /** Serving stack id, whose defaults (KV-cache format) apply where the input leaves them open. */
  engine?: string | undefined;
  efficiency: ServeEfficiency;
  /** Mean tokens accepted per decode step with speculative decoding (>= 1); 1 = none. */
  specDecodeAccept?: number | undefined;
  /** Draft tokens verified per step; default ceil(accept - 1), at least 1 when accept > 1. */
  specDraftTokens?: number | undefined;
  /**
   * Bits a routed expert's weight is stored in when narrower than the GEMM precision's (W4A8: 4-bit experts,
   * INT8 GEMMs; expert-weight-bits.ts); default the precision's own width.
   */
  expertWeightBits?: 4 | undefined;
  /**
   * The engine's memory fraction (vLLM `gpu_memory_utilization`, TensorRT-LLM `free_gpu_memory_fraction`), on the
   * engine's own basis; default its default (engine-memory.ts).
   */
  memoryUtilization?: number | undefined;
  /** How communication hides behind compute; default `defaultOverlapMode` (overlap-mode.ts). */
  overlap?: OverlapMode | undefined;
  /**
   * The engine prepares its next step on the host while the device runs this one (host-overlap.ts); default the
   * engine's current builds (`hostOverlapOf(engine, null)`; true without an engine).
   */
  hostOverlap?: boolean | undefined;
  /**
   * How the engine launches a step's kernels (graph-mode.ts); default the engine's current builds'
   * (`graphModeOf(engine, null)`; full graphs without an engine).
   */
  graphMode?: GraphMode | undefined;
  /**
   * The engine streams one prompt's chunks through its pipeline stages (chunked-pipeline.ts); default the engine's
   * current builds (`pipelinesPromptChunks(engine)`).
   */
  chunkPipeline?: boolean | undefined;
  /** Tokens a colocated step may carry (vLLM's --max-num-batched-tokens...); default the engine's (engineStepTokens). */
  stepTokens?: number | undefined;
}

/** Everything the per-step model reads, resolved once: per-rank rates, byte and FLOP coefficients. */
export interface ServeSetup {
  readonly arch: ModelArch;
  readonly chip: Chip;
  readonly config: InstanceConfig;
  /** GEMM precision actually used (after falling back where the chip lacks the requested one). */
  readonly precision: ServePrecision;
  /** The weights' precision as stored: `precision` unless they are widened in the kernel (FP4, FP8 on A100). */
  readonly weightPrecision: ServePrecision;
  readonly kvBytesPerElement: number;
  readonly eff: ServeEfficiency;
  readonly overlap: OverlapMode;
  /** The engine's host work per step overlaps the device's (host-overlap.ts), else it adds to the step. */
  readonly hostOverlap: boolean;
  /** How the engine launches a step's kernels (graph-mode.ts). */
  readonly graphMode: GraphMode;
  /**
   * The host's time to launch one pass of a stage's layers where it launches them (0 with full graphs), seconds: in a
   * decode-only step, and in a step that carries prompt tokens (FULL_DECODE_ONLY runs those eager).
   */
  readonly hostDispatchS: number;
  readonly promptHostDispatchS: number;
  /** A prompt's chunks flow through the pipeline stages together (chunked-pipeline.ts); moot without stages. */
  readonly chunkPipeline: boolean;
  /** Tokens one colocated step may carry in the engine's default configuration (engineStepTokens). */
  readonly stepTokens: number;
  /** Ranks of one pipeline stage (tp x dpAttention); the instance has `stages` of them. */
  readonly ranks: number;
  /** Pipeline stages (1 without pipeline parallelism); per-rank figures below are one stage's. */
  readonly stages: number;
  /** Layers of the busiest stage, ceil(L / pp) (all of them without a pipeline). */
  readonly stageLayers: number;
  readonly ranksPerChip: number;
  readonly chipsPerInstance: number;
  /** Per-rank achieved rates: bytes/s, GEMM FLOP/s at the precision, attention FLOP/s. */
  readonly hbmBps: number;
  readonly gemmFlops: number;
  readonly attentionFlops: number;
  /** HBM bytes of one rank, all of them (a package's over its dies). */
  readonly hbmBytesPerRank: number;
  /** HBM bytes of one rank the engine may fill with weights and KV cache (engine-memory.ts). */
  readonly usableHbmBytes: number;
  /** KV-cache pool of one rank, bytes: what the engine's rule leaves after the weights (engine-memory.ts). */
  readonly kvPoolBytesPerRank: number;
  /** Weight bytes resident on one rank (MTP draft layers included when speculative decoding is on). */
  readonly weightBytesPerRank: number;
  /**
   * Non-expert weight bytes one rank reads per step (attention, dense MLPs, shared experts, output head); an
   * untied input embedding is not read whole, only the rows of the step's tokens (a gather), so it is left out.
   */
  readonly denseReadBytesPerRank: number;
  /** Non-expert GEMM FLOPs per token on one rank of its attention group, output head excluded. */
  readonly denseFlopsPerToken: number;
  /**
   * Output-head GEMM FLOPs per token that needs logits, on one rank: decode tokens (drafts included); a prompt
   * needs them for its last token only (vLLM and SGLang prune the hidden states before the head), which is
   * negligible beside its other tokens and left out.
   */
  readonly headFlopsPerToken: number;
  /** MoE: layers, experts, top-k, bytes and FLOPs of one routed expert (zero for dense models). */
  readonly moeLayers: number;
  readonly numExperts: number;
  readonly topK: number;
  readonly expertBytes: number;
  readonly expertFlopsPerToken: number;
  /**
   * HBM bytes one rank moves per routed (token, expert) copy per MoE layer outside the expert GEMMs' weight reads:
   * the gathered input row, the gate-up and activation outputs (each written, then read), and the down projection's
   * output (written, then read by the weighted sum); zero for dense models (expertActivationBytesPerCopy).
   */
  readonly expertActivationBytesPerCopy: number;
  /** Bits the routed experts are stored in when narrower than the weights' precision (4: W4A8), else null. */
  readonly expertWeightBits: 4 | null;
  /** KV bytes one token of context occupies on one rank (MLA latents are replicated across TP). */
  readonly kvBytesPerTokenPerRank: number;
  /**
   * A hybrid model's linear-attention state per sequence on one rank (its value heads split over TP, the stage's
   * share of the layers), as KV tokens of `kvBytesPerTokenPerRank` (kvContextTokens, windowedLoad); 0 without such
   * layers.
   */
  readonly linearStateTokens: number;
  /**
   * DeepSeek Sparse Attention's indexer key per cached token over the main KV bytes per token on one rank (it is
   * held beside the cache: indexerBytesPerTokenPerRank / kvBytesPerTokenPerRank); 0 without sparse attention.
   */
  readonly indexerKeyShare: number;
  /** The DSA indexer's key bytes per held token and its score FLOPs per (query, key) pair on one rank (0 without). */
  readonly indexerBytesPerTokenPerRank: number;
  readonly indexerFlopsPerKey: number;
  /** Attention-score FLOPs per (query token, key) pair on one rank: decode (MLA absorbed) and prefill. */
  readonly decodeAttnFlopsPerKey: number;
  readonly prefillAttnFlopsPerKey: number;
  /** Tokens one decode step runs per sequence (1 + drafts) and tokens it accepts on average. */
  readonly tokensPerDecodeStep: number;
  readonly acceptedPerStep: number;
  /** Extra weight-pass share of the draft (MTP) layers per step: drafts / layers. */
  readonly draftShare: number;
  /** Tokens on the busiest expert rank over the mean. */
  readonly moeImbalance: number;
  /** Kernels one forward pass launches (GEMMs, attention core, element-wise), each paying a fixed latency. */
  readonly kernelsPerPass: number;
  /** The chip's fabric as the collective cost model reads it, and the ranks of one scale-up domain. */
  readonly fabric: Fabric;
  readonly domainRanks: number;
  /** How the engine admits requests into its KV pool (engine-admission.ts). */
  readonly kvAdmission: KvAdmission;
  /** How the engine picks its expert dispatch kernels, step by step or once (dispatch-kernels.ts). */
  readonly dispatchSwitch: DispatchSwitch;
  readonly advisories: readonly ServeAdvisory[];
}

// SGLang's large-scale EP blog (lmsys.org, 2025-05-05): the 4K prefill reaches 50,302 tok/s/node with EPLB and
// 59,337 with simulated perfect balance, so the busiest expert rank carries ~1.18x the mean load.
const MOE_IMBALANCE = 59_337 / 50_302;
// Bytes per catalog HBM "GB" in serving (see rankHbmBytes below for why not 2^30).
const SERVE_BYTES_PER_HBM_GB = 1e9;
const FLOPS_PER_TFLOPS = 1e12;
const BYTES_PER_TB = 1e12;

// Kernels per layer of a fused serving engine (assumption, counted from the SGLang/vLLM DeepSeek and Llama
// forward passes): GEMMs (MHA/GQA: fused QKV + output; MLA: q_a, q_b, kv_a, the two absorbed kv_b products and
// the output, one fewer without a query LoRA; dense MLP: fused gate-up + down; MoE: router, two grouped GEMMs, and
// the shared expert's two), one attention core, and four element-wise kernels (two norms, RoPE, activation).
const ELEMENTWISE_KERNELS_PER_LAYER = 4;

/** Kernels one forward pass launches over all layers, plus the output head. */
export function kernelsPerPass(arch: ModelArch, denseLayers: number, moeLayers: number): number {
  const attention = arch.mla ? (arch.mla.qLoraRank === null ? 5 : 6) : 2;
  const perLayer = attention + 1 + ELEMENTWISE_KERNELS_PER_LAYER;
  const moe = 3 + (arch.moe !== null && arch.moe.sharedIntermediateSize > 0 ? 2 : 0);
  return (denseLayers + moeLayers) * perLayer + denseLayers * 2 + moeLayers * moe + 1;
}

function positiveInt(path: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new FleetcastError(
      `Cannot build serving instance: ${path} is ${value} (must be a positive integer)`,
      path,
    );
  }
  return value;
}

/** The precision a plan or simulation serves in when none is asked: what the chip's deployments use. */
export function defaultServePrecision(chip: Chip): ServePrecision {
  // FP8 where the chip has it; Ascend, which has none, runs W8A8 INT8 (CloudMatrix-Infer, arXiv 2506.12708);
  // other chips without FP8 (A100, TPU v5p) serve in BF16, the engines' default model type
  if (chip.peakTflops.fp8 !== null) return "fp8";
  return chip.family.startsWith("ascend-") ? "int8" : "bf16";
}

/**
 * The GEMM precision a chip can run, with advisories when it falls back. Ascend 910B/910C have no FP8
 * (research/hardware.md §3): FP8 becomes INT8 (W8A8), as CloudMatrix-Infer does. FP4 GEMMs need Blackwell; below
 * it FP4 weights are served weight-only (4.25-bit MXFP4 in memory, BF16 GEMMs). A 910C INT8 peak is not published (research/hardware.json
 * `uncertain.int8_dense_tops`): it is taken as 2 x BF16, the 910B2's published INT8/BF16 ratio (752/376), which
 * the CloudMatrix384 paper's "4.45 tok/s per TFLOPS" at 6,688 tok/s (= 1,503 TOPS) also implies.
 */
export function resolvePrecision(
  chip: Chip,
  requested: ServePrecision,
  engine?: string,
): {
  precision: ServePrecision;
  peakTflops: number;
  /** The weights' precision as stored: the GEMMs' unless `weightOnly`. */
  weights: ServePrecision;
  /** Bytes per weight as stored, when they differ from the GEMM precision's (FP4 or FP8 weights widened in the kernel). */
  weightBytesPerParam: number;
  /** The weights are stored below the GEMM precision (FP4, or FP8 on a chip without FP8, widened in the kernel). */
  weightOnly: boolean;
  advisories: ServeAdvisory[];
} {
  const advisories: ServeAdvisory[] = [];
  const bf16 = chip.peakTflops.bf16 ?? chip.peakTflops.fp16;
  if (bf16 === null) {
    throw new FleetcastError(
      `Cannot serve on ${chip.id}: peakTflops.bf16 is null (no BF16/FP16 peak in the catalog)`,
      "chip.peakTflops.bf16",
    );
  }
  const order: Record<ServePrecision, ServePrecision[]> = {
    // a chip without FP4 GEMMs serves FP4 weights weight-only, below: only a chip with them reaches this order
    fp4: ["fp4"],
    fp8: ["fp8", "int8", "bf16"],
    int8: ["int8", "bf16"],
    bf16: ["bf16"],
  };
  const isAscend = chip.family.startsWith("ascend-");
  if (requested === "fp8" && chip.peakTflops.fp8 === null && chip.family.startsWith("nvidia-")) {
    // FP8 weights on an NVIDIA GPU without FP8 GEMMs (A100) are served weight-only: 1 byte a weight in memory,
    // widened to 16 bits in the kernel (W8A16). vLLM docs, "FP8 W8A8": "FP8 models will run on compute capability
    // >= 7.5 (Turing) as weight-only W8A16, utilizing FP8 Marlin" (vllm-project/vllm#5975 brought it to Ampere);
    // the GEMMs run at the BF16 rate, never as INT8 W8A8 (an FP8 checkpoint carries no INT8 activation scales).
    // Marlin is a CUDA kernel: other chips without FP8 fall back below (Ascend to its W8A8 INT8, CloudMatrix-Infer).
    if (engine === "tensorrt-llm") {
      // W8A16 is vLLM's FP8 Marlin path; TensorRT-LLM's FP8 needs FP8 tensor cores (Ada, Hopper and later: its
      // support matrix), so this engine would not load the FP8 checkpoint on this chip (review 25). Refused, as
      // other engine and chip mismatches are (QA 26: a plan labelled TensorRT-LLM had priced vLLM's W8A16)
      throw new FleetcastError(
        `Cannot serve FP8 with tensorrt-llm on ${chip.id}: TensorRT-LLM's FP8 needs FP8 tensor cores (Ada, Hopper or later); serve the FP8 checkpoint with vllm (W8A16, FP8 Marlin), or BF16 or INT8 weights with tensorrt-llm`,
        "precision",
      );
    }
    advisories.push({
      code: "no_fp8",
      message: `${chip.id} has no FP8 peak: FP8 weights computed in BF16 (W8A16), as vLLM runs an FP8 checkpoint there (FP8 Marlin)`,
      hint: "a BF16 checkpoint is served at BF16 (set precision to bf16); W8A8 INT8 needs an INT8 checkpoint (set precision to int8)",
    });
    return {
      precision: "bf16",
      peakTflops: bf16,
      weights: "fp8",
      weightBytesPerParam: BYTES_PER_PARAM.fp8,
      weightOnly: true,
      advisories,
    };
  }
  if (requested === "fp4" && chip.peakTflops.fp4 === null) {
    // FP4 weights on a chip without FP4 GEMMs stay 4-bit in memory and are widened in the kernel (weight-only):
    // read at MXFP4's 4.25 bits, 4-bit elements plus one 8-bit scale per 32 (OCP Microscaling Formats spec v1.0
    // §5.1), the GEMMs on 16-bit activations: vLLM's Marlin and Triton MXFP4 kernels, TensorRT-LLM's w4a16_mxfp4
    // below SM100 (ai-dynamo/aiconfigurator's TensorRT-LLM MoE collector lists w4a16_mxfp4 for SM < 100 and
    // w4a8_mxfp4_mxfp8 on B200), vLLM-Ascend's W4A16 MXFP4 MoE method (vllm_ascend/quantization/methods/w4a16_mxfp4)
    advisories.push({
      code: "no_fp4",
      message: `${chip.id} has no FP4 peak: FP4 weights (4.25 bits with MX block scales) computed in BF16 (W4A16), as engines run an FP4 checkpoint there`,
      hint: "a checkpoint that is not in FP4 is served at its own precision: set precision to fp8 or bf16",
    });
    return {
      precision: "bf16",
      peakTflops: bf16,
      weights: "fp4",
      weightBytesPerParam: MXFP4_BYTES_PER_PARAM,
      weightOnly: true,
      advisories,
    };
  }
  for (const p of order[requested]) {
    let peak = p === "bf16" ? bf16 : chip.peakTflops[p];
    if (p === "int8" && peak === null && isAscend) {
      peak = 2 * bf16;
      advisories.push({
        code: "int8_peak_assumed",
        message: `${chip.id} has no published INT8 peak: ${peak} TOPS assumed (2 x BF16)`,
        hint: "910B2 INT8 is 2 x BF16 (752/376, research/hardware.json); set int8_dense_tops in a chip file if known",
      });
    }
    if (peak === null) continue;
    if (p === "int8" && peak < bf16) {
      // Blackwell Ultra (B300/GB300) cut dense INT8 to ~166 TOPS, below its 2.5 PF BF16 (added-chips.json): INT8
      // GEMMs there are priced at that peak, far slower than the 16-bit ones
      advisories.push({
        code: "int8_below_bf16",
        message: `${chip.id}'s INT8 peak (${Math.round(peak)} TOPS) is below its BF16 peak (${Math.round(bf16)} TFLOPS): INT8 GEMMs run slower than 16-bit ones there`,
        hint: chip.peakTflops.fp8 !== null ? "serve in FP8 (or BF16)" : "serve in BF16",
      });
    }
    if (p !== requested) {
      const noFp8 = requested === "fp8" && isAscend;
      advisories.push({
        code: noFp8 ? "no_fp8_on_ascend" : `no_${requested}`,
        message: noFp8
          ? `${chip.id} has no FP8: serving in INT8 (W8A8) instead`
          : `${chip.id} has no ${requested.toUpperCase()} peak: serving in ${p.toUpperCase()} instead`,
        hint: noFp8
          ? "Ascend 910B/910C run W8A8 INT8 quantisation (CloudMatrix-Infer); set precision to int8"
          : `set precision to ${p}`,
      });
    }
    return {
      precision: p,
      peakTflops: peak,
      weights: p,
      weightBytesPerParam: BYTES_PER_PARAM[p],
      weightOnly: false,
      advisories,
    };
  }
  return {
    precision: "bf16",
    peakTflops: bf16,
    weights: "bf16",
    weightBytesPerParam: BYTES_PER_PARAM.bf16,
    weightOnly: false,
    advisories,
  };
}

/** MXFP4 storage: 4-bit elements and one 8-bit (E8M0) scale per block of 32 (OCP MX spec v1.0): 4.25 bits. */
export const MXFP4_BYTES_PER_PARAM = (4 + 8 / 32) / 8;

/**
 * Why instances of `ranks` ranks cannot be priced on a chip, or null: ranks across scale-up domains talk over the
 * NIC, ranks inside one over the scale-up links, and the catalog may not know that bandwidth (H20's NIC, TPU
 * v5p's ICI). The layout search skips such layouts; building one directly is refused with the reason and a hint.
 */
export function unpricedLayout(chip: Chip, ranks: number): { reason: string; hint: string } | null {
  const domainRanks = chip.scaleUp.domainSize * chip.ranksPerChip;
  if (ranks > domainRanks && chip.scaleOut.chipGbps === null) {
    return {
      reason: `span ${chip.id}'s ${chip.scaleUp.domainSize}-chip scale-up domain, and its scale-out bandwidth is unknown in the catalog`,
      hint: "give it (--scale-out-gbps, API scale_out_gbps_per_chip)",
    };
  }
  if (ranks > 1 && chip.scaleUp.domainSize > 1 && chip.scaleUp.chipGBpsUnidir === null) {
    return {
      reason: `talk over ${chip.id}'s scale-up links, whose bandwidth is unknown in the catalog`,
      hint: "set scaleup_GBps_per_chip_unidir in a chip file (--catalog)",
    };
  }
  return null;
}

/**
 * Resolves a serving instance: per-rank bandwidth and peaks (a 910C package is two ranks, each with half of
 * its HBM, bandwidth and peak), weight bytes per rank, and the byte and FLOP coefficients of one step.
 * Weights: attention, dense MLPs, shared experts and the head are split over the attention TP group and
 * replicated across attention-DP replicas; routed experts are spread over all ranks of the instance.
 * @throws FleetcastError when a degree is not a positive integer, does not divide the instance, or the chip
 * lacks HBM figures.
 */
export function serveSetup(input: ServeSetupInput): ServeSetup {
  requireCatalogObjects("build serving instance", { model: input.arch, chip: input.chip });
  const { arch, chip, efficiency: eff } = input;
  const tp = positiveInt("config.tp", input.config.tp);
  const dp = positiveInt("config.dpAttention", input.config.dpAttention);
  const ep = positiveInt("config.ep", input.config.ep);
  const pp = positiveInt("config.pp", input.config.pp ?? 1);
  const ranks = tp * dp;
  if (pp > arch.numLayers) {
    throw new FleetcastError(
      `Cannot build serving instance: PP ${pp} makes more pipeline stages than ${arch.name}'s ${arch.numLayers} layers`,
      "config.pp",
    );
  }
  if (arch.numHeads % tp !== 0) {
    throw new FleetcastError(
      `Cannot build serving instance: TP ${tp} does not divide ${arch.name}'s ${arch.numHeads} attention heads`,
      "config.tp",
    );
  }
  if (ep > 1 && arch.moe === null) {
    throw new FleetcastError(
      `Cannot build serving instance: EP ${ep} spreads experts, and ${arch.name} is a dense model (EP 1)`,
      "config.ep",
    );
  }
  if (dp > 1 && arch.moe === null) {
    // attention-DP replicas meet in the expert layers; a dense model's data-parallel replicas share nothing
    throw new FleetcastError(
      `Cannot build serving instance: attention DP ${dp} needs expert layers to share, and ${arch.name} is a dense model: its data-parallel replicas are separate instances (simulate one at its share of the rate, or widen it with TP or PP)`,
      "config.dpAttention",
    );
  }
  if (ranks % ep !== 0) {
    throw new FleetcastError(
      `Cannot build serving instance: EP ${ep} must divide the instance's TP x attention DP = ${ranks} ranks`,
      "config.ep",
    );
  }
  const stack = builtinStacks().find((x) => x.id === input.engine);
  if (stack !== undefined && (stack.role !== "serve" || !stack.runsOn.includes(chip.family))) {
    throw new FleetcastError(
      `Cannot serve with ${stack.id} on ${chip.id}: ${stack.role !== "serve" ? "it is a training stack" : `it runs on ${stack.runsOn.join(", ")}, not ${chip.family}`} (${stackChoiceHint(chip.family, "serve")})`,
      "engine",
    );
  }
  const unpriced = unpricedLayout(chip, ranks * pp);
  if (unpriced !== null) {
    throw new FleetcastError(
      `Cannot build serving instance: TP ${tp} x DP ${dp}${pp > 1 ? ` x PP ${pp}` : ""} = ${ranks * pp} ranks ${unpriced.reason}; ${unpriced.hint}`,
      "config",
    );
  }
  if (chip.hbmGB === null || chip.hbmTBps === null) {
    // named as a chip file spells them (QA 39: "hbmGB or hbmTBps is null" named neither the file's field nor which)
    const missing = [chip.hbmGB === null ? "hbm_gb" : null, chip.hbmTBps === null ? "hbm_tbps" : null].filter(
      (x): x is string => x !== null,
    );
    throw new FleetcastError(
      `Cannot serve on ${chip.id}: unknown ${missing.join(" and ")} (HBM capacity and bandwidth price every serving step); give ${missing.join(" and ")} in a chip file (--catalog)`,
      `chip.${missing[0]}`,
    );
  }
  const ranksPerChip = chip.ranksPerChip;
  const {
    precision,
    weights: weightPrecision,
    peakTflops,
    weightBytesPerParam,
    advisories,
  } = resolvePrecision(chip, input.precision, input.engine);
  // priced as asked (its all-reduces over the NIC, collectiveTimeS), but no engine's recommended layout: the layout
  // search keeps TP inside one domain and widens with attention DP or pipeline stages (QA 29)
  const domainRanks = chip.scaleUp.domainSize * ranksPerChip;
  if (tp > domainRanks && domainRanks > 1) {
    advisories.push({
      code: "tp_beyond_domain",
      message: `TP ${tp} spans ${Math.ceil(tp / domainRanks)} scale-up domains of ${domainRanks} ranks on ${chip.id}: the all-reduce after every attention and MLP block crosses the scale-out network`,
      hint: `keep TP within one domain (TP <= ${domainRanks}) and widen with pipeline stages (PP), or let serve plan search the layout`,
    });
  }
  const bf16 = (chip.peakTflops.bf16 ?? chip.peakTflops.fp16 ?? peakTflops) * FLOPS_PER_TFLOPS;
  const kvPrecision = input.kvPrecision ?? engineKvPrecision(input.engine, precision, chip);
  const kvBytesPerElement = kvPrecision === "fp8" ? 1 : 2;

  const inv = layerInventory(arch);
  const counts = paramCounts(arch);
  const bytesPerParam = weightBytesPerParam;
  const expertBytesPerParam = expertWeightBytesPerParam(bytesPerParam, input.expertWeightBits);
  const layers = inv.denseLayers + inv.moeLayers;
  const expertParams = inv.expertLinear + inv.mlpBiasPerExpert;
  const nonExpertParams = counts.total - counts.routedExperts;
  // the output head (vocab x hidden, as paramCounts' activeMatmul counts it) is read whole every step; an untied
  // input embedding is only gathered (a tied one is the head's table, read as such)
  const headParams = arch.vocabSize * arch.hiddenSize;
  const gatheredEmbedding = inv.head > 0 ? counts.embedding : 0;
  const accept = input.specDecodeAccept ?? 1;
  if (!(accept >= 1) || !Number.isFinite(accept)) {
    throw new FleetcastError(
      `Cannot build serving instance: specDecodeAccept is ${accept} (must be >= 1)`,
      "specDecodeAccept",
    );
  }
  const drafts = accept > 1 ? (input.specDraftTokens ?? Math.max(1, Math.ceil(accept - 1))) : 0;
  if (accept > 1 + drafts) {
    throw new FleetcastError(
      `Cannot build serving instance: specDecodeAccept is ${accept}, more than the ${1 + drafts} tokens a step with ${drafts} draft token${drafts === 1 ? "" : "s"} can yield`,
      "specDecodeAccept",
    );
  }
  // One MTP module per draft step (DeepSeek-V3 §2.2); dense models draft with a model of unknown size, priced
  // like one layer of the target per draft token (assumption).
  const draftShare = drafts / layers;
  const mtpBytes =
    drafts > 0 ? Math.min(arch.mtpLayers || 1, drafts) * (counts.total / layers) * bytesPerParam : 0;

  if (
    input.memoryUtilization !== undefined &&
    !(input.memoryUtilization > 0 && input.memoryUtilization <= 1)
  ) {
    throw new FleetcastError(
      `Cannot build serving instance: memoryUtilization is ${input.memoryUtilization} (a fraction in (0, 1])`,
      "memoryUtilization",
    );
  }
  const engineBudget = engineMemoryBudget(input.engine);
  const memoryBudget =
    input.memoryUtilization === undefined
      ? engineBudget
      : { ...engineBudget, fraction: input.memoryUtilization };
  // the catalog's GB read as 1e9 bytes here, ~7 % below the physical binary GB (hbm-bytes.ts): the difference
  // stands for what vLLM's memory profiler takes before it sizes the KV pool and this model does not count (the
  // peak activations of a max_num_batched_tokens pass, CUDA graphs, communication buffers such as DeepEP's).
  // Measured (stop 17): reading GiB with nothing for those let Kimi K2 (1T, FP8) prefill on one node of 8 H200
  // with ~60 GB left for everything else, and its case went from +9 % to +44 %; calibration 8.4 -> 8.8 %.
  const rankHbmBytes = (chip.hbmGB * SERVE_BYTES_PER_HBM_GB) / ranksPerChip;
  // A pipeline stage holds whole layers, at most ceil(L / pp) of them (vLLM splits the decoder layers evenly); the
  // output head sits whole on the last stage and an untied input embedding on the first: the busiest stage holds
  // its layers and the larger of the two, and paces the pipeline. With pp = 1 every figure is the whole model's.
  const stageLayers = Math.ceil(layers / pp);
  // a plan prices the engine's own default, the mode a launch command without graph flags runs (export emits none)
  const graphMode =
    input.graphMode ?? (input.engine === undefined ? "full" : graphModeOf(input.engine, null));
  const share = stageLayers / layers;
  const stageParams =
    pp === 1
      ? nonExpertParams
      : (nonExpertParams - headParams - gatheredEmbedding) * share + Math.max(headParams, gatheredEmbedding);
  const stageReadParams =
    pp === 1
      ? nonExpertParams - gatheredEmbedding
      : (nonExpertParams - headParams - gatheredEmbedding) * share + headParams;
  const weightBytesPerRank =
    (stageParams * bytesPerParam) / tp +
    (counts.routedExperts * share * expertBytesPerParam) / ranks +
    mtpBytes / ranks +
    // the DSA indexer is replicated, not split, over TP
    indexerParams(arch) * share * bytesPerParam * (1 - 1 / tp);

  const kvElementsPerLayer = kvElementsPerLayerToken(arch);
  // GQA splits KV heads over TP (replicated once tp exceeds them); MLA's single latent is replicated.
  const kvShare = arch.mla ? 1 : Math.ceil(arch.numKvHeads / tp) / arch.numKvHeads;
  const kvBytesPerTokenPerRank = layers * share * kvElementsPerLayer * kvBytesPerElement * kvShare;

  // Attention scores per (query, key) pair: 2 FLOPs x (qk + v dims) per head (arch/flops.ts); MLA decode with
  // absorbed projections scores against the 576-wide latent and accumulates the 512-wide one: 2 x nh x
  // (2 kv_lora + rope) (DeepSeek-V2 §2.1.2 weight absorption; FlashMLA).
  const densePrefillPerKey = (2 * layers * share * inv.attentionScoreDim) / tp;
  const decodePerKey = arch.mla
    ? (2 * layers * share * arch.numHeads * (2 * arch.mla.kvLoraRank + arch.mla.qkRopeHeadDim)) / tp
    : densePrefillPerKey;
  // DeepSeek Sparse Attention prefills in MLA's absorbed form too (sparse FlashMLA on the latent cache: SGLang's
  // flash_mla_sparse_fwd); its indexer is replicated on every TP rank (vLLM, SGLang), its FP8 key of every token
  // held and read beside the cache, its scores 2 x heads x width a key, counted at face value
  const dsa = arch.sparseAttention;
  const prefillPerKey = dsa ? decodePerKey : densePrefillPerKey;
  const indexerBytesPerTokenPerRank = layers * share * indexerKeyBytes(arch);
  const indexerFlopsPerKey = dsa ? 2 * layers * share * dsa.indexerHeads * dsa.indexerHeadDim : 0;

  const collective = defaultCollectiveEfficiency(chip.family);
  const nic = chip.scaleOut.chipGbps;
  const fabric = fabricOf(
    {
      ...chip,
      scaleUp: { ...chip.scaleUp, name: chip.scaleUp.name ?? chip.id },
      scaleOut: { chipGbps: nic },
    },
    collective,
  );

  return {
    arch,
    chip,
    config: pp > 1 ? { tp, dpAttention: dp, ep, pp } : { tp, dpAttention: dp, ep },
    precision,
    weightPrecision,
    kvBytesPerElement,
    eff,
    overlap: input.overlap ?? defaultOverlapMode(arch.moe !== null, ep, dp),
    hostOverlap: input.hostOverlap ?? (input.engine === undefined ? true : hostOverlapOf(input.engine, null)),
    graphMode,
    hostDispatchS: hostDispatchS(graphMode, chip.family, stageLayers),
    promptHostDispatchS: hostDispatchS(graphMode, chip.family, stageLayers, true),
    chunkPipeline: input.chunkPipeline ?? pipelinesPromptChunks(input.engine),
    stepTokens: input.stepTokens ?? engineStepTokens(input.engine, chip, ranksPerChip),
    ranks,
    stages: pp,
    stageLayers,
    ranksPerChip,
    chipsPerInstance: (ranks * pp) / ranksPerChip,
    hbmBps: ((chip.hbmTBps * BYTES_PER_TB) / ranksPerChip) * eff.decodeHbmFraction,
    gemmFlops:
      ((peakTflops * FLOPS_PER_TFLOPS) / ranksPerChip) *
      Math.min(1, eff.prefillMatmulFraction * gemmPeakScale(chip, precision)),
    attentionFlops: (bf16 / ranksPerChip) * eff.attentionFraction,
    // TensorRT-LLM loads the weights, then takes its fraction of what is free: the weights may fill the whole rank
    hbmBytesPerRank: rankHbmBytes,
    usableHbmBytes: rankHbmBytes * weightsMayFill(memoryBudget),
    kvPoolBytesPerRank: kvPoolBytes(memoryBudget, rankHbmBytes, weightBytesPerRank),
    weightBytesPerRank,
    denseReadBytesPerRank: (stageReadParams * bytesPerParam) / tp,
    denseFlopsPerToken:
      (2 * (counts.activeMatmul - inv.moeLayers * inv.topK * inv.expertLinear - headParams) * share) / tp,
    headFlopsPerToken: (2 * headParams) / tp,
    moeLayers: inv.moeLayers * share,
    numExperts: inv.numExperts,
    topK: inv.topK,
    expertBytes: expertParams * expertBytesPerParam,
    expertFlopsPerToken: 2 * inv.expertLinear,
    expertWeightBits: appliedExpertWeightBits(arch, input.expertWeightBits) ?? null,
    expertActivationBytesPerCopy: arch.moe
      ? expertActivationBytesPerCopy(arch.hiddenSize, inv.expertLinear, ranks / ep)
      : 0,
    kvBytesPerTokenPerRank,
    linearStateTokens:
      kvBytesPerTokenPerRank > 0 ? (linearStateBytes(arch) * share) / tp / kvBytesPerTokenPerRank : 0,
    indexerKeyShare: kvBytesPerTokenPerRank > 0 ? indexerBytesPerTokenPerRank / kvBytesPerTokenPerRank : 0,
    indexerBytesPerTokenPerRank,
    indexerFlopsPerKey,
    decodeAttnFlopsPerKey: decodePerKey,
    prefillAttnFlopsPerKey: prefillPerKey,
    tokensPerDecodeStep: 1 + drafts,
    acceptedPerStep: accept,
    draftShare,
    moeImbalance: inv.moeLayers > 0 && ep > 1 ? MOE_IMBALANCE : 1,
    kernelsPerPass: kernelsPerPass(arch, inv.denseLayers, inv.moeLayers) * share,
    fabric,
    domainRanks,
    kvAdmission: engineKvAdmission(input.engine),
    dispatchSwitch: engineDispatchSwitch(input.engine),
    advisories,
  };
}
