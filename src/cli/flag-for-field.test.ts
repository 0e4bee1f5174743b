import { describe, expect, it } from "vitest";
import { withFlagName } from "./flag-for-field.ts";
import { memoryIo } from "./io.ts";
import { buildProgram, run } from "./main.ts";

const program = buildProgram(memoryIo());

describe("withFlagName()", () => {
  it("withFlagName() writes a snake_case field as the flag of the command that ran", () => {
    expect(
      withFlagName(
        "Cannot plan training: global_batch_tokens must be at least one sequence (4096), got 1000",
        "global_batch_tokens",
        program,
        ["train", "plan", "--model", "deepseek-v3"],
      ),
    ).toBe("Cannot plan training: --global-batch-tokens must be at least one sequence (4096), got 1000");
  });

  it("withFlagName() names a nested camelCase field by its last part", () => {
    expect(
      withFlagName(
        "Cannot simulate serving: workload.maxInputTokens leaves no prompt lengths",
        "workload.maxInputTokens",
        program,
        ["serve", "simulate"],
      ),
    ).toBe("Cannot simulate serving: --max-input-tokens leaves no prompt lengths");
  });

  it("withFlagName() reads the flags of a default subcommand (reliability runs reliability simulate)", () => {
    expect(
      withFlagName("lower rate_multiplier or horizon_days", "rate_multiplier", program, ["reliability"]),
    ).toBe("lower --rate-multiplier or horizon_days");
  });

  it("withFlagName() leaves the message when the command has no such flag, and words that only contain the field", () => {
    const text = "global_batch_tokens must be positive";
    expect(withFlagName(text, "global_batch_tokens", program, ["serve", "plan"])).toBe(text);
    expect(
      withFlagName("my_global_batch_tokens_x and global_batch_tokens", "global_batch_tokens", program, [
        "train",
        "plan",
      ]),
    ).toBe("my_global_batch_tokens_x and --global-batch-tokens");
    expect(withFlagName(text, undefined, program, ["train", "plan"])).toBe(text);
  });

  it("run() prints a library error with the flag's name (QA 29)", async () => {
    const io = memoryIo();
    const argv = "train plan --model llama-3.1-8b --chip nvidia-h100-sxm --count 8 --seq-len 4096";
    const code = await run([...argv.split(" "), "--global-batch-tokens", "1000"], io);
    expect(code).toBe(1);
    expect(io.stderr()).toContain("--global-batch-tokens must be at least one sequence (4096), got 1000");
  });
});
