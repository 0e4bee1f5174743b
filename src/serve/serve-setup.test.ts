import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { QWEN3_NEXT_80B_CONFIG } from "../arch/test-fixtures.ts";
import { builtinChips, type Chip } from "../catalog/chips/index.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { FleetcastError } from "../errors.ts";
import { serveEfficiencyPrior } from "./serve-efficiency.ts";
import {
  defaultServePrecision,
  kernelsPerPass,
  resolvePrecision,
  serveSetup,
  unpricedLayout,
} from "./serve-setup.ts";

const chip = (id: string): Chip => builtinChips().find((c) => c.id === id)!;

describe("resolvePrecision()", () => {
  it("turns FP8 into INT8 on Ascend and says so", () => {
    const r = resolvePrecision(chip("huawei-ascend-910b2"), "fp8");
    expect(r.precision).toBe("int8");
    expect(r.peakTflops).toBe(752); // research/hardware.json 910B2 int8_dense_tops
    expect(r.advisories.map((a) => a.code)).toContain("no_fp8_on_ascend");
  });

  it("assumes INT8 = 2 x BF16 on the 910C, flagged", () => {
    const r = resolvePrecision(chip("huawei-ascend-910c"), "int8");
    expect(r.peakTflops).toBe(1504);
    expect(r.advisories.map((a) => a.code)).toEqual(["int8_peak_assumed"]);
  });

  it("says when a chip's INT8 peak is below its BF16 one (Blackwell Ultra), and not where INT8 is the faster", () => {
    const r = resolvePrecision(chip("nvidia-gb300-nvl72-per-gpu"), "int8");
    expect(r.precision).toBe("int8");
    expect(r.advisories.map((a) => a.code)).toEqual(["int8_below_bf16"]);
    expect(r.advisories[0]!.hint).toBe("serve in FP8 (or BF16)");
    expect(resolvePrecision(chip("nvidia-h100-sxm"), "int8").advisories).toEqual([]);
    // a chip without FP8 is told to serve in BF16
    const gb300 = chip("nvidia-gb300-nvl72-per-gpu");
    const noFp8 = { ...gb300, peakTflops: { ...gb300.peakTflops, fp8: null } };
    expect(resolvePrecision(noFp8, "int8").advisories[0]!.hint).toBe("serve in BF16");
  });

  it("runs FP4 weights on Hopper weight-only at MXFP4's 4.25 bits with BF16 GEMMs (W4A16), in every engine", () => {
    const h100 = chip("nvidia-h100-sxm");
    const r = resolvePrecision(h100, "fp4");
    expect([r.precision, r.peakTflops, r.weightBytesPerParam, r.weightOnly]).toEqual([
      "bf16",
      989.4,
      4.25 / 8,
      true,
    ]);
    expect(r.advisories[0]?.message).toMatch(
      /FP4 weights \(4\.25 bits with MX block scales\) computed in BF16/,
    );

    // never INT8 GEMMs for FP4 weights (A100 and 910C have INT8 peaks)
    expect(resolvePrecision(chip("nvidia-a100-sxm-80gb"), "fp4").precision).toBe("bf16");
    expect(resolvePrecision(chip("huawei-ascend-910c"), "fp4").precision).toBe("bf16");
    // a chip with FP4 GEMMs stores and computes FP4; other fallbacks store what they compute
    expect(resolvePrecision(chip("nvidia-b200-hgx"), "fp4").weightBytesPerParam).toBe(0.5);
    expect(resolvePrecision(chip("huawei-ascend-910b2"), "fp8").weightBytesPerParam).toBe(1);
  });

  it("runs FP8 weights on Ampere weight-only with BF16 GEMMs (W8A16, FP8 Marlin), and on Ascend as W8A8 INT8", () => {
    const a100 = chip("nvidia-a100-sxm-80gb");
    const r = resolvePrecision(a100, "fp8");
    // BF16 GEMMs at 1 byte a weight, never A100's INT8 peak (an FP8 checkpoint has no INT8 activation scales)
    expect([r.precision, r.peakTflops, r.weights, r.weightBytesPerParam, r.weightOnly]).toEqual([
      "bf16",
      a100.peakTflops.bf16,
      "fp8",
      1,
      true,
    ]);
    expect(r.advisories.map((a) => a.code)).toEqual(["no_fp8"]);
    // INT8 asked on Ampere stays W8A8; FP8 on a chip with FP8 GEMMs is not weight-only
    expect(resolvePrecision(a100, "int8").precision).toBe("int8");
    expect(resolvePrecision(chip("nvidia-h100-sxm"), "fp8").weightOnly).toBe(false);
    const ascend = resolvePrecision(chip("huawei-ascend-910b2"), "fp8");
    expect([ascend.precision, ascend.weights, ascend.weightOnly]).toEqual(["int8", "int8", false]);
    // FP8 Marlin is CUDA's: another vendor's chip without FP8 falls back as before (its INT8, else BF16)
    const mi300x = chip("amd-mi300x");
    const noFp8Amd = { ...mi300x, peakTflops: { ...mi300x.peakTflops, fp8: null } };
    expect(resolvePrecision(noFp8Amd, "fp8").weightOnly).toBe(false);
  });

  it("serveSetup() reads FP4 weights on Hopper at 4.25/8 of their FP8 bytes", () => {
    const arch = importModel(findBuiltinModel("gpt-oss-120b")!.config).arch;
    const h100 = chip("nvidia-h100-sxm");
    const efficiency = serveEfficiencyPrior("vllm", h100.family);
    const config = { tp: 1, dpAttention: 4, ep: 4 };
    const at = (precision: "fp4" | "fp8" | "bf16") =>
      serveSetup({ arch, chip: h100, config, precision, efficiency, engine: "vllm" });
    const [fp4, fp8, bf16] = [at("fp4"), at("fp8"), at("bf16")];
    expect(fp4.weightBytesPerRank / fp8.weightBytesPerRank).toBeCloseTo(4.25 / 8, 6);
    expect(fp4.expertBytes / fp8.expertBytes).toBeCloseTo(4.25 / 8, 6);
    // vLLM's W4A16 kernels: the GEMMs run at the BF16 rate
    expect(fp4.gemmFlops).toBe(bf16.gemmFlops);
  });
});

