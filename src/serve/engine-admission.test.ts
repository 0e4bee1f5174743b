import { describe, expect, it } from "vitest";
import { engineKvAdmission } from "./engine-admission.ts";

describe("engineKvAdmission()", () => {
  it("engineKvAdmission() reserves whole answers for TensorRT-LLM only (GUARANTEED_NO_EVICT by default)", () => {
    expect(engineKvAdmission("tensorrt-llm")).toBe("reserve-max");
    for (const engine of ["vllm", "sglang", "vllm-ascend", "mindie", undefined]) {
      expect(engineKvAdmission(engine)).toBe("on-demand");
    }
  });
});
