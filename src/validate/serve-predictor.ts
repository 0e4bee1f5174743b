import type { CasePrediction, MetricPrediction, Profile } from "../calibrate/index.ts";
import type { ChipCatalog } from "../catalog/chips/index.ts";
import { layeredServeProfile, predictServeCase } from "../serve/index.ts";
import type { ServePredictor } from "./validate-cases.ts";

// The profile stores its efficiencies to 4 decimals, which moves a calibration case's prediction by up to ~1e-4 of
// itself against the fit's (measured on cases/serve.json: 1.1e-4 at most); another chip or setup moves it by far more.
const SAME_PREDICTION = 1e-3;

/**
 * The serving predictor for `fleetcast validate`: `predictServeCase` with the built-in serving profile
 * (src/serve/data/serve-profile.json), the profile's serving part (a `fleetcast calibrate` output) laid over it.
 * Metrics the model cannot predict are left out; a case with none left is an error naming them.
 * @throws FleetcastError when the profile's `serve` part is not a serving profile.
 */
export function servePredictorOrUndefined(chips: ChipCatalog, profile: Profile): ServePredictor | undefined {
  const serveProfile = layeredServeProfile(profile.serve);
  const all = chips.all();
  return (c): CasePrediction => {
    const p = predictServeCase(c, serveProfile, { chips: all });
    // a calibration case's leave-one-out error, when the profile was fitted on this very case: the same id, read
    // on the same family and engine, the same observation and the same in-sample prediction (QA 26: a copy of a
    // calibration case moved to another chip under the same id had been shown the original's left-out errors)
    const fitted = serveProfile.cases.find(
      (x) => x.id === c.id && x.family === p.family && x.stack === p.stack,
    );
    const metrics: MetricPrediction[] = [];
    for (const m of p.metrics) {
      if (m.predicted === null || m.rel_error === null) continue;
      const predicted = m.predicted;
      const same = fitted?.metrics.find(
        (x) =>
          x.metric === m.metric &&
          x.observed === m.observed &&
          x.predicted != null &&
          Math.abs(x.predicted - predicted) <= SAME_PREDICTION * Math.abs(predicted),
      );
      const loo = same?.loo_rel_error;
      const loso = same?.loso_rel_error;
      metrics.push({
        metric: m.metric,
        observed: m.observed,
        predicted: m.predicted,
        rel_error: m.rel_error,
        ...(m.interval ? { interval: m.interval } : {}),
        ...(loo != null ? { loo_rel_error: loo } : {}),
        ...(loso != null ? { loso_rel_error: loso } : {}),
      });
    }
    const base = {
      id: c.id,
      kind: c.kind,
      family: p.family,
      stack: p.stack,
      ...(p.assumptions.length > 0 ? { assumptions: p.assumptions } : {}),
      ...(p.config ? { layout: p.config } : {}),
    };
    if (p.status !== "ok")
      return { ...base, status: p.status, metrics, ...(p.error ? { error: p.error } : {}) };
    if (metrics.length === 0) {
      const names = p.metrics.map((m) => m.metric).join(", ");
      // a layout that does not fit memory has no step to time; otherwise the metric is not one the model has
      const unfit = p.assumptions.find((a) => a.startsWith("no layout meets"));
      return {
        ...base,
        status: "error",
        error: `Cannot predict ${names}: ${unfit ?? "the serving model has no such metric"}`,
        metrics,
      };
    }
    return { ...base, status: "ok", metrics };
  };
}
