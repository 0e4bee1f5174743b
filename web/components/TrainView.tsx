import { useContext, useMemo } from "preact/hooks";
import {
  breakdownChart,
  scalingChart,
  TRAIN_MEMORY_PART_COLORS,
  TRAIN_STEP_PART_COLORS,
} from "../../src/charts/index.ts";
import { postJson } from "../lib/api.ts";
import type { TrainPlanJson } from "../lib/api-types.ts";
import { type Catalog, CatalogContext, precisionProblem } from "../lib/catalog.ts";
import { type FieldSpec, fieldErrors, fieldStatus, numberOf, valuesOf } from "../lib/fields.ts";
import { num, pct } from "../lib/format.ts";
import { exportFile, isAscend } from "../lib/launch-export.ts";
import { useAsync } from "../lib/use-async.ts";
import { Advisories } from "./Advisories.tsx";
import { DownloadButton } from "./DownloadButton.tsx";
import type { ViewProps } from "./FleetView.tsx";
import { Inputs } from "./Inputs.tsx";
import { PlotFigure } from "./PlotFigure.tsx";
import { Status } from "./Status.tsx";

/** Defaults: DeepSeek-V3 pre-training as published (V3 report §3.1-3.3, §4.2: 2,048 H800, FP8, 4K × 15,360). */
export const TRAIN_FIELDS: readonly FieldSpec[] = [
  {
    key: "model",
    label: "model",
    kind: "text",
    suggest: "model",
    default: "deepseek-v3",
    help: "built-in name (GET /api/models)",
  },
  {
    key: "chip",
    label: "chip",
    kind: "text",
    suggest: "chip",
    default: "nvidia-h800-sxm",
    help: "catalog id (GET /api/chips)",
  },
  { key: "count", label: "chips", default: "2048", min: 1, step: 1 },
  { key: "seq_len", label: "sequence length", unit: "tokens", default: "4096", min: 1, step: 1 },
  { key: "global_batch_tokens", label: "global batch", unit: "tokens", default: "62914560", min: 1, step: 1 },
  { key: "precision", label: "precision", kind: "select", options: ["bf16", "fp8"], default: "fp8" },
  {
    key: "stack",
    label: "stack",
    kind: "text",
    // empty, so any chip plans (review 27: a hai-llm default was refused on every chip but Hopper); the help says
    // Fleet runs this job on HAI-LLM (QA 27: the two pages read 53.4 and 45.5 days for it)
    default: "",
    help: "empty: the chip family's usual stack (Megatron-LM on NVIDIA, MindSpeed on Ascend, ROCm Megatron on AMD); hai-llm is DeepSeek's (Hopper only), the stack Fleet runs this job on",
  },
  {
    key: "tokens_t",
    label: "token budget",
    unit: "T",
    default: "14.8",
    min: 0.001,
    step: "any",
    path: "tokens",
  },
  {
    key: "deadline_days",
    label: "deadline",
    unit: "days",
    // the story's "less than two months" (review 35: the view had no deadline, which the API takes)
    default: "60",
    min: 0.01,
    step: "any",
    optional: true,
    help: "P(finish by it) with failures, checkpoints and restarts; empty: none",
  },
  { key: "top", label: "plans to list", default: "5", min: 1, max: 20, step: 1 },
];

/** Chip counts of the scaling curve: the job's count halved three times and doubled once. */
export function scalingCounts(count: number): number[] {
  return [count / 8, count / 4, count / 2, count, count * 2]
    .map(Math.round)
    .filter((c, i, all) => c >= 1 && all.indexOf(c) === i);
}

/** The request body of POST /api/train/plan for the values. */
export function trainBody(values: Record<string, string>) {
  const tokens = numberOf(values, "tokens_t");
  const deadline = numberOf(values, "deadline_days");
  const stack = (values["stack"] ?? "").trim();
  return {
    model: values["model"] ?? "",
    chip: values["chip"] ?? "",
    count: numberOf(values, "count"),
    seq_len: numberOf(values, "seq_len"),
    global_batch_tokens: numberOf(values, "global_batch_tokens"),
    precision: values["precision"],
    top: numberOf(values, "top"),
    ...(stack === "" ? {} : { stack }),
    ...(tokens === null ? {} : { tokens: tokens * 1e12 }),
    // a deadline is for a token budget (the API refuses one without)
    ...(tokens === null || deadline === null ? {} : { deadline_days: deadline }),
  };
}

