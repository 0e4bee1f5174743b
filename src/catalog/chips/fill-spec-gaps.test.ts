import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtinChips } from "./builtin-chips.ts";
import { filledFiguresAssumption, fillSpecGaps, GAP_FILLED_IDS } from "./fill-spec-gaps.ts";
import { chipEntriesFromValue } from "./parse-chip-file.ts";

const entries = chipEntriesFromValue(
  JSON.parse(readFileSync(new URL("./data/hardware.json", import.meta.url), "utf8")),
  "hardware.json",
);
const entry = (id: string) => {
  const e = entries.find((x) => x.id === id);
  if (e === undefined) throw new Error(`missing ${id}`);
  return e;
};

describe("fillSpecGaps()", () => {
  it("fills the 910B1's peak from its cores x clock and flags every fill", () => {
    const filled = fillSpecGaps(entry("huawei-ascend-910b1"));
    // research/hardware.json compute_note: 24 AI cores x 1,800 MHz x 4,096 FP16 MAC/cycle x 2
    expect(filled.fp16_dense_tflops).toBeCloseTo((24 * 1.8e9 * 4096 * 2) / 1e12, 0);
    expect(filled.bf16_dense_tflops).toBe(filled.fp16_dense_tflops);
    expect(filled.hbm_tbps).toBe(1.6);
    for (const field of [
      "fp16_dense_tflops",
      "bf16_dense_tflops",
      "hbm_tbps",
      "scaleup_GBps_per_chip_unidir",
    ])
      expect(filled.uncertain[field]).toMatch(/^filled by fleetcast/);
    expect(filled.confidence).toBe("low");
  });

  it("never overwrites a figure the source states", () => {
    const stated = { ...entry("huawei-ascend-910b1"), hbm_tbps: 1.2 };
    expect(fillSpecGaps(stated).hbm_tbps).toBe(1.2);
    // the 910A's HBM fill keeps the research note it replaces
    expect(fillSpecGaps(entry("huawei-ascend-910a")).uncertain["hbm_gb"]).toMatch(/research note: commonly/);
  });

  it("leaves entries without fills untouched", () => {
    const h100 = entry("nvidia-h100-sxm");
    expect(fillSpecGaps(h100)).toBe(h100);
    expect(GAP_FILLED_IDS).toEqual([
      "huawei-ascend-910a",
      "huawei-ascend-950pr",
      "huawei-ascend-950dt",
      "huawei-ascend-910b1",
    ]);
  });

  it("gives the Ascend 950 parts half their keynote FP8 peak in BF16 and FP16, as the Atlas 350 sheet's Cube units run", () => {
    // research/hardware.json: huawei-atlas-350-950pr-card BF16 378.5 : FP8 756.9 (Cube); 950PR/950DT FP8 1,000
    const card = entry("huawei-atlas-350-950pr-card");
    expect(fillSpecGaps(card)).toBe(card);
    const ratio = (card.bf16_dense_tflops ?? 0) / (card.fp8_dense_tflops ?? 1);
    for (const id of ["huawei-ascend-950pr", "huawei-ascend-950dt"]) {
      const raw = entry(id);
      const filled = fillSpecGaps(raw);
      expect(filled.bf16_dense_tflops).toBeCloseTo((raw.fp8_dense_tflops ?? 0) * ratio, 0);
      expect(filled.fp16_dense_tflops).toBe(filled.bf16_dense_tflops);
      expect(filled.fp8_dense_tflops).toBe(raw.fp8_dense_tflops);
      for (const field of ["bf16_dense_tflops", "fp16_dense_tflops"])
        expect(filled.uncertain[field]).toMatch(/^filled by fleetcast/);
      expect(filled.confidence).toBe("low");
    }
    // '2 TB/s interconnect', read as both directions together, where the entry names the pod it links
    const dt = entry("huawei-ascend-950dt");
    expect(fillSpecGaps(dt).scaleup_GBps_per_chip_unidir).toBe((dt.scaleup_GBps_per_chip_bidir ?? 0) / 2);
    expect(dt.scaleup_domain_size).toBeGreaterThan(1);
    // the 950PR's entry names no domain: a one-way rate would have nowhere to apply (review 34)
    const pr = entry("huawei-ascend-950pr");
    expect(pr.scaleup_domain_size).toBeNull();
    expect(fillSpecGaps(pr).scaleup_GBps_per_chip_unidir).toBeNull();
  });
});

describe("filledFiguresAssumption()", () => {
  it("names the filled fields of a chip and nothing for a fully sourced one", () => {
    const chip = (id: string) => builtinChips().find((c) => c.id === id)!;
    expect(filledFiguresAssumption(chip("huawei-ascend-910a"))).toMatch(
      /^huawei-ascend-910a has no published hbm_gb, hbm_tbps, scaleup_GBps_per_chip_unidir/,
    );
    expect(filledFiguresAssumption(chip("huawei-ascend-910b2"))).toBeNull();
  });
});
