import { describe, expect, it } from "vitest";
import { importModel } from "../arch/index.ts";
import { QWEN3_NEXT_80B_CONFIG } from "../arch/test-fixtures.ts";
import { findBuiltinModel } from "../catalog/models/index.ts";
import { FleetcastError } from "../errors.ts";
import {
  chip,
  DEEPSEEK_V3_JOB,
  DEEPSEEK_V3_PLAN,
  flagValue,
  LLAMA_70B_910B_JOB,
  LLAMA_405B_JOB,
  LLAMA_405B_PLAN,
  plan,
} from "./_test-fixtures.ts";
import { modelShapeArgs } from "./_train-args.ts";
import type { ExportAdvisory } from "./export-advisory.ts";
import { unknownFlags } from "./known-flags.ts";
import { megatronArgs, megatronLaunch } from "./megatron-args.ts";

describe("megatronArgs()", () => {
  it("exports DeepSeek-V3's published layout: PP16, EP64, no TP, ZeRO-1, FP8 (arXiv 2412.19437 §3.2-3.3)", () => {
    const args = megatronArgs(DEEPSEEK_V3_JOB, DEEPSEEK_V3_PLAN);
    const v = (f: string) => flagValue(args, f);
    expect(v("--tensor-model-parallel-size")).toBe("1");
    expect(v("--pipeline-model-parallel-size")).toBe("16");
    expect(v("--context-parallel-size")).toBe("1");
    expect(v("--expert-model-parallel-size")).toBe("64");
    expect(v("--expert-tensor-parallel-size")).toBeUndefined(); // tp = 1
    expect(v("--sequence-parallel")).toBeUndefined();
    expect(v("--global-batch-size")).toBe("15360");
    expect(v("--micro-batch-size")).toBe("1");
    expect(v("--seq-length")).toBe("4096");
    expect(v("--max-position-embeddings")).toBe("163840");
    // 61 layers over 16 stages: 2 | 4 x 14 | 3.
    expect(v("--num-layers")).toBe("61");
    expect(v("--decoder-first-pipeline-num-layers")).toBe("2");
    expect(v("--decoder-last-pipeline-num-layers")).toBe("3");
    // MLA and MoE shape from the HF config (q_lora_rank 1536, kv_lora_rank 512, 128+64 qk, 128 v; 256 experts top-8).
    expect(v("--multi-latent-attention")).toBe(true);
    expect(v("--q-lora-rank")).toBe("1536");
    expect(v("--kv-lora-rank")).toBe("512");
    expect(v("--qk-head-dim")).toBe("128");
    expect(v("--qk-pos-emb-head-dim")).toBe("64");
    expect(v("--v-head-dim")).toBe("128");
    expect(v("--group-query-attention")).toBeUndefined();
    expect(v("--num-experts")).toBe("256");
    expect(v("--moe-router-topk")).toBe("8");
    expect(v("--moe-ffn-hidden-size")).toBe("2048");
    expect(v("--moe-shared-expert-intermediate-size")).toBe("2048");
    expect(v("--moe-layer-freq")).toBe("([0]*3+[1]*58)");
    expect(v("--moe-token-dispatcher-type")).toBe("alltoall");
    expect(v("--moe-grouped-gemm")).toBe(true); // 4 experts per EP rank
    expect(v("--mtp-num-layers")).toBe("1");
    expect(v("--use-distributed-optimizer")).toBe(true);
    expect(v("--overlap-param-gather")).toBe(true);
    expect(v("--recompute-granularity")).toBe("selective");
    expect(v("--bf16")).toBe(true);
    expect(v("--fp8-format")).toBe("hybrid");
    expect(v("--fp8-recipe")).toBeUndefined(); // Hopper keeps delayed scaling
    expect(v("--untie-embeddings-and-output-weights")).toBe(true);
    expect(v("--swiglu")).toBe(true);
    expect(v("--normalization")).toBe("RMSNorm");
  });

  it("exports Llama 3.1 405B's TP8 PP16 with one layer less on the first and last stage (arXiv 2407.21783 §3.3.2)", () => {
    const args = megatronArgs(LLAMA_405B_JOB, LLAMA_405B_PLAN);
    const v = (f: string) => flagValue(args, f);
    expect(v("--tensor-model-parallel-size")).toBe("8");
    expect(v("--pipeline-model-parallel-size")).toBe("16");
    expect(v("--decoder-first-pipeline-num-layers")).toBe("7");
    expect(v("--decoder-last-pipeline-num-layers")).toBe("7");
    expect(v("--global-batch-size")).toBe("2048");
    expect(v("--seq-length")).toBe("8192");
    expect(v("--group-query-attention")).toBe(true);
    expect(v("--num-query-groups")).toBe("8");
    expect(v("--kv-channels")).toBeUndefined(); // 16384 / 128 heads = 128 = head_dim
    expect(v("--ffn-hidden-size")).toBe("53248");
    expect(v("--sequence-parallel")).toBe(true);
    expect(v("--expert-model-parallel-size")).toBeUndefined(); // dense model
    expect(v("--num-experts")).toBeUndefined();
    expect(v("--disable-bias-linear")).toBe(true);
    expect(v("--bf16")).toBe(true);
    expect(v("--fp8-format")).toBeUndefined();
  });

  it("emits only flags documented in Megatron-LM's argument parser", () => {
    const plans = [
      [DEEPSEEK_V3_JOB, DEEPSEEK_V3_PLAN],
      [LLAMA_405B_JOB, LLAMA_405B_PLAN],
      [LLAMA_405B_JOB, { ...LLAMA_405B_PLAN, zero: 3, recompute: "full" }],
      [{ ...LLAMA_405B_JOB, chip: chip("nvidia-b200-hgx"), precision: "fp8" }, LLAMA_405B_PLAN],
    ] as const;
    for (const [job, p] of plans) expect(unknownFlags("megatron", megatronArgs(job, p))).toEqual([]);
  });

  it("maps ZeRO-3 to Megatron-FSDP with its required flags and no CUDA_DEVICE_MAX_CONNECTIONS", () => {
    const launch = megatronLaunch(LLAMA_405B_JOB, { ...LLAMA_405B_PLAN, zero: 3 });
    expect(flagValue(launch.args, "--use-megatron-fsdp")).toBe(true);
    expect(flagValue(launch.args, "--data-parallel-sharding-strategy")).toBe("optim_grads_params");
    expect(flagValue(launch.args, "--ckpt-format")).toBe("fsdp_dtensor");
    expect(launch.env.CUDA_DEVICE_MAX_CONNECTIONS).toBeUndefined();
    // --async-save "works only with torch_dist": not with FSDP's own format
    expect(flagValue(launch.args, "--async-save")).toBeUndefined();
  });

  it("saves checkpoints asynchronously in torch_dist, as the plan's failure model priced them (QA 40)", () => {
    const launch = megatronLaunch(LLAMA_405B_JOB, { ...LLAMA_405B_PLAN, zero: 1 });
    expect(flagValue(launch.args, "--ckpt-format")).toBe("torch_dist");
    expect(flagValue(launch.args, "--async-save")).toBe(true);
    expect(launch.advisories.find((a) => a.code === "add-data-and-recipe")?.hint).toContain(
      "--save-interval",
    );
  });

  it("writes Llama 3's 126 layers on PP 16 x VPP 8 with the embedding and loss as layers (QA 40: refused before)", () => {
    const args = megatronArgs(
      LLAMA_405B_JOB,
      plan({ tp: 8, pp: 16, dp: 16, cp: 8, vpp: 8, schedule: "interleaved" }),
    );
    expect(flagValue(args, "--account-for-embedding-in-pipeline-split")).toBe(true);
    expect(flagValue(args, "--account-for-loss-in-pipeline-split")).toBe(true);
    expect(flagValue(args, "--num-virtual-stages-per-pipeline-rank")).toBe("8");
    expect(flagValue(args, "--decoder-first-pipeline-num-layers")).toBeUndefined();
    expect(unknownFlags("megatron", args)).toEqual([]);
    // a split that neither divides nor divides with the two extra chunks is still refused
    expect(() =>
      megatronArgs(LLAMA_405B_JOB, plan({ tp: 8, pp: 16, dp: 16, cp: 8, vpp: 3, schedule: "interleaved" })),
    ).toThrow(/not a multiple of vpp=3/);
  });

  it("sets the current virtual-pipeline argument when the stages divide by vpp", () => {
    const job = { ...LLAMA_70B_910B_JOB, chip: chip("nvidia-h100-sxm") };
    const args = megatronArgs(job, plan({ tp: 8, pp: 4, dp: 2, vpp: 2, schedule: "interleaved" }));
    expect(flagValue(args, "--num-virtual-stages-per-pipeline-rank")).toBe("2");
    expect(flagValue(args, "--decoder-first-pipeline-num-layers")).toBeUndefined(); // 80 / 4 = 20
  });

  it("adds MXFP8 on Blackwell", () => {
    const job = { ...LLAMA_405B_JOB, chip: chip("nvidia-b200-hgx"), precision: "fp8" as const };
    expect(flagValue(megatronArgs(job, LLAMA_405B_PLAN), "--fp8-recipe")).toBe("mxfp8");
  });

  it("refuses a plan whose degrees do not multiply to the chip count", () => {
    expect(() => megatronArgs(LLAMA_405B_JOB, { ...LLAMA_405B_PLAN, dp: 64 })).toThrow(
      /Cannot export plan: tp·pp·dp·cp = 8·16·64·1 = 8192 ranks, but 16384 × nvidia-h100-sxm give 16384/,
    );
  });

  it("refuses virtual stages that divide neither the uneven first stage (7 layers) nor the layers with embedding and loss", () => {
    // vpp 2 is written since QA 40 (128 = 126 + embedding + loss over 16 x 2); vpp 3 divides neither
    expect(() =>
      megatronArgs(LLAMA_405B_JOB, { ...LLAMA_405B_PLAN, vpp: 3, schedule: "interleaved" }),
    ).toThrow(FleetcastError);
    const two = megatronArgs(LLAMA_405B_JOB, { ...LLAMA_405B_PLAN, vpp: 2, schedule: "interleaved" });
    expect(flagValue(two, "--account-for-embedding-in-pipeline-split")).toBe(true);
  });

  it("refuses fp8 on an Ascend chip", () => {
    const job = { ...LLAMA_70B_910B_JOB, precision: "fp8" as const };
    expect(() => megatronArgs(job, plan({ tp: 8, pp: 4, dp: 2 }))).toThrow(/^Cannot export fp8 for Ascend: /);
  });

  it("refuses a batch that is not a multiple of micro-batch x dp", () => {
    const job = { ...LLAMA_405B_JOB, globalBatchTokens: 1000 * 8192 };
    expect(() => megatronArgs(job, LLAMA_405B_PLAN)).toThrow(/multiple of micro_batch·dp = 128/);
  });
});

