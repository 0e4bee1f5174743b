import { FleetcastError } from "../errors.ts";
import type { Plan } from "../train/plan.ts";
import { modelShapeArgs, notDerivedAdvisory, parallelAndBatchArgs, recomputeArgs } from "./_train-args.ts";
import type { ExportAdvisory } from "./export-advisory.ts";
import { pipelineLayout } from "./pipeline-layout.ts";
import { scheduleAdvisory } from "./schedule-advisory.ts";
import { assembleTrainLaunch, type TrainLaunch } from "./train-launch.ts";
import { resolveTrainLayout, type TrainLaunchJob, type TrainLayout } from "./train-launch-job.ts";

// Every flag below is a documented argument of NVIDIA/Megatron-LM megatron/training/arguments.py
// @ 000c4ac24f61159c138b0975def722c65245983c (listed with that source in data/known-flags.json).

/** Megatron-LM's GPT entry point. */
export const MEGATRON_SCRIPT = "pretrain_gpt.py";

/**
 * Megatron-LM `pretrain_gpt.py` arguments for a plan: parallel degrees, virtual stages or an uneven first/last
 * stage, batch, model shape (GQA or MLA, MoE), recomputation, optimizer sharding, precision and overlap flags.
 * Data, tokenizer and learning-rate flags are left to the user (an advisory says so).
 * @throws FleetcastError when the plan does not fit the job or Megatron-LM cannot express it.
 */
export function megatronArgs(job: TrainLaunchJob, plan: Plan): string[] {
  return buildMegatron(job, plan, resolveTrainLayout(job, plan)).args;
}

/** megatronArgs plus the torchrun line, environment, node geometry and advisories. */
export function megatronLaunch(job: TrainLaunchJob, plan: Plan): TrainLaunch {
  const layout = resolveTrainLayout(job, plan);
  return assembleTrainLaunch("megatron", MEGATRON_SCRIPT, job, layout, buildMegatron(job, plan, layout));
}

// --- internal ---

function buildMegatron(job: TrainLaunchJob, plan: Plan, layout: TrainLayout) {
  const arch = job.arch;
  const advisories: ExportAdvisory[] = [];
  if (job.chip.family.startsWith("ascend")) {
    advisories.push({
      code: "engine-vendor-mismatch",
      message: `Megatron-LM targets CUDA; ${job.chip.id} is an Ascend NPU`,
      hint: "export with mindspeed (MindSpeed-LLM) for Ascend",
    });
  }
  const args = parallelAndBatchArgs(job, plan, layout);
  args.push(...pipelineArgs(arch.numLayers, plan, advisories));
  args.push(...modelShapeArgs(arch, arch.numLayers, advisories));
  args.push(...moeArgs(job, plan));
  args.push(...recomputeArgs(plan));

  const env: Record<string, string> = {};
  const fsdp = plan.zero >= 2;
  if (fsdp) {
    // Megatron-FSDP User Guide, "Required Configurations": these five flags; ZeRO-2 shards gradients and optimizer
    // states (optim_grads), ZeRO-3 also the weights (optim_grads_params), per --data-parallel-sharding-strategy.
    args.push(
      "--use-megatron-fsdp",
      "--data-parallel-sharding-strategy",
      plan.zero === 3 ? "optim_grads_params" : "optim_grads",
      "--no-gradient-accumulation-fusion",
      "--use-distributed-optimizer",
      "--ckpt-format",
      "fsdp_dtensor",
    );
  } else {
    if (plan.zero === 1) args.push("--use-distributed-optimizer");
    // the checkpoints the plan's failure model priced are asynchronous (planTraining's default; QA 40: the launch ran
    // Megatron-LM's synchronous default, which its own advisory costs): _add_checkpointing_args' --async-save, which
    // "works only with torch_dist"
    args.push("--ckpt-format", "torch_dist", "--async-save");
    // Megatron-LM's example scripts export it (examples/gpt3/train_gpt3_175b_distributed.sh); the Megatron-FSDP
    // guide asks to unset it, hence only outside FSDP.
    env.CUDA_DEVICE_MAX_CONNECTIONS = "1";
  }
  // "--overlap-grad-reduce: overlap DDP grad reduce"; "--overlap-param-gather: overlap param all-gather in
  // distributed optimizer" (only meaningful when the optimizer is sharded).
  args.push("--overlap-grad-reduce");
  if (plan.zero >= 1) args.push("--overlap-param-gather");

  args.push(...precisionArgs(job));
  // "--attention-backend … (flash,fused,unfused,local,auto)"; `auto` as Megatron-LM's own example sets it
  // (examples/gpt3/train_gpt3_175b_distributed.sh): Transformer Engine picks flash or fused attention per shape,
  // which also covers MLA's unequal q/k (192) and v (128) head dims. The legacy --use-flash-attn is not needed.
  args.push("--attention-backend", "auto");

  // DualPipe: no schedule flag, so Megatron-LM runs 1F1B (withScheduleCost states what that costs)
  const schedule = scheduleAdvisory("megatron", plan);
  if (schedule !== null) advisories.push(schedule);
  advisories.push(notDerivedAdvisory(arch));
  return { args, env, advisories };
}

