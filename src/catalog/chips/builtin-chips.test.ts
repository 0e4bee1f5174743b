import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtinChips } from "./builtin-chips.ts";
import { GAP_FILLED_IDS } from "./fill-spec-gaps.ts";

const dataUrl = new URL("./data/hardware.json", import.meta.url);
const researchPath = "/work/shared/research/hardware.json";
const raw = JSON.parse(readFileSync(dataUrl, "utf8")) as {
  id: string;
  bf16_dense_tflops: number | null;
  fp16_dense_tflops: number | null;
}[];
const added = JSON.parse(readFileSync(new URL("./data/added-chips.json", import.meta.url), "utf8")) as {
  id: string;
  bf16_dense_tflops: number | null;
  sources: unknown[];
}[];
const byId = new Map(builtinChips().map((c) => [c.id, c]));
const chip = (id: string) => {
  const found = byId.get(id);
  if (found === undefined) throw new Error(`missing ${id}`);
  return found;
};

describe("builtinChips()", () => {
  it("holds every research entry with a 16-bit peak or a documented fill, same ids, same order", () => {
    const kept = raw
      .filter(
        (e) => e.bf16_dense_tflops !== null || e.fp16_dense_tflops !== null || GAP_FILLED_IDS.includes(e.id),
      )
      .map((e) => e.id);
    expect(kept.length).toBe(24);
    // then the chips added later (data/added-chips.json), each sourced
    expect(added.map((e) => e.id)).toEqual([
      "nvidia-gb300-nvl72-per-gpu",
      "nvidia-b300-hgx",
      "amd-mi355x",
      "amd-mi350x",
      "nvidia-a800-sxm-80gb",
      "nvidia-h100-pcie",
      "huawei-ascend-910b4-1",
      "huawei-atlas-800i-a2-64g",
    ]);
    for (const e of added) expect(e.sources.length).toBeGreaterThan(0);
    expect(builtinChips().map((c) => c.id)).toEqual([...kept, ...added.map((e) => e.id)]);
  });

  it("reads the MI350 series as CDNA4 and Blackwell Ultra as Blackwell, with their own peaks", () => {
    expect(chip("amd-mi355x").family).toBe("amd-cdna4");
    expect(chip("amd-mi325x").family).toBe("amd-cdna3");
    expect(chip("nvidia-gb300-nvl72-per-gpu").family).toBe("nvidia-blackwell");
    // GB300: 15 PF dense NVFP4 against GB200's 10 (NVIDIA, "Inside NVIDIA Blackwell Ultra")
    expect(chip("nvidia-gb300-nvl72-per-gpu").peakTflops.fp4).toBeGreaterThan(
      chip("nvidia-gb200-nvl72-per-gpu").peakTflops.fp4 ?? 0,
    );
    expect(chip("nvidia-gb300-nvl72-per-gpu").scaleUp.domainSize).toBe(72);
  });

  it.skipIf(!existsSync(researchPath))("ships a verbatim copy of research/hardware.json", () => {
    expect(readFileSync(dataUrl, "utf8")).toBe(readFileSync(researchPath, "utf8"));
  });

  it("leaves out entries without a 16-bit peak (roadmap parts have FP8 only; the MLU590 nothing)", () => {
    for (const id of ["huawei-ascend-960", "huawei-ascend-970", "cambricon-mlu590"]) {
      expect(byId.has(id)).toBe(false);
    }
    // the announced 950 parts come in on their filled 16-bit peaks (fill-spec-gaps.ts)
    expect(chip("huawei-ascend-950pr")).toMatchObject({
      family: "ascend-950",
      peakTflops: { bf16: 500, fp8: 1000 },
    });
    expect(chip("huawei-ascend-950dt").family).toBe("ascend-950");
  });

  it("keeps the 910A on its FP16 peak, with its HBM filled and flagged", () => {
    // research/hardware.md §3: 256 TFLOPS FP16, no BF16; 32 GB / ~1.2 TB/s commonly reported, not confirmed
    const a = chip("huawei-ascend-910a");
    expect(a.peakTflops).toMatchObject({ bf16: null, fp16: 256 });
    expect([a.hbmGB, a.hbmTBps]).toEqual([32, 1.2]);
    expect(a.uncertain["hbm_gb"]).toMatch(/^filled by fleetcast/);
    expect(a.confidence).toBe("low");
  });

  it("keeps dense figures, never the 2:4 sparse headline", () => {
    // research/hardware.md §1: H100 1,979 BF16 / 3,958 FP8 are sparse; dense 989.4 / 1,978.9
    expect(chip("nvidia-h100-sxm").peakTflops.bf16).toBe(989.4);
    expect(chip("nvidia-h100-sxm").peakTflops.fp8).toBe(1978.9);
    // MI300X 2,615 is sparse FP16 (hardware.md §3); dense 1,307.4
    expect(chip("amd-mi300x").peakTflops.bf16).toBe(1307.4);
    // A100: 312 dense BF16, no FP8 (hardware.md §2)
    expect(chip("nvidia-a100-sxm-80gb").peakTflops.bf16).toBe(312);
    expect(chip("nvidia-a100-sxm-80gb").peakTflops.fp8).toBeNull();
    // GB200 per GPU: 360 PF FP16 sparse rack / 72 / 2 = 2,500 (hardware.md §3)
    expect(chip("nvidia-gb200-nvl72-per-gpu").peakTflops.bf16).toBe(2500);
  });

  it("stores Huawei's 'FP32' (Cube HF32-class) as tf32 and leaves vector fp32 unknown", () => {
    // research/hardware.md §1: 910B2 'FP32' 99 TFLOPS is the Cube rate
    expect(chip("huawei-ascend-910b2").peakTflops.tf32).toBe(99);
    expect(chip("huawei-ascend-910b2").peakTflops.fp32).toBeNull();
  });

  it("derives the scale-up kind per fabric", () => {
    expect(chip("nvidia-h100-sxm").scaleUp.kind).toBe("switch");
    expect(chip("nvidia-gb200-nvl72-per-gpu").scaleUp).toMatchObject({ kind: "switch", domainSize: 72 });
    expect(chip("huawei-ascend-910b2").scaleUp.kind).toBe("full-mesh");
    expect(chip("amd-mi300x").scaleUp.kind).toBe("full-mesh");
    expect(chip("huawei-ascend-910c").scaleUp).toMatchObject({ kind: "supernode", domainSize: 384 });
    expect(chip("google-tpu-v5p").scaleUp.kind).toBe("torus");
    // PCIe cards: the server's 8 over PCIe, at the entry's link rate (L40S 31 GB/s) or PCIe 4.0 x16's (L20), flagged
    expect(chip("nvidia-l40s").scaleUp).toMatchObject({ kind: "pcie", domainSize: 8, chipGBpsUnidir: 31 });
    expect(chip("nvidia-l20").scaleUp).toMatchObject({ kind: "pcie", domainSize: 8, chipGBpsUnidir: 31.5 });
    expect(chip("nvidia-l20").uncertain["scaleup_GBps_per_chip_unidir"]).toMatch(/PCIe 4\.0 x16/);
  });

  it("gives a full-mesh pair 1/7 of the aggregate and a switched pair the full rate", () => {
    // research/hardware.md §3: 910B HCCS 196 GB/s unidirectional, 28 = 196/7 per peer
    expect(chip("huawei-ascend-910b2").scaleUp.peerGBpsUnidir).toBeCloseTo(196 / 7, 10);
    // MI300X xGMI: 448 aggregate, 64 per peer
    expect(chip("amd-mi300x").scaleUp.peerGBpsUnidir).toBe(64);
    expect(chip("nvidia-h800-sxm").scaleUp.peerGBpsUnidir).toBe(200);
  });

  it("counts two HCCL ranks per 910C package and one elsewhere", () => {
    // cases/FORMAT.md: ranks_per_chip 2 for the two-die Ascend 910C
    expect(chip("huawei-ascend-910c").ranksPerChip).toBe(2);
    expect(chip("huawei-cloudmatrix-384").ranksPerChip).toBe(2);
    expect(chip("nvidia-b200-hgx").ranksPerChip).toBe(1);
  });

  it("keeps CloudMatrix-384 per-chip fields per NPU and its totals under system", () => {
    const cm = chip("huawei-cloudmatrix-384");
    expect(cm.kind).toBe("system");
    expect(cm.peakTflops.bf16).toBe(752);
    expect(cm.hbmGB).toBe(128);
    expect(cm.system).toEqual({ chipsPerSystem: 384, bf16DensePflops: 289, hbmTB: 49.2, powerKw: 559 });
    expect(chip("nvidia-h100-sxm").system).toBeNull();
  });

  it("assigns a family to every built-in chip", () => {
    expect(Object.fromEntries(builtinChips().map((c) => [c.id, c.family]))).toMatchObject({
      "nvidia-a100-sxm-80gb": "nvidia-ampere",
      "nvidia-h20": "nvidia-hopper",
      "nvidia-b200-hgx": "nvidia-blackwell",
      "nvidia-l20": "nvidia-ada",
      "huawei-atlas-800i-a2": "ascend-910b",
      "huawei-cloudmatrix-384": "ascend-910c",
      "huawei-atlas-350-950pr-card": "ascend-950",
      "amd-mi325x": "amd-cdna3",
      "google-tpu-v5p": "google-tpu",
    });
    expect(builtinChips().every((c) => c.family !== "other")).toBe(true);
  });

  it("carries notes, measurements and sources from the entry", () => {
    const h100 = chip("nvidia-h100-sxm");
    expect(h100.notes[0]).toMatch(/^compute: /);
    expect(h100.measured[0]).toMatchObject({
      metric: "max achievable BF16 matmul",
      value: 794.5,
      unit: "TFLOPS",
    });
    expect(h100.sources[0]).toMatchObject({ ref: "stas-acc", usedFor: "dense TFLOPS, HBM, MAMF" });
    expect(h100.cloudUsdPerChipHour).toEqual([1.99, 5]);
  });

  it("returns the same frozen array on every call", () => {
    expect(builtinChips()).toBe(builtinChips());
    expect(Object.isFrozen(builtinChips())).toBe(true);
  });
});
