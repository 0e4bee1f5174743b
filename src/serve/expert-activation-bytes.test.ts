import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importModel, layerInventory } from "../arch/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { expertActivationBytesPerCopy } from "./expert-activation-bytes.ts";

describe("expertActivationBytesPerCopy()", () => {
  it("expertActivationBytesPerCopy() counts DeepSeek-V3's gate-up, activation and down outputs and the gathered row", () => {
    const v3 = importModel(findBuiltinModel("deepseek-v3")!.config).arch;
    const inv = layerInventory(v3);
    // SwiGLU expert of width 2,048 on hidden 7,168: gate-up 4,096 + activation 2,048 elements, each written and read
    // (12,288), the down output written and read (14,336) and the input row gathered (7,168), in BF16
    expect(expertActivationBytesPerCopy(v3.hiddenSize, inv.expertLinear, 1)).toBe(2 * (12_288 + 3 * 7_168));
    // split over 8 ranks, each holds an eighth of the expert width but the full-width partial down output
    expect(expertActivationBytesPerCopy(v3.hiddenSize, inv.expertLinear, 8)).toBe(
      2 * (12_288 / 8 + 3 * 7_168),
    );
  });

  it("expertActivationBytesPerCopy() falls with the expert split towards the hidden rows it never splits", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 256, max: 16_384 }),
        fc.integer({ min: 128, max: 32_768 }),
        fc.integer({ min: 1, max: 32 }),
        (hidden, width, tp) => {
          const linear = 3 * hidden * width;
          const one = expertActivationBytesPerCopy(hidden, linear, tp);
          const wider = expertActivationBytesPerCopy(hidden, linear, tp * 2);
          return wider < one && wider > 2 * 3 * hidden;
        },
      ),
    );
  });
});
