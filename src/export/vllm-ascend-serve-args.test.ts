import { describe, expect, it } from "vitest";
import { arch, flagValue } from "./_test-fixtures.ts";
import { unknownFlags } from "./known-flags.ts";
import type { ServeInstanceConfig } from "./serve-instance-config.ts";
import { vllmAscendServeArgs, vllmAscendServeLaunch } from "./vllm-ascend-serve-args.ts";

/**
 * vLLM-Ascend's single-node DeepSeek-V3.1 W8A8 deployment on one Atlas 800 A3 (16 dies): dp4 tp4 with expert
 * parallelism, --max-num-seqs 16, --max-model-len 16384, --quantization ascend
 * (vllm-project/vllm-ascend docs/source/tutorials/models/DeepSeek-V3.1.md).
 */
const DSV31_A3: ServeInstanceConfig = {
  model: { ...arch("deepseek-v3"), hfName: "vllm-ascend/DeepSeek-V3.1-w8a8" },
  chipId: "huawei-ascend-910c",
  vendor: "Huawei",
  tp: 4,
  pp: 1,
  ep: 16,
  dpAttention: 4,
  maxNumSeqs: 16,
  maxModelLen: 16384,
  precision: "int8",
  replicas: 1,
};

describe("vllmAscendServeArgs()", () => {
  it("reproduces the tutorial's parallel and quantization flags", () => {
    const args = vllmAscendServeArgs(DSV31_A3);
    const v = (f: string) => flagValue(args, f);
    expect(v("--data-parallel-size")).toBe("4");
    expect(v("--tensor-parallel-size")).toBe("4");
    expect(v("--enable-expert-parallel")).toBe(true);
    expect(v("--quantization")).toBe("ascend");
    expect(v("--max-num-seqs")).toBe("16");
    expect(v("--max-model-len")).toBe("16384");
  });

  it("passes --additional-config through as JSON and uses Mooncake for P/D roles", () => {
    const args = vllmAscendServeArgs(DSV31_A3, {
      role: "decode",
      additionalConfig: { recompute_scheduler_enable: true },
    });
    expect(JSON.parse(String(flagValue(args, "--additional-config")))).toEqual({
      recompute_scheduler_enable: true,
    });
    expect(JSON.parse(String(flagValue(args, "--kv-transfer-config")))).toMatchObject({
      kv_connector: "MooncakeConnectorV1",
      kv_role: "kv_consumer",
    });
  });

  it("emits only flags documented for vLLM-Ascend", () => {
    expect(
      unknownFlags("vllm-ascend", vllmAscendServeArgs(DSV31_A3, { role: "prefill", additionalConfig: {} })),
    ).toEqual([]);
  });

  it("refuses fp8 and fp4 on Ascend", () => {
    expect(() => vllmAscendServeArgs({ ...DSV31_A3, precision: "fp8" })).toThrow(
      /^Cannot export fp8 for Ascend: /,
    );
    expect(() => vllmAscendServeArgs({ ...DSV31_A3, precision: "fp4" })).toThrow(
      /^Cannot export fp4 for Ascend: /,
    );
  });
});

describe("vllmAscendServeLaunch()", () => {
  it("exposes the instance's 16 NPUs and the tutorial's HCCL and allocator settings", () => {
    const launch = vllmAscendServeLaunch(DSV31_A3);
    expect(launch.devicesPerInstance).toBe(16);
    expect(launch.env.ASCEND_RT_VISIBLE_DEVICES).toBe("0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15");
    expect(launch.env.HCCL_BUFFSIZE).toBe("200");
    expect(launch.roles[0]?.command).toContain("export PYTORCH_NPU_ALLOC_CONF=expandable_segments:True");
    expect(launch.advisories.map((a) => a.code)).not.toContain("engine-vendor-mismatch");
  });
});
