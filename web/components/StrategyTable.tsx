import { FEASIBLE_LABEL } from "../../src/charts/index.ts";
import { headroomText, PEAK_ODDS_MEANS, peakOddsCell } from "../../src/fleet/headroom-text.ts";
import type { StrategyJson } from "../lib/api-types.ts";
import { num, pct, usdM } from "../lib/format.ts";
import { idleChips } from "../lib/idle-chips.ts";
import { verdictOf } from "../lib/verdict-of.ts";

export interface StrategyTableProps {
  strategies: readonly StrategyJson[];
  recommended: string | null;
  deadlineDays: number;
}

/**
 * Strategies side by side: training days against the deadline, P(deadline), serving against demand, cost, energy
 * and idle chips; below, why each falls short, collapsed behind a one-line summary (review 19 C7: ~20 bullets
 * buried the charts).
 */
export function StrategyTable({ strategies, recommended, deadlineDays }: StrategyTableProps) {
  return (
    <>
      {/* wide at 800 px (12 columns): the table scrolls inside its box, not the page (review 19 A6); focusable so
       keyboards can scroll it */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard */}
      <section class="table-scroll" aria-label="strategies table" tabIndex={0}>
        <table class="strategies">
          <caption>Strategies side by side (deadline {num(deadlineDays)} days)</caption>
          <thead>
            <tr>
              <th scope="col">strategy</th>
              <th scope="col">training chips</th>
              <th scope="col" class="n">
                P50 days
              </th>
              <th scope="col" class="n">
                P90 days
              </th>
              <th scope="col" class="n">
                P(deadline)
              </th>
              <th scope="col" class="n">
                serving chips
              </th>
              <th scope="col" class="n">
                of peak demand
              </th>
              <th scope="col" class="n" title={PEAK_ODDS_MEANS}>
                P(peak)
              </th>
              <th scope="col">p99 latency at load</th>
              <th scope="col" class="n">
                cost, window
              </th>
              <th scope="col" class="n">
                energy, window (MWh)
              </th>
              <th scope="col" class="n" title="chips neither training nor serving">
                idle chips
              </th>
              <th scope="col" title={FEASIBLE_MEANS}>
                {FEASIBLE_LABEL}
              </th>
            </tr>
          </thead>
          <tbody>
            {strategies.map((s) => (
              <tr key={s.id} data-strategy={s.id} class={s.id === recommended ? "recommended" : undefined}>
                <th scope="row" title={s.description}>
                  {s.label}
                  {s.experimental ? <span class="tag">experimental</span> : null}
                  {s.id === recommended ? <span class="tag good">recommended</span> : null}
                </th>
                <td>
                  {s.training
                    ? s.training.parts.map((p) => `${num(p.chips, 6)} ${p.pool}`).join(" + ") || "–"
                    : "–"}
                </td>
                <td class="n" data-field="p50_days">
                  {s.training?.failure ? (
                    <span title={s.training.failure}>cannot train</span>
                  ) : (
                    num(s.training?.p50_days)
                  )}
                </td>
                <td class="n">{num(s.training?.p90_days)}</td>
                <td class="n" data-field="p_deadline">
                  {pct(s.training?.p_deadline)}
                </td>
                <td class="n" title={s.serving.parts.map((p) => `${num(p.chips, 7)} ${p.pool}`).join(" + ")}>
                  {num(s.serving.chips, 6)}
                </td>
                <td
                  class={s.serving.carries_demand ? "n" : "n poor"}
                  data-field="coverage"
                  title={headroomTitle(s)}
                >
                  {pct(s.serving.coverage)}
                </td>
                <td class="n" data-field="peak_odds">
                  {peakOddsCell(s.serving.headroom_odds)}
                </td>
                <td data-field="latency">
                  {s.serving.parts.length === 0 ? (
                    "–"
                  ) : s.serving.latency_ok ? (
                    "met"
                  ) : (
                    <span class="poor" title={latencyNotes(s).join("\n")}>
                      not met
                    </span>
                  )}
                </td>
                <td class="n">{usdM(s.cost.window_usd)}</td>
                <td class="n" data-field="energy">
                  {num(s.energy?.window_mwh)}
                </td>
                <td class="n" data-field="idle">
                  {num(idleChips(s), 7)}
                </td>
                <td data-field="verdict">
                  {verdictOf(s) === "yes" ? (
                    "yes"
                  ) : verdictOf(s) === "throughput only" ? (
                    <span class="poor" title={latencyNotes(s).join("\n")}>
                      throughput only
                    </span>
                  ) : (
                    <span class="poor" title={[...s.policy.violations, ...s.nearest_feasible].join("\n")}>
                      no
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <WhyNot strategies={strategies} />
    </>
  );
}

/**
 * What "feasible" checks (compare's `feasible`: src/fleet): training by the deadline, serving capacity for the
 * peak and the policy; the p99 latency at load is its own column, so a feasible row may miss it (review 19 B6).
 */
const FEASIBLE_MEANS =
  "trains by the deadline, carries the serving peak on throughput and meets the policy; p99 latency at load is not part of it (its own column)";

/**
 * Why each strategy falls short, as text (a hover title alone is out of reach of keyboards and touch), behind a
 * summary that counts them: the strategies not feasible, and every serving part that misses the p99 limits at its
 * share of the peak, feasible or not.
 */
function WhyNot({ strategies }: { strategies: readonly StrategyJson[] }) {
  const reasons = strategies
    .filter((s) => !s.feasible)
    .flatMap((s) => [...s.policy.violations, ...s.nearest_feasible].map((why) => ({ s, why })));
  const latency = strategies.flatMap((s) => latencyNotes(s).map((why) => ({ s, why })));
  if (reasons.length + latency.length === 0) return null;
  const infeasible = strategies.filter((s) => !s.feasible).length;
  const summary = [
    infeasible > 0
      ? `${infeasible} of ${strategies.length} strateg${strategies.length === 1 ? "y" : "ies"} not feasible`
      : "",
    latency.length > 0
      ? `${latency.length} serving part${latency.length === 1 ? "" : "s"} over the p99 limits at load`
      : "",
  ].filter(Boolean);
  return (
    <details class="why-not">
      <summary>Why not: {summary.join("; ")}</summary>
      <ul>
        {reasons.map(({ s, why }) => (
          <li key={`${s.id}:${why}`}>
            <strong>{s.label}</strong>: {why}
          </li>
        ))}
        {latency.map(({ s, why }) => (
          <li key={`${s.id}:latency:${why}`}>
            <strong>{s.label}</strong>, latency at load: {why}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The row's at-load latency advice (compare's `serving-latency-at-load`), one message a serving part. */
function latencyNotes(s: StrategyJson): string[] {
  return s.advisories.filter((a) => a.code === "serving-latency-at-load").map((a) => a.message);
}

/** The coverage cell's title: the headroom of the row's free chips and its odds (src/fleet/headroom-text.ts). */
function headroomTitle(s: StrategyJson): string | undefined {
  const text = headroomText({
    headroom: s.serving.headroom ?? null,
    band: s.serving.headroom_band ?? null,
    odds: s.serving.headroom_odds ?? null,
    carriesDemand: s.serving.carries_demand,
    serves: s.serving.parts.length > 0,
  });
  return text ?? undefined;
}
