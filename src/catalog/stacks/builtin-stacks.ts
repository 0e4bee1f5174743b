import type { ChipFamily, Precision } from "../chips/index.ts";
import { BASE_EFFICIENCY, familyPriors } from "./family-priors.ts";
import { mergeEfficiency } from "./stack-efficiency-for.ts";
import type {
  CheckpointSave,
  CollectiveLib,
  Prior,
  Stack,
  StackEfficiency,
  StackRole,
} from "./stack-schema.ts";

const NVIDIA: ChipFamily[] = ["nvidia-hopper", "nvidia-ampere", "nvidia-ada", "nvidia-blackwell"];
const ASCEND: ChipFamily[] = ["ascend-910b", "ascend-910c"];

const assumed = (value: number, why: string, range?: readonly [number, number]): Prior =>
  range === undefined
    ? { value, source: `assumption: ${why}`, uncertain: true }
    : { value, source: `assumption: ${why}`, uncertain: true, range };

interface StackSpec {
  id: string;
  inHouse?: boolean;
  name: string;
  vendor: string;
  role: StackRole;
  runsOn: ChipFamily[];
  precisions: Precision[];
  collectiveLib: CollectiveLib;
  /** Stack-specific priors on every family (applied after the family's hardware priors). */
  priors?: Partial<StackEfficiency>;
  /** Stack-specific priors on one family. */
  familyPriors?: Partial<Record<ChipFamily, Partial<StackEfficiency>>>;
  sources: string[];
  notes: string[];
  checkpointSave?: CheckpointSave;
}

// Megatron-LM's CheckpointConfig: `async_save: bool = False`, "--async-save ... works only with torch_dist" (NVIDIA/
// Megatron-LM megatron/training/config/training_config.py); the Megatron-based stacks inherit it.
// NeMo 2.0's MegatronStrategy defaults ckpt_async_save to True in its recent releases (False in older ones: NVIDIA/
// NeMo nemo/lightning/pytorch/strategies/megatron_strategy.py), so the advice names Megatron-LM's own loop.
const MEGATRON_SAVE: CheckpointSave = {
  who: "Megatron-LM's training loop",
  defaultMode: "sync",
  asyncOption: "--async-save with --ckpt-format torch_dist; NeMo 2.0's recent releases save asynchronously",
  source:
    "NVIDIA/Megatron-LM megatron/training/config/training_config.py (CheckpointConfig.async_save = False)",
};

/**
 * Builds a stack: on each family it runs on, base assumptions, then the family's hardware priors, then the
 * stack's own priors; the default is the first family's.
 */
function defineStack(spec: StackSpec): Stack {
  const { priors = {}, familyPriors: perFamily = {}, ...rest } = spec;
  const onFamily = (family: ChipFamily) =>
    mergeEfficiency(BASE_EFFICIENCY, familyPriors(family), priors, perFamily[family] ?? {});
  const byFamily: Stack["byFamily"] = {};
  for (const family of spec.runsOn) byFamily[family] = onFamily(family);
  const first = spec.runsOn[0];
  const efficiency = first === undefined ? mergeEfficiency(BASE_EFFICIENCY, priors) : onFamily(first);
  return { ...rest, efficiency, byFamily };
}

