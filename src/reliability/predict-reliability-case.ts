import type { Advisory, Assumption } from "./assumption.ts";
import { chipFamilyOf } from "./chip-family-of.ts";
import type { ChipFamily, ClusterKind, RateScenario } from "./failure-rate-set.ts";
import { parseReliabilityInput } from "./reliability-input.ts";
import { type ReliabilityPlan, resolveReliabilityPlan } from "./resolve-reliability-plan.ts";
import { closedFormsFor, simulateReliability } from "./simulate-reliability.ts";
import { publishedSiteRateLogSigma } from "./site-rate-spread.ts";

/** A `kind: reliability` case as in shared/cases/FORMAT.md, typed loosely (the JSON as parsed). */
export interface ReliabilityCaseLike {
  readonly id?: string;
  readonly source?: { readonly citation?: string | null } | null;
  readonly notes?: readonly string[] | null;
  readonly hardware: {
    readonly chip: string;
    readonly count: number;
    readonly chips_per_node?: number | null;
  };
  readonly run?: {
    readonly days?: number | null;
    readonly checkpoint_interval_min?: number | null;
    readonly checkpoint_blocking_s?: number | null;
    readonly restart_min?: number | null;
    readonly spares?: number | null;
    readonly cluster?: ClusterKind | null;
  } | null;
  readonly observed: Readonly<Record<string, number>>;
}

export interface CaseMetricPrediction {
  readonly metric: string;
  /** Null when the case lacks what the metric needs (e.g. a count without a duration). */
  readonly predicted: number | null;
  /**
   * P10–P90 of the simulated replicas with the failure rate spread as published sites' rates spread
   * (site-rate-spread.ts: a fleet's own rate is unknown), widened to both rate readings' P10–P90, when simulated.
   */
  readonly interval?: readonly [number, number];
}

export interface CasePrediction {
  readonly chipFamily: string;
  readonly metrics: readonly CaseMetricPrediction[];
  readonly assumptions: readonly Assumption[];
  readonly advisories: readonly Advisory[];
}

export interface PredictCaseOptions {
  readonly seed?: number;
  readonly replicas?: number;
  /** The catalog's family for the case's chip id; defaults to a match on the id. */
  readonly chipFamily?: string;
  /** The failure-rate reading the prediction takes (default high); the interval spans both readings. */
  readonly scenario?: RateScenario;
  /** Widen the interval by the published sites' rate spread (default true; site-rate-spread.ts). */
  readonly siteSpread?: boolean;
}

/**
 * Whether a case measures jobs of a shared research cluster or a dedicated run: its `run.cluster` when given
 * (fleetcast's extension of the format), else read from its text: a citation about research clusters (Kokolis et
 * al., "Revisiting Reliability in Large-Scale ML Research Clusters") or a note about jobs on one, unless a note says
 * the run was not on one. Every other case is a dedicated run.
 */
export function caseCluster(c: ReliabilityCaseLike): ClusterKind {
  if (c.run?.cluster) return c.run.cluster;
  const notes = c.notes ?? [];
  if (notes.some((n) => /\bnot\b[^.]*\bresearch clusters?\b/i.test(n))) return "dedicated";
  const cited = /\bresearch clusters?\b/i.test(c.source?.citation ?? "");
  const jobsOnOne = notes.some((n) => /\bjobs?\b[^.]*\bresearch clusters?\b/i.test(n));
  return cited || jobsOnOne ? "shared" : "dedicated";
}

/**
 * Predicts a published reliability case's observed metrics (`interruptions` planned included,
 * `unexpected_interruptions`, `mtti_hours`, `goodput`) from its hardware and run blocks. With `run.days`
 * the job is simulated over that many wall-clock days (the counting window); without it only
 * `mtti_hours` can be predicted, from the job's failure rate.
 */
