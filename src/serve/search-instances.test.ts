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

  it("searches pipeline stages of one scale-up domain each for a dense model, and one chip alone", () => {
    const llama70b = importModel(findBuiltinModel("llama-3.1-70b")!.config).arch;
    const h20 = builtinChips().find((c) => c.id === "nvidia-h20")!;
    const search = (maxRanks: number, chip = h20) =>
      searchInstances({
        arch: llama70b,
        chip,
        precision: "fp8",
        efficiency: serveEfficiencyPrior("vllm", chip.family),
        phase: "both",
        inputTokens: 1000,
        outputTokens: 200,
        maxRanks,
        divideRanks: true,
      });
    const one = search(1);
    expect(one.length).toBe(1);
    expect(one[0]!.config).toEqual({ tp: 1, dpAttention: 1, ep: 1 });
    // 16 H20 without a NIC figure: nothing spans the two servers; with one, TP 8 x PP 2 is searched
    expect(search(16).every((c) => (c.config.pp ?? 1) === 1)).toBe(true);
    const withNic = { ...h20, scaleOut: { ...h20.scaleOut, chipGbps: 400 } };
    const staged = search(16, withNic).filter((c) => (c.config.pp ?? 1) > 1);
    expect(staged.map((c) => c.config)).toEqual([{ tp: 8, dpAttention: 1, ep: 1, pp: 2 }]);
    expect(staged[0]!.chipsPerInstance).toBe(16);
  });
});
