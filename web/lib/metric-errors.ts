import type { ValidationJson } from "./api-types.ts";

/** Error of one metric over the cases of one chip family. */
export interface FamilyMetricErrors {
  family: string;
  cases: number;
  medianAbsError: number;
  within25: number;
  /** Share of the observations inside their 80 % interval (over those with one); null when none has one. */
  inInterval: number | null;
}

/**
 * Per chip family, the error of `metric` over the predicted cases that report it (median |relative error| and the
 * share within 25 %), so the table follows the metric the chart shows. Families sorted by name. (The same
 * statistics as `errorStats` in src/validate, which the browser build cannot import: it rests on the node-side
 * calibrate module.)
 */
export function metricErrorsByFamily(cases: ValidationJson["cases"], metric: string): FamilyMetricErrors[] {
  const byFamily = new Map<string, number[]>();
  const inside = new Map<string, { n: number; in: number }>();
  for (const c of cases) {
    if (c.status !== "ok") continue;
    for (const m of c.metrics) {
      if (m.metric !== metric || !Number.isFinite(m.rel_error)) continue;
      const family = c.family ?? "unknown";
      byFamily.set(family, [...(byFamily.get(family) ?? []), Math.abs(m.rel_error)]);
      if (m.interval) {
        const k = inside.get(family) ?? { n: 0, in: 0 };
        const hit = m.interval[0] <= m.observed && m.observed <= m.interval[1];
        inside.set(family, { n: k.n + 1, in: k.in + (hit ? 1 : 0) });
      }
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
        inInterval: ((k) => (k && k.n > 0 ? k.in / k.n : null))(inside.get(family)),
      };
    });
}
