/**
 * Bodies for `POST /api/export/:engine` from a compared strategy: its training part (plan and chips) for
 * Megatron (NVIDIA/AMD) or MindSpeed (Ascend), its first serving part (instance layout) for vLLM or vLLM-Ascend.
 */
import type { Scenario } from "../../src/fleet/scenario-schema.ts";
import type { StrategyJson } from "./api-types.ts";

export interface ExportRequest {
  engine: "megatron" | "mindspeed" | "vllm" | "vllm-ascend";
  body: Record<string, unknown>;
  filename: string;
}

/** Ascend chips carry the "huawei-" prefix in the catalog (research/hardware.json ids). */
export function isAscend(chip: string): boolean {
  return chip.startsWith("huawei-");
}

/** The export requests a strategy supports: training when it has a plan, serving when it has an instance. */
export function exportRequests(strategy: StrategyJson, scenario: Scenario): ExportRequest[] {
  const out: ExportRequest[] = [];
  const train = strategy.training?.parts.find((p) => p.plan !== null);
  if (train?.plan) {
    const engine = isAscend(train.chip) ? "mindspeed" : "megatron";
    out.push({
      engine,
      filename: `fleetcast-${strategy.id}-${engine}.json`,
      body: {
        model: scenario.training.model,
        chip: train.chip,
        count: train.chips,
        seq_len: scenario.training.seq_len,
        global_batch_tokens: scenario.training.global_batch_tokens,
        precision: train.precision === "fp8" || train.precision === "fp16" ? train.precision : "bf16",
        plan: train.plan,
      },
    });
  }
  const serve = strategy.serving.parts.find((p) => p.instance !== null);
  if (serve?.instance) {
    const engine = isAscend(serve.chip) ? "vllm-ascend" : "vllm";
    const i = serve.instance;
    out.push({
      engine,
      filename: `fleetcast-${strategy.id}-${engine}.json`,
      body: {
        model: scenario.serving.model,
        chip: serve.chip,
        tp: i.tp,
        pp: i.pp ?? 1,
        ep: i.ep,
        dp_attention: i.dp_attention,
        max_num_seqs: Math.max(1, Math.round(i.batch)),
        max_model_len: scenario.serving.input_tokens + scenario.serving.output_tokens,
        precision: scenario.serving.precision,
        replicas: Math.max(1, Math.floor(serve.chips / Math.max(1, i.chips_per_instance))),
      },
    });
  }
  return out;
}
