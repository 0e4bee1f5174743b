import * as Plot from "@observablehq/plot";
import { useMemo } from "preact/hooks";
import { costChart, coverageChart, daysChart, tornadoChart } from "../../src/charts/index.ts";
import { postJson } from "../lib/api.ts";
import type { ComparisonJson } from "../lib/api-types.ts";
import { breakEvenSummary, factorText } from "../lib/break-even-summary.ts";
import { fieldErrors, fieldStatus, valuesOf } from "../lib/fields.ts";
import { fleetReportMarkdown } from "../lib/fleet-report.ts";
import { FLEET_FIELDS, fleetFieldPaths, fleetScenario } from "../lib/fleet-scenario.ts";
import { num } from "../lib/format.ts";
import { exportFile, exportRequests } from "../lib/launch-export.ts";
import { useAsync } from "../lib/use-async.ts";
import { Advisories } from "./Advisories.tsx";
import { DownloadButton } from "./DownloadButton.tsx";
import { Inputs } from "./Inputs.tsx";
import { PlotFigure } from "./PlotFigure.tsx";
import { PolicyCostTable } from "./PolicyCostTable.tsx";
import { Status } from "./Status.tsx";
import { StrategyTable } from "./StrategyTable.tsx";

export interface ViewProps {
  /** The view's inputs as the URL holds them (only those that differ from the defaults). */
  params: Record<string, string>;
  onParams: (params: Record<string, string>) => void;
}

/**
 * Fleet comparison: the story's scenario by default (POST /api/fleet/compare), strategies side by side (days
 * against the deadline, P(deadline), serving against demand, cost, energy, idle chips), whether Ascend alone could
 * do it, what each constraint costs, what Ascend would need (tornado and break-even table), launch configs and a
 * Markdown report.
 */
export function FleetView({ params, onParams }: ViewProps) {
  const values = valuesOf(FLEET_FIELDS, params);
  const scenario = useMemo(() => fleetScenario(values), [JSON.stringify(values)]);
  // a value that cannot be used (-5 chips, 1.5 chips, empty, "abc") is marked and nothing is sent (review 19 A3)
  const local = fieldErrors(FLEET_FIELDS, values);
  const key = Object.keys(local).length > 0 ? null : JSON.stringify(scenario);
  const result = useAsync(
    key,
    (signal) => postJson<ComparisonJson>("/api/fleet/compare", { scenario }, signal),
    400,
  );
  // the API's refusal on the inputs it names (review 19 C1: "scenario.pools[0].usd_per_chip_hour" for "h800 price")
  const status = fieldStatus(FLEET_FIELDS, local, result, "compared", {
    paths: fleetFieldPaths(scenario),
    values,
  });
  const c = result.data;
  const deadline = scenario.training.deadline_days;
  const charts = useMemo(() => (c ? fleetCharts(c, deadline) : null), [c, deadline]);
  const rec = c?.strategies.find((s) => s.id === c.recommended) ?? null;
  const exportable = rec ?? c?.strategies.find((s) => s.id === "best-split") ?? null;
  return (
    <section aria-labelledby="fleet-title">
      <h2 id="fleet-title">Fleet comparison</h2>
      <p class="lede">
        Which chips should train and which should serve:{" "}
        {scenario.pools.map((p) => `${num(p.count, 6)} ${p.chip}`).join(", ")}; train{" "}
        {scenario.training.model} on {num(scenario.training.tokens / 1e12)}T tokens within {num(deadline)}{" "}
        days while serving {num((scenario.serving.demand_tokens_per_day ?? 0) / 1e9)}B tokens/day.
      </p>
      <Inputs
        fields={FLEET_FIELDS}
        values={values}
        errors={status.errors}
        onChange={(k, v) => onParams({ ...params, [k]: v })}
        onReset={() => onParams({})}
      />
      <Status
        loading={result.loading}
        error={status.message}
        what="Comparing strategies (Monte Carlo, a few seconds)"
      />
      {c && charts ? (
        <div class={result.loading ? "results stale" : "results"}>
          {/* the CLI's own sentences (comparisonJson's answer and ascend_alone), not written again here */}
          <p class="answer" data-testid="answer">
            {c.answer}
          </p>
          {c.ascend_alone ? (
            <p class="answer" data-testid="ascend-alone">
              <strong>Can Ascend do it all?</strong> {c.ascend_alone}
            </p>
          ) : null}
          <StrategyTable strategies={c.strategies} recommended={c.recommended} deadlineDays={deadline} />
          <PolicyCostTable c={c} />
          <div class="grid">
            <figure>
              <figcaption>
                Training days against the deadline (blue: feasible on deadline, serving throughput and policy;
                p99 latency at load is not part of it, see the table)
              </figcaption>
              <PlotFigure options={charts.days} label="training days per strategy" />
            </figure>
            <figure>
              <figcaption>Serving capacity against peak demand (blue: carries the whole peak)</figcaption>
              <PlotFigure options={charts.coverage} label="serving capacity per strategy" />
            </figure>
            <figure>
              <figcaption>What Ascend would need: P50 days with each factor halved or doubled</figcaption>
              <PlotFigure options={charts.tornado} label="tornado of the break-even factors" />
            </figure>
            <figure>
              <figcaption>Cost over the deadline window</figcaption>
              <PlotFigure options={charts.cost} label="cost per strategy" />
            </figure>
          </div>
          <BreakEvenTable c={c} deadlineDays={deadline} />
          <Advisories items={c.advisories} />
          <div class="exports">
            <DownloadButton
              label="Report (Markdown)"
              make={async () => ({
                filename: `fleetcast-${c.scenario}.md`,
                type: "text/markdown",
                text: fleetReportMarkdown(c, chartSvgs(charts)),
              })}
            />
            {exportable && c.scenario_used
              ? exportRequests(exportable, c.scenario_used).map((r) => (
                  <DownloadButton
                    key={`${r.engine}-${r.part ?? ""}`}
                    label={`${r.engine} launch config (${exportable.label}${r.part ? `, ${r.part}` : ""})`}
                    make={() => exportFile(r.engine, r.body, r.filename)}
                  />
                ))
              : null}
          </div>
          <details>
            <summary>Assumptions and sources ({c.assumptions.length})</summary>
            <ul class="assumptions">
              {c.assumptions.map((a) => (
                <li key={a.name}>
                  <strong>{a.name}</strong> ={" "}
                  {typeof a.value === "number" ? num(a.value, 4) : (a.value ?? "–")}
                  {a.unit ? ` ${a.unit}` : ""}{" "}
                  <span class="source">
                    ({a.kind ? `${a.kind}: ` : ""}
                    {a.source})
                  </span>
                </li>
              ))}
            </ul>
          </details>
        </div>
      ) : null}
    </section>
  );
}

