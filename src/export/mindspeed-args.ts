import { FleetcastError } from "../errors.ts";
import type { Plan } from "../train/plan.ts";
import { modelShapeArgs, notDerivedAdvisory, parallelAndBatchArgs, recomputeArgs } from "./_train-args.ts";
import type { ExportAdvisory } from "./export-advisory.ts";
import { scheduleAdvisory } from "./schedule-advisory.ts";
import { assembleTrainLaunch, type TrainLaunch } from "./train-launch.ts";
import { resolveTrainLayout, type TrainLaunchJob, type TrainLayout } from "./train-launch-job.ts";

// MindSpeed-LLM's own flags are read from Ascend/MindSpeed-LLM mindspeed_llm/training/arguments.py
// @ 501538c609cbb916720154e72ab57c6cbae0e6aa; how they combine, from its DeepSeek-V3 pre-training example
// examples/mcore/deepseek3/pretrain_deepseek3_671b_4k_ptd.sh @ 6209b298bafa9b3298ccd59e1236b31ac403da2f
// (the "DeepSeek-V3 example" below). Megatron-named flags are those its parser inherits from Megatron-LM.

/** MindSpeed-LLM's GPT entry point (repository root). */
export const MINDSPEED_SCRIPT = "pretrain_gpt.py";

/**
 * MindSpeed-LLM (Ascend) `pretrain_gpt.py` arguments: the Megatron-LM flags plus MindSpeed's Megatron-Core switch,
 * fused NPU kernels, flash attention, DualPipeV, DeepSeek-style MoE layering and no-op padding layers.
 * @throws FleetcastError "Cannot export fp8 for Ascend: …" for FP8, and when the plan does not fit the job.
 */
export function mindspeedArgs(job: TrainLaunchJob, plan: Plan): string[] {
  return buildMindSpeed(job, plan, resolveTrainLayout(job, plan)).args;
}

/** mindspeedArgs plus the torchrun line, the Ascend environment, node geometry and advisories. */
export function mindspeedLaunch(job: TrainLaunchJob, plan: Plan): TrainLaunch {
  const layout = resolveTrainLayout(job, plan);
  return assembleTrainLaunch("mindspeed", MINDSPEED_SCRIPT, job, layout, buildMindSpeed(job, plan, layout));
}

// --- internal ---

function buildMindSpeed(job: TrainLaunchJob, plan: Plan, layout: TrainLayout) {
  const arch = job.arch;
  if (job.precision === "fp8") {
    throw new FleetcastError(
      `Cannot export fp8 for Ascend: MindSpeed-LLM trains ${job.chip.id} in bf16 or fp16 (the 910B/910C cube units have no FP8); use bf16`,
      "precision",
    );
  }
  const advisories: ExportAdvisory[] = [];
  if (!job.chip.family.startsWith("ascend")) {
    advisories.push({
      code: "engine-vendor-mismatch",
      message: `MindSpeed-LLM targets Ascend NPUs; ${job.chip.id} is not one`,
      hint: "export with megatron for NVIDIA or AMD GPUs",
    });
  }

  // "--use-mcore-models: Use Megatron-Core models" (MindSpeed-LLM's default-model switch; every example sets it).
  const args = ["--use-mcore-models", ...parallelAndBatchArgs(job, plan, layout)];
  if (plan.cp > 1) {
    // Megatron's context parallelism is ring attention; MindSpeed-LLM's default is Ulysses, so the plan's ring CP is
    // --context-parallel-algo megatron_cp_algo, which needs seq_length divisible by 2·cp (_validate_cp_args).
    if (job.seqLen % (2 * plan.cp) !== 0) {
      throw new FleetcastError(
        `Cannot export plan for MindSpeed-LLM: seq_len ${job.seqLen} is not divisible by 2·cp = ${2 * plan.cp}`,
        "seq_len",
      );
    }
    args.push("--context-parallel-algo", "megatron_cp_algo");
  }

  const { numLayers, pipeline } = pipelineArgs(arch.numLayers, plan, advisories);
  args.push(...pipeline);
  args.push(...modelShapeArgs(arch, numLayers, advisories));
  args.push(...moeArgs(job, plan));
  args.push(...recomputeArgs(plan));

  if (plan.zero >= 1)
    args.push("--use-distributed-optimizer", "--overlap-grad-reduce", "--overlap-param-gather");
  else args.push("--overlap-grad-reduce");
  if (plan.zero >= 2) {
    advisories.push({
      code: "zero-downgraded",
      message: `ZeRO-${plan.zero} has no MindSpeed-LLM flag in the documented set`,
      hint: "exported as the distributed optimizer (ZeRO-1); expect more memory per rank than the plan assumed",
    });
  }

  args.push(job.precision === "fp16" ? "--fp16" : "--bf16");
  // Fused NPU kernels and flash attention, as every MindSpeed-LLM example sets them (DeepSeek-V3 example).
  args.push("--use-flash-attn");
  if (arch.norm === "rmsnorm") args.push("--use-fused-rmsnorm");
  if (arch.mlp === "gated") args.push("--use-fused-swiglu");
  if (arch.learnedPositions === 0) args.push("--use-fused-rotary-pos-emb");

  // every schedule of a plan has a MindSpeed-LLM flag today (DualPipe as DualPipeV); one without would be said here
  const schedule = scheduleAdvisory("mindspeed", plan);
  if (schedule !== null) advisories.push(schedule);
  advisories.push(notDerivedAdvisory(arch));
  // The DeepSeek-V3 example's environment: one CUDA-stream connection (Megatron's ordering requirement, kept by
  // torch_npu), the expandable-segments allocator, a long HCCL connect timeout for large jobs, task-queue level 2 and
  // CPU affinity.
  const env: Record<string, string> = {
    CUDA_DEVICE_MAX_CONNECTIONS: "1",
    PYTORCH_NPU_ALLOC_CONF: "expandable_segments:True",
    HCCL_CONNECT_TIMEOUT: "3600",
    TASK_QUEUE_ENABLE: "2",
    CPU_AFFINITY_CONF: "1",
  };
  return { args, env, advisories };
}

