import type { ModelArch } from "../arch/index.ts";
import { type ChipFamily, chipFamilyOf, defaultRanksPerChip } from "../catalog/chips/index.ts";
import { FleetcastError } from "../errors.ts";
import type { ExportAdvisory } from "./export-advisory.ts";

/** Number format of the served weights (and activations where the engine supports it). */
export type ServePrecision = "bf16" | "fp8" | "int8" | "fp4";

/** The parallel shape and batch limit of one instance of a role. */
export interface ServeInstanceShape {
  tp: number;
  pp: number;
  /** Expert-parallel size; vLLM derives it as tp x dpAttention when expert parallelism is on, 1 = off. */
  ep: number;
  /** Data-parallel attention ranks (DeepSeek-style DP attention), 1 = off. */
  dpAttention: number;
  maxNumSeqs: number;
  /**
   * Micro-batches the plan split each step into (2: two-batch overlap hiding the expert all-to-all,
   * serve/overlap-mode.ts); absent or 1: none.
   */
  microBatches?: 1 | 2;
  /** This role's --max-model-len when it differs from the instance's (a prefill pool holds prompts only). */
  maxModelLen?: number;
}

/**
 * One serving instance as the serving model sizes it; the exporters turn it into engine command lines. Parallel
 * degrees count devices (HCCL/NCCL ranks): a 910C package is two. The shape fields are the colocated instance's, or
 * the decode instance's when disaggregated.
 */
export interface ServeInstanceConfig extends ServeInstanceShape {
  model: ModelArch & { hfName?: string };
  chipId: string;
  vendor: string;
  maxModelLen: number;
  precision: ServePrecision;
  /** Identical instances (or prefill/decode groups when disaggregated). */
  replicas: number;
  /**
   * Prefill/decode disaggregation: instances of each role per replica. The prefill instances take `prefill`'s
   * shape when given, else the same shape as decode.
   */
  disaggregation?: { prefillInstances: number; decodeInstances: number; prefill?: ServeInstanceShape };
  /** Chip packages in one server; default 8 (an HGX or Atlas 800 node). */
  chipsPerNode?: number;
  /** Devices (HCCL/NCCL ranks) per package; default 2 for the 910C's two dies, else 1. */
  ranksPerChip?: number;
  /**
   * Chips the serving plan gave each role before rounding to whole instances (fractional for a split pool sized per
   * chip); reported beside the instances written.
   */
  plannedChips?: Partial<Record<"both" | "prefill" | "decode", number>>;
}

/** What every serving exporter derives from an instance before writing flags. */
export interface ResolvedServeInstance {
  family: ChipFamily;
  /** Devices one instance occupies: tp x pp x dpAttention (vLLM's world size, data_parallel_deployment docs). */
  devicesPerInstance: number;
  /** Devices of one prefill instance when disaggregated (its own shape, or decode's). */
  prefillDevicesPerInstance: number | null;
  /** Devices (ranks) one node offers: chips per node x ranks per chip. */
  devicesPerNode: number;
  ranksPerChip: number;
  /** The model reference for `vllm serve`: the Hugging Face name, else a placeholder path. */
  modelRef: string;
  advisories: ExportAdvisory[];
}

/** An 8-accelerator server (NVIDIA HGX, Huawei Atlas 800): the node size when the caller gives none. */
const DEFAULT_CHIPS_PER_NODE = 8;

const isPositiveInt = (n: number) => Number.isInteger(n) && n >= 1;

/**
 * Validates an instance (and its prefill shape when disaggregated) for vLLM-family engines and derives its node
 * geometry. With --enable-expert-parallel "the EP size is automatically calculated" as TP x DP
 * (https://docs.vllm.ai/en/latest/serving/expert_parallel_deployment/), so any other ep is refused; a dense model
 * cannot have ep > 1.
 * @throws FleetcastError "Cannot export …: …" naming the field and value.
 */
