import { describe, expect, it } from "vitest";
import { builtinProfile } from "../calibrate/index.ts";
import { builtinCasePaths, readCaseFiles } from "../cases/index.ts";
import { builtinChips, makeChipCatalog } from "../catalog/chips/index.ts";
import { FleetcastError } from "../errors.ts";
import { validateCases } from "../validate/index.ts";
import { servePredictorOrUndefined } from "./serve-predictor.ts";

const chips = makeChipCatalog(builtinChips());

describe("servePredictorOrUndefined()", () => {
  it("servePredictorOrUndefined() predicts every built-in serve case for validate", () => {
    const profile = builtinProfile();
    const predictor = servePredictorOrUndefined(chips, profile);
    expect(predictor).toBeDefined();
    const cases = readCaseFiles(builtinCasePaths()).filter((c) => c.kind === "serve");
    const report = validateCases(cases, {
      chips,
      profile,
      ...(predictor ? { servePredictor: predictor } : {}),
    });
    expect(report.summary.unsupported).toBe(0);
    expect(report.summary.ok).toBe(cases.length);
    expect(report.summary.by_kind.serve?.median_abs_error ?? 1).toBeLessThan(0.5);
  });

  it("servePredictorOrUndefined() keeps issue 5's targets on the calibration set and its named deployments", () => {
    // issue 5: median |error| <= 15 % and >= 75 % of cases within 35 % on cases/serve.json (first metric), and
    // DeepSeek's H800 production decode and CloudMatrix384's decode and prefill within 15 % (its production prefill,
    // a 24-hour average below capacity, is the one target not met: +79 % at stop 26, docs/serving-model.md)
    const profile = builtinProfile();
    const servePredictor = servePredictorOrUndefined(chips, profile)!;
    const cases = readCaseFiles(builtinCasePaths()).filter((c) => c.kind === "serve");
    const report = validateCases(cases, { chips, profile, servePredictor });
    const serve = report.summary.by_kind.serve!;
    expect(serve.median_abs_error!).toBeLessThanOrEqual(0.15);
    expect(serve.within_35pct!).toBeGreaterThanOrEqual(0.75);
    const first = (id: string) => report.cases.find((c) => c.id === id)!.metrics[0]!.rel_error!;
    for (const id of ["ds-prod-h800-decode", "cm384-decode-50ms", "cm384-prefill"])
      expect(Math.abs(first(id))).toBeLessThanOrEqual(0.15);
  });

  it("servePredictorOrUndefined() gives left-out errors only to the very calibration case, and says a precision the chip lacks", () => {
    const profile = builtinProfile();
    const predictor = servePredictorOrUndefined(chips, profile)!;
    const original = readCaseFiles(builtinCasePaths()).find((c) => c.id === "sglang-h100-prefill-ep32-1k");
    if (original?.kind !== "serve") throw new Error("the calibration case is missing");
    const same = predictor(original);
    expect(same.metrics[0]?.loo_rel_error).toBeDefined();
    // QA 26: the same id and observation on another chip had been shown the original's left-out errors: another
    // chip of the family (another prediction) and a chip of another family both lose them
    for (const chip of ["nvidia-h20", "nvidia-b200-hgx"]) {
      const moved = predictor({ ...original, hardware: { ...original.hardware, chip } });
      expect(moved.status).toBe("ok");
      expect(moved.metrics[0]!.rel_error).not.toBeCloseTo(same.metrics[0]!.rel_error, 2);
      expect(moved.metrics[0]?.loo_rel_error).toBeUndefined();
      expect(moved.metrics[0]?.loso_rel_error).toBeUndefined();
    }
    // FP8 on a 910B is served as INT8, and the case says so
    const ascend = predictor({
      ...original,
      hardware: { ...original.hardware, chip: "huawei-ascend-910b2" },
      software: "vLLM-Ascend",
    });
    expect(ascend.assumptions).toContain("huawei-ascend-910b2 has no FP8: serving in INT8 (W8A8) instead");
    expect(ascend.metrics[0]?.loo_rel_error).toBeUndefined();
  });

  it("servePredictorOrUndefined() rejects a profile whose serve part is not a serving profile", () => {
    const bad = { ...builtinProfile(), serve: { version: 2 } };
    expect(() => servePredictorOrUndefined(chips, bad)).toThrow(FleetcastError);
  });
});
