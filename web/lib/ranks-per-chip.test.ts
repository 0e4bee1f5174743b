import { describe, expect, it } from "vitest";
import { ranksPerChip } from "./ranks-per-chip.ts";

describe("ranksPerChip()", () => {
  it("ranksPerChip() is 2 for a 910C plan (TP4 DP1024 on 2,048 packages) and 1 for an H800 plan", () => {
    // /api/train/plan, deepseek-v3 bf16 on 2,048 huawei-ascend-910c: "TP4 PP1 DP1024 EP256", 4,096 ranks
    expect(ranksPerChip({ tp: 4, pp: 1, dp: 1024, cp: 1 }, 2048)).toBe(2);
    expect(ranksPerChip({ tp: 4, pp: 2, dp: 256, cp: 1 }, 2048)).toBe(1);
  });

  it("ranksPerChip() is at least 1 for a count of 0 or fewer ranks than chips", () => {
    expect(ranksPerChip({ tp: 1, pp: 1, dp: 1, cp: 1 }, 0)).toBe(1);
    expect(ranksPerChip({ tp: 1, pp: 1, dp: 4, cp: 1 }, 8)).toBe(1);
  });
});