/** Virtual stages and uneven first/last stages (_add_distributed_args). */
function pipelineArgs(numLayers: number, plan: Plan, advisories: ExportAdvisory[]): string[] {
  if (plan.pp === 1) {
    if (plan.vpp > 1) {
      advisories.push({
        code: "vpp-without-pp",
        message: `vpp=${plan.vpp} has no effect without pipeline parallelism`,
        hint: "virtual stages dropped",
      });
    }
    return [];
  }
  const virtual = plan.vpp > 1 && plan.schedule !== "dualpipe";
  // Llama 3's layout (126 layers on PP 16 x VPP 8): the input embedding and the loss each take a layer's place, so
  // every virtual stage holds the same count (Megatron-LM _add_distributed_args: --account-for-embedding-in-pipeline-split
  // "will be treated as a standard transformer layer in the context of partition and placement for pipeline
  // parallelism", and its loss twin). QA 40: train plan recommended it and the export refused the 7-layer first stage.
  if (virtual && numLayers % (plan.pp * plan.vpp) !== 0 && (numLayers + 2) % (plan.pp * plan.vpp) === 0) {
    return [
      "--account-for-embedding-in-pipeline-split",
      "--account-for-loss-in-pipeline-split",
      "--num-virtual-stages-per-pipeline-rank",
      String(plan.vpp),
    ];
  }
  const layout = pipelineLayout(numLayers, plan.pp);
  const args: string[] = [];
  if (!layout.even) {
    args.push(
      "--decoder-first-pipeline-num-layers",
      String(layout.first),
      "--decoder-last-pipeline-num-layers",
      String(layout.last),
    );
  }
  if (virtual) {
    for (const [stage, n] of [
      ["first", layout.first],
      ["middle", layout.middle],
      ["last", layout.last],
    ] as const) {
      if (n % plan.vpp !== 0 && !(stage === "middle" && plan.pp === 2)) {
        throw new FleetcastError(
          `Cannot export plan for Megatron-LM: the ${stage} pipeline stage holds ${n} layers, not a multiple of vpp=${plan.vpp}`,
          "plan.vpp",
        );
      }
    }
    // "--num-virtual-stages-per-pipeline-rank: Number of virtual pipeline stages per pipeline parallelism rank" —
    // the current argument (it coexists with --num-layers-per-virtual-pipeline-stage; validate_args accepts one).
    args.push("--num-virtual-stages-per-pipeline-rank", String(plan.vpp));
  }
  return args;
}

/** Routed and shared experts, which layers are MoE, dispatcher and grouped GEMM (_add_moe_args). */
function moeArgs(job: TrainLaunchJob, plan: Plan): string[] {
  const moe = job.arch.moe;
  if (!moe) return [];
  const args = [
    "--num-experts",
    String(moe.numExperts),
    "--moe-router-topk",
    String(moe.topK),
    "--moe-ffn-hidden-size",
    String(moe.expertIntermediateSize),
  ];
  if (moe.sharedIntermediateSize > 0) {
    args.push("--moe-shared-expert-intermediate-size", String(moe.sharedIntermediateSize));
  }
  const dense = job.arch.numLayers - moe.moeLayerCount;
  if (dense > 0) {
    // "--moe-layer-freq … a Python list expression … '([0]+[1]*23)': 1 dense layer followed by 23 experts layers".
    // The dense layers are taken to come first (DeepSeek's first_k_dense_replace; arch/model-arch.ts keeps a count).
    args.push("--moe-layer-freq", `([0]*${dense}+[1]*${moe.moeLayerCount})`);
  }
  // "We recommend using 'alltoall' when applying expert parallelism" (--moe-token-dispatcher-type help).
  if (plan.ep > 1) args.push("--moe-token-dispatcher-type", "alltoall");
  // "--moe-grouped-gemm: When there are multiple experts per rank, launch multiple local GEMM kernels…".
  if (moe.numExperts / plan.ep > 1) args.push("--moe-grouped-gemm");
  return args;
}

/** --bf16 / --fp16, and FP8 through Transformer Engine (_add_mixed_precision_args, _add_transformer_engine_args). */
function precisionArgs(job: TrainLaunchJob): string[] {
  if (job.precision === "fp16") return ["--fp16"];
  if (job.precision === "bf16") return ["--bf16"];
  if (job.chip.vendor.toLowerCase() === "huawei") {
    throw new FleetcastError(
      `Cannot export fp8 for Ascend: ${job.chip.id} has no FP8 matrix units in MindSpeed-LLM/CANN; use bf16`,
      "precision",
    );
  }
  // "--fp8-format hybrid": E4M3 forward, E5M2 gradients (Micikevicius et al. 2022, arXiv 2209.05433). Blackwell's
  // native block-scaled format is MXFP8 (--fp8-recipe mxfp8); Hopper keeps the default delayed-scaling recipe.
  const args = ["--bf16", "--fp8-format", "hybrid"];
  if (job.chip.family === "nvidia-blackwell") args.push("--fp8-recipe", "mxfp8");
  return args;
}
