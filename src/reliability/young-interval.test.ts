import { expect, test } from "vitest";
import { FleetcastError } from "../errors.ts";
import { youngIntervalH } from "./young-interval.ts";

// Young, CACM 17(9) 1974: τ = sqrt(2δM). δ = 5 min, M = 24 h gives sqrt(2 · 5 · 1440) = 120 min.
test("youngIntervalH() is sqrt(2 δ M)", () => {
  expect(youngIntervalH(5 / 60, 24) * 60).toBeCloseTo(120, 9);
});

test("youngIntervalH() rejects a negative MTBF", () => {
  expect(() => youngIntervalH(1, -2)).toThrowError(FleetcastError);
});
