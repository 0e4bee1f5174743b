import { useMemo } from "preact/hooks";
import { type StepTimeRow, stepTimeChart, throughputTpotChart } from "../../src/charts/index.ts";
import { defaultScenario } from "../../src/fleet/default-scenario.ts";
import { MOE_DEFAULT_INSTANCE_CHIPS } from "../../src/serve/moe-default-instance-chips.ts";
import { postJson } from "../lib/api.ts";
import type { CapacityPoolJson, InstanceJson, ServePlanJson } from "../lib/api-types.ts";
import { type FieldSpec, fieldErrors, fieldStatus, numberOf, valuesOf } from "../lib/fields.ts";
import { num } from "../lib/format.ts";
import { GRAPH_MODE_FIELD, graphModeBody } from "../lib/graph-mode-field.ts";
import { exportFile, isAscend, servePlanExportBody } from "../lib/launch-export.ts";
import { subParams, withSubParams } from "../lib/url-state.ts";
import { useAsync } from "../lib/use-async.ts";
import { Advisories } from "./Advisories.tsx";
import { DownloadButton } from "./DownloadButton.tsx";
import type { ViewProps } from "./FleetView.tsx";
import { Inputs } from "./Inputs.tsx";
import { PlotFigure } from "./PlotFigure.tsx";
import { DEFAULT_LOAD, type PlannedReplica, SimulationPanel } from "./SimulationPanel.tsx";
import { Status } from "./Status.tsx";

const story = defaultScenario().serving;

/** Defaults: DeepSeek's published production day (src/fleet/default-scenario.ts, Day 6 statistics) on H800. */
export const SERVING_FIELDS: readonly FieldSpec[] = [
  { key: "model", label: "model", kind: "text", suggest: "model", default: story.model },
  { key: "chip", label: "chip", kind: "text", suggest: "chip", default: "nvidia-h800-sxm" },
  {
    key: "input_tokens",
    label: "input",
    unit: "tokens",
    default: String(story.input_tokens),
    min: 1,
    step: 1,
  },
  {
    key: "output_tokens",
    label: "output",
    unit: "tokens",
    default: String(story.output_tokens),
    min: 1,
    step: 1,
  },
  { key: "ttft_ms", label: "TTFT limit", unit: "ms", default: String(story.ttft_ms), min: 1, step: "any" },
  { key: "tpot_ms", label: "TPOT limit", unit: "ms", default: String(story.tpot_ms), min: 1, step: "any" },
  {
    key: "count",
    label: "chips per instance (max)",
    // empty: serve plan's own default (review 19: a fixed 32, DeepSeek's H800 prefill unit, sized 910C pools 3x
    // what the fleet view's supernode instances need)
    default: "",
    min: 1,
    step: 1,
    optional: true,
    // the number from its own module (no imports): plan-serve.ts would pull the serving model into the bundle
    help: `empty: one scale-up domain, or whole domains up to ${MOE_DEFAULT_INSTANCE_CHIPS} chips for a mixture of experts (DeepSeek's prefill unit: 32 H800, Day 6)`,
  },
  {
    key: "stack",
    label: "engine",
    kind: "text",
    default: "",
    help: "empty: the chip's usual engine (vllm on NVIDIA and AMD, vllm-ascend on Ascend); sglang, tensorrt-llm, mindie, ...",
  },
  {
    key: "precision",
    label: "precision",
    kind: "select",
    options: ["bf16", "fp8", "int8", "fp4"],
    default: story.precision,
  },
  {
    key: "expert_weight_bits",
    label: "routed experts",
    kind: "select",
    options: ["at precision", "4-bit"],
    default: "at precision",
    help: "4-bit: a W4A8 checkpoint of a mixture of experts (4-bit routed experts under INT8 GEMMs); a dense model ignores it",
  },
  GRAPH_MODE_FIELD,
  {
    key: "cache_hit_rate",
    label: "prefix-cache hits",
    default: String(story.cache_hit_rate),
    min: 0,
    max: 0.99,
    step: 0.01,
  },
  {
    key: "length_distribution",
    label: "lengths at load",
    kind: "select",
    options: ["uniform", "exponential"],
    default: "uniform",
    help: "exponential: long-tailed chat lengths with these means when the pools are simulated at the demand (the layouts are priced at the means)",
  },
  {
    key: "tokens_per_day_b",
    label: "demand",
    unit: "B tokens/day",
    default: String((story.demand_tokens_per_day ?? 0) / 1e9),
    min: 0.001,
    step: "any",
    path: "demand.tokens_per_day",
  },
  {
    key: "peak_to_mean",
    label: "peak / mean",
    default: String(story.peak_to_mean),
    min: 1,
    max: 100,
    step: "any",
    path: "demand.peak_to_mean",
    help: "the busiest hour's rate over the day's mean: pools are sized for the peak (DeepSeek: 278 nodes at peak, 226.75 on average, Day 6)",
  },
  {
    key: "usd_per_chip_hour",
    label: "price",
    unit: "USD/chip-hour",
    default: "",
    min: 0.001,
    step: "any",
    optional: true,
    // review 35: the plan's advice asked for a price the view had no field for
    help: "empty: the catalog's cloud price range, else the purchase price amortised; give your own for the cost per million tokens",
  },
];