describe("defaultServePrecision()", () => {
  it("serves in FP8 where the chip has it, INT8 on Ascend, BF16 on other chips without FP8", () => {
    expect(defaultServePrecision(chip("nvidia-h100-sxm"))).toBe("fp8");
    expect(defaultServePrecision(chip("huawei-ascend-910b2"))).toBe("int8");
    expect(defaultServePrecision(chip("nvidia-a100-sxm-80gb"))).toBe("bf16");
  });
});

describe("serveSetup() with a hybrid linear-attention model", () => {
  const hybrid = importModel(QWEN3_NEXT_80B_CONFIG).arch;
  const h100 = chip("nvidia-h100-sxm");
  const efficiency = serveEfficiencyPrior("vllm", h100.family);
  const at = (tp: number, kvPrecision: "bf16" | "fp8") =>
    serveSetup({
      arch: hybrid,
      chip: h100,
      config: { tp, dpAttention: 1, ep: tp },
      precision: "bf16",
      efficiency,
      kvPrecision,
    });
  /** The linear state one sequence puts on one rank, bytes. */
  const stateBytes = (s: ReturnType<typeof at>) => s.linearStateTokens * s.kvBytesPerTokenPerRank;

  it("serveSetup() splits the recurrent state over TP and keeps its bytes whatever the KV cache format", () => {
    // 36 layers x 32 value heads x 128 x 128 in BF16 (the model dtype: vLLM's "auto" state dtype) plus the conv
    // state of (2 x 16 x 128 + 32 x 128) channels x 3 inputs, on one rank at TP 1
    const total = 36 * (32 * 128 * 128 * 2 + (2 * 16 * 128 + 32 * 128) * 3 * 2);
    expect(stateBytes(at(1, "bf16"))).toBeCloseTo(total, 0);
    expect(stateBytes(at(4, "bf16"))).toBeCloseTo(total / 4, 0);
    expect(stateBytes(at(8, "bf16"))).toBeCloseTo(total / 8, 0);
    // an FP8 cache halves the KV bytes per token, not the state: twice the tokens' worth
    expect(stateBytes(at(4, "fp8"))).toBeCloseTo(total / 4, 0);
    expect(at(4, "fp8").linearStateTokens).toBeCloseTo(2 * at(4, "bf16").linearStateTokens, 9);
  });

  it("serveSetup() gives a model without linear layers no state", () => {
    const dense = importModel(findBuiltinModel("llama-3.1-8b")!.config).arch;
    expect(
      serveSetup({
        arch: dense,
        chip: h100,
        config: { tp: 1, dpAttention: 1, ep: 1 },
        precision: "bf16",
        efficiency,
      }).linearStateTokens,
    ).toBe(0);
  });
});

