import { describe, expect, it } from "vitest";
import { type FlagEngine, flagNamesOf, knownFlagsOf, unknownFlags } from "./known-flags.ts";

const ENGINES: FlagEngine[] = ["megatron", "mindspeed", "torchrun", "vllm", "vllm-ascend"];

describe("knownFlagsOf()", () => {
  it("gives every engine a source and well-formed, unique flag names", () => {
    for (const engine of ENGINES) {
      const { sources, flags } = knownFlagsOf(engine);
      expect(sources.length).toBeGreaterThan(0);
      for (const f of flags) expect(f).toMatch(/^--[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(new Set(flags).size).toBe(flags.length);
    }
  });
});

describe("unknownFlags()", () => {
  it("reports flags missing from the engine's list, ignoring values", () => {
    expect(unknownFlags("vllm", ["--tensor-parallel-size", "8", "--made-up", "--port=8000"])).toEqual([
      "--made-up",
    ]);
  });
});

describe("flagNamesOf()", () => {
  it("keeps only --flags and strips =values", () => {
    expect(flagNamesOf(["serve", "--a=1", "-x", "--b"])).toEqual(["--a", "--b"]);
  });
});
