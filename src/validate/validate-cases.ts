import type { CasePrediction, MetricPrediction } from "../calibrate/index.ts";
import { predictTrainCase } from "../calibrate/index.ts";
import type { Profile } from "../calibrate/profile.ts";
import type { Case } from "../cases/index.ts";
import type { ChipCatalog } from "../catalog/chips/index.ts";
import { isFleetcastError } from "../errors.ts";
import { predictReliabilityCase } from "../reliability/index.ts";
import { withCaseChipAlias } from "./case-chip-alias.ts";
import { summarizeValidation, type ValidationSummary } from "./summarize-validation.ts";

/** Predicts a serving case; absent until the serving model is wired in (cases then answer `unsupported`). */
export type ServePredictor = (c: Extract<Case, { kind: "serve" }>) => CasePrediction;

export interface ValidateOptions {
  chips: ChipCatalog;
  profile: Profile;
  servePredictor?: ServePredictor;
  /** Seed and replicas of the reliability simulations (deterministic for a seed). */
  seed?: number;
  reliabilityReplicas?: number;
}

export interface ValidationReport {
  cases: CasePrediction[];
  summary: ValidationSummary;
}

function familyOf(chips: ChipCatalog, id: string): string | undefined {
  return chips.has(id) ? chips.get(id).family : undefined;
}

function predictReliability(
  c: Extract<Case, { kind: "reliability" }>,
  options: ValidateOptions,
): CasePrediction {
  const family = familyOf(options.chips, c.hardware.chip);
  const observedNumbers = Object.fromEntries(
    Object.entries(c.observed).filter((e): e is [string, number] => typeof e[1] === "number"),
  );
  const result = predictReliabilityCase(
    { ...c, observed: observedNumbers },
    {
      seed: options.seed ?? 1,
      replicas: options.reliabilityReplicas ?? 400,
      ...(family ? { chipFamily: family } : {}),
    },
  );
  const metrics: MetricPrediction[] = [];
  const observed = c.observed as Record<string, number | undefined>;
  for (const m of result.metrics) {
    const obs = observed[m.metric];
    if (typeof obs !== "number" || m.predicted === null) continue;
    metrics.push({
      metric: m.metric,
      observed: obs,
      predicted: m.predicted,
      rel_error: m.predicted / obs - 1,
      ...(m.interval ? { interval: [m.interval[0], m.interval[1]] as [number, number] } : {}),
    });
  }
  const missing = Object.keys(observed).filter((k) => !metrics.some((m) => m.metric === k));
  if (missing.length > 0) {
    return {
      id: c.id,
      kind: c.kind,
      status: "error",
      error: `Cannot predict ${missing.join(", ")}: the case lacks what they need`,
      metrics,
      family: result.chipFamily,
    };
  }
  return { id: c.id, kind: c.kind, status: "ok", metrics, family: result.chipFamily };
}

/** Predicts every case and compares with what was observed. Pure given its inputs. */
export function validateCases(cases: readonly Case[], options: ValidateOptions): ValidationReport {
  const out: CasePrediction[] = [];
  for (const given of cases) {
    // a chip id that names exactly one catalog chip is read as it, and said (case-chip-alias.ts)
    const { case: c, assumption } = withCaseChipAlias(given, options.chips);
    const said = (p: CasePrediction): CasePrediction =>
      assumption === null ? p : { ...p, assumptions: [assumption, ...(p.assumptions ?? [])] };
    try {
      if (c.kind === "train") out.push(said(predictTrainCase(c, options.chips, options.profile.train)));
      else if (c.kind === "reliability") out.push(said(predictReliability(c, options)));
      else if (options.servePredictor) out.push(said(options.servePredictor(c)));
      else out.push({ id: c.id, kind: c.kind, status: "unsupported", metrics: [] });
    } catch (error) {
      if (!isFleetcastError(error)) throw error;
      out.push({ id: c.id, kind: c.kind, status: "error", error: error.message, metrics: [] });
    }
  }
  return { cases: out, summary: summarizeValidation(out) };
}
