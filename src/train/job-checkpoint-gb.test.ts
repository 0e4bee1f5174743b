import { describe, expect, test } from "vitest";
import { importModel } from "../arch/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { jobCheckpointGB } from "./job-checkpoint-gb.ts";

const arch = (name: string) => {
  const found = findBuiltinModel(name);
  if (!found) throw new Error(`no built-in ${name}`);
  return importModel(found.config, found.displayName).arch;
};

describe("jobCheckpointGB()", () => {
  // DeepSeek-V3 technical report §1: 671B parameters and 14B of MTP modules; 14 B a parameter with FP32 moments, 10 B
  // with BF16 ones (§3.3.3, which HAI-LLM keeps).
  test("jobCheckpointGB() counts DeepSeek-V3's MTP modules and the stack's optimizer moments", () => {
    const v3 = arch("deepseek-v3");
    expect(jobCheckpointGB(v3, "megatron") / 1000).toBeGreaterThan(685 * 0.014 * 0.98);
    expect(jobCheckpointGB(v3, "megatron") / 1000).toBeLessThan(685 * 0.014 * 1.02);
    expect(jobCheckpointGB(v3, "hai-llm") / jobCheckpointGB(v3, "megatron")).toBeCloseTo(10 / 14, 6);
  });

  // Meta, Llama 3 herd paper: 405B parameters; BLOOM's 176B checkpoint was 2.3 TB at about the same 13-14 B a parameter.
  test("jobCheckpointGB() gives a dense model 14 bytes a parameter", () => {
    expect(jobCheckpointGB(arch("llama-3.1-405b"), "megatron") / 1000).toBeCloseTo(405 * 0.014, 0);
  });

  test("jobCheckpointGB() gives FSDP stacks on FP32 parameters 12 bytes a parameter", () => {
    const llama = arch("llama-3.1-70b");
    expect(jobCheckpointGB(llama, "torchtitan") / jobCheckpointGB(llama, "megatron")).toBeCloseTo(12 / 14, 9);
  });
});
