import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { outOfSampleBandOf } from "../calibrate/index.ts";
import { parseCases, type ServeCase } from "../cases/index.ts";
import { predictServeCase } from "./predict-serve-case.ts";
import { builtinServeProfile } from "./serve-profile.ts";

const cases = parseCases(
  readFileSync(new URL("../../data/cases/serve.json", import.meta.url), "utf8"),
  "serve.json",
).filter((c): c is ServeCase => c.kind === "serve");
const profile = builtinServeProfile();
const byId = (id: string) => cases.find((c) => c.id === id)!;

describe("predictServeCase()", () => {
  it("predicts every observed metric of every case with rel_error = predicted/observed - 1", () => {
    for (const c of cases) {
      const p = predictServeCase(c, profile);
      expect(p.status).toBe("ok");
      expect(p.metrics.map((m) => m.metric).sort()).toEqual(Object.keys(c.observed).sort());
      for (const m of p.metrics) {
        expect(m.predicted).not.toBeNull();
        expect(m.rel_error).toBeCloseTo(m.predicted! / m.observed - 1, 12);
        expect(m.interval![0]).toBeLessThanOrEqual(m.interval![1]);
      }
    }
  });

  it("widens each interval to the out-of-sample band at each end, mirrored for a latency", () => {
    const band = outOfSampleBandOf("serve")!;
    const p = predictServeCase(byId("cm384-decode-50ms"), profile);
    for (const m of p.metrics) {
      const [lo, hi] = /_ms$/.test(m.metric) ? [-band.logHi, -band.logLo] : [band.logLo, band.logHi];
      expect(m.interval![0]).toBeLessThanOrEqual(m.predicted! * Math.exp(lo) * (1 + 1e-12));
      expect(m.interval![1]).toBeGreaterThanOrEqual(m.predicted! * Math.exp(hi) * (1 - 1e-12));
    }
    expect(p.metrics.map((m) => m.metric)).toContain("tpot_ms");
  });

  it("assumes the family's network for a case across nodes that states none on a chip the catalog has none for", () => {
    const stated = byId("ant-h20-decode-sla-base"); // 16 H20 over 2 nodes, EP16, 200 Gb/s per GPU stated
    const silent = { ...stated, hardware: { ...stated.hardware, scaleout_gbps_per_chip: null } };
    const p = predictServeCase(silent, profile);
    expect(p.status).toBe("ok");
    expect(p.assumptions.join("\n")).toMatch(/scale-out 400 Gb\/s per chip: not stated/);
    // the stated network is used as it is, with no such assumption
    const q = predictServeCase(stated, profile);
    expect(q.assumptions.join("\n")).not.toMatch(/scale-out/);
  });

  it("predicts a run its chip's 32 GB SKU cannot hold on the same part's 64 GB SKU, and says so", () => {
    const base = byId("mlperf41-h100x8-llama2-70b-offline"); // Llama 2 70B, 70 GB in INT8 (its TP 2 dropped)
    const on = (count: number) =>
      predictServeCase(
        {
          ...base,
          hardware: { ...base.hardware, chip: "huawei-atlas-800i-a2", count, chips_per_node: 8 },
          serve: { ...base.serve, precision: "int8", parallelism: null },
        },
        profile,
      );
    // 2 x 32 GB cannot hold 70 GB of weights; 2 x 64 GB can: the run held it, so it was the 64 GB SKU
    const two = on(2);
    expect(two.status).toBe("ok");
    expect(two.assumptions.join("\n")).toMatch(
      /does not fit huawei-atlas-800i-a2's 32 GB: .*huawei-atlas-800i-a2-64g/,
    );
    expect(two.assumptions.join("\n")).not.toMatch(/best infeasible/);
    // 8 x 32 GB holds it: the named part, no such assumption
    const eight = on(8);
    expect(eight.assumptions.join("\n")).not.toMatch(/64 GB SKU/);
    // weights between the two sizes per rank (68 layers, ~59 GB): the 64 GB SKU holds them, short of the memory
    // model's KV budget only, so the run is read as on it, not refused for the 32 GB part (review 39)
    const between = predictServeCase(
      {
        ...base,
        model: { ...base.model, num_hidden_layers: 68 },
        hardware: { ...base.hardware, chip: "huawei-atlas-800i-a2", count: 1, chips_per_node: 1 },
        serve: { ...base.serve, precision: "int8", parallelism: null },
      },
      profile,
    );
    expect(between.status).toBe("ok");
    expect(between.assumptions.join("\n")).toMatch(/huawei-atlas-800i-a2-64g/);
    // one chip holds it in neither size: the named part cannot have run it, not a claim about the other SKU
    const one = on(1);
    expect(one.status).toBe("error");
    expect(one.error).toMatch(
      /weights take 69\.\d GB per rank at TP 1 on 1 x huawei-atlas-800i-a2, more than the 32\.0 GB/,
    );
    expect(one.error).not.toMatch(/64 GB/);
  });

  it("refuses a case whose weights exceed a rank's whole HBM, and prices one whose weights fit it", () => {
    const base = byId("mlperf41-h100x8-llama2-70b-offline"); // Llama 2 70B: 80 layers, ~69 GB in INT8
    const on = (layers: number) =>
      predictServeCase(
        {
          ...base,
          model: { ...base.model, num_hidden_layers: layers },
          hardware: { ...base.hardware, count: 1, chips_per_node: 1 },
          serve: { ...base.serve, precision: "int8", parallelism: null },
        },
        profile,
      );
    // 92 layers, ~79 GB: above what the memory model leaves for weights (~72 GB), below the chip's 80 GB: priced
    const tight = on(92);
    expect(tight.status).toBe("ok");
    expect(tight.metrics[0]!.predicted).toBeGreaterThan(0);
    // 96 layers, ~83 GB: no engine ran that on one 80 GB chip, so no number is given
    const over = on(96);
    expect(over.status).toBe("error");
    expect(over.error).toMatch(
      /weights take 8\d\.\d GB per rank at TP 1 on 1 x nvidia-h100-sxm, more than the 80\.0 GB/,
    );
    expect(over.metrics.every((m) => m.predicted === null)).toBe(true);
  });

  it("normalises a 910C case per package (two dies = two ranks)", () => {
    const p = predictServeCase(byId("cm384-decode-50ms"), profile);
    // 160 packages = 320 dies, EP320 and DP-attention 320 as the case states
    expect(p.config).toMatchObject({ ep: 320, dp_attention: 320, chips_per_instance: 160 });
  });

  it("reports an unknown chip as unsupported with every metric null", () => {
    const c = {
      ...byId("ant-h20-prefill"),
      hardware: { ...byId("ant-h20-prefill").hardware, chip: "nvidia-gb300" },
    };
    const p = predictServeCase(c, profile);
    expect(p.status).toBe("unsupported");
    expect(p.error).toMatch(/hardware\.chip "nvidia-gb300"/);
    expect(p.metrics.every((m) => m.predicted === null)).toBe(true);
  });

  it("predicts a case on an Ascend 950 part from its filled 16-bit peak, with vLLM-Ascend, and says so", () => {
    // the 950PR's keynote entry states FP8 only (fill-spec-gaps.ts gives BF16 at half of it)
    const base = byId("gpustack-910b-qwen3-8b-mindie-w8a8");
    const c: ServeCase = {
      ...base,
      software: "vLLM-Ascend",
      hardware: { ...base.hardware, chip: "huawei-ascend-950pr" },
    };
    const p = predictServeCase(c, profile);
    expect([p.status, p.family, p.stack]).toEqual(["ok", "ascend-950", "vllm-ascend"]);
    expect(p.assumptions.join(" ")).toMatch(/huawei-ascend-950pr has no published bf16_dense_tflops/);
    expect(p.metrics[0]!.predicted).toBeGreaterThan(0);
  });

  it("predicts a case's stated pipeline stages as such, and close to the same chips without them", () => {
    const base = byId("mlperf41-h100x8-llama2-70b-offline");
    const staged: ServeCase = {
      ...base,
      serve: { ...base.serve, parallelism: { tp: 4, pp: 2, ep: null, dp_attention: null } },
    };
    const tp8: ServeCase = {
      ...base,
      serve: { ...base.serve, parallelism: { tp: 8, pp: null, ep: null, dp_attention: null } },
    };
    const p = predictServeCase(staged, profile);
    expect(p.status).toBe("ok");
    expect(p.assumptions.join(" ")).toContain("pipeline parallelism (PP 2)");
    expect(predictServeCase(base, profile).assumptions.join(" ")).not.toContain("pipeline parallelism");
    // TP 4 x PP 2 on the 8 GPUs: within a factor of 1.5 of TP 8 on the same GPUs, and not the same figure
    const staged0 = p.metrics[0]!.predicted!;
    const flat0 = predictServeCase(tp8, profile).metrics[0]!.predicted!;
    expect(staged0 / flat0).toBeGreaterThan(1 / 1.5);
    expect(staged0 / flat0).toBeLessThan(1.5);
    expect(staged0).not.toBeCloseTo(flat0, 3);
  });

  it("prices a stated instance that does not divide the case's chips alone, and says so", () => {
    // a disaggregated deployment states its decode instance and counts its prefill chips too
    const base = byId("mlperf41-h100x8-llama2-70b-offline");
    const twelve: ServeCase = {
      ...base,
      hardware: { ...base.hardware, count: 12 },
      serve: { ...base.serve, parallelism: { tp: 8, pp: null, ep: null, dp_attention: null } },
    };
    const p = predictServeCase(twelve, profile);
    expect(p.status).toBe("ok");
    expect(p.config).toMatchObject({ tp: 8, chips_per_instance: 8 });
    expect(p.assumptions.join("\n")).toMatch(/the stated instance \(8 ranks\) does not divide the case's 12/);
    // an instance that divides the chips carries no such assumption
    const eight = predictServeCase(base, profile);
    expect(eight.assumptions.join("\n")).not.toMatch(/does not divide/);
    // the one instance carries the case's load, its tokens counted over all twelve chips (review 21)
    const tp8: ServeCase = { ...twelve, hardware: { ...base.hardware, count: 8 } };
    expect(p.metrics[0]!.predicted! / predictServeCase(tp8, profile).metrics[0]!.predicted!).toBeCloseTo(
      8 / 12,
      9,
    );
  });

  it("lets trtllm-bench's own batch cap (up to 4,096) bind where its runs state no batch, not the engine's 2,048", () => {
    const base = byId("mlperf51-b200x8-llama31-8b-offline");
    const bench = (software: string): ServeCase => ({
      ...base,
      software,
      notes: [],
      hardware: { ...base.hardware, count: 1 },
      serve: {
        ...base.serve,
        scenario: null,
        parallelism: { tp: 1, pp: null, ep: null, dp_attention: null },
        concurrency: 10_000,
        input_tokens: 128,
        output_tokens: 128,
      },
    });
    expect(predictServeCase(bench("TensorRT-LLM 1.0, trtllm-bench throughput"), profile).config!.batch).toBe(
      4096,
    );
    expect(predictServeCase(bench("TensorRT-LLM 1.0, trtllm-serve"), profile).config!.batch).toBe(2048);
  });

  it("refuses a ranks_per_chip the package does not have, as an error with no prediction", () => {
    const base = byId("mlperf41-h100x8-llama2-70b-offline");
    const bad: ServeCase = { ...base, hardware: { ...base.hardware, ranks_per_chip: 2 } };
    const p = predictServeCase(bad, profile);
    expect(p.status).toBe("error");
    expect(p.error).toMatch(/ranks_per_chip is 2, but nvidia-h100-sxm has 1 die per package/);
    expect(p.metrics.every((m) => m.predicted === null)).toBe(true);
  });

  it("predictServeCase() reads TensorRT-LLM's tp 8 with attention DP on as the format's TP 1 x DP 8, and says so", () => {
    const c = byId("trtllm-b200-dsr1-maxthroughput");
    const spelled: ServeCase = {
      ...c,
      serve: { ...c.serve, parallelism: { ...c.serve.parallelism, tp: 8, dp_attention: true } },
    };
    const p = predictServeCase(spelled, profile);
    expect(p.status).toBe("ok");
    expect(p.config).toMatchObject({ tp: 1, dp_attention: 8, ep: 8 });
    expect(p.metrics[0]!.predicted).toBeCloseTo(predictServeCase(c, profile).metrics[0]!.predicted!, 9);
    expect(p.assumptions.some((a) => a.includes("TensorRT-LLM's enable_attention_dp"))).toBe(true);
  });

  it("predictServeCase() keeps vLLM's experts tensor-parallel where the case names no expert parallelism", () => {
    const base = byId("ds-prod-h800-prefill");
    const vllm: ServeCase = {
      ...base,
      software: "vLLM 0.9",
      notes: [],
      // eight H200s hold DeepSeek-V3's 671 GB in FP8 (eight H800s, 640 GB, do not)
      hardware: { ...base.hardware, chip: "nvidia-h200-sxm", count: 8 },
      serve: {
        ...base.serve,
        parallelism: { tp: 8, pp: null, ep: null, dp_attention: null },
        input_tokens: 2048,
      },
    };
    const tpMoe = predictServeCase(vllm, profile);
    expect(tpMoe.config?.ep).toBe(1);
    expect(
      tpMoe.assumptions.some((a) => a.startsWith("experts tensor-parallel (EP 1): vllm's default")),
    ).toBe(true);
    const ep = predictServeCase({ ...vllm, notes: ["vllm serve --tp 8 --enable-expert-parallel"] }, profile);
    expect(ep.assumptions.some((a) => a.startsWith("experts tensor-parallel"))).toBe(false);
  });
});
