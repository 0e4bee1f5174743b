import { readdirSync } from "node:fs";
import { join } from "node:path";
import { importModel } from "../arch/index.ts";
import {
  type BandResidual,
  builtinProfile,
  leaveOneSourceOutCoverage,
  outOfSampleBand,
  type PredictionBands,
  residualQuantiles,
  type TrackRecord,
} from "../calibrate/index.ts";
import { type Case, isTimeLikeMetric, readCaseFilesTolerant, sourceKeyOf } from "../cases/index.ts";
import { builtinChips, makeChipCatalog } from "../catalog/chips/index.ts";
import { FleetcastError } from "../errors.ts";
import { quantileSorted } from "../util/quantile-sorted.ts";
import { servePredictorOrUndefined } from "./serve-predictor.ts";
import { type ValidationReport, validateCases } from "./validate-cases.ts";

/** The method the bands file states (src/calibrate/out-of-sample-band.ts has the references). */
export const PREDICTION_BANDS_METHOD =
  "empirical held-out band (split-conformal's construction without its (n + 1) / n finite-sample correction): the 10th and 90th percentiles of log(observed / predicted) (a time metric's sign flipped) of the first metric of every held-out run the built-in profiles predict, each publication (sourceKeyOf) weighted 1 / its runs; its coverage is checked by leaving each publication out; intervals take the wider of this band and the calibration's own at each end";

/**
 * The out-of-sample bands of serving and training predictions from a validation of runs no fit has seen: the
 * first metric of every predicted run, its source the publication it comes from (`sourceKeyOf`, the key
 * leave-one-source-out validation holds out). `files` lists the files that gave runs.
 */
export function fitPredictionBands(
  cases: readonly Case[],
  report: ValidationReport,
  files: readonly string[],
  coverage = 0.8,
): PredictionBands {
  const sourceOf = new Map(cases.map((c) => [c.id, sourceKeyOf(c)]));
  const residuals: Record<"serve" | "train", BandResidual[]> = { serve: [], train: [] };
  const moeTraining: BandResidual[] = [];
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const byEngine = new Map<string, { family: string; stack: string; runs: TrackRun[] }>();
  for (const p of report.cases) {
    const m = p.metrics[0];
    if (p.status !== "ok" || (p.kind !== "serve" && p.kind !== "train") || m === undefined) continue;
    if (m.predicted === null || !(m.observed > 0) || !(m.predicted > 0)) continue;
    const log = Math.log(m.observed / m.predicted);
    const residual = {
      source: sourceOf.get(p.id) ?? p.id,
      logRatio: isTimeLikeMetric(m.metric) ? -log : log,
    };
    residuals[p.kind].push(residual);
    if (p.kind === "train" && isMixtureOfExperts(caseById.get(p.id))) moeTraining.push(residual);
    if (p.kind === "serve" && p.family !== undefined && p.stack !== undefined) {
      const key = `${p.family} ${p.stack}`;
      const group = byEngine.get(key) ?? { family: p.family, stack: p.stack, runs: [] };
      group.runs.push({ ...residual, absError: Math.abs(m.predicted / m.observed - 1) });
      byEngine.set(key, group);
    }
  }
  const band = (rs: BandResidual[]): PredictionBands["serve"] => {
    if (rs.length === 0) return null;
    const b = outOfSampleBand(rs, coverage);
    const sources = new Set(rs.map((r) => r.source)).size;
    return {
      // a band always holds the prediction itself
      log_lo: Math.min(0, b.logLo),
      log_hi: Math.max(0, b.logHi),
      runs: rs.length,
      sources,
      leave_one_source_out_coverage: sources < 2 ? null : leaveOneSourceOutCoverage(rs, coverage),
      log_quantiles: residualQuantiles(rs),
    };
  };
  return {
    kind: "fleetcast-prediction-bands",
    method: PREDICTION_BANDS_METHOD,
    coverage,
    files: [...files],
    serve: band(residuals.serve),
    train: band(residuals.train),
    train_moe: band(moeTraining),
    serve_track_record: [...byEngine.values()]
      .map((g) => trackRecord(g.family, g.stack, g.runs))
      .sort((a, b) => b.runs - a.runs || a.family.localeCompare(b.family) || a.stack.localeCompare(b.stack)),
  };
}

/** Whether a case's model routes to experts, as the training model reads it (importModel); false when unreadable. */
function isMixtureOfExperts(c: Case | undefined): boolean {
  if (c === undefined) return false;
  try {
    return importModel(c.model).arch.moe !== null;
  } catch {
    return false;
  }
}

interface TrackRun extends BandResidual {
  absError: number;
}

/** One engine's record on one family: its runs' median |error|, how many within 35 %, how many optimistic. */
function trackRecord(family: string, stack: string, runs: readonly TrackRun[]): TrackRecord {
  const sorted = runs.map((r) => r.absError).sort((a, b) => a - b);
  return {
    family,
    stack,
    runs: runs.length,
    sources: new Set(runs.map((r) => r.source)).size,
    median_abs_error: quantileSorted(sorted, 0.5) ?? 0,
    within_35pct: runs.filter((r) => r.absError <= 0.35).length,
    // the residual is log(observed / predicted), a time's sign flipped: below 0, the prediction was the better one
    optimistic: runs.filter((r) => r.logRatio < 0).length,
  };
}

/**
 * The bands of the held-out case files of a folder (every `*.json`, in name order), predicted with the built-in
 * chips and profile: what `npm run calibrate:bands` writes, and what the test of the written file recomputes.
 * `files` names the files that gave serving or training runs, as `${prefix}${name}`.
 */
export function heldOutPredictionBands(dir: string, prefix = "data/holdout/"): PredictionBands {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  // read as `validate` reads them (engines' spellings and unstated fields read as the format's, said in the
  // readings), each file once; a case that cannot be read, or an id repeated across the files (review 21b), is refused
  const firstFile = new Map<string, string>();
  const byFile = files.map((file) => {
    const r = readCaseFilesTolerant([join(dir, file)]);
    const first = r.rejected[0];
    if (first !== undefined) {
      throw new FleetcastError(
        `Cannot fit the prediction bands: ${first.file}${first.id ? ` case ${first.id}` : ""}: ${first.error}`,
      );
    }
    for (const c of r.cases) {
      const other = firstFile.get(c.id);
      if (other !== undefined) {
        throw new FleetcastError(
          `Cannot fit the prediction bands: ${file} case ${c.id}: id "${c.id}" was already read from ${other}`,
        );
      }
      firstFile.set(c.id, file);
    }
    return { file, cases: r.cases.filter((c) => c.kind !== "reliability") };
  });
  const cases = byFile.flatMap((f) => f.cases);
  const chips = makeChipCatalog(builtinChips());
  const profile = builtinProfile();
  const report = validateCases(cases, {
    chips,
    profile,
    servePredictor: servePredictorOrUndefined(chips, profile),
  });
  const used = byFile.filter((f) => f.cases.length > 0).map((f) => `${prefix}${f.file}`);
  return fitPredictionBands(cases, report, used);
}