/** The simulation panel's edits in this view's params (`#/serving?sim_requests=1234`). */
const SIM_PREFIX = "sim_";

/** TPOT limits of the throughput curve, ms (20-150: interactive chat to batch-like). */
const TPOT_SWEEP_MS = [20, 30, 40, 50, 75, 100, 150];

/** The request body of POST /api/serve/plan for the values (TPOT limit overridable). */
export function serveBody(values: Record<string, string>, tpotMs?: number) {
  const demand = numberOf(values, "tokens_per_day_b");
  const peakToMean = numberOf(values, "peak_to_mean");
  return {
    model: values["model"] ?? "",
    chip: values["chip"] ?? "",
    input_tokens: numberOf(values, "input_tokens"),
    output_tokens: numberOf(values, "output_tokens"),
    ttft_ms: numberOf(values, "ttft_ms") ?? undefined,
    tpot_ms: tpotMs ?? numberOf(values, "tpot_ms") ?? undefined,
    count: numberOf(values, "count") ?? undefined,
    ...(values["stack"] ? { stack: values["stack"] } : {}),
    precision: values["precision"],
    ...(values["expert_weight_bits"] === "4-bit" ? { expert_weight_bits: 4 } : {}),
    ...graphModeBody(values),
    cache_hit_rate: numberOf(values, "cache_hit_rate") ?? 0,
    ...(numberOf(values, "usd_per_chip_hour") === null
      ? {}
      : { usd_per_chip_hour: numberOf(values, "usd_per_chip_hour") }),
    ...(values["length_distribution"] === "exponential" ? { length_distribution: "exponential" } : {}),
    ...(demand === null
      ? {}
      : {
          demand: {
            tokens_per_day: demand * 1e9,
            ...(peakToMean === null ? {} : { peak_to_mean: peakToMean }),
          },
        }),
  };
}

function layout(i: InstanceJson): string {
  return `TP${i.tp}${i.dp_attention > 1 ? ` DPa${i.dp_attention}` : ""}${(i.pp ?? 1) > 1 ? ` PP${i.pp}` : ""}${i.ep > 1 ? ` EP${i.ep}` : ""} batch ${num(i.batch)}`;
}

/** One step-time row per planned pool: colocated (when one meets the limits), then prefill and decode. */
export function stepRows(plan: ServePlanJson): StepTimeRow[] {
  const pools: [string, InstanceJson | null | undefined][] = [
    ["colocated", plan.colocated],
    ["prefill", plan.disaggregated?.prefill],
    ["decode", plan.disaggregated?.decode],
  ];
  return pools.flatMap(([pool, i]) => {
    const s = i?.step_ms;
    return s
      ? [
          {
            pool,
            dense: s.dense,
            experts: s.experts,
            attention: s.attention,
            kernelLaunches: s.kernel_launches,
            communication: s.communication,
            overhead: s.overhead,
            total: s.total,
            microBatches: s.micro_batches,
          },
        ]
      : [];
  });
}