describe("serveSetup()", () => {
  const arch = importModel(findBuiltinModel("deepseek-v3")!.config).arch;
  const h800 = chip("nvidia-h800-sxm");
  const efficiency = serveEfficiencyPrior("sglang", h800.family);
  /** DeepSeek-V3 in FP8 on a layout of the H800 (or `extra.chip`), with extra inputs. */
  const build = (
    config: { tp: number; dpAttention: number; ep: number },
    extra: { chip?: Chip; specDecodeAccept?: number; specDraftTokens?: number } = {},
  ) => serveSetup({ arch, chip: h800, config, precision: "fp8", efficiency, ...extra });

  it("rejects an EP degree that does not divide the instance, naming the field", () => {
    const bad = () => build({ tp: 1, dpAttention: 8, ep: 3 });
    expect(bad).toThrow(FleetcastError);
    expect(bad).toThrow(/EP 3 must divide the instance/);
  });

  it("names the chip file's missing HBM field, as the file spells it (QA 39)", () => {
    const noBandwidth = () => build({ tp: 8, dpAttention: 1, ep: 8 }, { chip: { ...h800, hbmTBps: null } });
    expect(noBandwidth).toThrow(
      /^Cannot serve on nvidia-h800-sxm: unknown hbm_tbps \(HBM capacity and bandwidth price every serving step\); give hbm_tbps in a chip file \(--catalog\)$/,
    );
    const neither = () =>
      build({ tp: 8, dpAttention: 1, ep: 8 }, { chip: { ...h800, hbmGB: null, hbmTBps: null } });
    expect(neither).toThrow(/unknown hbm_gb and hbm_tbps/);
  });

  it("refuses expert parallelism on a dense model, saying it is dense", () => {
    const dense = importModel(findBuiltinModel("llama-3.1-8b")!.config).arch;
    const bad = () =>
      serveSetup({
        arch: dense,
        chip: h800,
        config: { tp: 1, dpAttention: 8, ep: 8 },
        precision: "fp8",
        efficiency,
      });
    expect(bad).toThrow(/EP 8 spreads experts, and \S+ is a dense model \(EP 1\)/);
  });

  it("refuses attention DP on a dense model: its replicas are separate instances", () => {
    const dense = importModel(findBuiltinModel("llama-3.1-8b")!.config).arch;
    const at = (dp: number) => () =>
      serveSetup({
        arch: dense,
        chip: h800,
        config: { tp: 1, dpAttention: dp, ep: 1 },
        precision: "fp8",
        efficiency,
      });
    expect(at(2)).toThrow(/attention DP 2 needs expert layers to share, and \S+ is a dense model/);
    expect(at(1)).not.toThrow();
  });

  it("refuses ranks whose links the catalog cannot price, and builds them once the bandwidth is given", () => {
    // research/hardware.json: nvidia-h20 has no scale-out figure; google-tpu-v5p no ICI bandwidth
    const h20 = chip("nvidia-h20");
    const on = (c: Chip, tp: number, dp: number) => build({ tp, dpAttention: dp, ep: tp * dp }, { chip: c });
    expect(() => on(h20, 1, 16)).toThrow(/16 ranks span nvidia-h20's 8-chip scale-up domain/);
    expect(on(h20, 1, 8).ranks).toBe(8);
    const withNic: Chip = { ...h20, scaleOut: { ...h20.scaleOut, chipGbps: 400 } };
    expect(on(withNic, 1, 16).ranks).toBe(16);
    expect(() => on(chip("google-tpu-v5p"), 2, 1)).toThrow(/scale-up links, whose bandwidth is unknown/);
    expect(unpricedLayout(chip("google-tpu-v5p"), 1)).toBeNull();
    expect(unpricedLayout(h800, 64)).toBeNull();
  });

  it("refuses an engine that does not run on the chip or is not a serving stack, naming the default", () => {
    const on = (c: Chip, engine: string) =>
      serveSetup({
        arch,
        chip: c,
        config: { tp: 8, dpAttention: 1, ep: 8 },
        precision: "int8",
        efficiency,
        engine,
      });
    expect(() => on(chip("huawei-ascend-910c"), "sglang")).toThrow(
      /Cannot serve with sglang on huawei-ascend-910c: it runs on nvidia-.*\(default here: vllm-ascend; also .*sglang-ascend/,
    );
    expect(() => on(h800, "megatron")).toThrow(/it is a training stack/);
    expect(on(chip("huawei-ascend-910c"), "sglang-ascend").ranks).toBe(8);
    expect(on(h800, "sglang").ranks).toBe(8);
  });

  it("refuses a TP degree that does not divide the attention heads, naming the field", () => {
    const bad = () => build({ tp: 3, dpAttention: 1, ep: 3 });
    expect(bad).toThrow(/TP 3 does not divide \S+ 128 attention heads/);
  });

  it("refuses more accepted tokens per step than the drafts can yield", () => {
    const spec = (accept: number, drafts: number) =>
      build({ tp: 8, dpAttention: 1, ep: 8 }, { specDecodeAccept: accept, specDraftTokens: drafts });
    expect(() => spec(3, 1)).toThrow(
      /specDecodeAccept is 3, more than the 2 tokens a step with 1 draft token/,
    );
    expect(spec(1.9, 1).acceptedPerStep).toBe(1.9);
  });

  it("serveSetup() reads the output head each step but only gathers an untied input embedding", () => {
    const h100 = chip("nvidia-h100-sxm");
    const eff = serveEfficiencyPrior("vllm", h100.family);
    const setupOf = (tie: boolean) => {
      const a = importModel(findBuiltinModel("llama-3.1-8b")!.config).arch;
      return serveSetup({
        arch: { ...a, tieEmbeddings: tie },
        chip: h100,
        config: { tp: 1, dpAttention: 1, ep: 1 },
        precision: "bf16",
        efficiency: eff,
      });
    };
    const untied = setupOf(false);
    const tied = setupOf(true);
    const table = 128_256 * 4_096 * 2; // Llama 3.1 8B vocabulary x hidden, BF16 bytes
    // resident: an untied model holds embedding and head, a tied one the table once
    expect(untied.weightBytesPerRank - tied.weightBytesPerRank).toBeCloseTo(table, -3);
    // read per step: both read the head once; the untied embedding is only gathered
    expect(untied.denseReadBytesPerRank).toBeCloseTo(tied.denseReadBytesPerRank, -3);
    // the head's FLOPs are per token that needs logits, apart from the rest
    expect(untied.headFlopsPerToken).toBeCloseTo(2 * 128_256 * 4_096, -3);
    expect(untied.denseFlopsPerToken).toBeCloseTo(tied.denseFlopsPerToken, -3);
  });

  it("counts a 910C package as two ranks with half the bandwidth each", () => {
    const c = chip("huawei-ascend-910c");
    const s = serveSetup({
      arch,
      chip: c,
      config: { tp: 1, dpAttention: 32, ep: 32 },
      precision: "int8",
      efficiency: serveEfficiencyPrior("cloudmatrix-infer", c.family),
    });
    expect(s.chipsPerInstance).toBe(16);
    expect(s.hbmBps).toBeCloseTo((3.2e12 / 2) * s.eff.decodeHbmFraction, 0);
  });

  it("stores MLA latents once per TP rank: 576 elements per layer for DeepSeek-V3", () => {
    const s = serveSetup({
      arch,
      chip: h800,
      config: { tp: 8, dpAttention: 1, ep: 8 },
      precision: "fp8",
      kvPrecision: "fp8",
      efficiency,
    });
    // kv_lora_rank 512 + rope 64 (DeepSeek-V3 config), 61 layers, FP8 cache
    expect(s.kvBytesPerTokenPerRank).toBe(61 * 576);
  });

  it("takes the engine's KV-cache format when none is given (vLLM: the model's BF16)", () => {
    const at = (engine: string) =>
      serveSetup({
        arch,
        chip: h800,
        config: { tp: 8, dpAttention: 1, ep: 8 },
        precision: "fp8",
        efficiency,
        engine,
      }).kvBytesPerElement;
    expect(at("vllm")).toBe(2);
    expect(at("tensorrt-llm")).toBe(1);
  });
});

describe("kernelsPerPass()", () => {
  it("counts the kernels of a DeepSeek-V3 and a Llama forward pass", () => {
    const v3 = importModel(findBuiltinModel("deepseek-v3")!.config).arch;
    // 61 layers x (6 MLA GEMMs + attention + 4 element-wise) + 3 dense MLPs x 2 + 58 MoE x (router, 2 grouped,
    // 2 shared) + head
    expect(kernelsPerPass(v3, 3, 58)).toBe(61 * 11 + 3 * 2 + 58 * 5 + 1);
    const llama = importModel(findBuiltinModel("llama-3.1-8b")!.config).arch;
    expect(kernelsPerPass(llama, 32, 0)).toBe(32 * (2 + 1 + 4 + 2) + 1);
  });
});

describe("serveSetup() GEMM rate", () => {
  it("prices a chip's GEMMs at the fitted fraction times its measured share over the reference (gemm-peak-scale.ts)", () => {
    const eff = { ...serveEfficiencyPrior("sglang", "nvidia-hopper"), prefillMatmulFraction: 0.6 };
    const arch = importModel(findBuiltinModel("llama-3.1-8b")!.config).arch;
    const at = (id: string, precision: "fp8" | "bf16") => {
      const c = chip(id);
      const s = serveSetup({
        arch,
        chip: c,
        config: { tp: 1, dpAttention: 1, ep: 1 },
        precision,
        efficiency: eff,
      });
      return s.gemmFlops / ((c.peakTflops[precision] ?? 0) * 1e12);
    };
    // the catalog's measurements: H100 MAMF v2 FP8 1,402.6 and BF16 794.5 TFLOPS of 1,978.9 / 989.4; H800 shares the die
    expect(at("nvidia-h100-sxm", "fp8")).toBeCloseTo((0.6 * (1402.6 / 1978.9)) / 0.8, 9);
    expect(at("nvidia-h800-sxm", "fp8")).toBeCloseTo((0.6 * (1402.6 / 1978.9)) / 0.8, 9);
    expect(at("nvidia-h100-sxm", "bf16")).toBeCloseTo((0.6 * (794.5 / 989.4)) / 0.8, 9);
    // H20: DeepGEMM's large GEMMs at 0.905 of its 296 TFLOPS (InferSim bench_data; added-measurements.json)
    expect(at("nvidia-h20", "fp8")).toBeCloseTo((0.6 * (267.9 / 296)) / 0.8, 9);
    // Blackwell has no measurement: the fitted fraction stands
    expect(at("nvidia-b200-hgx", "fp8")).toBeCloseTo(0.6, 9);
  });
});

describe("serveSetup() layouts across domains", () => {
  it("advises when TP spans scale-up domains, and not when it stays inside one (QA 29)", () => {
    const arch = importModel(findBuiltinModel("llama-3.1-8b")!.config).arch;
    const eff = serveEfficiencyPrior("vllm", "nvidia-hopper");
    const codes = (tp: number) =>
      serveSetup({
        arch,
        chip: chip("nvidia-h100-sxm"),
        config: { tp, dpAttention: 1, ep: 1 },
        precision: "bf16",
        efficiency: eff,
      }).advisories.map((a) => a.code);
    expect(codes(16)).toContain("tp_beyond_domain");
    expect(codes(8)).not.toContain("tp_beyond_domain");
  });
});
