import { describe, expect, it } from "vitest";
import { fp8PeakShare, tokenCount } from "./train.ts";

describe("fp8PeakShare()", () => {
  it("fp8PeakShare() gives an FP8 plan's share of the FP8 peak and nothing for other precisions or no FP8 peak", () => {
    // H100 SXM: 1,979 dense FP8 TFLOPS; 709 model TFLOP/s is 71.7 % of the BF16 peak and 35.8 % of the FP8 one
    expect(fp8PeakShare("fp8", 709, 1979)).toBe("; 35.8 % of the dense FP8 peak");
    expect(fp8PeakShare("bf16", 709, 1979)).toBe("");
    expect(fp8PeakShare("fp8", 300, null)).toBe("");
  });
});

describe("tokenCount()", () => {
  it("tokenCount() writes a budget as it is typed (review 34)", () => {
    expect(tokenCount(15e12)).toBe("15T");
    expect(tokenCount(14.8e12)).toBe("14.8T");
    expect(tokenCount(300e9)).toBe("300B");
    expect(tokenCount(2.5e6)).toBe("2.5M");
    expect(tokenCount(4096)).toBe("4,096");
  });
});
