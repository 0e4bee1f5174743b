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

  it("passes --additional-config through as JSON, a documented vLLM flag (QA 30: it was dropped for vLLM)", () => {
    const args = vllmServeArgs(LLAMA_70B_H100, { additionalConfig: { some_plugin_key: 1 } });
    expect(JSON.parse(String(flagValue(args, "--additional-config")))).toEqual({ some_plugin_key: 1 });
    expect(unknownFlags("vllm", args)).toEqual([]);
    expect(flagValue(vllmServeArgs(LLAMA_70B_H100), "--additional-config")).toBeUndefined();
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

  it("serves FP8 on Ampere and an FP4 checkpoint before Blackwell weight-only, as planned", () => {
    const a100 = { ...LLAMA_70B_H100, chipId: "nvidia-a100-sxm-80gb" };
    // vLLM runs `--quantization fp8` on Ampere as W8A16 (FP8 Marlin)
    expect(flagValue(vllmServeArgs({ ...a100, precision: "fp8" }), "--quantization")).toBe("fp8");
    expect(
      flagValue(vllmServeArgs({ ...LLAMA_70B_H100, precision: "fp4" }), "--quantization"),
    ).toBeUndefined();
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
    // each role's command headed by what it is and how many run it (QA 40: two bare commands)
    expect(launch.roles[0]?.command).toMatch(
      /^# prefill: 2 instances alike, each on 8 devices\nvllm serve deepseek-ai\/DeepSeek-V3 \\\n {2}--host 0\.0\.0\.0 \\/,
    );
    expect(launch.roles[1]?.command).toMatch(/^# decode: 6 instances alike, each on 8 devices\nvllm serve /);
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

/**
 * The all-nvidia strategy's H800 serving pool of the default scenario as `compare` plans it: decode instances of
 * DP128 with expert parallelism (128 GPUs), prefill instances of DP16 (16 GPUs), on 8-GPU nodes.
 */
const DSV3_H800_PD: ServeInstanceConfig = {
  ...DSV3_H200,
  chipId: "nvidia-h800-sxm",
  tp: 1,
  ep: 128,
  dpAttention: 128,
  maxNumSeqs: 84,
  replicas: 1,
  disaggregation: {
    prefillInstances: 28,
    decodeInstances: 10,
    prefill: { tp: 1, pp: 1, ep: 16, dpAttention: 16, maxNumSeqs: 4 },
  },
};

describe("vllmServeLaunch() across nodes", () => {
  it("writes one command per node when an instance spans nodes", () => {
    const launch = vllmServeLaunch({ ...DSV3_H800_PD, disaggregation: undefined });
    const [role] = launch.roles;
    expect(role?.launcher).toBe("data-parallel-nodes");
    expect(role?.nodesPerInstance).toBe(16);
    expect(role?.nodes).toHaveLength(16);
    const [first, second, last] = [role!.nodes[0]!, role!.nodes[1]!, role!.nodes[15]!];
    // node 0 serves the API: no --headless, no start rank
    expect(first.headless).toBe(false);
    expect(first.args).not.toContain("--headless");
    expect(flagValue(first.args, "--data-parallel-start-rank")).toBeUndefined();
    expect(flagValue(first.args, "--data-parallel-size")).toBe("128");
    expect(flagValue(first.args, "--data-parallel-size-local")).toBe("8");
    expect(flagValue(first.args, "--data-parallel-address")).toBe("$NODE0_IP");
    expect(flagValue(first.args, "--data-parallel-rpc-port")).toBe("13345");
    // the others are headless, each with its own first rank
    expect(second.args[0]).toBe("--headless");
    expect(flagValue(second.args, "--data-parallel-start-rank")).toBe("8");
    expect(flagValue(last.args, "--data-parallel-start-rank")).toBe("120");
    expect(role?.args).toEqual(first.args);
    // the role's text runs every node, and the address stays a shell variable
    expect(role?.command.match(/^vllm serve /gm)).toHaveLength(16);
    expect(role?.command).toContain("# colocated node 15 of 16 (headless, DP ranks 120-127, 8 devices)");
    expect(role?.command).toContain("--data-parallel-address $NODE0_IP");
    for (const n of role!.nodes) expect(unknownFlags("vllm", n.args)).toEqual([]);
    expect(launch.advisories.map((a) => a.code)).toContain("multi-node-instance");
  });

  it("says when several single-node instances share a node, each needing its own port and devices (QA 40)", () => {
    const [role] = vllmServeLaunch({ ...LLAMA_70B_H100, tp: 4, replicas: 3 }).roles;
    expect(role?.command.split("\n")[0]).toBe(
      "# colocated: 3 instances alike, each on 4 devices; 2 fit a node of 8: give each its own --port and visible devices",
    );
  });

  it("keeps an instance that fits a node to one command without multi-node flags", () => {
    const [role] = vllmServeLaunch(DSV3_H200).roles;
    expect(role?.nodes).toHaveLength(1);
    expect(role?.launcher).toBe("single-node");
    expect(flagValue(role!.args, "--data-parallel-size-local")).toBeUndefined();
    expect(role?.command).toBe(
      `# colocated: ${role?.instances} instances alike, each on 8 devices\n${role?.nodes[0]?.command}`,
    );
  });

  it("gives each disaggregated role its own shape, footprint and nodes", () => {
    const launch = vllmServeLaunch(DSV3_H800_PD);
    const [prefill, decode] = launch.roles;
    expect([
      prefill?.role,
      prefill?.instances,
      prefill?.devicesPerInstance,
      prefill?.nodesPerInstance,
    ]).toEqual(["prefill", 28, 16, 2]);
    expect([decode?.role, decode?.instances, decode?.devicesPerInstance, decode?.nodesPerInstance]).toEqual([
      "decode",
      10,
      128,
      16,
    ]);
    expect(flagValue(prefill!.args, "--data-parallel-size")).toBe("16");
    expect(flagValue(prefill!.args, "--max-num-seqs")).toBe("4");
    expect(flagValue(decode!.args, "--max-num-seqs")).toBe("84");
    expect(launch.devicesPerInstance).toBe(128);
    expect(launch.chips).toBe(28 * 16 + 10 * 128);
  });

  it("refuses a prefill shape vLLM would not use", () => {
    const bad = {
      ...DSV3_H800_PD,
      disaggregation: {
        ...DSV3_H800_PD.disaggregation!,
        prefill: { tp: 1, pp: 1, ep: 8, dpAttention: 16, maxNumSeqs: 4 },
      },
    };
    expect(() => vllmServeLaunch(bad)).toThrow(/^Cannot export ep=8 for vLLM: .* tp·dp_attention = 16/);
  });

  it("reports the plan's chips beside the whole instances, and which way they were rounded", () => {
    const launch = vllmServeLaunch({ ...DSV3_H800_PD, plannedChips: { prefill: 445.4, decode: 1218.6 } });
    expect(launch.roles.map((r) => [r.plannedChips, r.chips])).toEqual([
      [445.4, 448],
      [1218.6, 1280],
    ]);
    const rounded = launch.advisories.find((a) => a.code === "instances-rounded");
    expect(rounded?.message).toBe(
      "the plan's 1,664 chips (445.4 prefill + 1,218.6 decode) are written as whole instances: 28 prefill × 16 + 10 decode × 128 = 1,728 chips (+64)",
    );
    expect(rounded?.hint).toMatch(/^each role was rounded up/);
    const down = vllmServeLaunch({ ...DSV3_H800_PD, plannedChips: { prefill: 460, decode: 1300 } });
    expect(down.advisories.find((a) => a.code === "instances-rounded")?.hint).toMatch(/rounded down/);
  });

  it("says nothing about rounding when the plan's chips are whole instances", () => {
    const launch = vllmServeLaunch({ ...DSV3_H800_PD, plannedChips: { prefill: 448, decode: 1280 } });
    expect(launch.advisories.map((a) => a.code)).not.toContain("instances-rounded");
  });

  it("runs a tensor-parallel group wider than a node on a Ray head, with an advisory", () => {
    const big = { ...LLAMA_70B_H100, model: { ...arch("llama-3.1-405b"), hfName: "x" }, tp: 16 };
    const [role] = vllmServeLaunch(big).roles;
    expect(role?.launcher).toBe("ray");
    expect(role?.nodesPerInstance).toBe(2);
    expect(role?.nodes).toHaveLength(1);
    expect(role?.command).toMatch(
      /^# colocated: 4 instances alike, each on 2 nodes of its own\n# on the head node/,
    );
    expect(vllmServeLaunch(big).advisories.map((a) => a.code)).toContain("ray-cluster-needed");
  });

  it("takes the node size from chips per node", () => {
    const launch = vllmServeLaunch({ ...DSV3_H800_PD, disaggregation: undefined, chipsPerNode: 4 });
    expect(launch.devicesPerNode).toBe(4);
    expect(launch.roles[0]?.nodesPerInstance).toBe(32);
    expect(() => vllmServeLaunch({ ...DSV3_H800_PD, chipsPerNode: 0 })).toThrow(
      /^Cannot export serving instance: chipsPerNode must be a positive integer, got 0/,
    );
  });
});

describe("vllmServeLaunch() two-batch overlap", () => {
  it("vllmServeLaunch() enables vLLM's DBO on DeepEP where the plan split the step and attention is data-parallel", () => {
    const dp = { ...DSV3_H200, tp: 1, dpAttention: 8, ep: 8, microBatches: 2 as const };
    const args = vllmServeArgs(dp);
    expect(flagValue(args, "--enable-dbo")).toBe(true);
    expect(flagValue(args, "--all2all-backend")).toBe("deepep_low_latency");
    expect(unknownFlags("vllm", args)).toEqual([]);
    expect(vllmServeLaunch(dp).advisories.map((a) => a.code)).not.toContain("overlap-not-launched");
    // one micro-batch planned: nothing to enable
    expect(flagValue(vllmServeArgs({ ...dp, microBatches: 1 }), "--enable-dbo")).toBeUndefined();
  });

  it("vllmServeLaunch() says so when the plan's two micro-batches cannot run in vLLM (TP attention, no DP)", () => {
    const tpOnly = { ...DSV3_H200, microBatches: 2 as const };
    expect(flagValue(vllmServeArgs(tpOnly), "--enable-dbo")).toBeUndefined();
    expect(vllmServeLaunch(tpOnly).advisories.map((a) => a.code)).toContain("overlap-not-launched");
  });
});
