import { expect, test } from "vitest";
import { FleetcastError } from "../errors.ts";
import { dalyWallTimeH } from "./daly-wall-time.ts";

test("dalyWallTimeH() tends to T_s (1 + δ/τ) when failures vanish", () => {
  const w = dalyWallTimeH({ solveH: 100, intervalH: 1, checkpointBlockingH: 0.1, restartH: 0.2, mtbfH: 1e9 });
  expect(w).toBeCloseTo(110, 4);
});

// Daly FGCS 2006 eq.: T_w = M e^(R/M) (e^((τ+δ)/M) − 1) T_s/τ; hand value for M = 1, R = 0, τ = 1, δ = 0:
// (e − 1) · T_s.
test("dalyWallTimeH() matches the exact expression at a hand-computed point", () => {
  const w = dalyWallTimeH({ solveH: 10, intervalH: 1, checkpointBlockingH: 0, restartH: 0, mtbfH: 1 });
  expect(w).toBeCloseTo((Math.E - 1) * 10, 9);
});

test("dalyWallTimeH() rejects a zero solve time", () => {
  expect(() =>
    dalyWallTimeH({ solveH: 0, intervalH: 1, checkpointBlockingH: 0, restartH: 0, mtbfH: 1 }),
  ).toThrowError(FleetcastError);
});
