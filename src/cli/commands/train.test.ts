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
  const { errorOf, runCli, runJson } = commandRunner(trainCommand);
  /** `train plan` of a model on a chip: the prefix every case below extends. */
  const planOf = (model: string, chip: string) => ["train", "plan", "--model", model, "--chip", chip];

  it("trainCommand() bounds --scale-out-gbps as the API and serve do (review 39: it took any rate)", async () => {
    const error = await errorOf([
      ...planOf("llama-3.1-8b", "nvidia-h100-sxm"),
      "--count",
      "8",
      "--scale-out-gbps",
      "1e9",
    ]);
    expect(error.message).toBe("Cannot plan training: --scale-out-gbps must be at most 100000, got 1e9");
  });

  it("trainCommand() bounds --count and the degrees at the API's 2^20 chips (review 40: it took 10^7)", async () => {
    const plan = planOf("llama-3.1-8b", "nvidia-h100-sxm");
    expect((await errorOf([...plan, "--count", "2000000"])).message).toBe(
      "Cannot plan training: --count must be at most 1048576, got 2000000",
    );
    expect((await errorOf([...plan, "--count", "8", "--tp", "2000000"])).message).toBe(
      "Cannot plan training: --tp must be at most 1048576, got 2000000",
    );
  });

  it("trainCommand() prints a mixture of experts' skewed interval and the reliability command of the same draw (QA 40 M9)", async () => {
    const job = ["--count", "64", "--seq-len", "4096", "--global-batch-tokens", "4Mi", "--tokens", "1T"];
    const argv = [...planOf("qwen3-30b-a3b", "nvidia-h100-sxm"), ...job, "--deadline-days", "30"];
    const text = (await runCli(argv)).stdout();
    const line =
      /days failure-free \(80 %: [\d.]+–[\d.]+, median ([\d.]+): held-out mixture-of-experts runs read slower than predicted\)/.exec(
        text,
      );
    expect(line).not.toBeNull();
    const budget = (await runJson(argv)).budget as {
      days: number;
      days_drawn: { median_days: number; interval_factor: number };
    };
    expect(budget.days_drawn.median_days).toBeGreaterThan(budget.days);
    // the printed reliability command simulates the same draw: its days are the median, not the prediction
    const command = /fleetcast reliability .* --days ([\d.]+) --days-interval ([\d.]+)/.exec(text);
    expect(Number(command?.[1])).toBeCloseTo(budget.days_drawn.median_days, 1);
    expect(Number(command?.[2])).toBeCloseTo(budget.days_drawn.interval_factor, 2);
    // a dense model's interval stays x/÷ around the prediction
    const dense = (await runCli([...planOf("llama-3.1-8b", "nvidia-h100-sxm"), ...job])).stdout();
    expect(dense).toMatch(/days failure-free \(80 %: [\d.]+–[\d.]+, x\/÷ [\d.]+\)/);
  });

  it("trainCommand() marks wall times past the simulation's horizon as '>' and P(deadline) past it as a lower bound (QA 40)", async () => {
    // a trillion parameters on 2^20 H100: failures every few seconds, no simulated run finishes within 10x its
    // failure-free 1.4 days; the P50 had read as 13.9 days beside P(finish within 100 days) 0 %
    const argv = [
      ...planOf("megatron-gpt-1t-sc21", "nvidia-h100-sxm"),
      "--count",
      "1048576",
      "--seq-len",
      "2048",
      "--global-batch-tokens",
      "64Gi",
      "--tokens",
      "10T",
      "--deadline-days",
      "100",
    ];
    const text = (await runCli(argv)).stdout();
    expect(text).toMatch(/restarts \(and the interval above\): > [\d.]+ days \(P50\), > [\d.]+ days \(P90\)/);
    expect(text).toMatch(
      /P\(finish within 100 days\): 0\.0 % at least \(the simulated runs were followed for [\d.]+ days\)/,
    );
    const failures = ((await runJson(argv)).budget as { with_failures: Record<string, number> })
      .with_failures;
    expect(failures.finished_fraction).toBe(0);
    expect(failures.horizon_days).toBeLessThan(100);
  });

  it("trainCommand() on a chip no training stack runs on names the chip, not a stack the user did not give (QA 40)", async () => {
    const argv = [...planOf("llama-3.1-8b", "google-tpu-v5p"), "--count", "8"];
    expect((await errorOf([...argv, "--seq-len", "4096", "--global-batch-tokens", "4Mi"])).message).toBe(
      "Cannot plan training on google-tpu-v5p: no training stack in the catalog runs on google-tpu",
    );
    // a stack asked by name is still refused by name
    expect(
      (await errorOf([...argv, "--seq-len", "4096", "--global-batch-tokens", "4Mi", "--stack", "megatron"]))
        .message,
    ).toMatch(/^Cannot train with megatron on google-tpu-v5p: it runs on /);
  });
});