export function resolveServeInstance(instance: ServeInstanceConfig): ResolvedServeInstance {
  for (const key of ["maxModelLen", "replicas"] as const) {
    if (!isPositiveInt(instance[key])) {
      throw new FleetcastError(
        `Cannot export serving instance: ${key} must be a positive integer, got ${instance[key]}`,
        key,
      );
    }
  }
  const model = instance.model;
  checkShape(instance, model, "");
  const d = instance.disaggregation;
  if (d && (!isPositiveInt(d.prefillInstances) || !isPositiveInt(d.decodeInstances))) {
    throw new FleetcastError(
      `Cannot export serving instance: disaggregation needs positive prefill and decode instance counts, got ${d.prefillInstances}/${d.decodeInstances}`,
      "disaggregation",
    );
  }
  if (d?.prefill) checkShape(d.prefill, model, "disaggregation.prefill.");
  const family = chipFamilyOf({
    id: instance.chipId,
    name: instance.chipId,
    vendor: instance.vendor,
    family: undefined,
  });
  const chipsPerNode = instance.chipsPerNode ?? DEFAULT_CHIPS_PER_NODE;
  const ranksPerChip = instance.ranksPerChip ?? defaultRanksPerChip(family);
  for (const [key, value] of [
    ["chipsPerNode", chipsPerNode],
    ["ranksPerChip", ranksPerChip],
  ] as const) {
    if (!isPositiveInt(value)) {
      throw new FleetcastError(
        `Cannot export serving instance: ${key} must be a positive integer, got ${value}`,
        key,
      );
    }
  }
  const advisories: ExportAdvisory[] = [];
  if (model.maxPositionEmbeddings !== null && instance.maxModelLen > model.maxPositionEmbeddings) {
    advisories.push({
      code: "max-model-len-over-config",
      message: `max_model_len ${instance.maxModelLen} exceeds the config's ${model.maxPositionEmbeddings} positions`,
      hint: "vLLM refuses it unless the model's RoPE scaling allows it; lower --max-model-len",
    });
  }
  if (!model.hfName) {
    advisories.push({
      code: "model-path-placeholder",
      message: `no Hugging Face name for ${model.name}`,
      hint: "replace the model argument of `vllm serve` with the checkpoint's name or path",
    });
  }
  const devicesOf = (s: ServeInstanceShape) => s.tp * s.pp * s.dpAttention;
  return {
    family,
    devicesPerInstance: devicesOf(instance),
    prefillDevicesPerInstance: d ? devicesOf(d.prefill ?? instance) : null,
    devicesPerNode: chipsPerNode * ranksPerChip,
    ranksPerChip,
    modelRef: model.hfName ?? `/models/${model.name.replaceAll(/[^A-Za-z0-9._-]+/g, "-")}`,
    advisories,
  };
}

// --- internal ---

/** Positive degrees, an ep vLLM would use, heads that split over tp; `prefix` names the field path in errors. */
function checkShape(shape: ServeInstanceShape, model: ModelArch, prefix: string): void {
  for (const key of ["tp", "pp", "ep", "dpAttention", "maxNumSeqs"] as const) {
    if (!isPositiveInt(shape[key])) {
      throw new FleetcastError(
        `Cannot export serving instance: ${prefix}${key} must be a positive integer, got ${shape[key]}`,
        `${prefix}${key}`,
      );
    }
  }
  if (shape.ep > 1) {
    if (!model.moe) {
      throw new FleetcastError(`Cannot export ep=${shape.ep}: ${model.name} has no experts`, `${prefix}ep`);
    }
    const derived = shape.tp * shape.dpAttention;
    if (shape.ep !== derived) {
      throw new FleetcastError(
        `Cannot export ep=${shape.ep} for vLLM: with expert parallelism vLLM sets the expert-parallel size to tp·dp_attention = ${derived}`,
        `${prefix}ep`,
      );
    }
  }
  if (model.numHeads % shape.tp !== 0) {
    throw new FleetcastError(
      `Cannot export tp=${shape.tp}: ${model.numHeads} attention heads do not split over it`,
      `${prefix}tp`,
    );
  }
}
