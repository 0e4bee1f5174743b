import { describe, expect, it } from "vitest";
import {
  chip,
  DEEPSEEK_V3_JOB,
  flagValue,
  LLAMA_70B_910B_JOB,
  LLAMA_70B_910B_PLAN,
  LLAMA_405B_JOB,
  LLAMA_405B_PLAN,
  plan,
} from "./_test-fixtures.ts";
import { unknownFlags } from "./known-flags.ts";
import { mindspeedArgs, mindspeedLaunch } from "./mindspeed-args.ts";

const DEEPSEEK_V3_910C = {
  ...DEEPSEEK_V3_JOB,
  precision: "bf16" as const,
  chip: chip("huawei-ascend-910c"),
  count: 256,
};
/**
 * MindSpeed-LLM's DeepSeek-V3 A3 example (examples/mcore/deepseek3/pretrain_deepseek3_671b_4k_A3_ptd.sh): 32 nodes
 * of 16 NPU dies, TP2 PP8 EP16, DualPipeV, full recompute; here with 256 910C packages = 512 dies.
 */
const DEEPSEEK_V3_910C_PLAN = plan({ tp: 2, pp: 8, dp: 32, ep: 16, schedule: "dualpipe", recompute: "full" });

describe("mindspeedArgs()", () => {
  it("exports a 910B Llama 3.1 70B plan with MindSpeed's switches and fused NPU kernels", () => {
    const args = mindspeedArgs(LLAMA_70B_910B_JOB, LLAMA_70B_910B_PLAN);
    const v = (f: string) => flagValue(args, f);
    expect(args[0]).toBe("--use-mcore-models");
    expect(v("--tensor-model-parallel-size")).toBe("8");
    expect(v("--pipeline-model-parallel-size")).toBe("4");
    // 80 layers / (4 stages x 2 virtual) = 10 layers per virtual stage.
    expect(v("--num-layers-per-virtual-pipeline-stage")).toBe("10");
    expect(v("--noop-layers")).toBeUndefined();
    expect(v("--use-flash-attn")).toBe(true);
    expect(v("--use-fused-rmsnorm")).toBe(true);
    expect(v("--use-fused-swiglu")).toBe(true);
    expect(v("--use-fused-rotary-pos-emb")).toBe(true);
    expect(v("--use-distributed-optimizer")).toBe(true);
    expect(v("--recompute-granularity")).toBe("full");
    expect(v("--recompute-method")).toBe("uniform");
    expect(v("--global-batch-size")).toBe("64");
    expect(v("--num-query-groups")).toBe("8");
    expect(v("--bf16")).toBe(true);
  });

  it("pads DeepSeek-V3's 61 layers to 64 with no-op layers 61,62,63 for DualPipeV on PP8, as the official example", () => {
    const args = mindspeedArgs(DEEPSEEK_V3_910C, DEEPSEEK_V3_910C_PLAN);
    const v = (f: string) => flagValue(args, f);
    expect(v("--schedules-method")).toBe("dualpipev");
    expect(v("--num-layers")).toBe("64");
    expect(v("--noop-layers")).toBe("61,62,63");
    expect(v("--first-k-dense-replace")).toBe("3");
    expect(v("--moe-layer-freq")).toBe("1");
    expect(v("--n-shared-experts")).toBe("1");
    expect(v("--moe-ffn-hidden-size")).toBe("2048");
    expect(v("--expert-model-parallel-size")).toBe("16");
    expect(v("--expert-tensor-parallel-size")).toBe("1");
    expect(v("--multi-latent-attention")).toBe(true);
    expect(v("--qk-head-dim")).toBe("128");
    expect(v("--qk-pos-emb-head-dim")).toBe("64");
  });

  it("uses ring context parallelism (megatron_cp_algo) for the plan's cp", () => {
    const args = mindspeedArgs(LLAMA_70B_910B_JOB, plan({ tp: 8, pp: 4, dp: 1, cp: 2 }));
    expect(flagValue(args, "--context-parallel-size")).toBe("2");
    expect(flagValue(args, "--context-parallel-algo")).toBe("megatron_cp_algo");
  });

  it("emits only flags documented for MindSpeed-LLM", () => {
    for (const [job, p] of [
      [LLAMA_70B_910B_JOB, LLAMA_70B_910B_PLAN],
      [DEEPSEEK_V3_910C, DEEPSEEK_V3_910C_PLAN],
      [LLAMA_70B_910B_JOB, plan({ tp: 8, pp: 4, dp: 1, cp: 2, zero: 3, recompute: "selective" })],
    ] as const) {
      expect(unknownFlags("mindspeed", mindspeedArgs(job, p))).toEqual([]);
    }
  });

  it("refuses fp8 on Ascend", () => {
    const job = { ...LLAMA_70B_910B_JOB, precision: "fp8" as const };
    expect(() => mindspeedArgs(job, LLAMA_70B_910B_PLAN)).toThrow(
      /^Cannot export fp8 for Ascend: MindSpeed-LLM trains huawei-ascend-910b3 in bf16 or fp16/,
    );
  });

  it("refuses a plan whose degrees do not multiply to the chip count", () => {
    expect(() => mindspeedArgs(LLAMA_70B_910B_JOB, plan({ tp: 8, pp: 4, dp: 4 }))).toThrow(
      /tp·pp·dp·cp = 8·4·4·1 = 128 ranks, but 64 × huawei-ascend-910b3 give 64/,
    );
  });
});

describe("mindspeedLaunch()", () => {
  it("launches 910C packages as two ranks each: 16 processes per 8-chip node", () => {
    const launch = mindspeedLaunch(DEEPSEEK_V3_910C, DEEPSEEK_V3_910C_PLAN);
    expect(launch.ranksPerNode).toBe(16);
    expect(launch.nodes).toBe(32);
    expect(launch.worldRanks).toBe(512);
    expect(launch.env.PYTORCH_NPU_ALLOC_CONF).toBe("expandable_segments:True");
    expect(launch.advisories.map((a) => a.code)).toContain("noop-layers");
  });

  it("warns when asked to run MindSpeed-LLM on NVIDIA and downgrades ZeRO-3", () => {
    const launch = mindspeedLaunch(LLAMA_405B_JOB, { ...LLAMA_405B_PLAN, zero: 3 });
    expect(launch.advisories.map((a) => a.code)).toEqual(
      expect.arrayContaining(["engine-vendor-mismatch", "zero-downgraded"]),
    );
  });
});