// Training overlap and step overheads are not measured in the research (research/hardware.md §5-6 cover GEMM
// and collectives only): they are flagged assumptions for calibration to fit, not tuned to any case.
const STACKS: readonly Stack[] = [
  defineStack({
    id: "megatron",
    name: "Megatron-LM / Megatron-Core (NeMo, Megatron-Bridge; Transformer Engine for FP8)",
    vendor: "NVIDIA",
    role: "train",
    runsOn: NVIDIA,
    precisions: ["bf16", "fp16", "fp8"],
    collectiveLib: "nccl",
    priors: {
      overlapFraction: assumed(
        0.8,
        "Megatron-Core overlaps grad reduce, param gather and TP comm when enabled",
        [0.5, 0.95],
      ),
    },
    sources: [
      "https://github.com/NVIDIA/Megatron-LM",
      "https://github.com/NVIDIA/TransformerEngine (FP8 on Hopper and later)",
      "cases/train.json: Megatron-LM, Megatron-Core r0.8.0, NeMo 24.07-26.04, Megatron-Bridge runs",
    ],
    notes: ["FP8 through Transformer Engine needs Hopper or later; Ampere and Ada run BF16/FP16."],
    checkpointSave: MEGATRON_SAVE,
  }),
  defineStack({
    id: "torchtitan",
    name: "torchtitan (PyTorch FSDP2, torch.compile, torchao Float8)",
    vendor: "PyTorch",
    role: "train",
    runsOn: NVIDIA,
    precisions: ["bf16", "fp8"],
    collectiveLib: "nccl",
    priors: {
      overlapFraction: assumed(0.8, "FSDP2 prefetches the next all-gather during compute", [0.5, 0.95]),
    },
    sources: [
      "https://github.com/pytorch/torchtitan",
      "cases/train.json: torchtitan (FSDP2) runs on A100 and H200",
    ],
    notes: ["FP8 via torchao Float8 with FSDP float8 all-gather (cases/train.json torchtitan-trainy)."],
    checkpointSave: {
      who: "torchtitan",
      defaultMode: "sync",
      asyncOption: "--checkpoint.async_mode async (or async_with_pinned_mem)",
      source: 'pytorch/torchtitan torchtitan/config/job_config.py: async_mode "disabled" is the default',
    },
  }),
  defineStack({
    id: "deepspeed",
    name: "DeepSpeed (ZeRO, pipeline engine; Megatron-DeepSpeed)",
    vendor: "Microsoft",
    role: "train",
    runsOn: NVIDIA,
    precisions: ["bf16", "fp16"],
    collectiveLib: "nccl",
    priors: {
      overlapFraction: assumed(0.6, "ZeRO bucketed reduce overlaps part of the backward pass", [0.3, 0.9]),
    },
    sources: [
      "https://github.com/deepspeedai/DeepSpeed",
      "cases/train.json: bloom-176b-384-a100 (Megatron-DeepSpeed, BF16_Optimizer with ZeRO-1)",
    ],
    notes: ["DeepSpeed also has ROCm and Ascend accelerator backends; only NVIDIA is modelled here."],
    checkpointSave: {
      who: "DeepSpeed",
      defaultMode: "sync",
      asyncOption: "a checkpoint engine: DataStates-LLM (datastates_ckpt), FastPersist, Nebula",
      source:
        "deepspeedai/DeepSpeed deepspeed/runtime/checkpoint_engine/utils.py: TorchCheckpointEngine (torch.save) unless configured",
    },
  }),
  defineStack({
    id: "mindspeed",
    name: "MindSpeed / ModelLink (Megatron on torch_npu, CANN)",
    vendor: "Huawei",
    role: "train",
    runsOn: [...ASCEND, "ascend-950"],
    precisions: ["bf16", "fp16"],
    collectiveLib: "hccl",
    priors: {
      overlapFraction: assumed(0.7, "MC2 fuses compute and communication where enabled", [0.4, 0.95]),
    },
    sources: [
      "https://gitee.com/ascend/MindSpeed",
      "cases/train.json: pangu-ultra-135b-8192-ascend (MindSpeed + Megatron, MC2), modellink-* (ModelLink)",
      "research/hardware.md §5.5 (operator coverage, HCCL algorithm choice not configurable)",
    ],
    notes: [
      "No FP8 on 910B/910C (research/hardware.md §2).",
      "HCCL picks its intra-server algorithm itself (research/hardware.md §5.5).",
    ],
    checkpointSave: {
      who: "MindSpeed-LLM (Megatron's checkpointing)",
      defaultMode: "sync",
      asyncOption:
        "MindIO ACP (Huawei MindCluster); Megatron's --async-save is inherited but not documented on NPU",
      source:
        "Ascend/MindSpeed-LLM docs/en/pytorch/features/mcore/checkpoint_resume.md (Megatron's save); MindCluster 7.3 MindIO ACP guide (mindioacp001)",
    },
  }),
  defineStack({
    id: "mindspore",
    name: "MindSpore (MindFormers) on CANN",
    vendor: "Huawei",
    role: "train",
    runsOn: [...ASCEND, "ascend-910a"],
    precisions: ["bf16", "fp16"],
    collectiveLib: "hccl",
    priors: { overlapFraction: assumed(0.6, "not investigated in the research", [0.3, 0.9]) },
    sources: ["https://www.mindspore.cn", "research/hardware.md §5.5: MindSpore not investigated further"],
    notes: ["910A has no BF16 (research/hardware.md §3); its catalog entry is left out for that reason."],
    checkpointSave: {
      who: "MindSpore",
      defaultMode: "sync",
      asyncOption: "async_save=True (mindspore.save_checkpoint, CheckpointConfig)",
      source:
        "MindSpore API docs: mindspore.save_checkpoint(..., async_save=False), CheckpointConfig(async_save=False)",
    },
  }),
  defineStack({
    id: "rocm-megatron",
    name: "Megatron-LM on ROCm (AMD fork)",
    vendor: "AMD",
    role: "train",
    runsOn: ["amd-cdna3", "amd-cdna4"],
    precisions: ["bf16"],
    collectiveLib: "rccl",
    priors: { overlapFraction: assumed(0.7, "Megatron overlap options on RCCL, not measured", [0.4, 0.95]) },
    sources: [
      "https://github.com/ROCm/Megatron-LM",
      "research/hardware.md §5.1 (MI300X GEMM by ROCm version)",
    ],
    notes: ["GEMM efficiency moved ~300 TFLOPS between ROCm 6.1 and 6.2 (research/hardware.md §5.1)."],
    checkpointSave: MEGATRON_SAVE,
  }),
  defineStack({
    id: "meta-internal",
    inHouse: true,
    name: "Meta internal Llama 3 training stack (PyTorch, 4D parallelism)",
    vendor: "Meta",
    role: "train",
    runsOn: ["nvidia-hopper"],
    precisions: ["bf16"],
    collectiveLib: "nccl",
    priors: {
      overlapFraction: assumed(0.8, "FSDP and CP overlap as described, not quantified", [0.5, 0.95]),
    },
    sources: [
      "Llama 3 paper, arXiv:2407.21783 §3.3",
      "cases/train.json: llama3-405b-* (Meta internal training stack)",
    ],
    notes: ["Not public software; a stack only for the published Llama 3 runs."],
  }),
  defineStack({
    id: "hai-llm",
    inHouse: true,
    name: "HAI-LLM (DeepSeek in-house; DualPipe, DeepGEMM FP8)",
    vendor: "DeepSeek",
    role: "train",
    runsOn: ["nvidia-hopper"],
    precisions: ["bf16", "fp8"],
    collectiveLib: "nccl",
    priors: {
      // DeepSeek-V3 report §3.2.1: DualPipe hides all-to-all and PP communication; a claim, not a measurement
      overlapFraction: {
        value: 0.95,
        source:
          "DeepSeek-V3 technical report arXiv:2412.19437 §3.2.1 (DualPipe: communication fully hidden, claim)",
        uncertain: true,
        range: [0.8, 1],
      },
    },
    familyPriors: {
      "nvidia-hopper": {
        matmulFraction: {
          // DeepGEMM up to 1,550 of 1,979 FP8 TFLOPS on H800 (research/hardware.md §5.1, deepgemm)
          fp8: {
            value: 0.78,
            source: "research/hardware.md §5.1: DeepGEMM up to 1550 of 1979 TFLOPS FP8 on H800",
            uncertain: true,
          },
        },
      },
    },
    sources: [
      "DeepSeek-V3 technical report arXiv:2412.19437",
      "cases/train.json: deepseek-v3-pretrain-2048-h800",
    ],
    notes: ["Not public software; a stack only for DeepSeek's published runs."],
  }),
  defineStack({
    id: "llm-foundry",
    name: "MosaicML Composer + llm-foundry (PyTorch FSDP)",
    vendor: "Databricks",
    role: "train",
    runsOn: ["nvidia-hopper", "nvidia-ampere"],
    precisions: ["bf16"],
    collectiveLib: "nccl",
    priors: { overlapFraction: assumed(0.7, "FSDP FULL_SHARD with prefetch, not measured", [0.4, 0.95]) },
    sources: ["https://github.com/mosaicml/llm-foundry", "cases/train.json: llmfoundry-mpt* runs"],
    notes: [],
  }),
  defineStack({
    id: "vllm",
    name: "vLLM",
    vendor: "vLLM project",
    role: "serve",
    runsOn: NVIDIA,
    precisions: ["bf16", "fp16", "fp8", "int8", "fp4"],
    collectiveLib: "nccl",
    priors: {
      stepOverheadMs: assumed(
        3,
        "host work per step (scheduling, input preparation, output processing) with CUDA graphs for decode: measured ~4 ms of GPU idle a V0 decode step (vllm#6854), 5-6 ms between V1 decode steps at batch 256 (vllm#10634), output processing 0.2 ms at batch 1 and 3.4 ms at batch 32 (vllm#6913); hidden from v0.14 by async scheduling (serve/host-overlap.ts; docs/research/engine-host-time.md)",
        [1, 10],
      ),
    },
    sources: ["https://github.com/vllm-project/vllm"],
    notes: ["FP8 needs Hopper or Ada, FP4 needs Blackwell."],
  }),
  defineStack({
    id: "sglang",
    name: "SGLang",
    vendor: "SGLang project",
    role: "serve",
    runsOn: NVIDIA,
    precisions: ["bf16", "fp8", "int8", "fp4"],
    collectiveLib: "nccl",
    priors: {
      stepOverheadMs: assumed(
        2,
        "host work per step (scheduling, sampling): ~0.7 ms exposed at batch 1 on a 2 ms step with the overlap scheduler off (sglang PR #38131, inferred), +10 % throughput with it on (PR #1738); its overlap scheduler hides it behind the device's (serve/host-overlap.ts; docs/research/engine-host-time.md)",
        [0.5, 10],
      ),
      // lmsys.org 2025-05-05 (large-scale EP on 96 H100): two-batch overlap gains 27-35 % in prefill, i.e. it
      // hides 21-26 % of the un-overlapped step. With the serve model's EP32-over-IB all-to-all at ~2x compute,
      // that takes hiding 0.6-0.8 x compute (0.7: ~1.3x gain; 0.2 would give only 6-9 %).
      overlapFraction: {
        value: 0.7,
        source: "lmsys.org/blog/2025-05-05-large-scale-ep: two-batch overlap +27-35 % prefill throughput",
        uncertain: true,
        range: [0.6, 0.8],
      },
    },
    sources: [
      "https://github.com/sgl-project/sglang",
      "cases/serve.json: sglang-*, ant-h20-*, mooncake-* runs",
    ],
    notes: ["Its NPU port is the stack sglang-ascend."],
  }),
  defineStack({
    id: "tensorrt-llm",
    name: "TensorRT-LLM",
    vendor: "NVIDIA",
    role: "serve",
    runsOn: NVIDIA,
    precisions: ["bf16", "fp16", "fp8", "int8", "fp4"],
    collectiveLib: "nccl",
    priors: {
      stepOverheadMs: assumed(
        1,
        "host work per step (C++ runtime, CUDA graphs): ~0.58 ms a step still exposed with the overlap scheduler at concurrency 64 on B200 (TensorRT-LLM#13957), 45 ms a step at up to 1,536 requests a rank on GB200 (PR #10273: it grows with the batch); its overlap scheduler hides it behind the device's (serve/host-overlap.ts; docs/research/engine-host-time.md)",
        [0.3, 5],
      ),
    },
    sources: [
      "https://github.com/NVIDIA/TensorRT-LLM",
      "cases/serve.json: trtllm-* and MLPerf NVIDIA submissions",
    ],
    notes: [],
  }),
  defineStack({
    id: "rocm-vllm",
    name: "vLLM on ROCm",
    vendor: "AMD",
    role: "serve",
    runsOn: ["amd-cdna3", "amd-cdna4"],
    precisions: ["bf16", "fp16", "fp8"],
    collectiveLib: "rccl",
    priors: {
      stepOverheadMs: assumed(
        4,
        "vLLM host work per step on ROCm: no figure found (an MI300X decode trace with HIP graphs is ~99 % GPU-busy, TraceLens#728; docs/research/engine-host-time.md)",
        [1, 10],
      ),
      decodeHbmFraction: assumed(0.6, "no ROCm decode bandwidth measurement in the research", [0.4, 0.9]),
    },
    sources: ["https://github.com/ROCm/vllm", "cases/serve.json: mlperf41-mi300x* (vLLM ROCm, FP8)"],
    notes: [],
  }),
  defineStack({
    id: "vllm-ascend",
    name: "vLLM-Ascend (vLLM on torch_npu, CANN)",
    vendor: "vLLM project / Huawei",
    role: "serve",
    // A5 is the Ascend 950 (soc_version 260: vllm_ascend/utils.py get_ascend_device_type; its own MoE
    // communication branch in vllm_ascend/ascend_forward_context.py select_moe_comm_method; vllm-ascend issues
    // labelled "a5", e.g. #9354). Its efficiency is the Ascend family's until a 950 case is fitted.
    runsOn: [...ASCEND, "ascend-950"],
    precisions: ["bf16", "fp16", "int8"],
    collectiveLib: "hccl",
    priors: {
      stepOverheadMs: assumed(
        5,
        "host work per step on NPU, mostly operator dispatch (attention launched op by op in piecewise ACLGraph, vllm-ascend#3683): TPOT 16.75 ms piecewise vs 12.81 ms with a full decode graph, ~3.9 ms a step (vllm-ascend PR #4526, Qwen3-32B on 910B3 at batch 1, inferred); 591 of 832 us a decoder block idle (vllm-ascend#9404; docs/research/engine-host-time.md)",
        [1, 20],
      ),
      decodeHbmFraction: assumed(0.6, "no NPU decode bandwidth measurement in the research", [0.4, 0.9]),
    },
    sources: [
      "https://github.com/vllm-project/vllm-ascend",
      "research/hardware.md §5.5: supports Atlas A2 and A3, not Ascend 910 / 910 Pro B (vllm-ascend-faq)",
      "vllm-project/vllm-ascend vllm_ascend/utils.py (soc_version 260: AscendDeviceType.A5, the Ascend 950) and vllm_ascend/ascend_forward_context.py (A5's MoE communication); issues labelled a5 (#9354)",
    ],
    notes: ["Per-model support is marked supported / experimental / untested (vllm-ascend-models)."],
  }),
  defineStack({
    id: "sglang-ascend",
    name: "SGLang on Ascend (torch_npu, CANN; --attention-backend ascend)",
    vendor: "SGLang project / Huawei",
    role: "serve",
    runsOn: ASCEND,
    precisions: ["bf16", "int8"],
    collectiveLib: "hccl",
    priors: {
      stepOverheadMs: assumed(
        3,
        "graph-captured decode on NPU (the best-practice commands capture graphs), not measured",
        [1, 20],
      ),
      decodeHbmFraction: assumed(0.6, "no NPU decode bandwidth measurement in the research", [0.4, 0.9]),
    },
    sources: [
      "https://github.com/sgl-project/sglang (docs/platforms/ascend_npu_best_practice.md: DeepSeek-R1 and Qwen3 on Atlas 800I A2/A3)",
    ],
    notes: ["NPU port of SGLang; misses fused MoE ops on 910B (research/hardware.md §5.5, sglang#12545)."],
  }),
  defineStack({
    id: "mindie",
    name: "MindIE (Huawei inference engine, CANN)",
    vendor: "Huawei",
    role: "serve",
    runsOn: ASCEND,
    precisions: ["bf16", "fp16", "int8"],
    collectiveLib: "hccl",
    priors: {
      stepOverheadMs: assumed(
        3,
        "host work per step at small batch (assumption): without async scheduling MindIE exposed 30-60 ms a step at 300 concurrent requests (pure-model decode 36 ms, serving 66-95 ms; hiascend MindStudio case toolsample6_111, inferred), so it grows with the batch (docs/research/engine-host-time.md)",
        [1, 20],
      ),
      decodeHbmFraction: assumed(0.6, "no NPU decode bandwidth measurement in the research", [0.4, 0.9]),
    },
    sources: [
      "https://www.hiascend.com/software/mindie",
      "research/hardware.md §5.5: PD-disaggregated DeepSeek deployments on Atlas 800I A2 (mindie-pd)",
    ],
    notes: [],
  }),
  defineStack({
    id: "deepseek-infer",
    inHouse: true,
    name: "DeepSeek in-house inference system (DeepEP, DeepGEMM, FlashMLA)",
    vendor: "DeepSeek",
    role: "serve",
    runsOn: ["nvidia-hopper"],
    precisions: ["fp8", "bf16"],
    collectiveLib: "nccl",
    priors: { stepOverheadMs: assumed(2, "not measured", [0.5, 10]) },
    sources: ["https://github.com/deepseek-ai/open-infra-index", "cases/serve.json: ds-prod-h800-*"],
    notes: ["Not public software; a stack only for DeepSeek's published serving figures."],
  }),
  defineStack({
    id: "cloudmatrix-infer",
    inHouse: true,
    name: "CloudMatrix-Infer (Huawei, CANN, on CloudMatrix 384)",
    vendor: "Huawei",
    role: "serve",
    runsOn: ["ascend-910c"],
    precisions: ["int8", "bf16"],
    collectiveLib: "hccl",
    priors: {
      stepOverheadMs: assumed(3, "not measured", [1, 20]),
      decodeHbmFraction: assumed(0.6, "no NPU decode bandwidth measurement in the research", [0.4, 0.9]),
    },
    sources: [
      "CloudMatrix384 paper (Huawei), research/hardware.md §5.4 and source cm384-paper",
      "cases/serve.json: cm384-prefill, cm384-decode-50ms",
    ],
    notes: ["INT8 because the 910C has no FP8 (research/hardware.md §3)."],
  }),
];

/**
 * The built-in software stacks, training ones first. Each carries its priors and sources.
 * @example builtinStacks().map((s) => s.id) // ["megatron", "torchtitan", ...]
 */
export function builtinStacks(): readonly Stack[] {
  return STACKS;
}