export function predictReliabilityCase(
  c: ReliabilityCaseLike,
  options: PredictCaseOptions = {},
): CasePrediction {
  const chipFamily = options.chipFamily ?? chipFamilyOf(c.hardware.chip);
  const run = c.run ?? {};
  const days = run.days ?? null;
  const base = {
    // Validated by the input schema; an unknown family is reported there with its field name.
    chipFamily: chipFamily as ChipFamily,
    chipCount: c.hardware.count,
    chipsPerNode: c.hardware.chips_per_node ?? 8,
    cluster: caseCluster(c),
    checkpoint: {
      intervalMin: run.checkpoint_interval_min ?? null,
      blockingS: run.checkpoint_blocking_s ?? null,
    },
    recovery: { restartMin: run.restart_min ?? null, spareNodes: run.spares ?? null },
  };
  const metrics = Object.keys(c.observed);
  // The prediction takes one failure-rate reading (high by default); its interval spans both readings (from the
  // lower P10 to the higher P90): which one a published run met is more uncertain than the Poisson spread of one rate.
  const reading = options.scenario ?? "high";
  const other: RateScenario = reading === "high" ? "low" : "high";
  // which site's rate a published run met is more uncertain still: the published sites' spread (site-rate-spread.ts)
  const siteSigma = options.siteSpread === false ? 0 : publishedSiteRateLogSigma();
  const z90 = 1.2815515655446004;
  if (days === null) {
    const planOf = (scenario: RateScenario) =>
      resolveReliabilityPlan(parseReliabilityInput({ ...base, trainDays: 1, scenario }));
    const plan = planOf(reading);
    const mtti = closedFormsFor(plan).mttiH;
    const [lo, hi] = mttiBand(
      [plan, planOf(other)].map((p) => ({ plan: p, mttiH: closedFormsFor(p).mttiH })),
      z90 * siteSigma,
    );
    return {
      chipFamily,
      metrics: metrics.map((metric) =>
        metric !== "mtti_hours"
          ? { metric, predicted: null }
          : lo === hi
            ? { metric, predicted: mtti }
            : { metric, predicted: mtti, interval: [lo, hi] as const },
      ),
      assumptions: plan.assumptions,
      advisories: plan.advisories,
    };
  }
  const simulate = (scenario: RateScenario, rateLogSigma = 0) =>
    simulateReliability(
      { ...base, trainDays: days, horizonDays: days, scenario, rateLogSigma },
      { seed: options.seed ?? 1, replicas: options.replicas ?? 2000, timelineMaxSegments: 0 },
    );
  const result = simulate(reading);
  const otherResult = simulate(other);
  // both readings spread (review 23: the other reading's spread was left out, so it never lowered a count's P10)
  const spreadResult = siteSigma > 0 ? simulate(reading, siteSigma) : result;
  const otherSpread = siteSigma > 0 ? simulate(other, siteSigma) : otherResult;
  const all = result.interruptions.mean + result.plannedInterruptions.mean;
  const value: Record<string, number> = {
    interruptions: all,
    unexpected_interruptions: result.interruptions.mean,
    mtti_hours: result.mttiHours,
    goodput: result.goodput.mean,
  };
  const planned = result.plannedInterruptions.mean;
  const otherPlanned = otherResult.plannedInterruptions.mean;
  const span = (a: readonly [number, number], b: readonly [number, number]): readonly [number, number] => [
    Math.min(a[0], b[0]),
    Math.max(a[1], b[1]),
  ];
  const mttiOther = otherResult.mttiHours;
  const s = spreadResult;
  const o = otherSpread;
  const spread: Record<string, readonly [number, number]> = {
    interruptions: span(
      span(
        [result.interruptions.p10 + planned, result.interruptions.p90 + planned],
        [otherResult.interruptions.p10 + otherPlanned, otherResult.interruptions.p90 + otherPlanned],
      ),
      span(
        [s.interruptions.p10 + planned, s.interruptions.p90 + planned],
        [o.interruptions.p10 + otherPlanned, o.interruptions.p90 + otherPlanned],
      ),
    ),
    unexpected_interruptions: span(
      span(
        [result.interruptions.p10, result.interruptions.p90],
        [otherResult.interruptions.p10, otherResult.interruptions.p90],
      ),
      span([s.interruptions.p10, s.interruptions.p90], [o.interruptions.p10, o.interruptions.p90]),
    ),
    goodput: span(
      span([result.goodput.p10, result.goodput.p90], [otherResult.goodput.p10, otherResult.goodput.p90]),
      span([s.goodput.p10, s.goodput.p90], [o.goodput.p10, o.goodput.p90]),
    ),
  };
  // the readings' band widened by the rate's spread (the simulation gives no spread of the mean time)
  if (Number.isFinite(result.mttiHours) && Number.isFinite(mttiOther)) {
    const planOf = (scenario: RateScenario) =>
      resolveReliabilityPlan(parseReliabilityInput({ ...base, trainDays: days, scenario }));
    const [lo, hi] = mttiBand(
      [
        { plan: planOf(reading), mttiH: result.mttiHours },
        { plan: planOf(other), mttiH: mttiOther },
      ],
      z90 * siteSigma,
    );
    if (lo !== hi) spread["mtti_hours"] = [lo, hi];
  }
  return {
    chipFamily,
    metrics: metrics.map((metric) => {
      const interval = spread[metric];
      return { metric, predicted: value[metric] ?? null, ...(interval ? { interval } : {}) };
    }),
    assumptions: result.assumptions,
    advisories: result.advisories,
  };
}

/**
 * The band of the mean time to interruption over the rate readings, each reading's mean time (simulated, or its
 * closed form) moved as its closed form 1 / (rate + planned) moves when the unexpected rate is scaled by e^(+-k)
 * (k = z x the sites' spread), planned maintenance keeping its own period (review 23: scaling the whole mean time let
 * it pass the planned period, which caps it).
 */
function mttiBand(
  readings: readonly { plan: ReliabilityPlan; mttiH: number }[],
  k: number,
): readonly [number, number] {
  const closedAt = (p: ReliabilityPlan, factor: number) =>
    1 / (p.unexpectedRatePerH * factor + (p.plannedIntervalH === null ? 0 : 1 / p.plannedIntervalH));
  const lo = Math.min(
    ...readings.map((r) => (r.mttiH * closedAt(r.plan, Math.exp(k))) / closedAt(r.plan, 1)),
  );
  const hi = Math.max(
    ...readings.map((r) => (r.mttiH * closedAt(r.plan, Math.exp(-k))) / closedAt(r.plan, 1)),
  );
  return [lo, hi];
}
