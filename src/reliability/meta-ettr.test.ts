import { expect, test } from "vitest";
import { metaEttr } from "./meta-ettr.ts";

// Kokolis et al. HPCA 2025 §IV form: (1 − λ(u₀ + Δt/2)) / (1 + w/Δt). λ = 0.1/h, u₀ = 0.25 h, Δt = 1 h,
// w = 0.05 h: (1 − 0.1 · 0.75) / 1.05 = 0.880952...
test("metaEttr() evaluates Meta's approximation", () => {
  expect(metaEttr({ failuresPerH: 0.1, restartH: 0.25, intervalH: 1, checkpointH: 0.05 })).toBeCloseTo(
    0.925 / 1.05,
    12,
  );
});

test("metaEttr() is clamped at 0 when failures outrun progress", () => {
  expect(metaEttr({ failuresPerH: 10, restartH: 1, intervalH: 1, checkpointH: 0 })).toBe(0);
});
