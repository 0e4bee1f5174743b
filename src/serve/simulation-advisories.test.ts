import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { builtinServeProfile } from "./serve-profile.ts";
import { serveSetup } from "./serve-setup.ts";
import { simulationAdvisories } from "./simulation-advisories.ts";

const chip = (id: string) => builtinChips().find((c) => c.id === id)!;
const arch = (name: string) => importModel(findBuiltinModel(name)!.config).arch;

describe("simulationAdvisories()", () => {
  it("simulationAdvisories() says 4-bit experts asked of a dense model, and nothing of a calibrated engine in full graphs", () => {
    const h100 = chip("nvidia-h100-sxm");
    const llama = arch("llama-3.1-8b");
    const setup = serveSetup({
      arch: llama,
      chip: h100,
      config: { tp: 1, dpAttention: 1, ep: 1 },
      precision: "fp8",
      engine: "tensorrt-llm",
      graphMode: "full",
      efficiency: serveEfficiencyPrior("tensorrt-llm", h100.family),
    });
    const codes = (bits: 4 | undefined) =>
      simulationAdvisories({
        arch: llama,
        setup,
        profile: builtinServeProfile(),
        family: h100.family,
        stackId: "tensorrt-llm",
        requestedExpertBits: bits,
        requestedPrecision: "fp8",
      }).map((a) => a.code);
    expect(codes(undefined)).toEqual([]);
    expect(codes(4)).toEqual(["expert_bits_dense"]);
  });

  it("simulationAdvisories() names gpt-oss's MXFP4 checkpoint priced as INT8 on a 910B, after the calibration's advice", () => {
    const b2 = chip("huawei-ascend-910b2");
    const gptOss = arch("gpt-oss-120b");
    const setup = serveSetup({
      arch: gptOss,
      chip: b2,
      config: { tp: 4, dpAttention: 1, ep: 1 },
      precision: "int8",
      engine: "vllm-ascend",
      efficiency: serveEfficiencyPrior("vllm-ascend", b2.family),
    });
    const codes = simulationAdvisories({
      arch: gptOss,
      setup,
      profile: builtinServeProfile(),
      family: b2.family,
      stackId: "vllm-ascend",
      requestedExpertBits: undefined,
      requestedPrecision: "fp8",
    }).map((a) => a.code);
    expect(codes).toContain("checkpoint_precision");
    expect(codes.indexOf("stack_not_calibrated")).toBeLessThan(codes.indexOf("checkpoint_precision"));
  });
});
