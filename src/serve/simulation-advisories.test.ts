import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import type { GraphMode } from "./graph-mode.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import { builtinServeProfile } from "./serve-profile.ts";
import { type ServePrecision, serveSetup } from "./serve-setup.ts";
import { simulationAdvisories } from "./simulation-advisories.ts";

/** The codes of one TP-only replica's advisories, built as `serve simulate` builds them. */
function codesOf(o: {
  model: string;
  chip: string;
  tp: number;
  precision: ServePrecision;
  engine: string;
  graphMode?: GraphMode;
  askedBits?: 4;
  askedPrecision: string;
}): string[] {
  const chip = builtinChips().find((c) => c.id === o.chip)!;
  const arch = importModel(findBuiltinModel(o.model)!.config).arch;
  const setup = serveSetup({
    arch,
    chip,
    config: { tp: o.tp, dpAttention: 1, ep: 1 },
    precision: o.precision,
    engine: o.engine,
    ...(o.graphMode === undefined ? {} : { graphMode: o.graphMode }),
    efficiency: serveEfficiencyPrior(o.engine, chip.family),
  });
  return simulationAdvisories({
    arch,
    setup,
    profile: builtinServeProfile(),
    family: chip.family,
    stackId: o.engine,
    requestedExpertBits: o.askedBits,
    requestedPrecision: o.askedPrecision,
  }).map((a) => a.code);
}

describe("simulationAdvisories()", () => {
  it("simulationAdvisories() says 4-bit experts asked of a dense model, and nothing of a calibrated engine in full graphs", () => {
    const llama = {
      model: "llama-3.1-8b",
      chip: "nvidia-h100-sxm",
      tp: 1,
      precision: "fp8",
      engine: "tensorrt-llm",
      graphMode: "full",
      askedPrecision: "fp8",
    } as const;
    expect(codesOf(llama)).toEqual([]);
    expect(codesOf({ ...llama, askedBits: 4 })).toEqual(["expert_bits_dense"]);
  });

  it("simulationAdvisories() names gpt-oss's MXFP4 checkpoint priced as INT8 on a 910B, after the calibration's advice", () => {
    const codes = codesOf({
      model: "gpt-oss-120b",
      chip: "huawei-ascend-910b2",
      tp: 4,
      precision: "int8",
      engine: "vllm-ascend",
      askedPrecision: "fp8",
    });
    expect(codes).toContain("checkpoint_precision");
    expect(codes.indexOf("stack_not_calibrated")).toBeLessThan(codes.indexOf("checkpoint_precision"));
  });
});
