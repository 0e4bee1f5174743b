import { describe, expect, it } from "vitest";
import { commandRunner } from "../test-support.ts";
import { fp8PeakShare, trainCommand } from "./train.ts";

describe("fp8PeakShare()", () => {
  it("fp8PeakShare() gives an FP8 plan's share of the FP8 peak and nothing for other precisions or no FP8 peak", () => {
    // H100 SXM: 1,979 dense FP8 TFLOPS; 709 model TFLOP/s is 71.7 % of the BF16 peak and 35.8 % of the FP8 one
    expect(fp8PeakShare("fp8", 709, 1979)).toBe("; 35.8 % of the dense FP8 peak");
    expect(fp8PeakShare("bf16", 709, 1979)).toBe("");
    expect(fp8PeakShare("fp8", 300, null)).toBe("");
  });
});

describe("trainCommand()", () => {
  const { errorOf } = commandRunner(trainCommand);

  it("trainCommand() bounds --scale-out-gbps as the API and serve do (review 39: it took any rate)", async () => {
    const error = await errorOf([
      "train",
      "plan",
      "--model",
      "llama-3.1-8b",
      "--chip",
      "nvidia-h100-sxm",
      "--count",
      "8",
      "--scale-out-gbps",
      "1e9",
    ]);
    expect(error.message).toBe("Cannot plan training: --scale-out-gbps must be at most 100000, got 1e9");
  });

  it("trainCommand() bounds --count and the degrees at the API's 2^20 chips (review 40: it took 10^7)", async () => {
    const plan = ["train", "plan", "--model", "llama-3.1-8b", "--chip", "nvidia-h100-sxm"];
    expect((await errorOf([...plan, "--count", "2000000"])).message).toBe(
      "Cannot plan training: --count must be at most 1048576, got 2000000",
    );
    expect((await errorOf([...plan, "--count", "8", "--tp", "2000000"])).message).toBe(
      "Cannot plan training: --tp must be at most 1048576, got 2000000",
    );
  });
});
