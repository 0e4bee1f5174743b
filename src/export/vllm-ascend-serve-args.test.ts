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
    // the tutorial serves msModelSlim's W8A8 repository: nothing to quantize
    expect(launch.advisories.map((a) => a.code)).not.toContain("quantized-checkpoint-needed");
  });

  it("exports FP8 for a GPU named to vLLM-Ascend with the engine mismatch advised, not Ascend's no-FP8 error (QA 30)", () => {
    const gpu: ServeInstanceConfig = {
      ...DSV31_A3,
      model: arch("deepseek-v3"),
      chipId: "nvidia-h100-sxm",
      vendor: "NVIDIA",
      precision: "fp8",
    };
    const launch = vllmAscendServeLaunch(gpu);
    expect(launch.advisories.find((a) => a.code === "engine-vendor-mismatch")?.message).toBe(
      "vllm-ascend does not target nvidia-h100-sxm",
    );
  });

  it("says W8A8 needs a quantized checkpoint when it names the publisher's own repository", () => {
    const launch = vllmAscendServeLaunch({
      ...DSV31_A3,
      model: { ...arch("deepseek-v3"), hfName: "deepseek-ai/DeepSeek-V3" },
    });
    expect(launch.advisories.find((a) => a.code === "quantized-checkpoint-needed")?.message).toMatch(
      /msModelSlim; deepseek-ai\/DeepSeek-V3 is not one/,
    );
  });
});

/**
 * The default scenario's Ascend serving instance as `compare` plans it: DeepSeek-V3 W8A8 with DP attention over 512
 * dies (256 910C packages), expert parallelism across all of them.
 */
const DSV3_910C_DP512: ServeInstanceConfig = {
  ...DSV31_A3,
  model: { ...arch("deepseek-v3"), hfName: "deepseek-ai/DeepSeek-V3" },
  tp: 1,
  dpAttention: 512,
  ep: 512,
  maxNumSeqs: 30,
};

describe("vllmAscendServeLaunch() across nodes", () => {
  it("writes one command per node when an instance spans nodes, each seeing only its node's 16 NPUs", () => {
    const launch = vllmAscendServeLaunch(DSV3_910C_DP512);
    const [role] = launch.roles;
    expect(launch.devicesPerNode).toBe(16); // 8 packages x 2 dies
    expect(role?.devicesPerInstance).toBe(512);
    expect(role?.chipsPerInstance).toBe(256);
    expect(role?.nodes).toHaveLength(32);
    for (const n of role!.nodes) {
      expect(n.env.ASCEND_RT_VISIBLE_DEVICES).toBe("0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15");
      expect(n.env.HCCL_IF_IP).toBe("$LOCAL_IP");
      expect(n.env.HCCL_SOCKET_IFNAME).toBe("$NIC_NAME");
      expect(unknownFlags("vllm-ascend", n.args)).toEqual([]);
    }
    expect(flagValue(role!.nodes[5]!.args, "--data-parallel-start-rank")).toBe("80");
    expect(role?.nodes[5]?.command).toContain(
      "export ASCEND_RT_VISIBLE_DEVICES=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n",
    );
    expect(role?.command).not.toContain("ASCEND_RT_VISIBLE_DEVICES=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16");
  });

  it("limits a partly filled last node to the NPUs it uses", () => {
    const [role] = vllmAscendServeLaunch({ ...DSV3_910C_DP512, dpAttention: 40, ep: 40 }).roles;
    expect(role?.nodes.map((n) => [n.dpLocalRanks, n.env.ASCEND_RT_VISIBLE_DEVICES])).toEqual([
      [16, "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15"],
      [16, "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15"],
      [8, "0,1,2,3,4,5,6,7"],
    ]);
    expect(flagValue(role!.nodes[2]!.args, "--data-parallel-size-local")).toBe("8");
  });

  it("sizes Mooncake's prefill and decode sides from each role's own shape", () => {
    // the tutorial's P/D example: prefill dp2 tp8 beside decode dp32 tp1
    const launch = vllmAscendServeLaunch({
      ...DSV31_A3,
      tp: 1,
      dpAttention: 32,
      ep: 32,
      disaggregation: {
        prefillInstances: 2,
        decodeInstances: 1,
        prefill: { tp: 8, pp: 1, ep: 16, dpAttention: 2, maxNumSeqs: 8 },
      },
    });
    const [prefill, decode] = launch.roles;
    const sides = { prefill: { dp_size: 2, tp_size: 8 }, decode: { dp_size: 32, tp_size: 1 } };
    for (const r of [prefill!, decode!]) {
      const kv = JSON.parse(String(flagValue(r.args, "--kv-transfer-config")));
      expect(kv.kv_connector_extra_config).toEqual(sides);
    }
    expect(flagValue(prefill!.args, "--tensor-parallel-size")).toBe("8");
    expect(prefill?.nodesPerInstance).toBe(1);
    expect(decode?.nodesPerInstance).toBe(2);
  });
});
