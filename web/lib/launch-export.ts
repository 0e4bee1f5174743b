/**
 * Bodies for `POST /api/export/:engine` from a compared strategy: its training part (plan and chips) for
 * Megatron (NVIDIA/AMD) or MindSpeed (Ascend), its first serving part (instance layout) for vLLM or vLLM-Ascend.
 */
import type { Scenario } from "../../src/fleet/scenario-schema.ts";
import { postJson } from "./api.ts";
import type { Advisory, ServePlanJson, StrategyJson } from "./api-types.ts";

export interface ExportRequest {
  engine: "megatron" | "mindspeed" | "vllm" | "vllm-ascend";
  /** The serving part (pool name) a serving request launches; absent for training. */
  part?: string;
  body: Record<string, unknown>;
  filename: string;
}

/**
 * The launch config an export body gives, as a file to download: the engine's answer as JSON, and its advisories as
 * the download's notes (review 19: "DualPipe is not a Megatron-LM schedule, exported as 1F1B" was in the file only).
 */
export async function exportFile(
  engine: ExportRequest["engine"],
  body: Record<string, unknown>,
  filename: string,
): Promise<{ filename: string; type: string; text: string; notes: string[] }> {
  const answer = await postJson<{ advisories?: Advisory[] }>(`/api/export/${engine}`, body);
  return {
    filename,
    type: "application/json",
    text: JSON.stringify(answer, null, 2),
    notes: answer.advisories?.map((a) => a.message) ?? [],
  };
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
        // the stack the plan was costed with: a schedule the engine cannot run (DualPipe on Megatron-LM) is then
        // costed on the one it runs (src/server/export-body.ts)
        ...(train.stack_id ? { stack: train.stack_id } : {}),
      },
    });
  }
  // every serving part, as its pools run (review 19: only the first part was offered, and a split part was written
  // as colocated instances)
  for (const serve of strategy.serving.parts) {
    const i = serve.instance;
    if (!i) continue;
    const engine = isAscend(serve.chip) ? "vllm-ascend" : "vllm";
    const p = serve.prefill_instance;
    const n = serve.instances;
    const split =
      serve.mode === "disaggregated" && p && n?.prefill && n.decode
        ? splitBody(shape(i), shape(p), n.prefill, n.decode, scenario.serving.input_tokens)
        : null;
    out.push({
      engine,
      part: serve.pool,
      filename: `fleetcast-${strategy.id}-${engine}-${serve.pool}.json`,
      body: {
        model: scenario.serving.model,
        chip: serve.chip,
        max_model_len: scenario.serving.input_tokens + scenario.serving.output_tokens,
        // as the part was priced: Ascend serves the scenario's FP8 as INT8 W8A8, which its export refuses as FP8
        // (review 35: the default view's vllm-ascend button answered 422)
        precision: serve.precision ?? scenario.serving.precision,
        ...(split ?? {
          ...shape(i),
          replicas: n?.colocated ?? Math.max(1, Math.floor(serve.chips / Math.max(1, i.chips_per_instance))),
        }),
      },
    });
  }
  return out;
}

/** The layout fields of a planned instance or a sized pool, with its batch. */
interface Layout {
  tp: number;
  pp?: number | undefined;
  ep: number;
  dp_attention: number;
  batch?: number | undefined;
}

/** A layout as the export takes it; the batch (the pool's, else its planned instance's) is the engine's max_num_seqs. */
function shape(l: Layout, batchOf?: { batch: number } | undefined) {
  return {
    tp: l.tp,
    pp: l.pp ?? 1,
    ep: l.ep,
    dp_attention: l.dp_attention,
    max_num_seqs: Math.max(1, Math.round(l.batch ?? batchOf?.batch ?? 1)),
  };
}

/**
 * Split prefill and decode pools as one export: the decode layout launched once, with the pools' instance counts
 * and the prefill layout under `disaggregation` (a prefill pool holds prompts only: `inputTokens` long).
 */
function splitBody(
  decode: ReturnType<typeof shape>,
  prefill: ReturnType<typeof shape>,
  prefillInstances: number,
  decodeInstances: number,
  inputTokens: number,
) {
  return {
    ...decode,
    replicas: 1,
    disaggregation: {
      prefill_instances: prefillInstances,
      decode_instances: decodeInstances,
      prefill: { ...prefill, max_model_len: inputTokens },
    },
  };
}

/**
 * The `POST /api/export/vllm|vllm-ascend` body that launches what a serving plan sized: its pools' layouts and
 * instance counts (split prefill and decode pools, each with its own layout; or the colocated instances as
 * replicas); without a demand, one colocated instance, else one prefill and one decode instance. Review 19: the
 * Serving view exported the decode layout as one colocated instance whatever the plan said.
 */
export function servePlanExportBody(
  plan: ServePlanJson,
  job: {
    model: string;
    chip: string;
    inputTokens: number;
    outputTokens: number;
    precision?: string | undefined;
  },
): Record<string, unknown> | null {
  const base = {
    model: job.model,
    chip: job.chip,
    max_model_len: job.inputTokens + job.outputTokens,
    ...(job.precision ? { precision: job.precision } : {}),
  };
  const pools = plan.capacity?.pools ?? [];
  const prefill = pools.find((p) => p.role === "prefill");
  const decode = pools.find((p) => p.role === "decode");
  const colocated = pools.find((p) => p.role === "colocated");
  if (prefill && decode) {
    return {
      ...base,
      ...splitBody(
        shape(decode, plan.disaggregated?.decode),
        shape(prefill, plan.disaggregated?.prefill),
        prefill.instances,
        decode.instances,
        job.inputTokens,
      ),
    };
  }
  if (colocated)
    return { ...base, ...shape(colocated, plan.colocated ?? undefined), replicas: colocated.instances };
  if (plan.colocated) return { ...base, ...shape(plan.colocated), replicas: 1 };
  const d = plan.disaggregated;
  if (d) {
    return { ...base, ...splitBody(shape(d.decode), shape(d.prefill), 1, 1, job.inputTokens) };
  }
  return null;
}
