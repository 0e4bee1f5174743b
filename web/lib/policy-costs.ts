/**
 * What each constraint costs (compare's `policy_costs`, the CLI's "What each constraint costs against the
 * unconstrained best"): one row per constraint with the split that is best under it, its days, P(deadline) and
 * cost, and the differences from the best split with no region rule and no domestic minimum (review 19 B8). The
 * Fleet view's table and the Markdown report both read these rows, so they say the same.
 */
import type { AllocationJson, ComparisonJson } from "./api-types.ts";
import { num, pct, signed, usdM } from "./format.ts";

export interface PolicyCostRow {
  /** The constraint in words ("only chips obtainable in china"), or "none (unconstrained best)". */
  constraint: string;
  /** The best split under it: "train 2,048 h800; serve 640 h20 + 3,072 ascend-910c". */
  split: string;
  p50Days: string;
  pDeadline: string;
  windowUsd: string;
  /** Differences from the unconstrained best ("" on its own row). */
  deltaDays: string;
  deltaPDeadline: string;
  deltaUsd: string;
  /** Whether that split is feasible (null on the unconstrained row, which no policy judges). */
  feasible: boolean | null;
  unconstrained: boolean;
}

/** The rows, the unconstrained best first; none when the answer has no `policy_costs` (an older server). */
export function policyCostRows(c: ComparisonJson): PolicyCostRow[] {
  const costs = c.policy_costs ?? [];
  if (costs.length === 0) return [];
  const u = c.unconstrained;
  const first: PolicyCostRow[] = u
    ? [
        {
          constraint: "none (unconstrained best)",
          split: splitText(u.allocation),
          p50Days: num(u.p50_days),
          pDeadline: pct(u.p_deadline),
          windowUsd: usdM(u.window_usd),
          deltaDays: "",
          deltaPDeadline: "",
          deltaUsd: "",
          feasible: null,
          unconstrained: true,
        },
      ]
    : [];
  return [
    ...first,
    ...costs.map((p) => ({
      constraint: p.description,
      split: splitText(p.allocation),
      p50Days: num(p.p50_days),
      pDeadline: pct(p.p_deadline),
      windowUsd: usdM(p.window_usd),
      deltaDays: signed(p.delta_p50_days),
      deltaPDeadline: signed(p.delta_p_deadline === null ? null : p.delta_p_deadline * 100, " pts"),
      deltaUsd: signed(p.delta_window_usd, "", true),
      feasible: p.feasible,
      unconstrained: false,
    })),
  ];
}

/**
 * One line on what the whole policy costs (the "all" row): nothing, or its days, points and dollars.
 * @example policyCostSummary(c) // "What the constraints cost: all together +12.4 days P50, −35 pts P(deadline) and +$1.2M over the window against the unconstrained best."
 */
export function policyCostSummary(c: ComparisonJson): string | null {
  const all = c.policy_costs?.find((p) => p.constraint === "all");
  if (!all) return null;
  if (constraintsCostNothing(c))
    return "What the constraints cost: nothing here, the best split under each is the unconstrained best.";
  return (
    `What the constraints cost: all together ${signed(all.delta_p50_days)} days P50, ` +
    `${signed(all.delta_p_deadline === null ? null : all.delta_p_deadline * 100, " pts")} P(deadline) and ` +
    `${signed(all.delta_window_usd, "", true)} over the window against the unconstrained best.`
  );
}

/** Every constraint's best split is the unconstrained best: no days, points or dollars lost (the table is moot). */
export function constraintsCostNothing(c: ComparisonJson): boolean {
  const costs = c.policy_costs ?? [];
  return (
    costs.length > 0 &&
    costs.every((p) => [p.delta_p50_days, p.delta_p_deadline, p.delta_window_usd].every((x) => x === 0))
  );
}

// --- internal ---

/** "train 2,048 h800; serve 640 h20 + 3,072 ascend-910c" (pools with no chips in a role left out). */
function splitText(allocation: readonly AllocationJson[]): string {
  const role = (k: "train" | "serve") =>
    allocation
      .filter((a) => a[k] > 0)
      .map((a) => `${num(a[k], 7)} ${a.pool}`)
      .join(" + ") || "nothing";
  return `train ${role("train")}; serve ${role("serve")}`;
}
