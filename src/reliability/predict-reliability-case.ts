import type { Advisory, Assumption } from "./assumption.ts";
import { chipFamilyOf } from "./chip-family-of.ts";
import type { ChipFamily, ClusterKind, RateScenario } from "./failure-rate-set.ts";
import { normalQuantile } from "./normal-quantile.ts";
import { parseReliabilityInput } from "./reliability-input.ts";
import { resolveReliabilityPlan } from "./resolve-reliability-plan.ts";
import {
  type ClosedForms,
  closedFormsFor,
  type ReliabilityResult,
  simulateReliability,
} from "./simulate-reliability.ts";
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
  const z90 = normalQuantile(0.9);
  if (days === null) {
    const planOf = (scenario: RateScenario) =>
      resolveReliabilityPlan(parseReliabilityInput({ ...base, trainDays: 1, scenario }));
    const plan = planOf(reading);
    const forms = [closedFormsFor(plan), closedFormsFor(planOf(other))];
    const mtti = forms[0]!.mttiH;
    const [lo, hi] = mttiBand(
      forms.map((f) => ({ forms: f, mttiH: f.mttiH })),
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
  // every run whose P10-P90 the interval spans: both readings, and both again spread as the sites' rates spread
  // (review 23: the other reading's spread was left out, so it never lowered a count's P10)
  const runs = [
    result,
    otherResult,
    ...(siteSigma > 0 ? [simulate(reading, siteSigma), simulate(other, siteSigma)] : []),
  ];
  const band = (pick: (r: ReliabilityResult) => readonly [number, number]): readonly [number, number] => [
    Math.min(...runs.map((r) => pick(r)[0])),
    Math.max(...runs.map((r) => pick(r)[1])),
  ];
  const value: Record<string, number> = {
    interruptions: result.interruptions.mean + result.plannedInterruptions.mean,
    unexpected_interruptions: result.interruptions.mean,
    mtti_hours: result.mttiHours,
    goodput: result.goodput.mean,
  };
  const spread: Record<string, readonly [number, number]> = {
    interruptions: band((r) => [
      r.interruptions.p10 + r.plannedInterruptions.mean,
      r.interruptions.p90 + r.plannedInterruptions.mean,
    ]),
    unexpected_interruptions: band((r) => [r.interruptions.p10, r.interruptions.p90]),
    goodput: band((r) => [r.goodput.p10, r.goodput.p90]),
  };
  // the readings' band widened by the rate's spread (the simulation gives no spread of the mean time)
  if (Number.isFinite(result.mttiHours) && Number.isFinite(otherResult.mttiHours)) {
    const [lo, hi] = mttiBand(
      [result, otherResult].map((r) => ({ forms: r.closedForm, mttiH: r.mttiHours })),
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
 * closed form) moved as its closed form 1 / (rate + planned) moves when the unexpected rate (1 / the job MTBF) is
 * scaled by e^(+-k) (k = z x the sites' spread), planned maintenance keeping its own period (review 23: scaling the
 * whole mean time let it pass the planned period, which caps it).
 */
function mttiBand(
  readings: readonly { forms: ClosedForms; mttiH: number }[],
  k: number,
): readonly [number, number] {
  const at = (f: ClosedForms, factor: number) => {
    const rate = 1 / f.jobMtbfH;
    return 1 / (rate * factor + (1 / f.mttiH - rate));
  };
  const lo = Math.min(...readings.map((r) => (r.mttiH * at(r.forms, Math.exp(k))) / r.forms.mttiH));
  const hi = Math.max(...readings.map((r) => (r.mttiH * at(r.forms, Math.exp(-k))) / r.forms.mttiH));
  return [lo, hi];
}
