import { useMemo } from "preact/hooks";
import { validationChart } from "../../src/charts/index.ts";
import { postJson } from "../lib/api.ts";
import type { ValidationJson } from "../lib/api-types.ts";
import { num, pct } from "../lib/format.ts";
import { metricErrorsByFamily } from "../lib/metric-errors.ts";
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
 * Validation: the built-in published cases predicted by POST /api/validate, predicted against observed per chip
 * family (log axes, y = x, intervals), one metric at a time, and the error summary per family.
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
    return validationChart(points);
  }, [r, metric]);
  const errors = useMemo(() => (r ? metricErrorsByFamily(r.cases, metric) : []), [r, metric]);
  return (
    <section aria-labelledby="validation-title">
      <h2 id="validation-title">Validation</h2>
      <p class="lede">
        The model against published runs and deployments (data/cases): each dot is one case's prediction
        against what was observed.
      </p>
      <Status loading={result.loading} error={result.error} what="Predicting the published cases" />
      {r ? (
        <div class="results">
          <p class="answer">
            {r.summary.ok} of {r.summary.cases} cases predicted
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
                  {m}
                </option>
              ))}
            </select>
          </label>
          <figure>
            <figcaption>Predicted against observed: {metric}</figcaption>
            <PlotFigure options={chart} label="predicted against observed" />
          </figure>
          <table>
            <caption>Error of {metric} per chip family (the cases that report it)</caption>
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
        </div>
      ) : null}
    </section>
  );
}
