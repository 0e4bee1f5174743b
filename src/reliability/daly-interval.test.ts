import { describe, expect, test } from "vitest";
import { FleetcastError } from "../errors.ts";
import { dalyIntervalH } from "./daly-interval.ts";

describe("dalyIntervalH()", () => {
  // Daly, FGCS 22(3) 2006, Figs. 3-5: δ = 5 min, R = 10 min; optima 117, 57 and 9.1 min at M = 24 h,
  // 6 h and 15 min (reliability.md §2.3).
  test.each([
    [24, 117],
    [6, 57],
    [0.25, 9.1],
  ])("dalyIntervalH() gives Daly's published optimum at M = %s h within 1 percent", (mtbfH, publishedMin) => {
    const min = dalyIntervalH(5 / 60, mtbfH) * 60;
    expect(Math.abs(min / publishedMin - 1)).toBeLessThan(0.01);
  });

  test("dalyIntervalH() returns M once the checkpoint takes two MTBFs or more", () => {
    expect(dalyIntervalH(3, 1)).toBe(1);
  });

  test("dalyIntervalH() rejects a zero checkpoint time naming the field", () => {
    expect(() => dalyIntervalH(0, 1)).toThrowError(FleetcastError);
    expect(() => dalyIntervalH(0, 1)).toThrowError(/checkpoint_blocking_h is 0/);
  });
});
