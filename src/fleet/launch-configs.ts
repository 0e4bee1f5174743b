import type { ChipCatalog } from "../catalog/chips/index.ts";
import { findBuiltinModel, resolveModel } from "../catalog/models/index.ts";
import { FleetcastError } from "../errors.ts";
import {
  megatronLaunch,
  mindspeedLaunch,
  type ServeInstanceConfig,
  type ServeLaunch,
  type TrainLaunch,
  vllmAscendServeLaunch,
  vllmServeLaunch,
} from "../export/index.ts";
import type { Comparison } from "./compare-strategies.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { StrategyId, StrategyResult } from "./strategy-result.ts";

export type LaunchEngine = "megatron" | "mindspeed" | "vllm" | "vllm-ascend";

/** The strategy whose plans are exported: the one asked for, else the recommended one. */
export function strategyFor(comparison: Comparison, id?: StrategyId): StrategyResult {
  const wanted = id ?? comparison.recommended;
  const found = wanted ? comparison.strategies.find((s) => s.id === wanted) : undefined;
  if (!found) {
    throw new FleetcastError(
      id
        ? `Cannot export strategy '${id}': not among ${comparison.strategies.map((s) => s.id).join(", ")}`
        : "Cannot export: no strategy is feasible for this scenario (name a strategy to export one anyway)",
    );
  }
  return found;
}

/** The training launch of a strategy's first training part, on the engine its chips run. */
export function trainingLaunch(
  scenario: Scenario,
  strategy: StrategyResult,
  chips: ChipCatalog,
  engine?: "megatron" | "mindspeed",
): TrainLaunch {
  const part = strategy.training?.parts.find((p) => p.plan !== null);
  if (!part?.plan)
    throw new FleetcastError(`Cannot export training for '${strategy.id}': it has no training plan`);
  const chip = chips.get(part.chip);
  const ascend = chip.family.startsWith("ascend");
  const chosen = engine ?? (ascend ? "mindspeed" : "megatron");
  if (chosen === "mindspeed" && !ascend) {
    throw new FleetcastError(
      `Cannot export mindspeed for '${strategy.id}': it trains on ${chip.id}, not on Ascend (use megatron, or --strategy all-ascend)`,
    );
  }
  if (chosen === "megatron" && ascend) {
    throw new FleetcastError(
      `Cannot export megatron for '${strategy.id}': it trains on ${chip.id} (use mindspeed, or --strategy all-nvidia)`,
    );
  }
  const precision = ascend && scenario.training.precision === "fp8" ? "bf16" : scenario.training.precision;
  const job = {
    arch: resolveModel(scenario.training.model).arch,
    seqLen: scenario.training.seq_len,
    globalBatchTokens: scenario.training.global_batch_tokens,
    precision,
    chip,
    count: part.chips,
  } as const;
  return chosen === "mindspeed" ? mindspeedLaunch(job, part.plan) : megatronLaunch(job, part.plan);
}

/** The serving launch of a strategy's first serving part, for vLLM or vLLM-Ascend as its chips require. */
export function servingLaunch(
  scenario: Scenario,
  strategy: StrategyResult,
  chips: ChipCatalog,
  engine?: "vllm" | "vllm-ascend",
): ServeLaunch {
  const part = strategy.serving.parts.find((p) => p.instance !== null);
  if (!part?.instance)
    throw new FleetcastError(`Cannot export serving for '${strategy.id}': it serves on no instance`);
  const chip = chips.get(part.chip);
  const ascend = chip.family.startsWith("ascend");
  const chosen = engine ?? (ascend ? "vllm-ascend" : "vllm");
  if ((chosen === "vllm-ascend") !== ascend) {
    throw new FleetcastError(
      `Cannot export ${chosen} for '${strategy.id}': it serves on ${chip.id} (use ${ascend ? "vllm-ascend, or --strategy all-nvidia" : "vllm, or --strategy all-ascend"})`,
    );
  }
  const inst = part.instance;
  const precision = scenario.serving.precision;
  // The Hugging Face repository name, when the catalog knows it (an alias with an owner, "deepseek-ai/DeepSeek-V3").
  const hfName = findBuiltinModel(scenario.serving.model)?.aliases.find((a) => a.includes("/"));
  const config: ServeInstanceConfig = {
    model: { ...resolveModel(scenario.serving.model).arch, ...(hfName ? { hfName } : {}) },
    chipId: chip.id,
    vendor: chip.vendor,
    tp: inst.tp,
    pp: 1,
    ep: inst.ep > 1 ? inst.tp * inst.dpAttention : 1,
    dpAttention: inst.dpAttention,
    maxNumSeqs: Math.max(1, Math.round(inst.batch)),
    maxModelLen: scenario.serving.input_tokens + scenario.serving.output_tokens,
    precision: ascend && precision === "fp8" ? "int8" : precision,
    replicas: Math.max(1, Math.round(part.chips / Math.max(1, inst.chipsPerInstance))),
  };
  return chosen === "vllm-ascend" ? vllmAscendServeLaunch(config) : vllmServeLaunch(config);
}
