import type { ModelArch } from "../arch/index.ts";
import type { Plan } from "../train/plan.ts";
import type { ExportAdvisory } from "./export-advisory.ts";
import type { TrainLaunchJob, TrainLayout } from "./train-launch-job.ts";

// Flag meanings below are those of NVIDIA/Megatron-LM megatron/training/arguments.py
// @ 000c4ac24f61159c138b0975def722c65245983c, which MindSpeed-LLM's parser inherits.

/** --tensor/pipeline/context/expert-model-parallel-size and the batch in sequences. */
export function parallelAndBatchArgs(job: TrainLaunchJob, plan: Plan, layout: TrainLayout): string[] {
  const args = [
    "--tensor-model-parallel-size",
    String(plan.tp),
    "--pipeline-model-parallel-size",
    String(plan.pp),
    "--context-parallel-size",
    String(plan.cp),
  ];
  if (job.arch.moe) {
    args.push("--expert-model-parallel-size", String(plan.ep));
    // Experts are not tensor-split (train/plan.ts: expert_tensor_parallel_size = 1, as DeepSeek-V3 recipes set).
    if (plan.tp > 1) args.push("--expert-tensor-parallel-size", "1");
  }
  // "--sequence-parallel: Enable sequence parallel optimization"; it only acts with tensor parallelism
  // (Korthikanti et al. 2022, §4.2.2), so it is left out at tp = 1.
  if (plan.sequenceParallel && plan.tp > 1) args.push("--sequence-parallel");
  args.push(
    "--micro-batch-size",
    String(plan.microBatch),
    // "--global-batch-size: Training batch size … a multiple of micro-batch-size times data-parallel-size" (samples).
    "--global-batch-size",
    String(layout.globalBatchSeqs),
    "--seq-length",
    String(job.seqLen),
    // Must be at least the sequence length for learned positions; RoPE models keep the config's value.
    "--max-position-embeddings",
    String(Math.max(job.arch.maxPositionEmbeddings ?? job.seqLen, job.seqLen)),
  );
  return args;
}

/** Hidden size, heads, MLP width, attention kind (GQA or MLA), norm, activation, biases, embeddings. */
export function modelShapeArgs(arch: ModelArch, numLayers: number, advisories: ExportAdvisory[]): string[] {
  const args = [
    "--num-layers",
    String(numLayers),
    "--hidden-size",
    String(arch.hiddenSize),
    "--ffn-hidden-size",
    String(arch.intermediateSize),
    "--num-attention-heads",
    String(arch.numHeads),
  ];
  if (arch.mla) {
    // DeepSeek-V2 MLA (arXiv 2405.04434 §2.1): q/kv low-rank compressions, a no-RoPE and a RoPE part of each
    // query/key head, and a value head dim; Megatron names them --q-lora-rank, --kv-lora-rank, --qk-head-dim,
    // --qk-pos-emb-head-dim, --v-head-dim (_add_mla_args).
    args.push("--multi-latent-attention");
    if (arch.mla.qLoraRank !== null) args.push("--q-lora-rank", String(arch.mla.qLoraRank));
    args.push(
      "--kv-lora-rank",
      String(arch.mla.kvLoraRank),
      "--qk-head-dim",
      String(arch.mla.qkNopeHeadDim),
      "--qk-pos-emb-head-dim",
      String(arch.mla.qkRopeHeadDim),
      "--v-head-dim",
      String(arch.mla.vHeadDim),
    );
  } else {
    // "--kv-channels … set to hidden_size // num_attention_heads if not provided": needed when the head dim differs.
    if (arch.headDim * arch.numHeads !== arch.hiddenSize) args.push("--kv-channels", String(arch.headDim));
    if (arch.numKvHeads < arch.numHeads) {
      args.push("--group-query-attention", "--num-query-groups", String(arch.numKvHeads));
    }
  }
  args.push("--position-embedding-type", arch.learnedPositions > 0 ? "learned_absolute" : "rope");
  args.push("--normalization", arch.norm === "rmsnorm" ? "RMSNorm" : "LayerNorm");
  // "--swiglu: Use gated linear units and SiLU activation"; fleetcast's `gated` MLPs are SwiGLU-style.
  if (arch.mlp === "gated") args.push("--swiglu");
  if (!arch.mlpBias) {
    args.push("--disable-bias-linear");
    // "--add-qkv-bias: Enable bias only in the QKV linear layers" (Qwen2-style).
    if (arch.attentionBias) args.push("--add-qkv-bias");
  }
  if (!arch.tieEmbeddings) args.push("--untie-embeddings-and-output-weights");
  if (arch.mtpLayers > 0) args.push("--mtp-num-layers", String(arch.mtpLayers));
  if ((arch.linearAttention?.layers ?? 0) > 0) {
    advisories.push({
      code: "linear-attention-not-exported",
      message: `${arch.linearAttention?.layers} of ${arch.numLayers} layers are linear attention (Gated DeltaNet)`,
      hint: "add the framework's linear-attention and attention-output-gate flags by hand; the export writes every layer as softmax attention",
    });
  }
  if (arch.slidingWindowLayers > 0) {
    advisories.push({
      code: "sliding-window-not-exported",
      message: `${arch.slidingWindowLayers} of ${arch.numLayers} layers use a ${arch.slidingWindow}-token sliding window`,
      hint: "add the engine's window (or chunked) attention flags by hand; the export sets full causal attention",
    });
  }
  return args;
}

/** --recompute-granularity / --recompute-method / --recompute-num-layers from the plan's recompute mode. */
export function recomputeArgs(plan: Plan): string[] {
  if (plan.recompute === "selective") return ["--recompute-granularity", "selective"];
  if (plan.recompute === "full") {
    // "uniform: uniformly divide the total number of Transformer layers and recompute the input activation of each
    // divided chunk"; one layer per chunk = every layer recomputed (Korthikanti et al. 2022, full recomputation).
    return [
      "--recompute-granularity",
      "full",
      "--recompute-method",
      "uniform",
      "--recompute-num-layers",
      "1",
    ];
  }
  return [];
}

/** Advisories every export carries: what the architecture record cannot say. */
export function notDerivedAdvisory(arch: ModelArch): ExportAdvisory {
  const moe = arch.moe ? ", router scoring and load balancing" : "";
  return {
    code: "add-data-and-recipe",
    message: `tokenizer, data, learning-rate schedule, rotary base/scaling${moe} are not part of the exported plan`,
    hint: "append --data-path, --tokenizer-*, --lr, --train-iters, --save / --load with --save-interval (the plan's checkpoint interval in steps) and the model card's RoPE/router flags",
  };
}
