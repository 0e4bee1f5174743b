import { describe, expect, it } from "vitest";
import { builtinCasePaths, readCaseFiles, type TrainCase } from "../cases/index.ts";
import { builtinChips, makeChipCatalog } from "../catalog/chips/index.ts";
import { mfuOverFp8Peak, predictTrainCase } from "./predict-train-case.ts";
import { outOfSampleBandOf } from "./prediction-bands.ts";
import { builtinProfile } from "./profile.ts";

const chips = makeChipCatalog(builtinChips());
const train = readCaseFiles(builtinCasePaths()).filter((c): c is TrainCase => c.kind === "train");
// A published Ascend run with every degree stated: TP 1 x PP 2 x DP 4 on 8 x 910B2 (cases/train.json).
const base = train.find((c) => c.id === "modellink-llama2-7b-8-ascend910b")!;
/** The base case on other hardware. */
const on = (hardware: Partial<TrainCase["hardware"]>): TrainCase => ({
  ...base,
  hardware: { ...base.hardware, ...hardware },
});
/** The base case's degrees counted in dies: 4 x 910C packages are its 8 ranks. */
const inDies = () => on({ chip: "huawei-ascend-910c", count: 4, chips_per_node: 4, ranks_per_chip: 2 });

describe("predictTrainCase()", () => {
  it("predictTrainCase() says when software the catalog does not know is priced as the family's default stack", () => {
    // blind-25t: NVIDIA's JAX MaxText recipes were read as Megatron, silently
    const maxtext: TrainCase = { ...on({ chip: "nvidia-h100-sxm" }), software: "JAX MaxText (XLA)" };
    const p = predictTrainCase(maxtext, chips, null);
    expect(p.assumptions?.[0]).toBe(
      "no engine the stack catalog knows is named: read as megatron, the training stack fleetcast takes for nvidia-hopper when none is named",
    );
    const megatron = predictTrainCase({ ...maxtext, software: "Megatron-LM core_v0.6.0" }, chips, null);
    expect(megatron.assumptions?.some((a) => a.includes("catalog knows")) ?? false).toBe(false);
  });

  it("predictTrainCase() compares an FP8 run's MFU over the FP8 peak when its notes define it so, else over BF16", () => {
    // an H100 FP8 run (the base case moved there), observed MFU 0.35 over the FP8 peak (NVIDIA's DGX Cloud recipes)
    const fp8: TrainCase = {
      ...on({ chip: "nvidia-h100-sxm" }),
      train: { ...base.train, precision: "fp8" },
      observed: { mfu: 0.35 },
      notes: ["MFU per the recipe: model FLOPs over peak 989 (BF16) / 1979 (FP8) TFLOPS."],
    };
    const read = predictTrainCase(fp8, chips, null);
    const plain = predictTrainCase({ ...fp8, notes: ["MFU over the BF16 peak."] }, chips, null);
    expect(mfuOverFp8Peak(fp8)).toBe(true);
    expect(mfuOverFp8Peak({ ...fp8, train: { ...fp8.train, precision: "bf16" } })).toBe(false);
    const noted = (note: string) => mfuOverFp8Peak({ ...fp8, notes: [note] });
    expect(noted("mfu relative to the FP8 peak, e.g. 0.35 of 1,979 TFLOPS.")).toBe(true);
    expect(noted("MFU as defined by the recipe, with peak 989 TFLOPS (BF16) or 1979 TFLOPS (FP8).")).toBe(
      true,
    );
    // the calibration's NeMo 24.07 rows (no MFU stated) and a BF16 divisor are not read so (review 25b)
    expect(noted("Model TFLOP/s counts model FLOPs only; no MFU given (FP8 vs BF16 peak ambiguity).")).toBe(
      false,
    );
    expect(noted("MFU over the BF16 peak, not the FP8 peak.")).toBe(false);
    // H100: 989.4 BF16 against 1,978.9 FP8 TFLOPS
    expect(read.metrics[0]!.predicted! / plain.metrics[0]!.predicted!).toBeCloseTo(989.4 / 1978.9, 3);
    expect(read.assumptions?.some((a) => a.startsWith("MFU read over the FP8 peak"))).toBe(true);
    expect(plain.assumptions?.some((a) => a.startsWith("MFU read over the FP8 peak")) ?? false).toBe(false);
  });

  it("predictTrainCase() widens a prediction's interval to the out-of-sample band at each end", () => {
    const band = outOfSampleBandOf("train")!;
    const p = predictTrainCase(base, chips, builtinProfile().train);
    const m = p.metrics[0]!;
    // throughput-like: observed within predicted x [exp(logLo), exp(logHi)] at least
    expect(m.interval![0]).toBeLessThanOrEqual(m.predicted! * Math.exp(band.logLo) * (1 + 1e-12));
    expect(m.interval![1]).toBeGreaterThanOrEqual(m.predicted! * Math.exp(band.logHi) * (1 - 1e-12));
  });

  it("predicts the published case as stated", () => {
    const p = predictTrainCase(base, chips, null);
    expect(p.status).toBe("ok");
    expect(p.metrics[0]?.predicted).toBeGreaterThan(0);
  });

  it("predictTrainCase() says when the plan it predicts does not fit the memory model (review 19), not otherwise", () => {
    // DeepSeek-V3's published plan (TP1 PP16 EP64, DualPipe) fits an H800 (77.8 of 80 GiB since QA 27: HAI-LLM keeps
    // no FP8 weight copy); at twice its sequence length it would not, and the prediction says so
    const published = train.find((c) => c.id === "deepseek-v3-pretrain-2048-h800")!;
    expect(
      predictTrainCase(published, chips, null).assumptions?.some((a) => a.includes("does not fit")) ?? false,
    ).toBe(false);
    const longer = { ...published, train: { ...published.train, seq_len: 2 * published.train.seq_len } };
    const ds = predictTrainCase(longer as typeof published, chips, null);
    expect(ds.status).toBe("ok");
    expect(
      ds.assumptions?.some((a) => a.startsWith("the plan predicted does not fit: Cannot fit DeepSeek-V3")),
    ).toBe(true);
    expect(
      predictTrainCase(base, chips, null).assumptions?.some((a) => a.includes("does not fit")) ?? false,
    ).toBe(false);
  });

  it("assumes the family's network for a case across nodes that states none on a chip the catalog has none for", () => {
    const h20: TrainCase = {
      ...on({ chip: "nvidia-h20", count: 16, chips_per_node: 8, scaleout_gbps_per_chip: null }),
      train: { ...base.train, parallelism: { ...base.train.parallelism, dp: 8 } }, // TP 1 x PP 2 x DP 8
    };
    const p = predictTrainCase(h20, chips, null);
    expect(p.status).toBe("ok");
    expect((p.assumptions ?? []).join("\n")).toMatch(
      /scale-out 400 Gb\/s per chip: not stated, and nvidia-h20 has none/,
    );
    const stated = predictTrainCase(
      { ...h20, hardware: { ...h20.hardware, scaleout_gbps_per_chip: 200 } },
      chips,
      null,
    );
    expect((stated.assumptions ?? []).join("\n")).not.toMatch(/scale-out/);
  });

  it("says why stated degrees cannot run: counted in dies, 8 x 910C are 16 ranks, not the stated 8", () => {
    const p = predictTrainCase(on({ chip: "huawei-ascend-910c", ranks_per_chip: 2 }), chips, null);
    expect(p.status).toBe("error");
    expect(p.error).toContain("Cannot predict case modellink-llama2-7b-8-ascend910b");
    expect(p.error).toContain("TP 1 x PP 2 x DP 4");
    expect(p.error).toContain("16 ranks (8 x huawei-ascend-910c, 2 per package)");
  });

  it("runs the same degrees counted in dies on half as many 910C packages", () => {
    expect(predictTrainCase(inDies(), chips, null).status).toBe("ok");
  });

  it("reads degrees that multiply to the package count, without ranks_per_chip, as one rank per package", () => {
    // FORMAT.md: ranks_per_chip 2 only when degrees count dies; here TP 1 x PP 2 x DP 4 = 8 = count
    const p = predictTrainCase(on({ chip: "huawei-ascend-910c" }), chips, null);
    expect(p.status).toBe("ok");
    expect(p.assumptions?.join(" ")).toContain("one rank per huawei-ascend-910c package");
    expect(predictTrainCase(base, chips, null).assumptions).toBeUndefined();
    // twice the packages at the same per-package rate: the same tokens/s per chip within the layout's difference
    const perChip = (x: typeof p) => x.metrics.find((m) => m.metric === "tokens_per_s_per_chip")?.predicted;
    const a = perChip(p);
    const b = perChip(predictTrainCase(inDies(), chips, null));
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(a! / b!).toBeGreaterThan(0.5);
    expect(a! / b!).toBeLessThan(2);
  });

  it("refuses a ranks_per_chip the package does not have", () => {
    // an H100 is one die: ranks_per_chip 2 would halve its peak, HBM and links
    const p = predictTrainCase(on({ chip: "nvidia-h100-sxm", ranks_per_chip: 2 }), chips, null);
    expect(p.status).toBe("error");
    expect(p.error).toMatch(/ranks_per_chip is 2, but nvidia-h100-sxm has 1 die per package/);
  });
});
