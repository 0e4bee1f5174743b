import { describe, expect, it } from "vitest";
import { wholeBatchForDp } from "./train-case-setup.ts";

describe("wholeBatchForDp()", () => {
  it("wholeBatchForDp() keeps a batch the stated DP divides, and any batch without a stated DP", () => {
    const notes: string[] = [];
    expect(wholeBatchForDp(16_777_216, 8192, 64, notes)).toBe(16_777_216);
    expect(wholeBatchForDp(2_097_152, 2048, null, notes)).toBe(2_097_152);
    expect(notes).toEqual([]);
  });

  // OPT-175B (Zhang et al. 2022, Table 1 and §2.4): "2M" tokens of 2,048 on DP 124 (992 A100 / TP 8)
  it("wholeBatchForDp() reads OPT-175B's rounded 2M batch as 8 sequences on each of 124 ranks, and says so", () => {
    const notes: string[] = [];
    expect(wholeBatchForDp(2_097_152, 2048, 124, notes)).toBe(8 * 124 * 2048);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("DP 124");
    expect(notes[0]).toContain("992 sequences");
  });

  it("wholeBatchForDp() gives each rank at least one sequence", () => {
    const notes: string[] = [];
    expect(wholeBatchForDp(4096 * 10, 4096, 64, notes)).toBe(64 * 4096);
  });
});
