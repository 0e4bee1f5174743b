import type { ValidationJson } from "./api-types.ts";

/** Error of one metric over the cases of one chip family. */
export interface FamilyMetricErrors {
  family: string;
  cases: number;
  medianAbsError: number;
  within25: number;
}

/**
 * Per chip family, the error of `metric` over the predicted cases that report it (median |relative error| and the
 * share within 25 %), so the table follows the metric the chart shows. Families sorted by name.
 */
export function metricErrorsByFamily(cases: ValidationJson["cases"], metric: string): FamilyMetricErrors[] {
  const byFamily = new Map<string, number[]>();
  for (const c of cases) {
    if (c.status !== "ok") continue;
    for (const m of c.metrics) {
      if (m.metric !== metric || !Number.isFinite(m.rel_error)) continue;
      const family = c.family ?? "unknown";
      byFamily.set(family, [...(byFamily.get(family) ?? []), Math.abs(m.rel_error)]);
    }
  }
  return [...byFamily.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([family, errors]) => {
      const sorted = [...errors].sort((a, b) => a - b);
      const mid = sorted.length / 2;
      const median =
        sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      return {
        family,
        cases: sorted.length,
        medianAbsError: median,
        within25: sorted.filter((e) => e <= 0.25).length / sorted.length,
      };
    });
}
