import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { builtinChips } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { searchInstances } from "./search-instances.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";

describe("searchInstances()", () => {
  it("spans a fixed EP degree over the whole instance when attention runs data-parallel", () => {
    const chip = builtinChips().find((c) => c.id === "huawei-ascend-910c")!;
    const candidates = searchInstances({
      arch: importModel(findBuiltinModel("deepseek-v3")!.config).arch,
      chip,
      precision: "int8",
      efficiency: serveEfficiencyPrior("cloudmatrix-infer", chip.family),
      phase: "prefill",
      inputTokens: 4096,
      outputTokens: 1,
      maxRanks: 192,
      divideRanks: true,
      fixed: { ep: 32 },
    });
    const withDp = candidates.filter((c) => c.config.dpAttention > 1);
    expect(withDp.length).toBeGreaterThan(0);
    for (const c of withDp) expect(c.config.tp * c.config.dpAttention).toBe(32);
    for (const c of candidates) expect(c.config.ep).toBe(32);
  });
});
