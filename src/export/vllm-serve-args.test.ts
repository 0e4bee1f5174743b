import { describe, expect, it } from "vitest";
import { arch, flagValue } from "./_test-fixtures.ts";
import { unknownFlags } from "./known-flags.ts";
import type { ServeInstanceConfig } from "./serve-instance-config.ts";
import { vllmServeArgs, vllmServeLaunch } from "./vllm-serve-args.ts";

/** DeepSeek-V3 on one 8×H200 node with TP8 and expert parallelism, FP8 weights as released. */
const DSV3_H200: ServeInstanceConfig = {
  model: { ...arch("deepseek-v3"), hfName: "deepseek-ai/DeepSeek-V3" },
  chipId: "nvidia-h200-sxm",
  vendor: "NVIDIA",
  tp: 8,
  pp: 1,
  ep: 8,
  dpAttention: 1,
  maxNumSeqs: 256,
  maxModelLen: 32768,
  precision: "fp8",
  replicas: 2,
};

const LLAMA_70B_H100: ServeInstanceConfig = {
  model: { ...arch("llama-3.1-70b"), hfName: "meta-llama/Llama-3.1-70B-Instruct" },
  chipId: "nvidia-h100-sxm",
  vendor: "NVIDIA",
  tp: 4,
  pp: 1,
  ep: 1,
  dpAttention: 1,
  maxNumSeqs: 128,
  maxModelLen: 8192,
  precision: "bf16",
  replicas: 4,
};

describe("vllmServeArgs()", () => {
  it("sets TP8 with expert parallelism and online FP8 for DeepSeek-V3 on H200", () => {
    const args = vllmServeArgs(DSV3_H200);
    const v = (f: string) => flagValue(args, f);
    expect(v("--tensor-parallel-size")).toBe("8");
    expect(v("--pipeline-parallel-size")).toBe("1");
    expect(v("--data-parallel-size")).toBeUndefined();
    expect(v("--enable-expert-parallel")).toBe(true);
    expect(v("--max-num-seqs")).toBe("256");
    expect(v("--max-model-len")).toBe("32768");
    expect(v("--quantization")).toBe("fp8");
    expect(v("--gpu-memory-utilization")).toBe("0.9");
    expect(v("--port")).toBe("8000");
  });

  it("expresses DP attention as --data-parallel-size with EP = tp·dp (vLLM expert-parallel deployment docs)", () => {
    const args = vllmServeArgs({ ...DSV3_H200, tp: 1, dpAttention: 8, ep: 8 });
    expect(flagValue(args, "--data-parallel-size")).toBe("8");
    expect(flagValue(args, "--tensor-parallel-size")).toBe("1");
    expect(flagValue(args, "--enable-expert-parallel")).toBe(true);
  });

  it("leaves dense BF16 models without quantization or expert flags", () => {
    const args = vllmServeArgs(LLAMA_70B_H100);
    expect(flagValue(args, "--quantization")).toBeUndefined();
    expect(flagValue(args, "--enable-expert-parallel")).toBeUndefined();
    expect(flagValue(args, "--dtype")).toBe("bfloat16");
  });

  it("adds the NIXL KV connector for a disaggregated role", () => {
    const args = vllmServeArgs(DSV3_H200, { role: "prefill" });
    expect(JSON.parse(String(flagValue(args, "--kv-transfer-config")))).toEqual({
      kv_connector: "NixlConnector",
      kv_role: "kv_both",
    });
  });

  it("emits only flags documented in vLLM's engine and frontend arguments", () => {
    for (const inst of [DSV3_H200, LLAMA_70B_H100, { ...DSV3_H200, tp: 1, dpAttention: 8 }]) {
      expect(unknownFlags("vllm", vllmServeArgs(inst))).toEqual([]);
      expect(unknownFlags("vllm", vllmServeArgs(inst, { role: "decode" }))).toEqual([]);
    }
  });

  it("refuses an ep that vLLM would not use", () => {
    expect(() => vllmServeArgs({ ...DSV3_H200, ep: 4 })).toThrow(
      /^Cannot export ep=4 for vLLM: with expert parallelism vLLM sets the expert-parallel size to tp·dp_attention = 8/,
    );
    expect(() => vllmServeArgs({ ...LLAMA_70B_H100, ep: 4 })).toThrow(/has no experts/);
  });

  it("refuses FP8 on Ampere and FP4 before Blackwell", () => {
    const a100 = { ...LLAMA_70B_H100, chipId: "nvidia-a100-sxm-80gb" };
    expect(() => vllmServeArgs({ ...a100, precision: "fp8" })).toThrow(/^Cannot export fp8 for nvidia-a100/);
    expect(() => vllmServeArgs({ ...LLAMA_70B_H100, precision: "fp4" })).toThrow(/^Cannot export fp4/);
    expect(
      flagValue(
        vllmServeArgs({ ...LLAMA_70B_H100, chipId: "nvidia-b200-hgx", precision: "fp4" }),
        "--quantization",
      ),
    ).toBeUndefined();
  });
});

describe("vllmServeLaunch()", () => {
  it("counts instances per role and the devices of one instance", () => {
    const launch = vllmServeLaunch({
      ...DSV3_H200,
      disaggregation: { prefillInstances: 1, decodeInstances: 3 },
    });
    expect(launch.devicesPerInstance).toBe(8);
    expect(launch.roles.map((r) => [r.role, r.instances])).toEqual([
      ["prefill", 2],
      ["decode", 6],
    ]);
    expect(launch.roles[0]?.command).toMatch(
      /^vllm serve deepseek-ai\/DeepSeek-V3 \\\n {2}--host 0\.0\.0\.0 \\/,
    );
    expect(launch.advisories.map((a) => a.code)).toContain("pd-proxy-not-exported");
  });

  it("flags a model without a Hugging Face name and a GPU engine on an NPU", () => {
    const { hfName: _, ...model } = LLAMA_70B_H100.model;
    const launch = vllmServeLaunch({
      ...LLAMA_70B_H100,
      model,
      chipId: "huawei-ascend-910b3",
      vendor: "Huawei",
    });
    expect(launch.modelRef).toBe("/models/Llama-3.1-70B");
    expect(launch.advisories.map((a) => a.code)).toEqual(
      expect.arrayContaining(["model-path-placeholder", "engine-vendor-mismatch"]),
    );
  });
});
