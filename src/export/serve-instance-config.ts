import type { ModelArch } from "../arch/index.ts";
import { type ChipFamily, chipFamilyOf } from "../catalog/chips/index.ts";
import { FleetcastError } from "../errors.ts";
import type { ExportAdvisory } from "./export-advisory.ts";

/** Number format of the served weights (and activations where the engine supports it). */
export type ServePrecision = "bf16" | "fp8" | "int8" | "fp4";

/**
 * One serving instance as the serving model sizes it; the exporters turn it into engine command lines. Parallel
 * degrees count devices (HCCL/NCCL ranks): a 910C package is two.
 */
export interface ServeInstanceConfig {
  model: ModelArch & { hfName?: string };
  chipId: string;
  vendor: string;
  tp: number;
  pp: number;
  /** Expert-parallel size; vLLM derives it as tp x dpAttention when expert parallelism is on, 1 = off. */
  ep: number;
  /** Data-parallel attention ranks (DeepSeek-style DP attention), 1 = off. */
  dpAttention: number;
  maxNumSeqs: number;
  maxModelLen: number;
  precision: ServePrecision;
  /** Identical instances (or prefill/decode groups when disaggregated). */
  replicas: number;
  /** Prefill/decode disaggregation: instances of each role per replica, with the same parallel shape. */
  disaggregation?: { prefillInstances: number; decodeInstances: number };
}

/** What every serving exporter derives from an instance before writing flags. */
export interface ResolvedServeInstance {
  family: ChipFamily;
  /** Devices one instance occupies: tp x pp x dpAttention (vLLM's world size, data_parallel_deployment docs). */
  devicesPerInstance: number;
  /** The model reference for `vllm serve`: the Hugging Face name, else a placeholder path. */
  modelRef: string;
  advisories: ExportAdvisory[];
}

const isPositiveInt = (n: number) => Number.isInteger(n) && n >= 1;

/**
 * Validates an instance for vLLM-family engines. With --enable-expert-parallel "the EP size is automatically
 * calculated" as TP x DP (https://docs.vllm.ai/en/latest/serving/expert_parallel_deployment/), so any other ep is
 * refused; a dense model cannot have ep > 1.
 * @throws FleetcastError "Cannot export …: …" naming the field and value.
 */
export function resolveServeInstance(instance: ServeInstanceConfig): ResolvedServeInstance {
  for (const key of ["tp", "pp", "ep", "dpAttention", "maxNumSeqs", "maxModelLen", "replicas"] as const) {
    if (!isPositiveInt(instance[key])) {
      throw new FleetcastError(
        `Cannot export serving instance: ${key} must be a positive integer, got ${instance[key]}`,
        key,
      );
    }
  }
  const d = instance.disaggregation;
  if (d && (!isPositiveInt(d.prefillInstances) || !isPositiveInt(d.decodeInstances))) {
    throw new FleetcastError(
      `Cannot export serving instance: disaggregation needs positive prefill and decode instance counts, got ${d.prefillInstances}/${d.decodeInstances}`,
      "disaggregation",
    );
  }
  const model = instance.model;
  if (instance.ep > 1) {
    if (!model.moe) {
      throw new FleetcastError(`Cannot export ep=${instance.ep}: ${model.name} has no experts`, "ep");
    }
    const derived = instance.tp * instance.dpAttention;
    if (instance.ep !== derived) {
      throw new FleetcastError(
        `Cannot export ep=${instance.ep} for vLLM: with expert parallelism vLLM sets the expert-parallel size to tp·dp_attention = ${derived}`,
        "ep",
      );
    }
  }
  if (model.numHeads % instance.tp !== 0) {
    throw new FleetcastError(
      `Cannot export tp=${instance.tp}: ${model.numHeads} attention heads do not split over it`,
      "tp",
    );
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
  return {
    family: chipFamilyOf({
      id: instance.chipId,
      name: instance.chipId,
      vendor: instance.vendor,
      family: undefined,
    }),
    devicesPerInstance: instance.tp * instance.pp * instance.dpAttention,
    modelRef: model.hfName ?? `/models/${model.name.replaceAll(/[^A-Za-z0-9._-]+/g, "-")}`,
    advisories,
  };
}
