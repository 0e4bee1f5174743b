import { describe, expect, it } from "vitest";
import { builtinChips } from "./builtin-chips.ts";
import { hbmBytesOf } from "./hbm-bytes.ts";

describe("hbmBytesOf()", () => {
  it("hbmBytesOf() reads an H100's 80 GB as nvidia-smi's 81,559 MiB within 0.5 %", () => {
    const h100 = builtinChips().find((c) => c.id === "nvidia-h100-sxm")!;
    expect(hbmBytesOf(h100) / (81_559 * 2 ** 20) - 1).toBeCloseTo(0, 2);
    expect(hbmBytesOf({ hbmGB: null })).toBe(0);
  });
});
