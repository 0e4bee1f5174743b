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

  it("servePredictorOrUndefined() rejects a profile whose serve part is not a serving profile", () => {
    const bad = { ...builtinProfile(), serve: { version: 2 } };
    expect(() => servePredictorOrUndefined(chips, bad)).toThrow(FleetcastError);
  });
});
