import { type ChipCatalog, defaultChipsPerNode } from "../catalog/chips/index.ts";
import { huggingFaceName, resolveModel } from "../catalog/models/index.ts";
import { defaultStackFor, stackForSoftwareText } from "../catalog/stacks/index.ts";
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

/**
 * The serving launch of a strategy's serving part, for vLLM or vLLM-Ascend as its chips require: the first part the
 * engine runs on when one is named (a split serving on H20 and 910C exports its 910C pool for vLLM-Ascend), else the
 * first part.
 */
export function servingLaunch(
  scenario: Scenario,
  strategy: StrategyResult,
  chips: ChipCatalog,
  engine?: "vllm" | "vllm-ascend",
): ServeLaunch {
  const parts = strategy.serving.parts.filter((p) => p.instance !== null);
  const isAscend = (p: (typeof parts)[number]) => chips.get(p.chip).family.startsWith("ascend");
  const part =
    engine === undefined ? parts[0] : parts.find((p) => isAscend(p) === (engine === "vllm-ascend"));
  if (parts.length === 0 || !parts[0]?.instance)
    throw new FleetcastError(`Cannot export serving for '${strategy.id}': it serves on no instance`);
  if (!part?.instance) {
    const served = [...new Set(parts.map((p) => p.chip))].join(", ");
    const ascendServed = parts.some(isAscend);
    throw new FleetcastError(
      `Cannot export ${engine} for '${strategy.id}': it serves on ${served} (use ${ascendServed ? "vllm-ascend, or --strategy all-nvidia" : "vllm, or --strategy all-ascend"})`,
    );
  }
  const chip = chips.get(part.chip);
  const ascend = chip.family.startsWith("ascend");
  const chosen = engine ?? (ascend ? "vllm-ascend" : "vllm");
  const inst = part.instance;
  const pre = part.mode === "disaggregated" ? part.prefillInstance : null;
  // The Hugging Face repository name, when the catalog knows it ("deepseek-ai/DeepSeek-V3").
  const hfName = huggingFaceName(scenario.serving.model);
  const arch = resolveModel(scenario.serving.model).arch;
  const context = arch.maxPositionEmbeddings;
  const shapeOf = (i: typeof inst) => ({
    tp: i.tp,
    pp: i.pp ?? 1,
    ep: i.ep > 1 ? i.tp * i.dpAttention : 1,
    dpAttention: i.dpAttention,
    maxNumSeqs: Math.max(1, Math.round(i.batch)),
    microBatches: i.stepMs.microBatches,
  });
  // The fleet sizes every part in whole instances (whole-instance-take.ts): the launch writes them as planned.
  const counts = part.instances;
  const prefillInstances = "prefill" in counts ? counts.prefill : 0;
  const decodeInstances = "decode" in counts ? counts.decode : 0;
  const replicas = "colocated" in counts ? counts.colocated : 0;
  const config: ServeInstanceConfig = {
    model: { ...arch, ...(hfName ? { hfName } : {}) },
    chipId: chip.id,
    vendor: chip.vendor,
    ...shapeOf(inst),
    maxModelLen: maxModelLenFor(context, inst.kvCapacityTokens),
    // as the part was priced (Ascend serves FP8 as INT8 W8A8)
    precision: part.precision,
    // Servers of min(8, scale-up domain) chips, as the training export and the fleet's reliability model assume
    // (plan-training.ts, _fleet-context.ts); a 910C package is two devices (ranksPerChip).
    chipsPerNode: defaultChipsPerNode(chip),
    ranksPerChip: chip.ranksPerChip,
    ...(pre
      ? {
          replicas: 1,
          // a prefill instance holds prompts only, in its own pool
          disaggregation: {
            prefillInstances,
            decodeInstances,
            prefill: { ...shapeOf(pre), maxModelLen: maxModelLenFor(context, pre.kvCapacityTokens) },
          },
          plannedChips: {
            prefill: prefillInstances * pre.chipsPerInstance,
            decode: decodeInstances * inst.chipsPerInstance,
          },
        }
      : { replicas, plannedChips: { both: replicas * inst.chipsPerInstance } }),
  };
  const launch = chosen === "vllm-ascend" ? vllmAscendServeLaunch(config) : vllmServeLaunch(config);
  const meanRequest = scenario.serving.input_tokens + scenario.serving.output_tokens;
  const short = [
    config.maxModelLen < meanRequest
      ? `${pre ? "decode" : "colocated"} (${config.maxModelLen} < ${meanRequest} mean prompt + answer)`
      : null,
    config.disaggregation?.prefill?.maxModelLen !== undefined &&
    config.disaggregation.prefill.maxModelLen < scenario.serving.input_tokens
      ? `prefill (${config.disaggregation.prefill.maxModelLen} < ${scenario.serving.input_tokens} mean prompt)`
      : null,
  ].filter((x) => x !== null);
  if (short.length > 0) {
    launch.advisories.push({
      code: "kv-pool-below-request",
      message: `--max-model-len is bounded by what the instance's KV pool holds (90 % of it) or the model's context, less than a mean request: ${short.join(", ")}`,
      hint: "serve on larger instances (more chips per instance) or at a lower precision",
    });
  }
  // the plan's rates are its serving stack's: a launch for another engine serves at that engine's own
  const spec = scenario.pools.find((p) => p.name === part.pool);
  const planned = spec?.serve_stack ?? defaultStackFor(chip.family, "serve");
  // the launched engine as a stack of this family (vLLM on an MI300X is rocm-vllm)
  const launched = stackForSoftwareText(chosen, chip.family, "serve");
  if (planned !== launched) {
    launch.advisories.push({
      code: "engine-differs-from-plan",
      message: `the plan sized ${part.pool} at ${planned}'s calibrated rates; this launch runs ${chosen}, which fleetcast rates on its own prior and fit: expect a different throughput than planned`,
      hint: `compare the two with \`fleetcast serve plan --chip ${chip.id} --engine ${launched}\`, or set serve_stack: ${launched} in the scenario to plan with it`,
    });
  }
  const allocation = strategy.allocation.find((a) => a.pool === part.pool);
  if (allocation && launch.chips > allocation.serve + allocation.idle) {
    launch.advisories.push({
      code: "instances-exceed-pool",
      message: `${launch.chips.toLocaleString("en-US")} chips of whole instances exceed the ${(allocation.serve + allocation.idle).toLocaleString("en-US")} ${part.pool} has for serving`,
      hint: "add chips to the pool, or launch fewer instances and carry less than the planned demand",
    });
  }
  const others = strategy.serving.parts.filter((p) => p !== part && p.chips > 0);
  if (others.length > 0) {
    launch.advisories.push({
      code: "serving-parts-not-exported",
      message: `this launch covers ${part.pool} (${part.chips.toLocaleString("en-US")} chips); the plan also serves on ${others.map((p) => `${p.pool} (${p.chips.toLocaleString("en-US")} chips)`).join(", ")}`,
      hint: "their layouts are in `compare --json` (serving.parts); write their commands with POST /api/export/vllm or /vllm-ascend",
    });
  }
  return launch;
}

/**
 * vLLM's --max-model-len for one role's instances: the longest request it accepts (longer prompts are refused,
 * answers cut at it), so not the scenario's mean lengths (half of real traffic is longer than a mean). The model's
 * context (vLLM's own default), bounded by what the instance's KV pool holds, since vLLM refuses to start when one
 * sequence of max_model_len does not fit its KV cache: 90 % of fleetcast's estimate of the pool (vLLM sizes it by
 * profiling, which this estimate only approximates; a choice), in whole 16-token blocks (vLLM's default block size).
 */
export function maxModelLenFor(contextTokens: number | null, kvCapacityTokens: number): number {
  const pool = Math.floor((0.9 * kvCapacityTokens) / 16) * 16;
  return Math.max(1, Math.min(contextTokens ?? Number.POSITIVE_INFINITY, pool));
}
