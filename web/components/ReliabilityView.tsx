import { useMemo } from "preact/hooks";
import { finishProbabilityChart, goodputIntervalChart, timelineChart } from "../../src/charts/index.ts";
import { postJson } from "../lib/api.ts";
import type { ReliabilityJson } from "../lib/api-types.ts";
import { type FieldSpec, fieldErrors, fieldStatus, numberOf, valuesOf } from "../lib/fields.ts";
import { num, pct } from "../lib/format.ts";
import { useAsync } from "../lib/use-async.ts";
import { Advisories } from "./Advisories.tsx";
import type { ViewProps } from "./FleetView.tsx";
import { Inputs } from "./Inputs.tsx";
import { PlotFigure } from "./PlotFigure.tsx";
import { Status } from "./Status.tsx";

/** Monte Carlo replicas a run takes by default: the CLI's and the API's (DEFAULT_REPLICAS; a test holds them equal). */
export const VIEW_REPLICAS = 1000;

/**
 * Defaults: DeepSeek-V3's pre-training, 2,048 H800 for 2.664M GPU-hours = 54 failure-free days, "less than two
 * months" = 60-day deadline (V3 report §1, Table 1; as in src/fleet/default-scenario.ts).
 */
export const RELIABILITY_FIELDS: readonly FieldSpec[] = [
  { key: "chip", label: "chip", kind: "text", suggest: "chip", default: "nvidia-h800-sxm" },
  { key: "chip_count", label: "chips", default: "2048", min: 1, step: 1 },
  { key: "train_days", label: "failure-free training", unit: "days", default: "54", min: 0.01, step: "any" },
  { key: "deadline_days", label: "deadline", unit: "days", default: "60", min: 0.01, step: "any" },
  {
    key: "scenario",
    label: "failure-rate reading",
    kind: "select",
    options: ["low", "high"],
    default: "high",
  },
  {
    key: "cluster",
    label: "cluster",
    kind: "select",
    options: ["dedicated", "shared"],
    default: "dedicated",
    help: "shared: one job of a shared research cluster (Meta's measured job failures added)",
  },
  { key: "rate_multiplier", label: "failure rate ×", default: "1", min: 0.01, step: "any" },
  {
    key: "site_spread",
    label: "fleet's own rate",
    kind: "select",
    options: ["known", "unmeasured"],
    default: "known",
    help: "unmeasured: the rate spread as published sites' rates spread (x/÷ 2.7 at 80 %, the median rate kept: the mean 1.35x), in the deadline odds",
  },
  {
    key: "interval_min",
    label: "checkpoint interval",
    unit: "min",
    default: "",
    min: 0.1,
    step: "any",
    optional: true,
    path: "checkpoint.interval_min",
    help: "empty: the model's default",
  },
  {
    key: "checkpoint_gb",
    label: "checkpoint size",
    unit: "GB",
    default: "",
    min: 1,
    step: "any",
    optional: true,
    path: "checkpoint.state_gb",
    help: "the job's whole checkpoint (14 B a parameter with Adam in mixed precision: DeepSeek-V3 ~9,600); empty: ByteCheckpoint's 405B timings",
  },
  {
    key: "checkpoint_mode",
    label: "checkpoint save",
    kind: "select",
    options: ["async", "sync"],
    default: "async",
    help: "sync: training stalls until each checkpoint is durable (Megatron-LM's and MindSpeed's default save)",
  },
  // the CLI's and API's default (DEFAULT_REPLICAS, src/reliability/reliability-input.ts), so their percentiles match
  // (review 35: 400 here)
  { key: "replicas", label: "replicas", default: String(VIEW_REPLICAS), min: 1, max: 5000, step: 1 },
  { key: "seed", label: "seed", default: "1", min: 0, step: 1 },
];

/** Multiples of Daly's interval the goodput curve is simulated at. */
const INTERVAL_FACTORS = [1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8];