describe("megatronLaunch()", () => {
  it("launches DeepSeek-V3 as 256 nodes of 8 ranks and reports DualPipe as not exportable", () => {
    const launch = megatronLaunch(DEEPSEEK_V3_JOB, DEEPSEEK_V3_PLAN);
    expect(launch.nodes).toBe(256);
    expect(launch.ranksPerNode).toBe(8);
    expect(launch.worldRanks).toBe(2048);
    expect(launch.torchrunArgs.slice(0, 4)).toEqual(["--nnodes", "256", "--nproc-per-node", "8"]);
    expect(unknownFlags("torchrun", launch.torchrunArgs)).toEqual([]);
    expect(launch.advisories.map((a) => a.code)).toContain("schedule-not-supported");
    expect(launch.command).toMatch(/^export CUDA_DEVICE_MAX_CONNECTIONS=1\ntorchrun \\\n {2}--nnodes 256 \\/);
    expect(launch.command).toContain("  pretrain_gpt.py \\\n");
    expect(launch.command).toContain("--moe-layer-freq '([0]*3+[1]*58)'");
    expect(launch.command).toContain("--node-rank $NODE_RANK");
  });
});

describe("modelShapeArgs() for layers the export cannot write", () => {
  it("advises that a hybrid model's linear-attention layers and Llama 4's chunked attention are not exported", () => {
    const advisories: ExportAdvisory[] = [];
    const hybrid = importModel(QWEN3_NEXT_80B_CONFIG).arch;
    modelShapeArgs(hybrid, hybrid.numLayers, advisories);
    expect(advisories.map((a) => a.code)).toContain("linear-attention-not-exported");
    expect(advisories.find((a) => a.code === "linear-attention-not-exported")?.message).toMatch(
      /^36 of 48 layers/,
    );
    const dense: ExportAdvisory[] = [];
    const llama = importModel(findBuiltinModel("llama-3.1-8b")!.config).arch;
    modelShapeArgs(llama, llama.numLayers, dense);
    expect(dense.map((a) => a.code)).not.toContain("linear-attention-not-exported");
  });
});
