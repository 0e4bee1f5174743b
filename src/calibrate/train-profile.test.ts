import { describe, expect, it } from "vitest";
import { builtinProfile } from "./profile.ts";
import {
  computeScaleOf,
  intervalHalfWidth,
  predictionHalfWidth,
  type TrainProfile,
  trainDaysSpread,
  Z80,
} from "./train-profile.ts";

const profile = (): TrainProfile => builtinProfile().train!;

describe("intervalHalfWidth()", () => {
  it("takes a family's own width, the pooled one for a calibrated family with few cases, and a wider one without cases", () => {
    const p = profile();
    expect(intervalHalfWidth(p, "nvidia-hopper")).toBe(p.interval_log_halfwidth_by_family["nvidia-hopper"]);
    const few = p.families.find((f) => p.interval_log_halfwidth_by_family[f.family] === undefined)!;
    expect(intervalHalfWidth(p, few.family)).toBe(p.interval_log_halfwidth);
    const none = intervalHalfWidth(p, "amd-cdna3");
    expect(none).toBeGreaterThan(p.interval_log_halfwidth);
    // the spread of the calibrated families' scales around the global one, for a new member, in quadrature
    const k = p.families.length;
    const dev = p.families.map((f) => Math.log(f.compute_scale / p.global_compute_scale));
    const sd = Math.sqrt(dev.reduce((a, x) => a + x * x, 0) / (k - 1)) * Math.sqrt(1 + 1 / k);
    expect(none).toBeCloseTo(Math.hypot(p.interval_log_halfwidth, Z80 * sd), 12);
  });

  it("widens with the spread of the families' compute scales", () => {
    const p = profile();
    const apart = {
      ...p,
      families: p.families.map((f, i) => ({
        ...f,
        compute_scale: f.compute_scale * (i % 2 === 0 ? 0.5 : 1.5),
      })),
    };
    expect(intervalHalfWidth(apart, "amd-cdna3")).toBeGreaterThan(intervalHalfWidth(p, "amd-cdna3"));
  });
});

describe("computeScaleOf()", () => {
  it("gives a family without cases the fit of a family built from the same die, else the global scale", () => {
    const p = profile();
    const b = p.families.find((f) => f.family === "ascend-910b")!;
    const mindspeed = p.groups.find((g) => g.family === "ascend-910b" && g.stack === "mindspeed")!;
    expect(p.families.some((f) => f.family === "ascend-910c")).toBe(false);
    // the 910C (two 910B-class dies) takes the 910B's group, then its family level
    expect(computeScaleOf(p, "ascend-910c", "mindspeed")).toBe(mindspeed.compute_scale);
    expect(computeScaleOf(p, "ascend-910c", "some-other-stack")).toBe(b.compute_scale);
    expect(computeScaleOf(p, "amd-cdna3", "megatron")).toBe(p.global_compute_scale);
    // and its interval is the calibrated family's, not the wider one of an uncalibrated family
    expect(intervalHalfWidth(p, "ascend-910c")).toBe(intervalHalfWidth(p, "ascend-910b"));
    expect(intervalHalfWidth(p, "ascend-910c")).toBeLessThan(intervalHalfWidth(p, "amd-cdna3"));
  });
});

describe("predictionHalfWidth()", () => {
  it("predictionHalfWidth() takes the wider of the calibration's half-width and the out-of-sample band's ends", () => {
    const p = profile();
    const own = intervalHalfWidth(p, "nvidia-hopper");
    expect(predictionHalfWidth(p, "nvidia-hopper", null)).toBe(own);
    expect(predictionHalfWidth(p, "nvidia-hopper", { logLo: -own / 2, logHi: own / 2 })).toBe(own);
    expect(predictionHalfWidth(p, "nvidia-hopper", { logLo: -0.1, logHi: own + 0.2 })).toBe(own + 0.2);
    expect(predictionHalfWidth(p, "nvidia-hopper", { logLo: -(own + 0.3), logHi: 0 })).toBe(own + 0.3);
    // the built-in band (src/calibrate/data/prediction-bands.json) is the default
    expect(predictionHalfWidth(p, "nvidia-hopper")).toBeGreaterThan(own);
  });
});

describe("trainDaysSpread()", () => {
  it("trainDaysSpread() is symmetric around the prediction for a dense model, whatever the MoE band says", () => {
    const p = profile();
    const half = predictionHalfWidth(p, "nvidia-hopper", null);
    const s = trainDaysSpread(p, "nvidia-hopper", false, null, { logLo: -1, logHi: 0.1 });
    expect(s).toEqual({ logLo: -half, logHi: half, logMu: 0, logSigma: half / Z80 });
    expect(Object.is(s.logMu, -0)).toBe(false);
  });

  it("trainDaysSpread() skews a mixture of experts' days slower by the held-out MoE band's wider low end (QA 40 M9)", () => {
    const p = profile();
    const half = predictionHalfWidth(p, "nvidia-hopper", null);
    // held-out MoE runs reaching x0.5 .. x1.1 of the predicted throughput: days x0.9 .. x2 at the band's ends
    const s = trainDaysSpread(p, "nvidia-hopper", true, null, { logLo: Math.log(0.5), logHi: Math.log(1.1) });
    expect(s.logLo).toBe(Math.min(-half, Math.log(0.5)));
    expect(s.logHi).toBe(Math.max(half, Math.log(1.1)));
    // the log-normal's median sits at the band's geometric centre: slower than predicted
    expect(s.logMu).toBeCloseTo(-(s.logLo + s.logHi) / 2, 12);
    expect(s.logMu).toBeGreaterThan(0);
    // its 80 % interval reproduces the band's two ends
    expect(s.logMu + Z80 * s.logSigma).toBeCloseTo(-s.logLo, 12);
    expect(s.logMu - Z80 * s.logSigma).toBeCloseTo(-s.logHi, 12);
    // a MoE band inside the calibration's own leaves the symmetric spread
    const inside = trainDaysSpread(p, "nvidia-hopper", true, null, { logLo: -half / 2, logHi: half / 2 });
    expect(inside.logMu).toBe(0);
  });
});