/**
 * Why the Train inputs cannot be sent, per field: a number out of its range (`fieldError`), and FP8 on a chip the
 * catalog gives no FP8 (review 19 C3: an Ascend chip with the default fp8 only failed).
 * @example trainFieldErrors(valuesOf(TRAIN_FIELDS, { chip: "huawei-ascend-910c" }), catalog) // { precision: "Huawei Ascend 910C has no FP8: choose bf16" }
 */
export function trainFieldErrors(
  values: Record<string, string>,
  catalog: Catalog | null,
): Record<string, string> {
  const precision = precisionProblem(catalog, values["chip"] ?? "", values["precision"] ?? "");
  return { ...fieldErrors(TRAIN_FIELDS, values), ...(precision === null ? {} : { precision }) };
}

/**
 * Train plan explorer: the top plans of POST /api/train/plan, their step-time and memory breakdowns as stacked
 * bars, and a scaling curve (tokens/s per chip of the best plan at five chip counts, one request each, sent once
 * the plan itself was answered).
 */
export function TrainView({ params, onParams }: ViewProps) {
  const values = valuesOf(TRAIN_FIELDS, params);
  const catalog = useContext(CatalogContext);
  const body = trainBody(values);
  const local = trainFieldErrors(values, catalog);
  const key = Object.keys(local).length === 0 ? JSON.stringify(body) : null;
  const plan = useAsync(key, (signal) => postJson<TrainPlanJson>("/api/train/plan", body, signal));
  const status = fieldStatus(TRAIN_FIELDS, local, plan, "planned", { values });
  // the curve follows the plan's answer: keyed on the body the plan answered, so an edit the plan refuses sends
  // no five more requests (review 19 C8), and the curve of the last answer stays while a new plan runs
  const planned = plan.dataKey;
  // the body the shown answer planned: the curve and the export follow it, not the form (which may be ahead of it)
  const answered = useMemo(
    () => (planned === null ? null : (JSON.parse(planned) as ReturnType<typeof trainBody>)),
    [planned],
  );
  const curve = useAsync(planned === null ? null : `${planned}|scaling`, async (signal) => {
    return Promise.all(
      scalingCounts(answered?.count ?? 1).map(async (c) => {
        try {
          const r = await postJson<TrainPlanJson>(
            "/api/train/plan",
            { ...answered!, count: c, top: 1 },
            signal,
          );
          return { chips: c, tokensPerSPerChip: r.plans[0]?.metrics?.tokens_per_s_per_chip ?? null };
        } catch (e) {
          if (signal.aborted) throw e;
          return { chips: c, tokensPerSPerChip: null };
        }
      }),
    );
  });
  const r = plan.data;
  // the plan's memory is per rank: per die on a two-die chip (Ascend 910C), where "per chip" read half the package
  // (the catalog's ranks per chip; 1 until the catalog arrives)
  const ranks = r ? (catalog?.chips.find((c) => c.id === r.chip)?.ranksPerChip ?? 1) : 1;
  const memoryPer = ranks > 1 ? "rank (die)" : "chip";
  const charts = useMemo(() => {
    if (!r) return null;
    const fitting = r.plans.filter((p) => p.step_breakdown_s && p.memory_gib);
    const step = fitting.flatMap((p) =>
      Object.entries(p.step_breakdown_s ?? {})
        .filter(([k]) => k !== "total")
        .map(([part, value]) => ({ bar: p.label, part: part.replaceAll("_", " "), value })),
    );
    const memory = fitting.flatMap((p) =>
      Object.entries(p.memory_gib ?? {})
        .filter(([k]) => k !== "total" && k !== "capacity")
        .map(([part, value]) => ({ bar: p.label, part, value })),
    );
    const capacity = fitting[0]?.memory_gib?.["capacity"] ?? null;
    return {
      step: breakdownChart(step, { label: "step time, s", colors: TRAIN_STEP_PART_COLORS }),
      memory: breakdownChart(memory, {
        label: `memory per ${memoryPer}, GiB`,
        limit: capacity,
        limitLabel: "capacity",
        colors: TRAIN_MEMORY_PART_COLORS,
      }),
    };
  }, [r, memoryPer]);
  const scaling = useMemo(() => (curve.data ? scalingChart(curve.data) : null), [curve.data]);
  const best = r?.plans[0];
  return (
    <section aria-labelledby="train-title">
      <h2 id="train-title">Train plan explorer</h2>
      <p class="lede">
        The parallel plans (TP, PP, DP, CP, EP, schedule, recompute, ZeRO) that fit, ranked by step time, with
        where the time and the memory go.
      </p>
      <Inputs
        fields={TRAIN_FIELDS}
        values={values}
        errors={status.errors}
        onChange={(k, v) => onParams({ ...params, [k]: v })}
        onReset={() => onParams({})}
      />
      <Status loading={plan.loading} error={status.message} what="Searching plans" />
      {r && r.plans.length === 0 ? (
        // no plan fits: say so, and draw no empty charts
        <div class={plan.loading ? "results stale" : "results"}>
          <p class="answer">
            No plan of {r.model} fits {num(r.count, 6)} × {r.chip}; the advisories say what the nearest one
            needs.
          </p>
          <Advisories items={r.advisories} />
        </div>
      ) : r ? (
        <div class={plan.loading ? "results stale" : "results"}>
          {r.budget ? (
            <p class="answer">
              {num(r.budget.days)} failure-free days for the token budget
              {r.budget.days_interval
                ? ` (interval ${r.budget.days_interval.map((d) => num(d)).join("–")})`
                : ""}{" "}
              on {num(r.count, 6)} × {r.chip} with {r.stack}
              {r.budget.with_failures ? (
                <>
                  ;{" "}
                  <span data-testid="with-failures">
                    with failures P50 {num(r.budget.with_failures.wall_days_p50)} days, P90{" "}
                    {num(r.budget.with_failures.wall_days_p90)} (goodput{" "}
                    {pct(r.budget.with_failures.goodput_mean)})
                    {r.budget.with_failures.p_finish_by_deadline != null &&
                    answered?.deadline_days !== undefined
                      ? `; P(finish within ${num(answered.deadline_days)} days) ${pct(r.budget.with_failures.p_finish_by_deadline)}`
                      : ""}
                  </span>
                  .
                </>
              ) : (
                "."
              )}
            </p>
          ) : null}
          <table class="plans">
            <caption>Top plans</caption>
            <thead>
              <tr>
                <th scope="col">plan</th>
                <th scope="col" class="n">
                  step time, s
                </th>
                <th scope="col" class="n">
                  tokens/s per chip
                </th>
                <th scope="col" class="n">
                  MFU
                </th>
                <th scope="col" class="n">
                  memory per {memoryPer}, GiB
                </th>
              </tr>
            </thead>
            <tbody>
              {r.plans.map((p) => (
                <tr key={p.label}>
                  <th scope="row">{p.label}</th>
                  <td class="n">{num(p.metrics?.step_time_s)}</td>
                  <td class="n">{num(p.metrics?.tokens_per_s_per_chip)}</td>
                  <td class="n">{pct(p.metrics?.mfu)}</td>
                  <td class="n">
                    {num(p.memory_gib?.["total"])} / {num(p.memory_gib?.["capacity"])}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {charts ? (
            <div class="grid">
              <figure>
                <figcaption>Step time by part (exposed communication after overlap)</figcaption>
                <PlotFigure options={charts.step} label="step-time breakdown" />
              </figure>
              <figure>
                <figcaption>
                  Memory per {memoryPer} by part
                  {ranks > 1 ? ` (a chip is ${ranks} ranks; the capacity is one die's)` : ""}
                </figcaption>
                <PlotFigure options={charts.memory} label="memory breakdown" />
              </figure>
              <figure>
                <figcaption>Scaling: tokens/s per chip of the best plan against the chip count</figcaption>
                <Status loading={curve.loading} error={curve.error} what="Planning five chip counts" />
                <PlotFigure options={scaling} label="scaling curve" />
              </figure>
            </div>
          ) : null}
          <Advisories items={[...r.advisories, ...(best?.advisories ?? [])]} />
          {best && answered ? (
            <div class="exports">
              {/* the engine that runs on the chip: Megatron on NVIDIA and AMD, MindSpeed on Ascend */}
              {([isAscend(answered.chip) ? "mindspeed" : "megatron"] as const).map((engine) => (
                <DownloadButton
                  key={engine}
                  label={`${engine} launch config (best plan)`}
                  make={() =>
                    // the job the best plan was planned for: while a new plan runs, the form is ahead of it
                    exportFile(
                      engine,
                      {
                        model: answered.model,
                        chip: answered.chip,
                        count: answered.count,
                        seq_len: answered.seq_len,
                        global_batch_tokens: answered.global_batch_tokens,
                        precision: answered.precision,
                        plan: best.plan,
                      },
                      `fleetcast-${engine}.json`,
                    )
                  }
                />
              ))}
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
