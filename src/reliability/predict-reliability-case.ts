import type { Advisory, Assumption } from "./assumption.ts";
import { chipFamilyOf } from "./chip-family-of.ts";
import type { ChipFamily, ClusterKind } from "./failure-rate-set.ts";
import { parseReliabilityInput } from "./reliability-input.ts";
import { resolveReliabilityPlan } from "./resolve-reliability-plan.ts";
import { closedFormsFor, simulateReliability } from "./simulate-reliability.ts";

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
  /** P10–P90 of the simulated replicas (the run-to-run spread of the failure process), when simulated. */
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
  if (days === null) {
    const plan = resolveReliabilityPlan(parseReliabilityInput({ ...base, trainDays: 1 }));
    const mtti = closedFormsFor(plan).mttiH;
    return {
      chipFamily,
      metrics: metrics.map((metric) => ({ metric, predicted: metric === "mtti_hours" ? mtti : null })),
      assumptions: plan.assumptions,
      advisories: plan.advisories,
    };
  }
  const result = simulateReliability(
    { ...base, trainDays: days, horizonDays: days },
    { seed: options.seed ?? 1, replicas: options.replicas ?? 2000, timelineMaxSegments: 0 },
  );
  const all = result.interruptions.mean + result.plannedInterruptions.mean;
  const value: Record<string, number> = {
    interruptions: all,
    unexpected_interruptions: result.interruptions.mean,
    mtti_hours: result.mttiHours,
    goodput: result.goodput.mean,
  };
  const planned = result.plannedInterruptions.mean;
  const spread: Record<string, readonly [number, number]> = {
    interruptions: [result.interruptions.p10 + planned, result.interruptions.p90 + planned],
    unexpected_interruptions: [result.interruptions.p10, result.interruptions.p90],
    goodput: [result.goodput.p10, result.goodput.p90],
  };
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
