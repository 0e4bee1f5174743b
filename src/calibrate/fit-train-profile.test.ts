import { describe, expect, it } from "vitest";
import { builtinCasePaths, readCaseFiles, sourceKeyOf, type TrainCase } from "../cases/index.ts";
import { builtinChips, makeChipCatalog } from "../catalog/chips/index.ts";
import { fitTrainProfile } from "./fit-train-profile.ts";
import { predictTrainCase } from "./predict-train-case.ts";
import { builtinProfile } from "./profile.ts";

const chips = makeChipCatalog(builtinChips());
const train = readCaseFiles(builtinCasePaths()).filter((c): c is TrainCase => c.kind === "train");
const profile = fitTrainProfile(train, chips);

describe("fitTrainProfile()", () => {
  it("matches the built-in profile (re-run `npm run calibrate` after changing the model)", () => {
    const stored = builtinProfile().train!;
    expect(stored.cases).toEqual(profile.cases);
    for (const g of profile.groups) {
      const s = stored.groups.find((x) => x.family === g.family && x.stack === g.stack);
      expect(s?.compute_scale).toBeCloseTo(g.compute_scale, 6);
    }
  });

  it("fits few parameters: one scale per chip family and one per (family, stack) present in the cases", () => {
    expect(profile.families.length).toBe(new Set(profile.residuals.map((r) => r.family)).size);
    expect(profile.groups.length).toBe(new Set(profile.residuals.map((r) => `${r.family}|${r.stack}`)).size);
    expect(profile.groups.length).toBeLessThan(train.length / 2);
  });

  it("lowers the error of the priors on the calibration set", () => {
    const err = (p: typeof profile | null) => {
      const e = train
        .map((c) => Math.abs(predictTrainCase(c, chips, p).metrics[0]?.rel_error ?? 1))
        .sort((a, b) => a - b);
      return e[Math.floor(e.length / 2)]!;
    };
    expect(err(profile)).toBeLessThan(err(null));
    expect(err(profile)).toBeLessThan(0.08);
  });

  it("keeps a leave-one-out residual for every case, no smaller overall than the in-sample one", () => {
    expect(profile.residuals.map((r) => r.case)).toEqual(profile.cases);
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const fit = median(profile.residuals.map((r) => Math.abs(r.fit_log_residual)));
    const loo = median(profile.residuals.map((r) => Math.abs(r.loo_log_residual)));
    expect(Number.isFinite(loo)).toBe(true);
    expect(loo).toBeGreaterThanOrEqual(fit);
    expect(profile.interval_log_halfwidth).toBeGreaterThan(0);
  });

  it("leaves a whole publication out: equal to leave-one-out for a case alone in its source, not for one with siblings", () => {
    const bySource = new Map<string, number>();
    for (const c of train) bySource.set(sourceKeyOf(c), (bySource.get(sourceKeyOf(c)) ?? 0) + 1);
    let alone = 0;
    let siblings = 0;
    for (const r of profile.residuals) {
      const c = train.find((x) => x.id === r.case)!;
      if (bySource.get(sourceKeyOf(c)) === 1) {
        alone++;
        expect(r.loso_log_residual).toBeCloseTo(r.loo_log_residual, 9);
      } else if (Math.abs(r.loso_log_residual! - r.loo_log_residual) > 1e-6) siblings++;
    }
    expect(alone).toBeGreaterThan(0);
    // Llama 3's two runs in one paper: the 8K run's left-out error moves once the 128K run leaves too
    expect(siblings).toBeGreaterThan(0);
    const abs = profile.residuals.map((r) => Math.abs(r.loso_log_residual!)).sort((a, b) => a - b);
    const q80 = abs[Math.floor((abs.length - 1) * 0.8)]!;
    expect(profile.interval_log_halfwidth).toBeGreaterThanOrEqual(q80 - 1e-12);
    expect(profile.interval_log_halfwidth).toBeLessThanOrEqual(
      abs[Math.ceil((abs.length - 1) * 0.8)]! + 1e-12,
    );
  });

  it("gives DeepSeek-V3 on 2,048 H800 within 10 % of 180K H800-hours per trillion tokens (DeepSeek-V3 report, Table 1)", () => {
    const c = train.find((x) => x.id === "deepseek-v3-pretrain-2048-h800")!;
    const p = predictTrainCase(c, chips, profile);
    const m = p.metrics.find((x) => x.metric === "chip_hours_per_trillion_tokens")!;
    expect(Math.abs(m.predicted / 180_000 - 1)).toBeLessThan(0.1);
  });

  it("predicts the Ascend cases with the MindSpeed stack", () => {
    for (const c of train.filter((x) => x.hardware.chip.startsWith("huawei"))) {
      expect(predictTrainCase(c, chips, profile).stack).toBe("mindspeed");
    }
  });
});
