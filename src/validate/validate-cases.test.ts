import { describe, expect, it } from "vitest";
import { builtinProfile } from "../calibrate/index.ts";
import { builtinCasePaths, readCaseFiles } from "../cases/index.ts";
import { builtinChips, makeChipCatalog } from "../catalog/chips/index.ts";
import { validateCases } from "./validate-cases.ts";

const chips = makeChipCatalog(builtinChips());
const cases = readCaseFiles(builtinCasePaths());

describe("validateCases()", () => {
  const report = validateCases(cases, { chips, profile: builtinProfile(), reliabilityReplicas: 100 });

  it("answers every case, with every observed metric of an ok case predicted", () => {
    expect(report.cases.length).toBe(cases.length);
    for (const p of report.cases) {
      const c = cases.find((x) => x.id === p.id)!;
      if (p.status !== "ok") continue;
      const observed = Object.keys(c.observed).sort();
      expect(p.metrics.map((m) => m.metric).sort()).toEqual(observed);
      for (const m of p.metrics) expect(m.rel_error).toBeCloseTo(m.predicted / m.observed - 1, 12);
    }
  });

  it("answers serving cases `unsupported` without a serving predictor", () => {
    const serve = report.cases.filter((c) => c.kind === "serve");
    expect(serve.length).toBeGreaterThan(0);
    expect(serve.every((c) => c.status === "unsupported")).toBe(true);
  });

  it("summarises by kind and chip family", () => {
    expect(report.summary.by_kind.train?.cases).toBe(cases.filter((c) => c.kind === "train").length);
    expect(Object.keys(report.summary.by_kind_and_family)).toContain("train/ascend-910b");
    expect(report.summary.by_kind.train!.median_abs_error!).toBeLessThan(0.08);
  });
});
