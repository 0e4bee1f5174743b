import type { Comparison } from "./compare-strategies.ts";

/** Training days of one strategy (P50 bar, P90 whisker) against the deadline. */
export interface DaysRow {
  strategy: string;
  label: string;
  p50Days: number | null;
  p90Days: number | null;
  deadlineDays: number;
  feasible: boolean;
  experimental: boolean;
}

/** One tornado bar: P50 days with a factor worse (low) and better (high) around the baseline. */
export interface TornadoChartRow {
  factor: string;
  low: number | null;
  high: number | null;
  baseline: number | null;
}

/** Cost of one strategy over the deadline window, split by job. */
export interface CostRow {
  strategy: string;
  label: string;
  trainingUsd: number | null;
  servingUsd: number | null;
  windowUsd: number | null;
}

export interface ComparisonChartData {
  days: DaysRow[];
  tornado: TornadoChartRow[];
  cost: CostRow[];
}

/**
 * Plain arrays for the report's three charts (the shell renders them with Observable Plot): days per strategy
 * (P50 and P90 against the deadline), the tornado of the break-even factors, and cost per strategy.
 * @example comparisonChartData(result).days.map((d) => d.p50Days)
 */
export function comparisonChartData(result: Comparison): ComparisonChartData {
  const finite = (x: number | null | undefined) =>
    x === null || x === undefined || !Number.isFinite(x) ? null : x;
  return {
    days: result.strategies.map((s) => ({
      strategy: s.id,
      label: s.label,
      p50Days: finite(s.training?.p50Days),
      p90Days: finite(s.training?.p90Days),
      deadlineDays: result.deadlineDays,
      feasible: s.feasible,
      experimental: s.experimental,
    })),
    tornado: (result.breakEven?.tornado ?? []).map((row) => ({
      factor: row.factor,
      low: finite(row.low),
      high: finite(row.high),
      baseline: finite(row.baseline),
    })),
    cost: result.strategies.map((s) => ({
      strategy: s.id,
      label: s.label,
      trainingUsd: finite(s.cost.trainingUsd),
      // no window cost (no training job, or a price unknown): no bar either, as the table shows "–"
      servingUsd:
        s.cost.servingUsdPerDay === null || s.cost.windowUsd === null
          ? null
          : s.cost.servingUsdPerDay * result.deadlineDays,
      windowUsd: finite(s.cost.windowUsd),
    })),
  };
}
