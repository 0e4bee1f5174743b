import { useMemo } from "preact/hooks";
import { validationChart } from "../../src/charts/index.ts";
import { postJson } from "../lib/api.ts";
import type { ValidationJson } from "../lib/api-types.ts";
import { num, pct } from "../lib/format.ts";
import { metricErrorsByFamily } from "../lib/metric-errors.ts";
import { metricLabel, metricName } from "../lib/metric-names.ts";
import { useAsync } from "../lib/use-async.ts";
import type { ViewProps } from "./FleetView.tsx";
import { PlotFigure } from "./PlotFigure.tsx";
import { Status } from "./Status.tsx";

/** The built-in published cases (data/cases/*.json), loaded on demand so the first page stays small. */
async function builtinCases(): Promise<unknown[]> {
  const [train, serve, reliability] = await Promise.all([
    import("../../data/cases/train.json"),
    import("../../data/cases/serve.json"),
    import("../../data/cases/reliability.json"),
  ]);
  return [...train.default, ...serve.default, ...reliability.default] as unknown[];
}

/**
 * Calibration fit: the built-in published cases (data/cases, the ones the built-in profile is fitted on) predicted
 * by POST /api/validate, predicted against observed per chip family (log axes, y = x, intervals), one metric at a
 * time (its unit on the axes, its name in words), the error summary per family and each case in a collapsed
 * table; a sentence says where the held-out cases are and how they fare.
 */
export function ValidationView({ params, onParams }: ViewProps) {
  const result = useAsync(
    "builtin",
    async (signal) => postJson<ValidationJson>("/api/validate", { cases: await builtinCases() }, signal),
    0,
  );
  const r = result.data;
  const metrics = useMemo(
    () => [...new Set((r?.cases ?? []).flatMap((c) => c.metrics.map((m) => m.metric)))].sort(),
    [r],
  );
  // a metric from the URL that no case has (?metric=bogus) falls back to the default, not to an empty chart
  const asked = params["metric"];
  const metric =
    asked !== undefined && metrics.includes(asked)
      ? asked
      : metrics.includes("tokens_per_s_per_chip")
        ? "tokens_per_s_per_chip"
        : (metrics[0] ?? "");
  const chart = useMemo(() => {
    if (!r) return null;
    const points = r.cases
      .filter((c) => c.status === "ok")
      .flatMap((c) =>
        c.metrics
          .filter((m) => m.metric === metric)
          .map((m) => ({
            id: c.id,
            family: c.family ?? "unknown",
            metric: m.metric,
            observed: m.observed,
            predicted: m.predicted,
            low: m.interval?.[0] ?? null,
            high: m.interval?.[1] ?? null,
          })),
      );
    // the axes in the metric's unit (review 19 C6: "observed →" and "↑ predicted" said neither what nor in what)
    const options = validationChart(points);
    const unit = metricName(metric).unit;
    const axis = (side: string) => `${side}${unit === "" ? "" : `, ${unit}`}`;
    return {
      ...options,
      x: { ...options.x, label: `${axis("observed")} →` },
      y: { ...options.y, label: `↑ ${axis("predicted")}` },
    };
  }, [r, metric]);
  const rows = useMemo(
    () =>
      (r?.cases ?? []).flatMap((c) =>
        c.status === "ok"
          ? c.metrics
              .filter((m) => m.metric === metric)
              .map((m) => ({ id: c.id, family: c.family ?? "unknown", ...m }))
          : [],
      ),
    [r, metric],
  );
  const errors = useMemo(() => (r ? metricErrorsByFamily(r.cases, metric) : []), [r, metric]);
  return (
    <section aria-labelledby="validation-title">
      <h2 id="validation-title">Calibration fit</h2>
      <p class="lede">
        The model against the published runs and deployments it was calibrated on (data/cases/*.json): each
        dot is one case's prediction against what was observed. The built-in profile was fitted on these
        cases, so the errors below measure the fit, not how well the model predicts a new case.
      </p>
      <p class="lede" data-testid="holdout">
        Held-out cases, never fitted on, are in data/holdout/ and not shown here:{" "}
        <code>fleetcast validate data/holdout/*.json</code> predicts them. Their errors are larger than the
        fit's below (data/holdout/README.md gives them set by set, with what each set says); read those before
        trusting a figure for a chip or engine this view shows few cases of.
      </p>
      <Status loading={result.loading} error={result.error} what="Predicting the published cases" />
      {r ? (
        <div class="results">
          <p class="answer">
            {r.summary.ok} of {r.summary.cases} calibration cases predicted
            {r.summary.ok < r.summary.cases ? " (the others are unsupported or lack inputs)" : ""}.
          </p>
          <label class="field" for="field-metric">
            <span class="field-label">metric</span>
            <select
              id="field-metric"
              value={metric}
              onChange={(e) => onParams({ ...params, metric: e.currentTarget.value })}
            >
              {metrics.map((m) => (
                <option key={m} value={m}>
                  {metricLabel(m)}
                </option>
              ))}
            </select>
          </label>
          <figure>
            <figcaption>Predicted against observed: {metricLabel(metric)}</figcaption>
            <PlotFigure options={chart} label="predicted against observed" />
            <p class="hint" data-testid="chart-legend">
              One dot per case, coloured by chip family; vertical lines: the prediction's 80 % interval,
              widened to the spread of published deployments no fit saw (so the calibration cases fall inside
              nearly always; a publication left out of that spread fell inside about 80 % of the time); red
              dashed line: predicted = observed; grey dotted lines: a factor of two off (predicted 2× or ½×
              the observation). Log axes.
            </p>
          </figure>
          <table>
            <caption>
              Fit error of {metricName(metric).words} per chip family (the calibration cases that report it)
            </caption>
            <thead>
              <tr>
                <th scope="col">family</th>
                <th scope="col" class="n">
                  cases
                </th>
                <th scope="col" class="n">
                  median |error|
                </th>
                <th scope="col" class="n">
                  within 25 %
                </th>
                <th scope="col" class="n">
                  in 80 % interval
                </th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e) => (
                <tr key={e.family}>
                  <th scope="row">{e.family}</th>
                  <td class="n">{num(e.cases, 6)}</td>
                  <td class="n">{pct(e.medianAbsError)}</td>
                  <td class="n">{pct(e.within25)}</td>
                  <td class="n">{e.inInterval === null ? "–" : pct(e.inInterval)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <details class="cases">
            <summary>
              The {num(rows.length, 6)} cases of {metricName(metric).words}, one by one
            </summary>
            <table>
              <caption>{metricLabel(metric)}: each case predicted against observed</caption>
              <thead>
                <tr>
                  <th scope="col">case</th>
                  <th scope="col">family</th>
                  <th scope="col" class="n">
                    observed
                  </th>
                  <th scope="col" class="n">
                    predicted
                  </th>
                  <th scope="col" class="n">
                    error
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.id}</th>
                    <td>{m.family}</td>
                    <td class="n">{num(m.observed, 4)}</td>
                    <td class="n">{num(m.predicted, 4)}</td>
                    <td class="n">{pct(m.rel_error)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </div>
      ) : null}
    </section>
  );
}
