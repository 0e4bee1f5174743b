import { describe, expect, it } from "vitest";
import { engineDispatchSwitch, runsNormalDispatch } from "./dispatch-kernels.ts";

describe("engineDispatchSwitch()", () => {
  it("engineDispatchSwitch() gives vLLM engines one backend per instance and the others a choice per step", () => {
    for (const engine of ["vllm", "vllm-ascend", "rocm-vllm"])
      expect(engineDispatchSwitch(engine)).toBe("per-instance");
    for (const engine of ["sglang", "deepseek-infer", "tensorrt-llm", "mindie", undefined])
      expect(engineDispatchSwitch(engine)).toBe("per-step");
  });
});

describe("runsNormalDispatch()", () => {
  const prompt = { decodeSeqs: 0, prefillTokens: 4096 };
  const mixed = { decodeSeqs: 64, prefillTokens: 2048 };
  const decode = { decodeSeqs: 64, prefillTokens: 0 };

  it("runsNormalDispatch() follows SGLang's auto mode per step: normal whenever prompt tokens are in the step", () => {
    expect(runsNormalDispatch("per-step", prompt)).toBe(true);
    expect(runsNormalDispatch("per-step", mixed)).toBe(true);
    expect(runsNormalDispatch("per-step", decode)).toBe(false);
  });

  it("runsNormalDispatch() keeps a per-instance engine on its low-latency backend unless the step is prompts alone", () => {
    expect(runsNormalDispatch("per-instance", prompt)).toBe(true);
    expect(runsNormalDispatch("per-instance", mixed)).toBe(false);
    expect(runsNormalDispatch("per-instance", decode)).toBe(false);
  });

  it("runsNormalDispatch() says no for an empty step", () => {
    expect(runsNormalDispatch("per-step", { decodeSeqs: 0, prefillTokens: 0 })).toBe(false);
  });
});