/**
 * The colocated replica the plan chose, for the simulation panel: the pool a demand was sized with when the plan
 * is colocated (its layout and one replica's share of the demand, as simulated at load), else the best colocated
 * layout without a rate. Null when no colocated layout meets the limits.
 */
export function plannedReplica(plan: ServePlanJson, outputTokens?: number | null): PlannedReplica | null {
  const pool =
    plan.capacity?.mode === "colocated"
      ? plan.capacity.pools?.find((p) => p.role === "colocated")
      : undefined;
  const best = plan.colocated;
  const layoutOf = (i: { tp: number; ep: number; dp_attention: number; pp?: number }) => ({
    tp: i.tp,
    ep: i.ep,
    dpAttention: i.dp_attention,
    pp: i.pp ?? 1,
  });
  if (pool) {
    const same = best !== null && JSON.stringify(layoutOf(best)) === JSON.stringify(layoutOf(pool));
    return {
      ...layoutOf(pool),
      maxBatch: pool.batch ?? (same ? best.batch : null),
      stack: plan.stack,
      ratePerS: plan.capacity?.at_load?.split ? null : (plan.capacity?.at_load?.rate_per_s ?? null),
      sized: true,
    };
  }
  if (!best) return null;
  // no demand's share for this layout: a rate its DP rank carries at DEFAULT_LOAD of its planned output rate
  const perRankTokensPerS =
    (best.tokens_per_s_per_chip * best.chips_per_instance) / Math.max(1, best.dp_attention);
  const loadedRatePerS =
    outputTokens && outputTokens > 0 && perRankTokensPerS > 0
      ? (DEFAULT_LOAD * perRankTokensPerS) / outputTokens
      : null;
  return {
    ...layoutOf(best),
    maxBatch: best.batch,
    stack: plan.stack,
    ratePerS: null,
    sized: false,
    loadedRatePerS,
  };
}

/** The pools a demand is sized with, in whole instances: "1 prefill instance of 128 chips (98 % loaded) + ...". */
export function poolsText(pools: readonly CapacityPoolJson[] | undefined): string {
  if (!pools || pools.length === 0) return "";
  const parts = pools.map(
    (p) =>
      `${num(p.instances)} ${p.role} instance${p.instances === 1 ? "" : "s"} of ${num(p.chips_per_instance)} chip${p.chips_per_instance === 1 ? "" : "s"} ` +
      `(TP ${p.tp} x DP ${p.dp_attention}${(p.pp ?? 1) > 1 ? ` x PP ${p.pp}` : ""}, EP ${p.ep}; ${num(p.load * 100, 3)} % loaded)`,
  );
  return `${parts.join(" + ")}.`;
}

/**
 * Serving: the best instance layout under the latency limits (POST /api/serve/plan), the chips the demand needs,
 * throughput per chip against TPOT (the layouts tried, and the best at seven TPOT limits), and where one engine
 * step's time goes in each planned pool; below, one replica simulated on demand (SimulationPanel, with this view's
 * model, chip, precision and request lengths).
 */