/** The request body of POST /api/reliability for the values, with up to `timelineSegments` of one replica's timeline. */
export function reliabilityBody(values: Record<string, string>, timelineSegments = 0) {
  const interval = numberOf(values, "interval_min");
  const stateGB = numberOf(values, "checkpoint_gb");
  return {
    chip: values["chip"] ?? "",
    chip_count: numberOf(values, "chip_count"),
    train_days: numberOf(values, "train_days"),
    deadline_days: numberOf(values, "deadline_days"),
    scenario: values["scenario"],
    cluster: values["cluster"],
    rate_multiplier: numberOf(values, "rate_multiplier") ?? 1,
    ...(values["site_spread"] === "unmeasured" ? { site_spread: true } : {}),
    replicas: numberOf(values, "replicas") ?? VIEW_REPLICAS,
    seed: numberOf(values, "seed") ?? 1,
    timeline_max_segments: timelineSegments,
    checkpoint: {
      ...(interval === null ? {} : { interval_min: interval }),
      ...(stateGB === null ? {} : { state_gb: stateGB }),
      ...(values["checkpoint_mode"] === "sync" ? { mode: "sync" } : {}),
    },
  };
}

/**
 * Reliability: failures, checkpoints and restarts of one training job (seeded Monte Carlo, POST /api/reliability):
 * goodput against the checkpoint interval (seven runs around Daly's optimum), P(finish) against the deadline (nine
 * runs, same seed), and one replica's timeline.
 */
