import { describe, expect, it } from "vitest";
import type { CasePrediction } from "../calibrate/index.ts";
import { errorStats } from "./summarize-validation.ts";

const ok = (observed: number, predicted: number, interval?: [number, number]): CasePrediction => ({
  id: `c${observed}-${predicted}`,
  kind: "train",
  status: "ok",
  family: "nvidia-hopper",
  metrics: [
    {
      metric: "tokens_per_s_per_chip",
      observed,
      predicted,
      rel_error: predicted / observed - 1,
      ...(interval ? { interval } : {}),
    },
  ],
});

describe("errorStats()", () => {
  it("errorStats() counts the share of first-metric observations inside their 80 % interval", () => {
    const stats = errorStats([
      ok(100, 110, [90, 130]), // inside
      ok(100, 150, [120, 180]), // outside
      ok(100, 95, [100, 120]), // on the edge: inside
      ok(100, 100), // no interval: not counted
    ]);
    expect(stats.in_interval).toBeCloseTo(2 / 3, 12);
    expect(stats.median_abs_error).toBeCloseTo(0.075, 12);
  });

  it("errorStats() has no interval share when no case has an interval", () => {
    expect(errorStats([ok(100, 110)]).in_interval).toBeNull();
    expect(errorStats([]).in_interval).toBeNull();
  });
});