export function ServingView({ params, onParams }: ViewProps) {
  const values = valuesOf(SERVING_FIELDS, params);
  const body = serveBody(values);
  // a value out of its field's range is refused here, under its input, and nothing is sent (review 19 C9)
  const local = fieldErrors(SERVING_FIELDS, values);
  const key = Object.keys(local).length === 0 ? JSON.stringify(body) : null;
  const plan = useAsync(key, (signal) => postJson<ServePlanJson>("/api/serve/plan", body, signal));
  const status = fieldStatus(SERVING_FIELDS, local, plan, "planned", { values });
  // the job the shown plan was planned for: while a new plan runs, the form is ahead of it
  const answered = useMemo(
    () => (plan.dataKey === null ? null : (JSON.parse(plan.dataKey) as ReturnType<typeof serveBody>)),
    [plan.dataKey],
  );
  // the sweep follows the plan's answer: keyed on the body the plan answered, so an edit the plan refuses sends
  // no seven more requests (review 19 C8); and without the demand (JSON drops it), so a new demand does not
  // re-plan the seven limits
  const layoutsKey = answered === null ? null : JSON.stringify({ ...answered, demand: undefined });
  const sweep = useAsync(layoutsKey === null ? null : `${layoutsKey}|sweep`, (signal) => {
    const layouts = JSON.parse(layoutsKey!) as Omit<ReturnType<typeof serveBody>, "demand">;
    return Promise.all(
      TPOT_SWEEP_MS.map(async (t) => {
        try {
          // layouts only: the sweep leaves the demand (and its simulations at load) out
          const r = await postJson<ServePlanJson>("/api/serve/plan", { ...layouts, tpot_ms: t }, signal);
          const best = r.disaggregated?.decode ?? r.colocated;
          return best
            ? {
                label: `best at ≤${t} ms`,
                tpotMs: best.tpot_ms,
                outputTokensPerSPerChip: best.tokens_per_s_per_chip,
              }
            : null;
        } catch (e) {
          if (signal.aborted) throw e;
          return null;
        }
      }),
    );
  });
  const r = plan.data;
  const chart = useMemo(() => {
    if (!r) return null;
    const chosen = r.disaggregated?.decode ?? r.colocated;
    const points = [
      ...r.alternatives.map((i) => ({
        label: layout(i),
        tpotMs: i.tpot_ms,
        outputTokensPerSPerChip: i.tokens_per_s_per_chip,
      })),
      ...(sweep.data ?? []).filter((p) => p !== null),
      ...(chosen
        ? [
            {
              label: `chosen: ${layout(chosen)}`,
              tpotMs: chosen.tpot_ms,
              outputTokensPerSPerChip: chosen.tokens_per_s_per_chip,
              chosen: true,
            },
          ]
        : []),
    ];
    // a layout without a TPOT (a prefill pool's: null since review 34) has no point on a TPOT axis
    const plotted = points.filter((p): p is typeof p & { tpotMs: number } => p.tpotMs !== null);
    return throughputTpotChart(plotted, { tpotLimitMs: numberOf(values, "tpot_ms") });
  }, [r, sweep.data]);
  const steps = useMemo(() => {
    const rows = r ? stepRows(r) : [];
    return rows.length > 0 ? stepTimeChart(rows) : null;
  }, [r]);
  // what the plan sized, pools and counts (review 19: the decode layout alone was exported as one colocated instance)
  const exportBody =
    r && answered
      ? servePlanExportBody(r, {
          model: answered.model,
          chip: answered.chip,
          inputTokens: answered.input_tokens ?? 0,
          outputTokens: answered.output_tokens ?? 0,
          // the weights' precision the plan serves (INT8 on Ascend when FP8 was asked; FP8 on A100, whose GEMMs run
          // in BF16: exporting the GEMMs' BF16 would load twice the planned weights, review 25), not the one asked
          precision: r.weight_precision ?? r.precision ?? answered.precision,
        })
      : null;
  return (
    <section aria-labelledby="serving-title">
      <h2 id="serving-title">Serving</h2>
      <p class="lede">
        The instance layout with the most output tokens/s per chip under the TTFT and TPOT limits, and the
        chips a demand needs.
      </p>
      <Inputs
        fields={SERVING_FIELDS}
        values={values}
        errors={status.errors}
        onChange={(k, v) => onParams({ ...params, [k]: v })}
        // the simulation's own edits stay: they have their own reset
        onReset={() => onParams(withSubParams({}, SIM_PREFIX, subParams(params, SIM_PREFIX)))}
      />
      <Status loading={plan.loading} error={status.message} what="Searching instance layouts" />
      {r ? (
        <div class={plan.loading ? "results stale" : "results"}>
          <p class="answer">
            {r.capacity ? (
              <>
                <strong>{num(r.capacity.chips, 6)} chips</strong>
                {r.capacity.chips_band
                  ? ` (80 %: ${num(r.capacity.chips_band[0], 6)}–${num(r.capacity.chips_band[1], 6)}, the spread of published deployments no fit saw)`
                  : ""}{" "}
                carry the demand ({r.capacity.mode}, {r.stack}
                {r.precision ? ` in ${r.precision.toUpperCase()}` : ""},{" "}
                {num(r.capacity.output_tokens_per_s_per_chip)} output tokens/s per chip at full load,{" "}
                {num(r.capacity.requests_per_s)} requests/s
                {(r.capacity.peak_to_mean ?? 1) > 1
                  ? ` on average, sized for ${num(r.capacity.peak_requests_per_s ?? 0)} at the peak`
                  : ""}
                {r.capacity.usd_per_million_output_tokens
                  ? `, $${usdText(r.capacity.usd_per_million_output_tokens)} per million output tokens${r.capacity.usd_per_million_tokens ? ` ($${usdText(r.capacity.usd_per_million_tokens)} per million tokens in and out)` : ""}`
                  : ""}
                ). {poolsText(r.capacity.pools)}
                {r.capacity.at_load
                  ? ` At ${(r.capacity.peak_to_mean ?? 1) > 1 ? "the peak" : "this load"} one ${r.capacity.at_load.split ? "prefill " : ""}replica (simulated${(r.capacity.at_load.seeds?.length ?? 1) > 1 ? `, the worse of ${r.capacity.at_load.seeds?.length} seeded samples` : ""}) answers its first token in ${num(r.capacity.at_load.ttft_ms.p50)} ms (p99 ${num(r.capacity.at_load.ttft_ms.p99)} ms)${r.capacity.at_load.split ? `; a decode replica streams at ${num(r.capacity.at_load.tpot_ms.p50)} ms per token (p99 ${num(r.capacity.at_load.tpot_ms.p99)} ms)` : ""}.`
                  : ""}
              </>
            ) : (r.colocated ?? r.disaggregated) !== null ? (
              // layouts exist: only the sizing for a demand was skipped
              "Give a demand (requests/s or tokens/day) to size the chips; the layouts below meet the limits."
            ) : (
              "No layout meets the limits; see the advisories."
            )}
          </p>
          <figure>
            <figcaption>
              Output tokens/s per chip of the instance (decode instance when disaggregated) against time per
              output token
            </figcaption>
            <Status loading={sweep.loading} error={sweep.error} what="Planning seven TPOT limits" />
            <PlotFigure options={chart} label="throughput against TPOT" />
          </figure>
          {steps ? (
            <figure>
              <figcaption>
                Where one step's time goes: shares of one engine step per pool (prefill steps run ~1,000x
                longer than decode steps), the step's total in ms at the right
              </figcaption>
              <PlotFigure options={steps} label="step time by part" />
            </figure>
          ) : null}
          <Advisories items={r.advisories} />
          {exportBody && answered ? (
            <div class="exports">
              {/* the engine that runs on the chip: vLLM on NVIDIA and AMD, vLLM-Ascend on Ascend */}
              {([isAscend(answered.chip) ? "vllm-ascend" : "vllm"] as const).map((engine) => (
                <DownloadButton
                  key={engine}
                  label={`${engine} launch config`}
                  make={() => exportFile(engine, exportBody, `fleetcast-${engine}.json`)}
                />
              ))}
            </div>
          ) : null}
        </div>
      ) : null}
      <SimulationPanel
        model={body.model}
        chip={body.chip}
        precision={body.precision}
        expertWeightBits={body.expert_weight_bits}
        inputTokens={body.input_tokens}
        outputTokens={body.output_tokens}
        ttftLimitMs={body.ttft_ms ?? null}
        tpotLimitMs={body.tpot_ms ?? null}
        replica={r ? plannedReplica(r, body.output_tokens) : null}
        edits={subParams(params, SIM_PREFIX)}
        onEdits={(edits) => onParams(withSubParams(params, SIM_PREFIX, edits))}
      />
    </section>
  );
}

/** "1.68" or "3.69–9.26": a price range, once when its ends are equal. */
function usdText(range: readonly [number, number]): string {
  return [...new Set(range.map((x) => num(x)))].join("–");
}