export function ReliabilityView({ params, onParams }: ViewProps) {
  const values = valuesOf(RELIABILITY_FIELDS, params);
  const body = reliabilityBody(values, 2000);
  // a value out of its field's range is refused here, under its input, and nothing is sent (review 19 C9: 6,000
  // replicas went to the API past the field's 5,000)
  const local = fieldErrors(RELIABILITY_FIELDS, values);
  const key = Object.keys(local).length === 0 ? JSON.stringify(body) : null;
  const main = useAsync(key, (signal) => postJson<ReliabilityJson>("/api/reliability", body, signal));
  const status = fieldStatus(RELIABILITY_FIELDS, local, main, "simulated", { values });
  const r = main.data;
  const daly = r?.closed_form.daly_min ?? r?.resolved.checkpoint_interval_min ?? null;
  const free = r?.resolved.failure_free_days ?? null;
  const p90 = r?.wall_days.p90 ?? null;
  // the curves follow the main run's answer, keyed on the body it answered: an edit the API refuses sends no
  // sixteen more requests (as the Train view's curve, review 19 C8)
  const answered = main.dataKey === null ? null : (JSON.parse(main.dataKey) as typeof body);
  const goodput = useAsync(daly === null ? null : `${main.dataKey}|goodput|${daly}`, (signal) =>
    Promise.all(
      INTERVAL_FACTORS.map(async (f) => {
        const x = await postJson<ReliabilityJson>(
          "/api/reliability",
          { ...answered!, timeline_max_segments: 0, checkpoint: { interval_min: daly! * f } },
          signal,
        );
        return {
          intervalMin: daly! * f,
          goodput: x.goodput.mean ?? Number.NaN,
          goodputP10: x.goodput.p10,
          goodputP90: x.goodput.p90,
        };
      }),
    ),
  );
  const deadlines = free !== null && p90 !== null ? deadlineGrid(free, p90) : null;
  // one run answers every deadline: a deadline only changes what is counted (re-read 20: nine identical runs)
  const finish = useAsync(
    deadlines === null ? null : `${main.dataKey}|finish|${deadlines.join(",")}`,
    async (signal) => {
      const x = await postJson<ReliabilityJson>(
        "/api/reliability",
        { ...answered!, timeline_max_segments: 0, finish_curve_days: deadlines },
        signal,
      );
      return x.finish_curve.map((p) => ({ deadlineDays: p.deadline_days, pFinish: p.p_finish }));
    },
  );
  const charts = useMemo(
    () => ({
      goodput: goodput.data
        ? goodputIntervalChart(goodput.data, {
            youngMin: r?.closed_form.young_min ?? null,
            dalyMin: r?.closed_form.daly_min ?? null,
          })
        : null,
      finish: finish.data
        ? finishProbabilityChart(finish.data, {
            deadlineDays: numberOf(values, "deadline_days"),
            failureFreeDays: free,
          })
        : null,
      timeline:
        r && r.timeline.length > 0
          ? timelineChart(r.timeline.map((s) => ({ startH: s.start_h, endH: s.end_h, state: s.state })))
          : null,
    }),
    [goodput.data, finish.data, r],
  );
  return (
    <section aria-labelledby="reliability-title">
      <h2 id="reliability-title">Reliability</h2>
      <p class="lede">
        Failures, checkpoint stalls, lost work and restarts of one training job, simulated replica by replica
        with a fixed seed; failure rates and recovery times are the sourced defaults listed below.
      </p>
      <Inputs
        fields={RELIABILITY_FIELDS}
        values={values}
        errors={status.errors}
        onChange={(k, v) => onParams({ ...params, [k]: v })}
        onReset={() => onParams({})}
      />
      <Status loading={main.loading} error={status.message} what="Simulating failures" />
      {r ? (
        <div class={main.loading ? "results stale" : "results"}>
          <p class="answer">
            Wall time P50 {num(r.wall_days.p50)} days (P10 {num(r.wall_days.p10)}, P90 {num(r.wall_days.p90)})
            for {num(free)} days without failures (the compute plus its checkpoint stalls); goodput{" "}
            {pct(r.goodput.mean)}; P(finish by deadline) {pct(r.p_finish_by_deadline)}; job MTBF{" "}
            {num(r.closed_form.job_mtbf_h)} h; checkpoint every {num(r.resolved.checkpoint_interval_min)} min
            (Young {num(r.closed_form.young_min)}, Daly {num(r.closed_form.daly_min)}).
          </p>
          <div class="grid">
            <figure>
              <figcaption>Goodput against the checkpoint interval</figcaption>
              <Status loading={goodput.loading} error={goodput.error} what="Simulating seven intervals" />
              <PlotFigure options={charts.goodput} label="goodput against checkpoint interval" />
            </figure>
            <figure>
              <figcaption>Probability of finishing against the deadline</figcaption>
              <Status loading={finish.loading} error={finish.error} what="Simulating nine deadlines" />
              <PlotFigure options={charts.finish} label="probability of finishing against the deadline" />
            </figure>
            <figure>
              <figcaption>One replica's timeline{r.timeline_truncated ? " (first segments)" : ""}</figcaption>
              <PlotFigure options={charts.timeline} label="one replica's timeline" />
            </figure>
          </div>
          <Advisories items={r.advisories} />
          <details>
            <summary>Assumptions and sources ({r.assumptions.length})</summary>
            <ul class="assumptions">
              {r.assumptions.map((a) => (
                <li key={a.name}>
                  <strong>{a.name}</strong> ={" "}
                  {typeof a.value === "number" ? num(a.value, 4) : (a.value ?? "–")}
                  {a.unit ? ` ${a.unit}` : ""} <span class="source">({a.source})</span>
                </li>
              ))}
            </ul>
          </details>
        </div>
      ) : null}
    </section>
  );
}

/**
 * Nine deadlines from the failure-free days (nothing finishes earlier) to past the simulated P90 by half the
 * spread, at least 1 % of it: where P(finish) climbs from 0 to about 1.
 */
export function deadlineGrid(failureFreeDays: number, p90Days: number): number[] {
  const hi = p90Days + Math.max(0.5 * (p90Days - failureFreeDays), 0.01 * p90Days);
  return Array.from({ length: 9 }, (_, i) =>
    Number((failureFreeDays + ((hi - failureFreeDays) * i) / 8).toPrecision(5)),
  );
}
