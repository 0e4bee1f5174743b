import type { ComparisonJson } from "../lib/api-types.ts";
import { constraintsCostNothing, policyCostRows, policyCostSummary } from "../lib/policy-costs.ts";

/**
 * What each constraint costs against the unconstrained best (compare's `policy_costs`): the split best under each,
 * its days, P(deadline) and cost, and the differences (review 19 B8: the CLI's key table for a policy decision,
 * missing from the view), open under a one-line summary; when no constraint costs anything, closed, the summary
 * saying so. Nothing when the answer has none.
 */
export function PolicyCostTable({ c }: { c: ComparisonJson }) {
  const rows = policyCostRows(c);
  if (rows.length === 0) return null;
  const summary = policyCostSummary(c);
  return (
    <details class="policy-costs" open={!constraintsCostNothing(c)}>
      <summary>{summary ?? "What each constraint costs against the unconstrained best"}</summary>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard */}
      <section class="table-scroll" aria-label="what each constraint costs" tabIndex={0}>
        <table class="policy-costs">
          <caption>What each constraint costs against the unconstrained best</caption>
          <thead>
            <tr>
              <th scope="col">constraint</th>
              <th scope="col">best split under it</th>
              <th scope="col" class="n">
                P50 days
              </th>
              <th scope="col" class="n">
                P(deadline)
              </th>
              <th scope="col" class="n">
                cost, window
              </th>
              <th scope="col" class="n">
                Δ days
              </th>
              <th scope="col" class="n">
                Δ P(deadline)
              </th>
              <th scope="col" class="n">
                Δ cost
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.constraint} class={r.unconstrained ? "baseline" : undefined}>
                <th scope="row">
                  {r.constraint}
                  {r.feasible === false ? <span class="tag">not feasible</span> : null}
                </th>
                <td>{r.split}</td>
                <td class="n">{r.p50Days}</td>
                <td class="n">{r.pDeadline}</td>
                <td class="n">{r.windowUsd}</td>
                <td class="n" data-field="delta_days">
                  {r.deltaDays}
                </td>
                <td class="n" data-field="delta_p_deadline">
                  {r.deltaPDeadline}
                </td>
                <td class="n">{r.deltaUsd}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </details>
  );
}
