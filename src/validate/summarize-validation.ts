import type { CasePrediction } from "../calibrate/index.ts";
import { groupBy } from "../util/group-by.ts";
import { quantileSorted } from "../util/quantile-sorted.ts";

export interface ErrorStats {
  cases: number;
  metrics: number;
  median_abs_error: number | null;
  p90_abs_error: number | null;
  within_10pct: number | null;
  within_25pct: number | null;
  within_35pct: number | null;
  /**
   * Share of the cases whose first metric's observation falls inside the prediction's 80 % interval (over those
   * with an interval); null when none has one. Near 0.8 when the intervals are honest for these cases.
   */
  in_interval: number | null;
}

export interface ValidationSummary {
  cases: number;
  ok: number;
  error: number;
  unsupported: number;
  /** Over the first (primary) metric of each ok case. */
  overall: ErrorStats;
  by_kind: Record<string, ErrorStats>;
  by_family: Record<string, ErrorStats>;
  by_kind_and_family: Record<string, ErrorStats>;
  /**
   * Over the calibration cases among them: each one's first-metric error when it was left out of the fit (the
   * profiles' leave-one-out refits), the honest estimate for unseen runs; null when no case has one.
   */
  left_out: ErrorStats | null;
  /**
   * The same with each case's whole publication left out of the fit (leave-one-source-out): what to expect of a
   * deployment from a publisher the fit has not seen; null when no case has one.
   */
  left_out_source: ErrorStats | null;
}

function intervalShare(ok: readonly CasePrediction[]): number | null {
  const withInterval = ok.map((c) => c.metrics[0]!).filter((m) => m.interval !== undefined);
  if (withInterval.length === 0) return null;
  const inside = withInterval.filter((m) => m.interval![0] <= m.observed && m.observed <= m.interval![1]);
  return inside.length / withInterval.length;
}

/** Error statistics over the primary metric (the first) of each case that was predicted. */
export function errorStats(cases: readonly CasePrediction[]): ErrorStats {
  const ok = cases.filter((c) => c.status === "ok" && c.metrics.length > 0);
  const errors = ok.map((c) => Math.abs(c.metrics[0]!.rel_error)).sort((a, b) => a - b);
  const share = (limit: number) =>
    errors.length === 0 ? null : errors.filter((e) => e <= limit).length / errors.length;
  return {
    cases: ok.length,
    metrics: ok.reduce((n, c) => n + c.metrics.length, 0),
    median_abs_error: quantileSorted(errors, 0.5),
    p90_abs_error: quantileSorted(errors, 0.9),
    within_10pct: share(0.1),
    within_25pct: share(0.25),
    within_35pct: share(0.35),
    in_interval: intervalShare(ok),
  };
}

export function summarizeValidation(cases: readonly CasePrediction[]): ValidationSummary {
  const stats = (groups: Map<string, CasePrediction[]>) =>
    Object.fromEntries([...groups].map(([k, v]) => [k, errorStats(v)]));
  const predicted = cases.filter((c) => c.status === "ok");
  return {
    cases: cases.length,
    ok: predicted.length,
    error: cases.filter((c) => c.status === "error").length,
    unsupported: cases.filter((c) => c.status === "unsupported").length,
    overall: errorStats(predicted),
    by_kind: stats(groupBy(predicted, (c) => c.kind)),
    by_family: stats(groupBy(predicted, (c) => c.family ?? "unknown")),
    by_kind_and_family: stats(groupBy(predicted, (c) => `${c.kind}/${c.family ?? "unknown"}`)),
    left_out: leftOutStats(predicted, "loo_rel_error"),
    left_out_source: leftOutStats(predicted, "loso_rel_error"),
  };
}

/** errorStats over the held-out errors (one case, or its whole publication, left out) of the cases that have one. */
function leftOutStats(
  cases: readonly CasePrediction[],
  key: "loo_rel_error" | "loso_rel_error",
): ErrorStats | null {
  const leftOut = cases.flatMap((c) => {
    const [first] = c.metrics;
    const e = first?.[key];
    return first === undefined || e === undefined ? [] : [{ ...c, metrics: [{ ...first, rel_error: e }] }];
  });
  return leftOut.length === 0 ? null : errorStats(leftOut);
}