// --- internal ---

function fleetCharts(c: ComparisonJson, deadlineDays: number) {
  const days = c.strategies.map((s) => ({
    label: s.label,
    p50Days: s.training?.failure ? null : (s.training?.p50_days ?? null),
    p90Days: s.training?.failure ? null : (s.training?.p90_days ?? null),
    deadlineDays,
    feasible: s.feasible,
  }));
  return {
    days: daysChart(days),
    coverage: coverageChart(
      c.strategies.map((s) => ({
        label: s.label,
        capacityOutputTokensPerS: s.serving.capacity_output_tokens_per_s,
        demandOutputTokensPerS: s.serving.demand_output_tokens_per_s,
      })),
    ),
    tornado: tornadoChart(
      (c.charts?.tornado ?? []).map((r) => ({
        factor: r.factor,
        low: r.low,
        high: r.high,
        baseline: r.baseline,
      })),
      { deadlineDays },
    ),
    cost: costChart(
      (c.charts?.cost ?? []).map((r) => ({
        label: r.label,
        trainingUsd: r.training_usd,
        servingUsd: r.serving_usd,
        windowUsd: r.window_usd,
      })),
    ),
  };
}

function chartSvgs(charts: ReturnType<typeof fleetCharts>): Record<string, string> {
  const titles: Record<keyof typeof charts, string> = {
    days: "Training days against the deadline",
    coverage: "Serving capacity against peak demand",
    tornado: "What Ascend would need",
    cost: "Cost over the deadline window",
  };
  return Object.fromEntries(
    (Object.keys(titles) as (keyof typeof charts)[]).map((k) => [titles[k], Plot.plot(charts[k]).outerHTML]),
  );
}

/** What Ascend training alone would need (its pool training whole), behind a one-line summary (review 19 C7: 11 rows, often all out of range). */
function BreakEvenTable({ c, deadlineDays }: { c: ComparisonJson; deadlineDays: number }) {
  const summary = breakEvenSummary(c.sensitivity, deadlineDays);
  const first = c.sensitivity[0];
  if (!first || summary === null) return null;
  return (
    <details class="break-even">
      <summary>{summary}</summary>
      <table class="break-even">
        <caption>
          What {num(first.chips, 6)} chips of {first.pool}, training alone while the other pools serve, would
          need to meet the deadline (today: P50 {num(first.baseline_p50_days)} days)
        </caption>
        <thead>
          <tr>
            <th scope="col">improve</th>
            <th scope="col">status</th>
            <th scope="col" class="n">
              by ×
            </th>
            <th scope="col" class="n">
              P50 days there
            </th>
          </tr>
        </thead>
        <tbody>
          {c.sensitivity.map((r) => (
            <tr key={r.factor}>
              <th scope="row">{factorText(r.factor)}</th>
              <td>{r.status}</td>
              <td class="n">{num(r.break_even_multiplier)}</td>
              <td class="n">{num(r.p50_days_at_break_even)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