/**
 * DualPipeV (--schedules-method dualpipev) splits the layers into 2·pp chunks; interleaving splits them into
 * pp·vpp (--num-layers-per-virtual-pipeline-stage). When the layers do not divide, MindSpeed-LLM pads with identity
 * layers: the DeepSeek-V3 example runs its 61 layers as --num-layers 64 --noop-layers 61,62,63 (0-based indices).
 */
function pipelineArgs(realLayers: number, plan: Plan, advisories: ExportAdvisory[]) {
  const pipeline: string[] = [];
  let chunks = plan.pp;
  const dualpipe = plan.schedule === "dualpipe" && plan.pp > 1;
  if (dualpipe) {
    chunks = 2 * plan.pp;
    pipeline.push("--schedules-method", "dualpipev");
    if (plan.vpp > 1) {
      advisories.push({
        code: "vpp-dropped",
        message: `vpp=${plan.vpp} does not combine with DualPipeV ("The dualpipev and virtual_pipeline are incompatible")`,
        hint: "virtual stages dropped; DualPipeV already runs two chunks per rank",
      });
    }
  } else if (plan.vpp > 1 && plan.pp > 1) {
    chunks = plan.pp * plan.vpp;
  }
  if (realLayers < chunks) {
    throw new FleetcastError(
      `Cannot export plan for MindSpeed-LLM: ${realLayers} layers cannot fill ${chunks} pipeline chunks`,
      "plan.pp",
    );
  }
  const numLayers = Math.ceil(realLayers / chunks) * chunks;
  if (numLayers > realLayers) {
    const noop = Array.from({ length: numLayers - realLayers }, (_, i) => realLayers + i);
    pipeline.push("--noop-layers", noop.join(","));
    advisories.push({
      code: "noop-layers",
      message: `${realLayers} layers do not divide into ${chunks} pipeline chunks; padded to ${numLayers} with identity layers`,
      hint: "the padding layers carry no weights; convert checkpoints with the same --noop-layers",
    });
  }
  if (!dualpipe && plan.vpp > 1 && plan.pp > 1) {
    pipeline.push("--num-layers-per-virtual-pipeline-stage", String(numLayers / chunks));
  }
  return { numLayers, pipeline };
}

/** DeepSeek-style MoE layering as MindSpeed-LLM spells it (_add_deepseek_moe_args; the DeepSeek-V3 example). */
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
  const dense = job.arch.numLayers - moe.moeLayerCount;
  if (dense > 0) {
    // "--first-k-dense-replace: Set first k layer as dense layer" with "--moe-layer-freq 1" after them.
    args.push("--first-k-dense-replace", String(dense), "--moe-layer-freq", "1");
  }
  if (moe.sharedIntermediateSize > 0) {
    const n = moe.sharedIntermediateSize / moe.expertIntermediateSize;
    // "--n-shared-experts … equal to the intermediate_size of the shared experts divided by the moe_intermediate_size".
    if (Number.isInteger(n)) args.push("--n-shared-experts", String(n));
    else args.push("--moe-shared-expert-intermediate-size", String(moe.sharedIntermediateSize));
  }
  if (plan.ep > 1) args.push("--moe-token-dispatcher-type", "alltoall");
  if (moe.numExperts / plan.ep > 1) args.push("--moe-grouped-gemm");
  return args;
}
